//! Invoices: a draft proposed from the visit, changed by the cashier, issued with a number gapless per workstation,
//! or voided with a reason. Every line is a service of the price list or a medicine of the formulary and is priced
//! by the core, never by the screen; the arithmetic is [`super::arithmetic`].

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::{Map, json};
use ts_rs::TS;
use uuid::Uuid;

use super::arithmetic::{self, DiscountValue, LineAmounts, Totals};
use super::payments::{self, Payment};
use super::prices::{price_on, service, service_of_kind};
use super::settings::{self, BillingSettings};
use super::{InvoiceStatus, PayerKind, ServiceKind, may, user_id};
use crate::appointments::queue::advance_for_work;
use crate::appointments::{AppointmentKind, Stage};
use crate::catalog::{Ctx, Permission};
use crate::sync::Writer;
use crate::sync::tables::INVOICES;
use crate::text::{self, Lines};
use crate::{Error, Result, clinic, workstation};

const MAX_LINES: usize = 100;
const MAX_REASON: usize = 300;

/// What a line bills: a service of the price list, or a medicine of the formulary (with the lot it came from).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case", tag = "kind")]
#[ts(export)]
pub enum LineSource {
    Service {
        service_id: String,
        code: String,
        service_kind: ServiceKind,
    },
    Medicine {
        medicine_id: String,
        batch_id: Option<String>,
        lot: Option<String>,
    },
}

/// A discount on a line, with the reason the cashier gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Discount {
    pub value: DiscountValue,
    pub reason: String,
}

/// One line as the invoice keeps it (the `lines` JSON of the row): what, how many, at what price, and its rounded
/// amounts. An issued invoice's lines never change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InvoiceLine {
    pub id: String,
    pub source: LineSource,
    pub description: String,
    pub quantity: i64,
    pub unit_price_minor: i64,
    pub tax_rate_bp: i64,
    pub discount: Option<Discount>,
    /// Why the line costs nothing though the list has a price (the free follow-up rule).
    pub free_reason: Option<String>,
    pub amounts: LineAmounts,
}

