//! The invoice and the receipt on paper: the clinic's letterhead with its registration details, who is billed, each
//! line with its tax, the totals, every payment with its method and the cashier, and the balance. Amounts are
//! written with the currency's own minor digits; everything comes from the same [`Invoice`] the screen shows.

use rusqlite::{Connection, OptionalExtension};
use serde::Deserialize;
use ts_rs::TS;

use super::arithmetic::DiscountValue;
use super::cashup::method_words;
use super::invoice::{self, Invoice, InvoiceRequest, LineSource, percent_words};
use super::{InvoiceStatus, PayerKind, PaymentKind};
use crate::catalog::Ctx;
use crate::documents::{self, Document};
use crate::money::Currency;
use crate::{Error, Result, clinic};
use fovea_print::{BillDocument, BillKind, BillLine, BillPayment};

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PrintBillRequest {
    /// The invoice's id, or its number as printed (C1-2026-000123).
    pub invoice: String,
}

/// The invoice's id for an id or a printed number.
fn resolve(conn: &Connection, invoice: &str) -> Result<String> {
    let key = invoice.trim();
    conn.query_row(
        "SELECT id FROM invoices WHERE id = ?1 OR number = ?1 LIMIT 1",
        [key],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| Error::not_found(format!("No invoice {key}.")))
}

