//! The cash desk's reports on paper and for spreadsheets: the day report of a closed day, the takings (by day and
//! method, or by item), balances outstanding by age, the closed days of a period and a patient's statement, each as
//! a PDF table or a CSV file saved in the documents folder. The figures come from the same functions the screens
//! read, so paper, file and screen always agree.

use chrono::NaiveDate;
use serde::Deserialize;
use ts_rs::TS;

use super::cashup::{self, CashUp, CashUpRequest, CashUpsRequest, method_words};
use super::reports::{self, AgingRequest, PeriodRequest, StatementRequest};
use super::{PayerKind, PaymentMethod};
use crate::catalog::Ctx;
use crate::documents::{self, Document};
use crate::{Error, Result, clinic};
use fovea_print::{Align, Column, TableDocument};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ExportFormat {
    Pdf,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReportKind {
    /// Takings by day and method.
    Takings,
    /// What the period invoiced, by service and medicine.
    TakingsItems,
    /// Balances outstanding by age.
    Aging,
    /// The closed days of the period.
    CashUps,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ExportReportRequest {
    pub report: ReportKind,
    pub format: ExportFormat,
    /// ISO dates of the period (takings and closed days).
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    /// ISO date the ages are counted to (aging); today when none.
    #[serde(default)]
    pub as_of: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ExportStatementRequest {
    pub patient_id: String,
    pub format: ExportFormat,
}

/// A report as a table, before it becomes a PDF or a CSV file.
struct Sheet {
    title: String,
    subtitle: Option<String>,
    columns: Vec<Column>,
    rows: Vec<Vec<String>>,
    empty_text: String,
}

fn col(title: &str, width: f32, align: Align) -> Column {
    Column {
        title: title.into(),
        width,
        align,
    }
}

/// A spreadsheet takes a cell starting with `=`, `+`, `-` or `@` as a formula; text that does is quoted with an
/// apostrophe so a typed reason can never run as one. Numbers (a negative amount) are left alone.
fn csv_cell(s: &str) -> String {
    let risky = s.starts_with(['=', '+', '@', '\t', '\r'])
        || (s.starts_with('-') && s.parse::<f64>().is_err());
    if risky {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn csv_bytes(sheet: &Sheet) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| Error::storage(format!("Cannot write the CSV file: {e}"));
    w.write_record(sheet.columns.iter().map(|c| csv_cell(&c.title)))
        .map_err(fail)?;
    for row in &sheet.rows {
        w.write_record(row.iter().map(|c| csv_cell(c)))
            .map_err(fail)?;
    }
    w.into_inner()
        .map_err(|e| Error::storage(format!("Cannot write the CSV file: {e}")))
}

fn save(cx: &Ctx<'_>, sheet: Sheet, format: ExportFormat, stem: &str) -> Result<Document> {
    match format {
        ExportFormat::Csv => documents::save_as(cx.fovea, stem, "csv", &csv_bytes(&sheet)?),
        ExportFormat::Pdf => {
            let (clinic, paper, day) = cx.read(|conn| {
                let (clinic, paper) = documents::letterhead(conn)?;
                let locale = clinic::locale(conn, cx.now())?;
                Ok((clinic, paper, locale.date_format.format(locale.today)))
            })?;
            let doc = TableDocument {
                clinic,
                paper,
                footer_note: Some(format!("{}, printed {day}", sheet.title)),
                title: sheet.title,
                subtitle: sheet.subtitle,
                columns: sheet.columns,
                rows: sheet.rows,
                empty_text: sheet.empty_text,
            };
            let bytes = fovea_print::table(&doc).map_err(|e| Error::storage(e.to_string()))?;
            documents::save(cx.fovea, stem, &bytes)
        }
    }
}

fn day_words(cx: &Ctx<'_>, iso: &str) -> Result<String> {
    let f = cx.read(|conn| Ok(clinic::locale(conn, cx.now())?.date_format))?;
    Ok(iso
        .parse::<NaiveDate>()
        .map(|d| f.format(d))
        .unwrap_or_else(|_| iso.to_string()))
}

fn method_title(m: PaymentMethod) -> String {
    let w = method_words(m);
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn period_of(req: &ExportReportRequest) -> Result<PeriodRequest> {
    match (&req.from, &req.to) {
        (Some(from), Some(to)) => Ok(PeriodRequest {
            from: from.clone(),
            to: to.clone(),
        }),
        (None, _) => Err(Error::validation(
            "from",
            "Give the first day of the period.",
        )),
        (_, None) => Err(Error::validation("to", "Give the last day of the period.")),
    }
}

/// The day report of a closed day: per method expected, counted and the difference; notes and coins; the reason.
fn cash_up_sheet(cx: &Ctx<'_>, c: &CashUp) -> Result<Sheet> {
    let cur = cx.read(crate::money::clinic_currency)?;
    let mut rows: Vec<Vec<String>> = c
        .methods
        .iter()
        .map(|m| {
            vec![
                method_title(m.method),
                cur.plain(m.expected_minor),
                cur.plain(m.counted_minor),
                cur.plain(m.variance_minor),
            ]
        })
        .collect();
    rows.push(vec![
        "Total".into(),
        cur.plain(c.expected_minor),
        cur.plain(c.counted_minor),
        cur.plain(c.variance_minor),
    ]);
    if let Some(d) = &c.denominations {
        rows.push(vec![String::new(); 4]);
        rows.push(vec![
            "Cash counted by notes and coins".into(),
            String::new(),
            String::new(),
            String::new(),
        ]);
        for n in d {
            rows.push(vec![
                format!("{} × {}", cur.plain(n.value_minor), n.count),
                String::new(),
                cur.plain(n.value_minor * n.count),
                String::new(),
            ]);
        }
    }
    rows.push(vec![String::new(); 4]);
    rows.push(vec![
        format!(
            "Reason for the difference: {}",
            c.variance_reason.as_deref().unwrap_or("none needed")
        ),
        String::new(),
        String::new(),
        String::new(),
    ]);
    rows.push(vec![
        "Counted by (signature)".into(),
        String::new(),
        "Checked by".into(),
        String::new(),
    ]);
    Ok(Sheet {
        title: format!("Day report {}", c.number),
        subtitle: Some(format!(
            "{}, workstation {}, cashier {}; {} payments, {} refunds; amounts in {}",
            day_words(cx, &c.clinic_day)?,
            c.workstation,
            c.cashier_name,
            c.payments,
            c.refunds,
            c.currency
        )),
        columns: vec![
            col("Method", 2.4, Align::Left),
            col("Expected", 1.0, Align::Right),
            col("Counted", 1.0, Align::Right),
            col("Difference", 1.0, Align::Right),
        ],
        rows,
        empty_text: "Nothing was taken.".into(),
    })
}

/// The day report of a closed day as a PDF: the cashier's own, or anyone's with the reports permission.
pub fn print_cash_up(cx: &Ctx<'_>, req: &CashUpRequest) -> Result<Document> {
    let c = cashup::get(cx, req)?;
    let sheet = cash_up_sheet(cx, &c)?;
    save(
        cx,
        sheet,
        ExportFormat::Pdf,
        &format!("day-report-{}", c.number),
    )
}

/// One of the clinic's billing reports as a PDF or CSV file.
pub fn export_report(cx: &Ctx<'_>, req: &ExportReportRequest) -> Result<Document> {
    let cur = cx.read(crate::money::clinic_currency)?;
    match req.report {
        ReportKind::Takings | ReportKind::TakingsItems => {
            let p = period_of(req)?;
            let r = reports::takings(cx, &p)?;
            let span = format!("{} to {}", day_words(cx, &r.from)?, day_words(cx, &r.to)?);
            let stem = format!("takings-{}-{}", r.from, r.to);
            if req.report == ReportKind::Takings {
                let methods: Vec<PaymentMethod> = r.methods.iter().map(|m| m.method).collect();
                let mut columns = vec![col("Day", 1.3, Align::Left)];
                columns.extend(
                    methods
                        .iter()
                        .map(|m| col(&method_title(*m), 1.0, Align::Right)),
                );
                columns.push(col("Payments", 0.8, Align::Right));
                columns.push(col("Refunds", 0.8, Align::Right));
                columns.push(col("Net", 1.0, Align::Right));
                let mut rows: Vec<Vec<String>> = Vec::new();
                for d in &r.days {
                    let mut row = vec![day_words(cx, &d.day)?];
                    row.extend(methods.iter().map(|m| {
                        cur.plain(
                            d.methods
                                .iter()
                                .find(|x| x.method == *m)
                                .map_or(0, |x| x.amount_minor),
                        )
                    }));
                    row.push(d.payments.to_string());
                    row.push(d.refunds.to_string());
                    row.push(cur.plain(d.net_minor));
                    rows.push(row);
                }
                if !rows.is_empty() {
                    let mut total = vec!["Total".to_string()];
                    total.extend(r.methods.iter().map(|m| cur.plain(m.amount_minor)));
                    total.push(r.days.iter().map(|d| d.payments).sum::<u32>().to_string());
                    total.push(r.days.iter().map(|d| d.refunds).sum::<u32>().to_string());
                    total.push(cur.plain(r.net_minor));
                    rows.push(total);
                }
                let sheet = Sheet {
                    title: "Takings".into(),
                    subtitle: Some(format!(
                        "{span}; amounts in {}; paid from patients' credit {}",
                        r.currency,
                        cur.plain(r.credit_used_minor)
                    )),
                    columns,
                    rows,
                    empty_text: "Nothing was taken in this period.".into(),
                };
                save(cx, sheet, req.format, &stem)
            } else {
                let mut rows: Vec<Vec<String>> = r
                    .items
                    .iter()
                    .map(|i| {
                        vec![
                            i.code.clone().unwrap_or_default(),
                            i.description.clone(),
                            i.quantity.to_string(),
                            cur.plain(i.discount_minor),
                            cur.plain(i.net_minor),
                            cur.plain(i.tax_minor),
                        ]
                    })
                    .collect();
                if !rows.is_empty() {
                    rows.push(vec![
                        String::new(),
                        "Total".into(),
                        String::new(),
                        cur.plain(r.items.iter().map(|i| i.discount_minor).sum()),
                        cur.plain(r.invoiced_net_minor),
                        cur.plain(r.invoiced_tax_minor),
                    ]);
                }
                let sheet = Sheet {
                    title: "Invoiced by item".into(),
                    subtitle: Some(format!(
                        "{span}; issued invoices, void ones left out; amounts in {}",
                        r.currency
                    )),
                    columns: vec![
                        col("Code", 0.8, Align::Left),
                        col("Item", 2.6, Align::Left),
                        col("Quantity", 0.8, Align::Right),
                        col("Discount", 1.0, Align::Right),
                        col("Net", 1.0, Align::Right),
                        col("Tax", 0.9, Align::Right),
                    ],
                    rows,
                    empty_text: "Nothing was invoiced in this period.".into(),
                };
                save(cx, sheet, req.format, &format!("{stem}-items"))
            }
        }
        ReportKind::Aging => {
            let r = reports::aging(
                cx,
                &AgingRequest {
                    as_of: req.as_of.clone(),
                },
            )?;
            let rows: Vec<Vec<String>> = r
                .invoices
                .iter()
                .map(|i| {
                    Ok(vec![
                        i.number.clone(),
                        day_words(cx, &i.issued_on)?,
                        i.age_days.to_string(),
                        format!("{} ({})", i.patient_name, i.patient_mrn),
                        match i.payer_kind {
                            PayerKind::Patient => "patient".to_string(),
                            PayerKind::Payer => i.payer_name.clone().unwrap_or_default(),
                        },
                        cur.plain(i.total_minor),
                        cur.plain(i.owed_minor),
                    ])
                })
                .collect::<Result<_>>()?;
            let b = r.bands;
            let sheet = Sheet {
                title: "Outstanding balances".into(),
                subtitle: Some(format!(
                    "As of {}; amounts in {}; 0-30 days {}, 31-60 {}, 61-90 {}, over 90 {}; total {}",
                    day_words(cx, &r.as_of)?,
                    r.currency,
                    cur.plain(b.days_0_30_minor),
                    cur.plain(b.days_31_60_minor),
                    cur.plain(b.days_61_90_minor),
                    cur.plain(b.over_90_minor),
                    cur.plain(b.total_minor)
                )),
                columns: vec![
                    col("Invoice", 1.4, Align::Left),
                    col("Issued", 1.0, Align::Left),
                    col("Days", 0.6, Align::Right),
                    col("Patient", 2.2, Align::Left),
                    col("Billed to", 1.2, Align::Left),
                    col("Total", 0.9, Align::Right),
                    col("Owed", 0.9, Align::Right),
                ],
                rows,
                empty_text: "Nothing is owed.".into(),
            };
            save(cx, sheet, req.format, &format!("outstanding-{}", r.as_of))
        }
        ReportKind::CashUps => {
            let p = period_of(req)?;
            let r = cashup::list(
                cx,
                &CashUpsRequest {
                    from: p.from.clone(),
                    to: p.to.clone(),
                },
            )?;
            let rows: Vec<Vec<String>> = r
                .cash_ups
                .iter()
                .map(|c| {
                    Ok(vec![
                        c.number.clone(),
                        day_words(cx, &c.clinic_day)?,
                        c.workstation.clone(),
                        c.cashier_name.clone(),
                        cur.plain(c.expected_minor),
                        cur.plain(c.counted_minor),
                        cur.plain(c.variance_minor),
                        c.variance_reason.clone().unwrap_or_default(),
                    ])
                })
                .collect::<Result<_>>()?;
            let sheet = Sheet {
                title: "Closed days".into(),
                subtitle: Some(format!(
                    "{} to {}; amounts in {}",
                    day_words(cx, &p.from)?,
                    day_words(cx, &p.to)?,
                    r.currency
                )),
                columns: vec![
                    col("Report", 1.5, Align::Left),
                    col("Day", 1.0, Align::Left),
                    col("Desk", 0.6, Align::Left),
                    col("Cashier", 1.4, Align::Left),
                    col("Expected", 1.0, Align::Right),
                    col("Counted", 1.0, Align::Right),
                    col("Difference", 1.0, Align::Right),
                    col("Reason", 2.0, Align::Left),
                ],
                rows,
                empty_text: "No day was closed in this period.".into(),
            };
            save(
                cx,
                sheet,
                req.format,
                &format!("closed-days-{}-{}", p.from, p.to),
            )
        }
    }
}

/// A patient's statement as a PDF or CSV file.
pub fn export_statement(cx: &Ctx<'_>, req: &ExportStatementRequest) -> Result<Document> {
    let cur = cx.read(crate::money::clinic_currency)?;
    let s = reports::statement(
        cx,
        &StatementRequest {
            patient_id: req.patient_id.clone(),
        },
    )?;
    let tz = cx.read(clinic::time_zone)?;
    let rows: Vec<Vec<String>> = s
        .entries
        .iter()
        .map(|e| {
            let day = chrono::DateTime::parse_from_rfc3339(&e.at)
                .map(|t| t.with_timezone(&tz).date_naive().to_string())
                .unwrap_or_else(|_| e.at.clone());
            Ok(vec![
                day_words(cx, &day)?,
                e.description.clone(),
                if e.charge_minor > 0 {
                    cur.plain(e.charge_minor)
                } else {
                    String::new()
                },
                if e.credit_minor > 0 {
                    cur.plain(e.credit_minor)
                } else {
                    String::new()
                },
                cur.plain(e.balance_minor),
            ])
        })
        .collect::<Result<_>>()?;
    let sheet = Sheet {
        title: format!("Statement for {}", s.patient_name),
        subtitle: Some(format!(
            "MRN {}; amounts in {}; owed {}; credit held {}",
            s.patient_mrn,
            s.currency,
            cur.plain(s.balance_minor),
            cur.plain(s.credit_minor)
        )),
        columns: vec![
            col("Date", 1.0, Align::Left),
            col("Description", 3.2, Align::Left),
            col("Charge", 1.0, Align::Right),
            col("Paid", 1.0, Align::Right),
            col("Balance", 1.0, Align::Right),
        ],
        rows,
        empty_text: "No invoices yet.".into(),
    };
    save(
        cx,
        sheet,
        req.format,
        &format!("statement-{}", s.patient_mrn),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_never_runs_as_a_spreadsheet_formula() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("-cmd"), "'-cmd");
        assert_eq!(csv_cell("-12.50"), "-12.50");
        assert_eq!(csv_cell("Cash"), "Cash");
    }
}