/// An invoice with its lines, totals, payments and what is still owed.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Invoice {
    pub id: String,
    pub patient_id: String,
    pub patient_name: String,
    pub patient_mrn: String,
    pub visit_id: Option<String>,
    pub status: InvoiceStatus,
    pub payer_kind: PayerKind,
    pub payer_name: Option<String>,
    pub payer_reference: Option<String>,
    pub currency: String,
    /// None while a draft.
    pub number: Option<String>,
    pub lines: Vec<InvoiceLine>,
    /// Sums of the rounded lines (for an issued invoice, equal to the totals stored when it was issued).
    pub totals: Totals,
    pub note: Option<String>,
    pub created_at: String,
    pub issued_at: Option<String>,
    pub issued_by: Option<String>,
    pub voided_at: Option<String>,
    pub void_reason: Option<String>,
    pub payments: Vec<Payment>,
    /// Payments less refunds.
    pub paid_minor: i64,
    /// What is still owed (0 for a draft or a void invoice).
    pub balance_minor: i64,
    /// The patient's credit available to pay with (an earlier overpayment), offered on this invoice.
    pub patient_credit_minor: i64,
    /// What the cashier should check (a medicine without a price, a service without one).
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct InvoiceRequest {
    pub invoice_id: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ProposeRequest {
    pub visit_id: String,
    /// Build the lines again from the visit, replacing the draft's (the cashier's changes are lost).
    #[serde(default)]
    pub replace: bool,
}

/// What a line of a draft bills, as the cashier chooses it; the core prices it.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "snake_case", tag = "kind", deny_unknown_fields)]
#[ts(export)]
pub enum LineInputSource {
    Service {
        service_id: String,
    },
    Medicine {
        medicine_id: String,
        batch_id: Option<String>,
    },
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct LineInput {
    pub source: LineInputSource,
    pub quantity: i64,
    #[serde(default)]
    pub discount: Option<Discount>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SaveDraftRequest {
    pub invoice_id: String,
    pub payer_kind: PayerKind,
    /// Required when the payer is not the patient.
    #[serde(default)]
    pub payer_name: Option<String>,
    #[serde(default)]
    pub payer_reference: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    pub lines: Vec<LineInput>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct VoidRequest {
    pub invoice_id: String,
    pub reason: String,
}

/// The stored row, before payments are read.
struct Row {
    patient_id: String,
    visit_id: Option<String>,
    status: InvoiceStatus,
    payer_kind: PayerKind,
    payer_name: Option<String>,
    payer_reference: Option<String>,
    currency: String,
    lines: Vec<InvoiceLine>,
    note: Option<String>,
    number: Option<String>,
    total_minor: Option<i64>,
    issued_at: Option<String>,
    issued_by: Option<String>,
    voided_at: Option<String>,
    void_reason: Option<String>,
    created_at: String,
}

fn parse_lines(json: &str) -> Result<Vec<InvoiceLine>> {
    serde_json::from_str(json).map_err(|_| Error::storage("An invoice has unreadable lines."))
}

pub(super) fn row_lines(conn: &Connection, id: &str) -> Result<Vec<InvoiceLine>> {
    Ok(row(conn, id)?.lines)
}

fn row(conn: &Connection, id: &str) -> Result<Row> {
    conn.prepare_cached(
        "SELECT patient_id, visit_id, status, payer_kind, payer_name, payer_reference, currency, lines, note,
                number, total_minor, issued_at, issued_by, voided_at, void_reason, created_at
           FROM invoices WHERE id = ?1",
    )?
    .query_row([id], |r| {
        Ok((
            Row {
                patient_id: r.get(0)?,
                visit_id: r.get(1)?,
                status: r.get(2)?,
                payer_kind: r.get(3)?,
                payer_name: r.get(4)?,
                payer_reference: r.get(5)?,
                currency: r.get(6)?,
                lines: Vec::new(),
                note: r.get(8)?,
                number: r.get(9)?,
                total_minor: r.get(10)?,
                issued_at: r.get(11)?,
                issued_by: r.get(12)?,
                voided_at: r.get(13)?,
                void_reason: r.get(14)?,
                created_at: r.get(15)?,
            },
            r.get::<_, String>(7)?,
        ))
    })
    .optional()?
    .ok_or_else(|| Error::not_found("There is no such invoice."))
    .and_then(|(mut row, lines)| {
        row.lines = parse_lines(&lines)?;
        Ok(row)
    })
}

pub(super) fn patient_words(conn: &Connection, patient_id: &str) -> Result<(String, String)> {
    conn.prepare_cached("SELECT first_name || ' ' || last_name, mrn FROM patients WHERE id = ?1")?
        .query_row([patient_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::not_found("There is no such patient."))
}

/// An invoice as the desk shows it. Notes the patient: whoever reads an invoice reads their record.
pub(crate) fn invoice_of(
    cx: &Ctx<'_>,
    conn: &Connection,
    id: &str,
    warnings: Vec<String>,
) -> Result<Invoice> {
    let r = row(conn, id)?;
    cx.note_patient(&r.patient_id);
    let (patient_name, patient_mrn) = patient_words(conn, &r.patient_id)?;
    let totals = arithmetic::totals(r.lines.iter().map(|l| &l.amounts));
    if r.total_minor.is_some_and(|t| t != totals.total_minor) {
        return Err(Error::storage(
            "An issued invoice's total does not match its lines.",
        ));
    }
    let payments = payments::of_invoice(conn, id)?;
    let paid_minor = payments::net_paid(&payments);
    let balance_minor = if r.status == InvoiceStatus::Issued {
        (totals.total_minor - paid_minor).max(0)
    } else {
        0
    };
    Ok(Invoice {
        id: id.to_string(),
        patient_credit_minor: payments::credit_balance(conn, &r.patient_id)?,
        patient_id: r.patient_id,
        patient_name,
        patient_mrn,
        visit_id: r.visit_id,
        status: r.status,
        payer_kind: r.payer_kind,
        payer_name: r.payer_name,
        payer_reference: r.payer_reference,
        currency: r.currency,
        number: r.number,
        lines: r.lines,
        totals,
        note: r.note,
        created_at: r.created_at,
        issued_at: r.issued_at,
        issued_by: r.issued_by,
        voided_at: r.voided_at,
        void_reason: r.void_reason,
        payments,
        paid_minor,
        balance_minor,
        warnings,
    })
}

/// What is owed on an issued invoice now: its total less payments, plus refunds (0 for drafts and void ones).
pub(crate) fn balance(conn: &Connection, id: &str) -> Result<(InvoiceStatus, String, i64)> {
    let r = row(conn, id)?;
    let total = r.total_minor.unwrap_or(0);
    let paid = payments::net_paid(&payments::of_invoice(conn, id)?);
    let owed = if r.status == InvoiceStatus::Issued {
        (total - paid).max(0)
    } else {
        0
    };
    Ok((r.status, r.patient_id, owed))
}

/// Everything the pricing of a line needs to know about the invoice's visit.
struct Pricing<'a> {
    conn: &'a Connection,
    today: NaiveDate,
    settings: BillingSettings,
    patient_id: &'a str,
    /// The invoice being priced, left out of the free follow-up rule's search.
    invoice_id: Option<&'a str>,
}

impl Pricing<'_> {
    /// A service line at the price of the day; a follow-up within the free days of a paid consultation costs
    /// nothing (said on the line).
    fn service_line(
        &self,
        field: &str,
        service_id: &str,
        quantity: i64,
        discount: Option<Discount>,
    ) -> Result<InvoiceLine> {
        let s = service(self.conn, service_id, self.today).map_err(|_| {
            Error::validation(
                format!("{field}.source.service_id"),
                "There is no such service.",
            )
        })?;
        let price = price_on(self.conn, service_id, self.today)?.ok_or_else(|| {
            Error::validation(
                format!("{field}.source.service_id"),
                format!("{} has no price yet; set one in the price list.", s.name),
            )
        })?;
        let mut unit = price.price_minor;
        let mut free_reason = None;
        if s.kind == ServiceKind::ConsultationFollowUp
            && let Some(day) = self.paid_consultation_within()?
        {
            unit = 0;
            free_reason = Some(format!(
                "Free follow-up: within {} days of the consultation paid on {day}.",
                self.settings.free_follow_up_days
            ));
        }
        let discount = if unit == 0 { None } else { discount };
        let amounts = arithmetic::line(
            field,
            quantity,
            unit,
            discount.as_ref().map(|d| d.value),
            price.tax_rate_bp,
        )?;
        Ok(InvoiceLine {
            id: Uuid::now_v7().to_string(),
            source: LineSource::Service {
                service_id: s.id,
                code: s.code,
                service_kind: s.kind,
            },
            description: s.name,
            quantity,
            unit_price_minor: unit,
            tax_rate_bp: price.tax_rate_bp,
            discount,
            free_reason,
            amounts,
        })
    }

    /// A medicine line at the formulary's price per pack (0, with a warning, when it has none).
    fn medicine_line(
        &self,
        field: &str,
        medicine_id: &str,
        batch_id: Option<&str>,
        quantity: i64,
        discount: Option<Discount>,
        warnings: &mut Vec<String>,
    ) -> Result<InvoiceLine> {
        let (generic, strength, price): (String, String, Option<i64>) = self
            .conn
            .prepare_cached(
                "SELECT generic_name, strength, price_minor FROM medicines WHERE id = ?1",
            )?
            .query_row([medicine_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?
            .ok_or_else(|| {
                Error::validation(
                    format!("{field}.source.medicine_id"),
                    "There is no such medicine.",
                )
            })?;
        let lot = match batch_id {
            None => None,
            Some(b) => {
                let (med, lot): (String, String) = self
                    .conn
                    .prepare_cached("SELECT medicine_id, lot FROM stock_batches WHERE id = ?1")?
                    .query_row([b], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?
                    .ok_or_else(|| {
                        Error::validation(
                            format!("{field}.source.batch_id"),
                            "There is no such stock batch.",
                        )
                    })?;
                if med != medicine_id {
                    return Err(Error::validation(
                        format!("{field}.source.batch_id"),
                        format!("Batch {lot} is not {generic}."),
                    ));
                }
                Some(lot)
            }
        };
        let name = format!("{generic} {strength}").trim().to_string();
        let unit = price.unwrap_or_else(|| {
            warnings.push(format!(
                "{name} has no price in the formulary; it is billed at 0."
            ));
            0
        });
        let tax = i64::from(self.settings.medicine_tax_bp);
        let amounts = arithmetic::line(
            field,
            quantity,
            unit,
            discount.as_ref().map(|d| d.value),
            tax,
        )?;
        let description = match &lot {
            Some(l) => format!("{name} (lot {l})"),
            None => name,
        };
        Ok(InvoiceLine {
            id: Uuid::now_v7().to_string(),
            source: LineSource::Medicine {
                medicine_id: medicine_id.to_string(),
                batch_id: batch_id.map(String::from),
                lot,
            },
            description,
            quantity,
            unit_price_minor: unit,
            tax_rate_bp: tax,
            discount,
            free_reason: None,
            amounts,
        })
    }

    /// The clinic day of the patient's latest consultation paid in full within the free follow-up days, if any.
    fn paid_consultation_within(&self) -> Result<Option<String>> {
        let days = self.settings.free_follow_up_days;
        if days == 0 {
            return Ok(None);
        }
        let cutoff = self.today - chrono::Days::new(u64::from(days));
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.id, coalesce(v.clinic_day, substr(i.issued_at, 1, 10)) AS day, i.lines
               FROM invoices i LEFT JOIN visits v ON v.id = i.visit_id
              WHERE i.patient_id = ?1 AND i.status = 'issued' AND i.id IS NOT ?2 AND day >= ?3
              ORDER BY day DESC",
        )?;
        let rows = stmt
            .query_map(
                params![self.patient_id, self.invoice_id, cutoff.to_string()],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                    ))
                },
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (id, day, lines) in rows {
            let paid_consultation = parse_lines(&lines)?.iter().any(|l| {
                l.amounts.net_minor > 0
                    && matches!(
                        l.source,
                        LineSource::Service {
                            service_kind: ServiceKind::ConsultationNew
                                | ServiceKind::ConsultationFollowUp
                                | ServiceKind::PostOperative,
                            ..
                        }
                    )
            });
            if paid_consultation && balance(self.conn, &id)?.2 == 0 {
                return Ok(Some(day));
            }
        }
        Ok(None)
    }
}

/// The consultation service a visit's appointment kind bills (a visit without an appointment is a new one).
fn consultation_kind(kind: Option<AppointmentKind>) -> ServiceKind {
    match kind {
        Some(AppointmentKind::FollowUp) => ServiceKind::ConsultationFollowUp,
        Some(AppointmentKind::PostOp) => ServiceKind::PostOperative,
        Some(AppointmentKind::Refraction) => ServiceKind::Refraction,
        Some(AppointmentKind::NewPatient | AppointmentKind::WalkIn) | None => {
            ServiceKind::ConsultationNew
        }
    }
}

/// The lines a visit proposes: its consultation (from the appointment's kind), a refraction when a work-up was
/// saved, and the medicines dispensed at it, one line per lot, less what the patient brought back.
fn proposed_lines(
    p: &Pricing<'_>,
    visit_id: &str,
    warnings: &mut Vec<String>,
) -> Result<Vec<InvoiceLine>> {
    let conn = p.conn;
    let kind: Option<AppointmentKind> = conn
        .prepare_cached(
            "SELECT a.kind FROM visits v LEFT JOIN appointments a ON a.id = v.appointment_id WHERE v.id = ?1",
        )?
        .query_row([visit_id], |r| r.get(0))?;
    let mut kinds = vec![consultation_kind(kind)];
    let workup: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM examinations WHERE visit_id = ?1 AND workup_saved_at IS NOT NULL)",
        )?
        .query_row([visit_id], |r| r.get(0))?;
    if workup && !kinds.contains(&ServiceKind::Refraction) {
        kinds.push(ServiceKind::Refraction);
    }
    let mut lines = Vec::new();
    for k in kinds {
        let words = serde_json::to_value(k)
            .ok()
            .and_then(|v| v.as_str().map(|s| s.replace('_', " ")))
            .unwrap_or_default();
        let Some(service_id) = service_of_kind(conn, k)? else {
            warnings.push(format!(
                "The price list has no active {words} service; add the line by hand."
            ));
            continue;
        };
        match p.service_line(&format!("lines.{}", lines.len()), &service_id, 1, None) {
            Ok(l) => lines.push(l),
            Err(e) => warnings.push(e.message),
        }
    }
    let dispensed = conn
        .prepare_cached(
            "SELECT b.medicine_id, m.batch_id, -sum(m.quantity) AS packs
               FROM dispense_lines d
               JOIN stock_movements m ON m.dispense_id = d.id AND m.kind IN ('dispense', 'patient_return')
               JOIN stock_batches b ON b.id = m.batch_id
              WHERE d.visit_id = ?1
              GROUP BY m.batch_id HAVING packs > 0 ORDER BY min(d.dispensed_at), m.batch_id",
        )?
        .query_map([visit_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (medicine, batch, packs) in dispensed {
        let field = format!("lines.{}", lines.len());
        lines.push(p.medicine_line(&field, &medicine, Some(&batch), packs, None, warnings)?);
    }
    Ok(lines)
}

/// The visit's open draft, if any.
pub(super) fn draft_of_visit(conn: &Connection, visit_id: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM invoices WHERE visit_id = ?1 AND status = 'draft' ORDER BY created_at LIMIT 1",
        )?
        .query_row([visit_id], |r| r.get(0))
        .optional()?)
}

fn lines_json(lines: &[InvoiceLine]) -> Result<serde_json::Value> {
    serde_json::to_value(lines).map_err(|e| Error::storage(format!("Could not encode lines: {e}")))
}

/// A draft from the visit: the consultation its appointment's kind gives, a refraction for a saved work-up and the
/// medicines dispensed with their lots, priced from the price list and the formulary. An open draft of the visit
/// is answered as it is (the cashier's changes kept) unless `replace` asks for the lines to be built again; a visit
/// with an issued invoice is refused (void it first), so a visit is never billed twice.
pub fn propose(cx: &Ctx<'_>, req: &ProposeRequest) -> Result<Invoice> {
    let by = user_id(cx)?;
    cx.write(|w| {
        let conn: &Connection = w.tx();
        let patient_id: String = conn
            .prepare_cached("SELECT patient_id FROM visits WHERE id = ?1")?
            .query_row([&req.visit_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::not_found("There is no such visit."))?;
        cx.note_patient(&patient_id);
        let existing = draft_of_visit(conn, &req.visit_id)?;
        if let Some(id) = &existing
            && !req.replace
        {
            return invoice_of(cx, conn, id, Vec::new());
        }
        // A visit is billed once: a second invoice beside an issued one would bill it twice. (A void one does
        // not count, so a voided visit is billed again.)
        if existing.is_none()
            && let Some(number) = conn
                .prepare_cached(
                    "SELECT number FROM invoices WHERE visit_id = ?1 AND status = 'issued' LIMIT 1",
                )?
                .query_row([&req.visit_id], |r| r.get::<_, String>(0))
                .optional()?
        {
            return Err(Error::conflict(format!(
                "This visit is already invoiced as {number}; void that invoice to bill the visit again."
            )));
        }
        let p = Pricing {
            conn,
            today: clinic::locale(conn, cx.now())?.today,
            settings: settings::load(conn)?,
            patient_id: &patient_id,
            invoice_id: existing.as_deref(),
        };
        let mut warnings = Vec::new();
        let lines = proposed_lines(&p, &req.visit_id, &mut warnings)?;
        let mut f = Map::new();
        f.insert("lines".into(), lines_json(&lines)?);
        f.insert("updated_at".into(), json!(w.stamp()));
        let id = match existing {
            Some(id) => {
                w.update(INVOICES, &id, &f)?;
                id
            }
            None => {
                let id = Uuid::now_v7().to_string();
                f.insert("patient_id".into(), json!(patient_id));
                f.insert("visit_id".into(), json!(req.visit_id));
                f.insert("status".into(), json!(InvoiceStatus::Draft));
                f.insert("payer_kind".into(), json!(PayerKind::Patient));
                f.insert("currency".into(), json!(super::currency(conn)?));
                f.insert("created_by".into(), json!(by));
                f.insert("created_at".into(), json!(w.stamp()));
                w.insert(INVOICES, &id, &f)?;
                id
            }
        };
        invoice_of(cx, conn, &id, warnings)
    })
}

/// Replaces a draft's payer, note and lines. Every line is priced by the core; a discount needs a reason, and one
/// above the clinic's limit needs `discount_above_limit` (refused, and the refusal audited, otherwise).
pub fn save_draft(cx: &Ctx<'_>, req: &SaveDraftRequest) -> Result<Invoice> {
    text::at_most("lines", &req.lines, MAX_LINES, "lines")?;
    let payer_name = text::one_line_collapsed(
        "payer_name",
        "The payer's name",
        req.payer_name.as_deref().unwrap_or(""),
        200,
    )?;
    let payer_reference = text::optional(
        "payer_reference",
        "The policy or reference number",
        req.payer_reference.as_deref(),
        100,
        Lines::One,
    )?;
    let note = text::optional("note", "The note", req.note.as_deref(), 1000, Lines::Many)?;
    let (payer_name, payer_reference) = match req.payer_kind {
        PayerKind::Patient => (None, None),
        PayerKind::Payer => (
            Some(payer_name.ok_or_else(|| {
                Error::validation("payer_name", "Name the insurer or company billed.")
            })?),
            payer_reference,
        ),
    };
    let over_limit = cx.write(|w| {
        let conn: &Connection = w.tx();
        let r = row(conn, &req.invoice_id)?;
        cx.note_patient(&r.patient_id);
        if r.status != InvoiceStatus::Draft {
            return Err(Error::conflict(
                "This invoice is issued and can no longer change; void it with a reason.",
            ));
        }
        let s = settings::load(conn)?;
        let p = Pricing {
            conn,
            today: clinic::locale(conn, cx.now())?.today,
            settings: s.clone(),
            patient_id: &r.patient_id,
            invoice_id: Some(&req.invoice_id),
        };
        let mut warnings = Vec::new();
        let mut lines = Vec::with_capacity(req.lines.len());
        for (i, l) in req.lines.iter().enumerate() {
            let field = format!("lines.{i}");
            let discount = match &l.discount {
                None => None,
                Some(d) => Some(Discount {
                    value: d.value,
                    reason: text::optional(
                        &format!("{field}.discount.reason"),
                        "The reason for the discount",
                        Some(&d.reason),
                        MAX_REASON,
                        Lines::One,
                    )?
                    .ok_or_else(|| {
                        Error::validation(
                            format!("{field}.discount.reason"),
                            "Say why the discount is given.",
                        )
                    })?,
                }),
            };
            let line = match &l.source {
                LineInputSource::Service { service_id } => {
                    p.service_line(&field, service_id, l.quantity, discount)?
                }
                LineInputSource::Medicine {
                    medicine_id,
                    batch_id,
                } => p.medicine_line(
                    &field,
                    medicine_id,
                    batch_id.as_deref(),
                    l.quantity,
                    discount,
                    &mut warnings,
                )?,
            };
            if arithmetic::discount_share_bp(&line.amounts) > i64::from(s.discount_limit_bp)
                && !may(cx, Permission::DiscountAboveLimit)
            {
                // Refused outside this transaction, so that the refusal itself is audited.
                return Ok(Err((field, s.discount_limit_bp)));
            }
            lines.push(line);
        }
        let mut f = Map::new();
        f.insert("lines".into(), lines_json(&lines)?);
        f.insert("payer_kind".into(), json!(req.payer_kind));
        f.insert("payer_name".into(), json!(payer_name));
        f.insert("payer_reference".into(), json!(payer_reference));
        f.insert("note".into(), json!(note));
        f.insert("updated_at".into(), json!(w.stamp()));
        w.update(INVOICES, &req.invoice_id, &f)?;
        Ok(Ok(invoice_of(cx, conn, &req.invoice_id, warnings)?))
    })?;
    match over_limit {
        Ok(invoice) => Ok(invoice),
        Err((field, limit)) => {
            cx.note_detail("discount above the clinic's limit");
            cx.audit(crate::audit::Outcome::Denied)?;
            Err(Error {
                field: Some(format!("{field}.discount")),
                ..Error::permission_denied(format!(
                    "A discount above {} needs a manager (the discount_above_limit permission).",
                    percent_words(limit)
                ))
            })
        }
    }
}

/// "10 %", "12.5 %".
pub(crate) fn percent_words(bp: u32) -> String {
    let whole = bp / 100;
    let rest = bp % 100;
    if rest == 0 {
        format!("{whole} %")
    } else {
        let frac = format!("{rest:02}");
        format!("{whole}.{} %", frac.trim_end_matches('0'))
    }
}

/// Moves the invoice's visit to done once nothing is owed (or it is billed to a payer); answers whether it moved.
pub(crate) fn settle_visit(w: &Writer<'_>, visit_id: Option<&str>, cx: &Ctx<'_>) -> Result<bool> {
    let Some(visit_id) = visit_id else {
        return Ok(false);
    };
    let stage: Stage = w
        .tx()
        .prepare_cached("SELECT stage FROM visits WHERE id = ?1")?
        .query_row([visit_id], |r| r.get(0))?;
    if stage < Stage::Done {
        advance_for_work(w, visit_id, stage, Stage::Done, cx.now())?;
        return Ok(true);
    }
    Ok(false)
}

/// Issues a draft: checks its lines again, then takes this workstation's next invoice number of the year and
/// freezes the invoice, all in one transaction, so that an issue that fails consumes no number. An invoice billed
/// to a payer, or owing nothing, moves its visit to done.
pub fn issue(cx: &Ctx<'_>, req: &InvoiceRequest) -> Result<Invoice> {
    let by = user_id(cx)?;
    cx.write(|w| {
        let conn: &Connection = w.tx();
        let r = row(conn, &req.invoice_id)?;
        cx.note_patient(&r.patient_id);
        if r.status != InvoiceStatus::Draft {
            return Err(Error::conflict(match r.status {
                InvoiceStatus::Void => "This invoice is void.".to_string(),
                _ => format!(
                    "This invoice is already issued as {}.",
                    r.number.as_deref().unwrap_or("?")
                ),
            }));
        }
        if r.lines.is_empty() {
            return Err(Error::validation(
                "lines",
                "An invoice needs at least one line.",
            ));
        }
        // The stored lines are checked again: a draft that arrived by sync, or was tampered with, is never issued
        // with amounts its own numbers do not give.
        for (i, l) in r.lines.iter().enumerate() {
            let again = arithmetic::line(
                &format!("lines.{i}"),
                l.quantity,
                l.unit_price_minor,
                l.discount.as_ref().map(|d| d.value),
                l.tax_rate_bp,
            )?;
            if again != l.amounts {
                return Err(Error::storage(
                    "A line of this draft does not add up; save the draft again.",
                ));
            }
        }
        let totals = arithmetic::totals(r.lines.iter().map(|l| &l.amounts));
        let code = workstation::code(conn)?.ok_or_else(|| {
            Error::conflict("This workstation has no code yet; set one before issuing invoices.")
        })?;
        let year = clinic::locale(conn, cx.now())?.today.year();
        let n = workstation::next_number(conn, &format!("invoice-{year}"))?;
        let number = format!("{code}-{year}-{n:06}");
        let mut f = Map::new();
        f.insert("status".into(), json!(InvoiceStatus::Issued));
        f.insert("number".into(), json!(number));
        f.insert("subtotal_minor".into(), json!(totals.subtotal_minor));
        f.insert("tax_minor".into(), json!(totals.tax_minor));
        f.insert("total_minor".into(), json!(totals.total_minor));
        f.insert("issued_at".into(), json!(w.stamp()));
        f.insert("issued_by".into(), json!(by));
        f.insert("updated_at".into(), json!(w.stamp()));
        w.update(INVOICES, &req.invoice_id, &f)?;
        cx.note_detail(number);
        if r.payer_kind == PayerKind::Payer || totals.total_minor == 0 {
            settle_visit(w, r.visit_id.as_deref(), cx)?;
        }
        invoice_of(cx, conn, &req.invoice_id, Vec::new())
    })
}

/// Voids an issued invoice with a reason; it stays, marked void, with its number. Refused while payments stand
/// on it (refund them first) and for a draft (which has no number: change it instead).
pub fn void(cx: &Ctx<'_>, req: &VoidRequest) -> Result<Invoice> {
    let by = user_id(cx)?;
    let reason = text::optional(
        "reason",
        "The reason",
        Some(&req.reason),
        MAX_REASON,
        Lines::One,
    )?
    .ok_or_else(|| Error::validation("reason", "Say why the invoice is void."))?;
    cx.write(|w| {
        let conn: &Connection = w.tx();
        let r = row(conn, &req.invoice_id)?;
        cx.note_patient(&r.patient_id);
        match r.status {
            InvoiceStatus::Draft => {
                return Err(Error::conflict(
                    "A draft has no number to void; change the draft instead.",
                ));
            }
            InvoiceStatus::Void => return Err(Error::conflict("This invoice is already void.")),
            InvoiceStatus::Issued => {}
        }
        let paid = payments::net_paid(&payments::of_invoice(conn, &req.invoice_id)?);
        if paid > 0 {
            return Err(Error::conflict(
                "Payments stand on this invoice; refund them before voiding it.",
            ));
        }
        let mut f = Map::new();
        f.insert("status".into(), json!(InvoiceStatus::Void));
        f.insert("voided_at".into(), json!(w.stamp()));
        f.insert("voided_by".into(), json!(by));
        f.insert("void_reason".into(), json!(reason));
        f.insert("updated_at".into(), json!(w.stamp()));
        w.update(INVOICES, &req.invoice_id, &f)?;
        cx.note_detail(r.number.unwrap_or_default());
        invoice_of(cx, conn, &req.invoice_id, Vec::new())
    })
}

/// One invoice with its payments.
pub fn get(cx: &Ctx<'_>, req: &InvoiceRequest) -> Result<Invoice> {
    cx.read(|conn| invoice_of(cx, conn, &req.invoice_id, Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percents_read_as_a_clinic_writes_them() {
        assert_eq!(percent_words(1000), "10 %");
        assert_eq!(percent_words(1250), "12.5 %");
        assert_eq!(percent_words(1205), "12.05 %");
    }
}