fn user_name(conn: &Connection, id: &str) -> Result<String> {
    Ok(conn
        .query_row("SELECT full_name FROM users WHERE id = ?1", [id], |r| {
            r.get::<_, String>(0)
        })
        .optional()?
        .unwrap_or_else(|| id.to_string()))
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Lays the invoice out as a bill of `kind`.
fn bill(cx: &Ctx<'_>, inv: &Invoice, kind: BillKind) -> Result<BillDocument> {
    cx.read(|conn| {
        let (clinic, paper) = documents::letterhead(conn)?;
        let locale = clinic::locale(conn, cx.now())?;
        let tz = clinic::time_zone(conn)?;
        let cur = Currency::of(&inv.currency);
        let day = |at: &str| {
            chrono::DateTime::parse_from_rfc3339(at)
                .map(|t| locale.date_format.format(t.with_timezone(&tz).date_naive()))
                .unwrap_or_else(|_| at.to_string())
        };
        let mut details = vec![
            ("Patient".to_string(), inv.patient_name.clone()),
            ("MRN".to_string(), inv.patient_mrn.clone()),
        ];
        if inv.payer_kind == PayerKind::Payer {
            details.push((
                "Billed to".to_string(),
                inv.payer_name.clone().unwrap_or_default(),
            ));
            if let Some(r) = &inv.payer_reference {
                details.push(("Policy or reference".to_string(), r.clone()));
            }
        }
        if let Some(at) = &inv.issued_at {
            details.push(("Date issued".to_string(), day(at)));
        }
        if let Some(by) = &inv.issued_by {
            details.push(("Issued by".to_string(), user_name(conn, by)?));
        }
        if kind == BillKind::Receipt {
            details.push((
                "Printed".to_string(),
                locale.date_format.format(locale.today),
            ));
        }
        let lines = inv
            .lines
            .iter()
            .map(|l| {
                let mut detail = Vec::new();
                if let LineSource::Medicine { lot: Some(lot), .. } = &l.source {
                    detail.push(format!("Lot {lot}"));
                }
                if let Some(d) = &l.discount {
                    let how = match d.value {
                        DiscountValue::PercentBp(bp) => {
                            format!("{} off", percent_words(u32::try_from(bp).unwrap_or(0)))
                        }
                        DiscountValue::AmountMinor(_) => "Discount".to_string(),
                    };
                    detail.push(format!("{how}: {}", d.reason));
                }
                if let Some(f) = &l.free_reason {
                    detail.push(f.clone());
                }
                BillLine {
                    description: l.description.clone(),
                    detail: (!detail.is_empty()).then(|| detail.join("; ")),
                    quantity: l.quantity.to_string(),
                    unit_price: cur.grouped(l.unit_price_minor),
                    discount: if l.amounts.discount_minor > 0 {
                        format!("-{}", cur.grouped(l.amounts.discount_minor))
                    } else {
                        String::new()
                    },
                    tax_rate: percent_words(u32::try_from(l.tax_rate_bp).unwrap_or(0))
                        .replace(' ', ""),
                    amount: cur.grouped(l.amounts.net_minor + l.amounts.tax_minor),
                }
            })
            .collect();
        let t = inv.totals;
        let mut totals = Vec::new();
        if t.discount_minor > 0 {
            totals.push(("Before discount".to_string(), cur.grouped(t.gross_minor)));
            totals.push((
                "Discount".to_string(),
                format!("-{}", cur.grouped(t.discount_minor)),
            ));
        }
        totals.push(("Subtotal".to_string(), cur.grouped(t.subtotal_minor)));
        totals.push(("Tax".to_string(), cur.grouped(t.tax_minor)));
        totals.push(("Total".to_string(), cur.grouped(t.total_minor)));
        totals.push(("Paid".to_string(), cur.grouped(inv.paid_minor)));
        let payments = inv
            .payments
            .iter()
            .map(|p| {
                let mut how = capital(method_words(p.method));
                if let (Some(t), Some(c)) = (p.tendered_minor, p.change_minor) {
                    how.push_str(&format!(
                        " (handed {}, change {})",
                        cur.grouped(t),
                        cur.grouped(c)
                    ));
                }
                if let Some(r) = &p.reference {
                    how.push_str(&format!(", ref. {r}"));
                }
                if p.credit_kept_minor > 0 {
                    how.push_str(&format!(
                        "; {} kept as credit",
                        cur.grouped(p.credit_kept_minor)
                    ));
                }
                let amount = match p.kind {
                    PaymentKind::Payment => cur.grouped(p.amount_minor),
                    PaymentKind::Refund => {
                        how = format!(
                            "Refund by {}{}",
                            method_words(p.method),
                            p.reason
                                .as_deref()
                                .map(|r| format!(": {r}"))
                                .unwrap_or_default()
                        );
                        format!("-{}", cur.grouped(p.amount_minor))
                    }
                };
                BillPayment {
                    date: day(&p.received_at),
                    method: how,
                    amount,
                    received_by: p.received_by_name.clone(),
                }
            })
            .collect();
        let balance = if inv.status == InvoiceStatus::Void {
            (
                "Nothing is owed on a void invoice".to_string(),
                String::new(),
            )
        } else if inv.balance_minor == 0 {
            ("Paid in full".to_string(), cur.words(inv.paid_minor))
        } else {
            ("Balance due".to_string(), cur.words(inv.balance_minor))
        };
        let mut note = inv.note.clone().unwrap_or_default();
        if inv.patient_credit_minor > 0 && inv.status != InvoiceStatus::Void {
            if !note.is_empty() {
                note.push('\n');
            }
            note.push_str(&format!(
                "Credit held for the patient: {}.",
                cur.words(inv.patient_credit_minor)
            ));
        }
        let number = inv.number.clone().unwrap_or_default();
        Ok(BillDocument {
            clinic,
            paper,
            kind,
            number: number.clone(),
            void_mark: (inv.status == InvoiceStatus::Void).then(|| {
                format!(
                    "VOID — {}",
                    inv.void_reason.as_deref().unwrap_or("no reason recorded")
                )
            }),
            details,
            currency_note: format!(
                "Amounts in {}, tax included in each line's amount.",
                cur.code
            ),
            lines,
            totals,
            payments,
            balance,
            note: (!note.is_empty()).then_some(note),
            footer: Some(match kind {
                BillKind::Invoice => format!("Invoice {number}"),
                BillKind::Receipt => format!("Receipt for invoice {number}"),
            }),
        })
    })
}

fn issued(cx: &Ctx<'_>, req: &PrintBillRequest) -> Result<Invoice> {
    let id = cx.read(|conn| resolve(conn, &req.invoice))?;
    let inv = invoice::get(cx, &InvoiceRequest { invoice_id: id })?;
    if inv.status == InvoiceStatus::Draft {
        return Err(Error::conflict(
            "A draft has no number yet; issue the invoice before printing it.",
        ));
    }
    Ok(inv)
}

fn save(cx: &Ctx<'_>, doc: &BillDocument, stem: &str) -> Result<Document> {
    let bytes = fovea_print::bill(doc).map_err(|e| Error::storage(e.to_string()))?;
    documents::save(cx.fovea, stem, &bytes)
}

/// The invoice as a PDF: refused for a draft, marked VOID across the page for a void one.
pub fn print_invoice(cx: &Ctx<'_>, req: &PrintBillRequest) -> Result<Document> {
    let inv = issued(cx, req)?;
    let doc = bill(cx, &inv, BillKind::Invoice)?;
    save(cx, &doc, &format!("invoice-{}", doc.number))
}

/// The receipt for what was paid on an invoice: refused while nothing has been paid.
pub fn print_receipt(cx: &Ctx<'_>, req: &PrintBillRequest) -> Result<Document> {
    let inv = issued(cx, req)?;
    if inv.payments.is_empty() {
        return Err(Error::conflict(
            "Nothing has been paid on this invoice yet, so there is no receipt to print.",
        ));
    }
    let doc = bill(cx, &inv, BillKind::Receipt)?;
    save(cx, &doc, &format!("receipt-{}", doc.number))
}
