//! Invoices and receipts. `fovea-core` formats every amount in the clinic's currency and writes the methods in
//! words; this file lays out the letterhead with the clinic's registration details, who is billed, the lines with
//! their tax, the totals, every payment and the balance, so the printed lines always add up to the printed total
//! (the core rounds per line before summing).

use serde::{Deserialize, Serialize};

use crate::fonts::FontStyle;
use crate::layout::{INK, Layout, MUTED, TableColumn, TableSpec};
use crate::{Align, ClinicHeader, Paper, PrintError};

/// Which paper this is: the invoice itself, or the receipt for what was paid on it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum BillKind {
    #[default]
    Invoice,
    Receipt,
}

/// One line of the invoice, every amount preformatted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BillLine {
    pub description: String,
    /// Printed small under the description: a lot number, a discount's reason, why the line is free.
    pub detail: Option<String>,
    pub quantity: String,
    pub unit_price: String,
    /// Empty when there is no discount.
    pub discount: String,
    /// "0%", "23%".
    pub tax_rate: String,
    /// The line's total with its tax.
    pub amount: String,
}

/// A payment or refund as printed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BillPayment {
    pub date: String,
    /// "Cash (handed 50.00, change 5.00)", "Card, ref. SLIP-1", "Refund by cash: wrong item".
    pub method: String,
    /// Negative for a refund ("-5.00").
    pub amount: String,
    pub received_by: String,
}

/// An invoice or a receipt, ready to print.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BillDocument {
    pub clinic: ClinicHeader,
    pub paper: Paper,
    pub kind: BillKind,
    /// "C1-2026-000123".
    pub number: String,
    /// Set when the invoice was voided: "VOID — entered twice". Printed across every page and under the title.
    pub void_mark: Option<String>,
    /// Label and value rows under the title: patient, MRN, billed to, dates, issued by.
    pub details: Vec<(String, String)>,
    /// "Amounts in EUR".
    pub currency_note: String,
    pub lines: Vec<BillLine>,
    /// Subtotal, discount, tax, total: label and amount.
    pub totals: Vec<(String, String)>,
    pub payments: Vec<BillPayment>,
    /// "Balance due" (or "Paid in full") and its amount, printed last and bold.
    pub balance: (String, String),
    pub note: Option<String>,
    /// Printed in the footer of every page.
    pub footer: Option<String>,
}

/// Renders an invoice or a receipt as PDF bytes.
pub fn bill(doc: &BillDocument) -> Result<Vec<u8>, PrintError> {
    let kind = match doc.kind {
        BillKind::Invoice => "Invoice",
        BillKind::Receipt => "Receipt",
    };
    let title = format!("{kind} {}", doc.number.trim());
    let mut page = Layout::new(doc.paper, title.trim())?;
    let s = page.scale;
    if let Some(v) = doc.void_mark.as_deref().filter(|v| !v.trim().is_empty()) {
        page.set_watermark(Some("VOID".to_owned()));
        page.clinic_header(&doc.clinic);
        page.paragraph(title.trim(), FontStyle::Bold, s.title, INK, 0.0);
        page.paragraph(v.trim(), FontStyle::Bold, s.body + 1.0, INK, 0.0);
    } else {
        page.clinic_header(&doc.clinic);
        page.paragraph(title.trim(), FontStyle::Bold, s.title, INK, 0.0);
    }
    page.set_running_head(Some(format!(
        "{} — {} (continued)",
        doc.clinic.name.trim(),
        title.trim()
    )));
    page.gap(s.body * 0.6);
    let rows: Vec<(&str, String)> = doc
        .details
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k.as_str(), v.trim().to_owned()))
        .collect();
    page.key_values(&rows, FontStyle::Bold);
    page.gap(s.body * 0.8);

    let col = |title: &str, weight, align| TableColumn {
        title: title.to_owned(),
        weight,
        align,
    };
    let lines = TableSpec {
        columns: vec![
            col("Description", 3.4, Align::Left),
            col("Qty", 0.6, Align::Right),
            col("Unit price", 1.1, Align::Right),
            col("Discount", 1.0, Align::Right),
            col("Tax", 0.6, Align::Right),
            col("Amount", 1.2, Align::Right),
        ],
        size: s.body - 0.5,
        grid: false,
        zebra: true,
        first_column_bold: false,
        empty_text: Some("No lines.".to_owned()),
    };
    let rows: Vec<Vec<String>> = doc
        .lines
        .iter()
        .map(|l| {
            let description = match l.detail.as_deref().filter(|d| !d.trim().is_empty()) {
                Some(d) => format!("{}\n{}", l.description.trim(), d.trim()),
                None => l.description.trim().to_owned(),
            };
            vec![
                description,
                l.quantity.clone(),
                l.unit_price.clone(),
                l.discount.clone(),
                l.tax_rate.clone(),
                l.amount.clone(),
            ]
        })
        .collect();
    page.table(&lines, &rows)?;
    page.gap(2.0);
    page.paragraph(&doc.currency_note, FontStyle::Regular, s.small, MUTED, 0.0);
    page.gap(s.body * 0.5);

    // The total is the line that matters: bold, with a rule above it.
    let total_at: Vec<usize> = doc
        .totals
        .iter()
        .position(|(k, _)| k == "Total")
        .into_iter()
        .collect();
    page.totals(&doc.totals, &total_at);

    if !doc.payments.is_empty() {
        page.gap(s.body * 0.8);
        page.ensure(s.body * 5.0);
        page.paragraph("Payments", FontStyle::Bold, s.body + 1.0, INK, 0.0);
        page.gap(2.0);
        let spec = TableSpec {
            columns: vec![
                col("Date", 1.1, Align::Left),
                col("Method", 3.3, Align::Left),
                col("Received by", 1.4, Align::Left),
                col("Amount", 1.0, Align::Right),
            ],
            size: s.body - 0.5,
            grid: false,
            zebra: true,
            first_column_bold: false,
            empty_text: None,
        };
        let rows: Vec<Vec<String>> = doc
            .payments
            .iter()
            .map(|p| {
                vec![
                    p.date.clone(),
                    p.method.clone(),
                    p.received_by.clone(),
                    p.amount.clone(),
                ]
            })
            .collect();
        page.table(&spec, &rows)?;
    }
    page.gap(s.body * 0.6);
    page.ensure(s.body * 2.0);
    let balance = format!("{}: {}", doc.balance.0.trim(), doc.balance.1.trim());
    page.paragraph(
        balance.trim_end_matches([':', ' ']),
        FontStyle::Bold,
        s.body + 2.0,
        INK,
        0.0,
    );
    if let Some(n) = doc.note.as_deref().filter(|n| !n.trim().is_empty()) {
        page.gap(s.body * 0.6);
        page.paragraph(n.trim(), FontStyle::Regular, s.body, INK, 0.0);
    }
    page.finish(doc.footer.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_bill_still_renders() {
        let pdf = bill(&BillDocument::default()).expect("renders");
        assert!(pdf.starts_with(b"%PDF"));
        let void = BillDocument {
            void_mark: Some("VOID — entered twice".into()),
            ..BillDocument::default()
        };
        assert!(bill(&void).expect("renders").starts_with(b"%PDF"));
    }
}
