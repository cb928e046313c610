//! The cash desk's reports: takings by day and method with what was invoiced by service over a period, balances
//! outstanding by age, and a patient's statement. Days are the clinic's: a payment belongs to the clinic day in
//! which it was received, in the clinic's time zone.

use chrono::{DateTime, Days, NaiveDate, Utc};
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::cashup::MONEY_METHODS;
use super::invoice::patient_words;
use super::{InvoiceStatus, PayerKind, PaymentKind, PaymentMethod, currency};
use crate::catalog::Ctx;
use crate::{Error, Result, clinic, time};

/// The longest period a report covers: a few years, so a typo in a year does not scan a century.
const MAX_DAYS: i64 = 3 * 366;

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PeriodRequest {
    /// ISO dates, both included.
    pub from: String,
    pub to: String,
}

/// Money in by method on one day (refunds taken off).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MethodAmount {
    pub method: PaymentMethod,
    pub amount_minor: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TakingsDay {
    pub day: String,
    /// Money methods with any movement that day, in the day sheet's order.
    pub methods: Vec<MethodAmount>,
    pub payments: u32,
    pub refunds: u32,
    /// Money in less money out, all money methods.
    pub net_minor: i64,
}

/// What the period invoiced for one service or medicine (issued invoices, void ones left out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ItemTakings {
    /// "service" or "medicine".
    pub item_kind: String,
    pub item_id: String,
    pub code: Option<String>,
    pub description: String,
    pub quantity: i64,
    pub discount_minor: i64,
    pub net_minor: i64,
    pub tax_minor: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct TakingsReport {
    pub currency: String,
    pub from: String,
    pub to: String,
    /// Only days with movements, oldest first.
    pub days: Vec<TakingsDay>,
    /// The period by method, every money method.
    pub methods: Vec<MethodAmount>,
    pub net_minor: i64,
    /// Paid from patients' credit over the period (no money moved).
    pub credit_used_minor: i64,
    /// Invoiced by item, largest first.
    pub items: Vec<ItemTakings>,
    pub invoiced_net_minor: i64,
    pub invoiced_tax_minor: i64,
}

fn period(req: &PeriodRequest) -> Result<(NaiveDate, NaiveDate)> {
    let parse = |field: &str, s: &str| {
        s.trim()
            .parse::<NaiveDate>()
            .map_err(|_| Error::validation(field, "Give the day as YYYY-MM-DD."))
    };
    let (from, to) = (parse("from", &req.from)?, parse("to", &req.to)?);
    if to < from {
        return Err(Error::validation("to", "The end comes before the start."));
    }
    if (to - from).num_days() > MAX_DAYS {
        return Err(Error::validation(
            "to",
            "A report covers at most three years.",
        ));
    }
    Ok((from, to))
}

/// Payments by clinic day, kind and method between two ISO days, from the per-day totals the payments' trigger keeps
/// (`takings_days`, migration 0015). Public for the benchmark, which times it beside the report.
pub const TAKINGS_SQL: &str = "SELECT clinic_day, kind, method, payments, amount_minor
       FROM takings_days WHERE clinic_day >= ?1 AND clinic_day <= ?2
      ORDER BY clinic_day";

/// What issued invoices billed between two ISO days, by item, from the per-day totals (`invoiced_days`); an item whose
/// every invoice was voided sums to nothing and is left out.
pub const TAKINGS_ITEMS_SQL: &str =
    "SELECT item_kind, item_id, max(code), max(description), sum(quantity),
            sum(discount_minor), sum(net_minor), sum(tax_minor)
       FROM invoiced_days WHERE clinic_day >= ?1 AND clinic_day <= ?2
      GROUP BY item_kind, item_id
     HAVING sum(quantity) <> 0 OR sum(net_minor) <> 0
      ORDER BY sum(net_minor) DESC, max(description)";

/// The clinic days whose kept totals (`takings_days`, `invoiced_days`) differ from what the payments and invoice line
/// facts add up to: (table, clinic day). Empty unless the file was edited behind Fovea's back.
pub(crate) fn day_totals_drift(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare(
        "WITH tz(z) AS (SELECT value FROM settings WHERE id = 'time_zone'),
              paid AS (SELECT fovea_local_day(received_at, (SELECT z FROM tz)) AS d, kind, method, count(*) AS n,
                              sum(amount_minor) AS a
                         FROM payments GROUP BY 1, 2, 3),
              kept_paid AS (SELECT clinic_day, kind, method, payments, amount_minor FROM takings_days),
              billed AS (SELECT fovea_local_day(issued_at, (SELECT z FROM tz)) AS d, item_kind, item_id,
                                sum(quantity), sum(discount_minor), sum(net_minor), sum(tax_minor)
                           FROM invoice_line_facts GROUP BY 1, 2, 3),
              kept_billed AS (SELECT clinic_day, item_kind, item_id, quantity, discount_minor, net_minor, tax_minor
                                FROM invoiced_days
                               WHERE quantity <> 0 OR discount_minor <> 0 OR net_minor <> 0 OR tax_minor <> 0)
         SELECT DISTINCT 'takings_days', d FROM (SELECT * FROM paid EXCEPT SELECT * FROM kept_paid)
         UNION SELECT 'takings_days', clinic_day FROM (SELECT * FROM kept_paid EXCEPT SELECT * FROM paid)
         UNION SELECT 'invoiced_days', d FROM (SELECT * FROM billed EXCEPT SELECT * FROM kept_billed)
         UNION SELECT 'invoiced_days', clinic_day FROM (SELECT * FROM kept_billed EXCEPT SELECT * FROM billed)
         ORDER BY 1, 2",
    )?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Takings by day and method, and what was invoiced by item, over a period.
pub fn takings(cx: &Ctx<'_>, req: &PeriodRequest) -> Result<TakingsReport> {
    let (from, to) = period(req)?;
    cx.note_detail(format!("takings {from} to {to}"));
    cx.read(|conn| takings_in(conn, from, to))
}

pub(crate) fn takings_in(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<TakingsReport> {
    let (first, last) = (from.to_string(), to.to_string());
    let mut stmt = conn.prepare_cached(TAKINGS_SQL)?;
    let rows = stmt
        .query_map(params![first, last], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, PaymentKind>(1)?,
                r.get::<_, PaymentMethod>(2)?,
                r.get::<_, u32>(3)?,
                r.get::<_, i64>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut days: Vec<TakingsDay> = Vec::new();
    let mut totals: Vec<MethodAmount> = MONEY_METHODS
        .iter()
        .map(|&method| MethodAmount {
            method,
            amount_minor: 0,
        })
        .collect();
    let mut credit_used_minor = 0;
    for (day, kind, method, count, sum) in rows {
        let signed = match kind {
            PaymentKind::Payment => sum,
            PaymentKind::Refund => -sum,
        };
        if method == PaymentMethod::Credit {
            credit_used_minor += signed;
            continue;
        }
        if days.last().is_none_or(|d| d.day != day) {
            days.push(TakingsDay {
                day,
                methods: Vec::new(),
                payments: 0,
                refunds: 0,
                net_minor: 0,
            });
        }
        let Some(d) = days.last_mut() else { continue };
        match kind {
            PaymentKind::Payment => d.payments += count,
            PaymentKind::Refund => d.refunds += count,
        }
        d.net_minor += signed;
        match d.methods.iter_mut().find(|m| m.method == method) {
            Some(m) => m.amount_minor += signed,
            None => d.methods.push(MethodAmount {
                method,
                amount_minor: signed,
            }),
        }
        if let Some(t) = totals.iter_mut().find(|m| m.method == method) {
            t.amount_minor += signed;
        }
    }
    for d in &mut days {
        d.methods
            .sort_by_key(|m| MONEY_METHODS.iter().position(|k| *k == m.method));
    }
    let mut stmt = conn.prepare_cached(TAKINGS_ITEMS_SQL)?;
    let items = stmt
        .query_map(params![first, last], |r| {
            Ok(ItemTakings {
                item_kind: r.get(0)?,
                item_id: r.get(1)?,
                code: r.get(2)?,
                description: r.get(3)?,
                quantity: r.get(4)?,
                discount_minor: r.get(5)?,
                net_minor: r.get(6)?,
                tax_minor: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(TakingsReport {
        currency: currency(conn)?,
        from: from.to_string(),
        to: to.to_string(),
        net_minor: days.iter().map(|d| d.net_minor).sum(),
        days,
        methods: totals,
        credit_used_minor,
        invoiced_net_minor: items.iter().map(|i| i.net_minor).sum(),
        invoiced_tax_minor: items.iter().map(|i| i.tax_minor).sum(),
        items,
    })
}

// ── Outstanding balances by age ─────────────────────────────────────────────────────────────────────────────────

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct AgingRequest {
    /// ISO date the ages are counted to; today when none.
    #[serde(default)]
    pub as_of: Option<String>,
}

/// Owed in each age band: 0–30, 31–60, 61–90 and over 90 days since the invoice was issued.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AgeBands {
    pub days_0_30_minor: i64,
    pub days_31_60_minor: i64,
    pub days_61_90_minor: i64,
    pub over_90_minor: i64,
    pub total_minor: i64,
}

impl AgeBands {
    fn add(&mut self, age_days: i64, owed: i64) {
        match age_days {
            ..=30 => self.days_0_30_minor += owed,
            31..=60 => self.days_31_60_minor += owed,
            61..=90 => self.days_61_90_minor += owed,
            _ => self.over_90_minor += owed,
        }
        self.total_minor += owed;
    }
}

/// An invoice with something still owed on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct OutstandingInvoice {
    pub invoice_id: String,
    pub number: String,
    pub issued_on: String,
    pub age_days: i64,
    pub patient_id: String,
    pub patient_name: String,
    pub patient_mrn: String,
    pub payer_kind: PayerKind,
    pub payer_name: Option<String>,
    pub total_minor: i64,
    pub owed_minor: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AgingReport {
    pub currency: String,
    pub as_of: String,
    pub bands: AgeBands,
    /// Oldest first.
    pub invoices: Vec<OutstandingInvoice>,
}

fn clinic_day_of(instant: &str, tz: chrono_tz::Tz) -> Option<NaiveDate> {
    DateTime::parse_from_rfc3339(instant)
        .ok()
        .map(|t| t.with_timezone(&Utc).with_timezone(&tz).date_naive())
}

/// What is owed on issued invoices, by age, as of a day.
pub fn aging(cx: &Ctx<'_>, req: &AgingRequest) -> Result<AgingReport> {
    cx.read(|conn| {
        let today = clinic::locale(conn, cx.now())?.today;
        let as_of = match req.as_of.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => today,
            Some(s) => s
                .parse()
                .map_err(|_| Error::validation("as_of", "Give the day as YYYY-MM-DD."))?,
        };
        cx.note_detail(format!("aging as of {as_of}"));
        let tz = clinic::time_zone(conn)?;
        let end = time::day_start_utc(
            as_of.checked_add_days(Days::new(1)).unwrap_or(as_of),
            Some(tz.name()),
        );
        // Issued by the end of the day, less what was paid by then.
        let mut stmt = conn.prepare_cached(
            "SELECT i.id, i.number, i.issued_at, i.patient_id, p.first_name || ' ' || p.last_name, p.mrn,
                    i.payer_kind, i.payer_name, i.total_minor,
                    i.total_minor - coalesce((SELECT sum(CASE y.kind WHEN 'payment' THEN y.amount_minor
                                                                     ELSE -y.amount_minor END)
                                                FROM payments y
                                               WHERE y.invoice_id = i.id AND y.received_at < ?1), 0) AS owed
               FROM invoices i JOIN patients p ON p.id = i.patient_id
              WHERE i.issued_at < ?1 AND (i.status = 'issued' OR (i.status = 'void' AND i.voided_at >= ?1))
                AND owed > 0
              ORDER BY i.issued_at",
        )?;
        let mut bands = AgeBands::default();
        let invoices = stmt
            .query_map([&end], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, PayerKind>(6)?,
                    r.get::<_, Option<String>>(7)?,
                    r.get::<_, i64>(8)?,
                    r.get::<_, i64>(9)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .map(|(id, number, issued_at, pid, name, mrn, payer_kind, payer_name, total, owed)| {
                let issued_on = clinic_day_of(&issued_at, tz).unwrap_or(as_of);
                let age_days = (as_of - issued_on).num_days().max(0);
                bands.add(age_days, owed);
                OutstandingInvoice {
                    invoice_id: id,
                    number,
                    issued_on: issued_on.to_string(),
                    age_days,
                    patient_id: pid,
                    patient_name: name,
                    patient_mrn: mrn,
                    payer_kind,
                    payer_name,
                    total_minor: total,
                    owed_minor: owed,
                }
            })
            .collect();
        Ok(AgingReport {
            currency: currency(conn)?,
            as_of: as_of.to_string(),
            bands,
            invoices,
        })
    })
}

// ── A patient's statement ───────────────────────────────────────────────────────────────────────────────────────

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct StatementRequest {
    pub patient_id: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum StatementEntryKind {
    Invoice,
    Void,
    Payment,
    Refund,
}

/// One movement of the patient's account, with the balance after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StatementEntry {
    pub at: String,
    pub kind: StatementEntryKind,
    pub invoice_id: String,
    pub invoice_number: Option<String>,
    pub description: String,
    /// What the patient owes more (invoice) or less (payment, void) because of it.
    pub charge_minor: i64,
    pub credit_minor: i64,
    pub balance_minor: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Statement {
    pub currency: String,
    pub patient_id: String,
    pub patient_name: String,
    pub patient_mrn: String,
    /// Oldest first.
    pub entries: Vec<StatementEntry>,
    /// Owed now on the patient's own invoices (those billed to a payer are left out).
    pub balance_minor: i64,
    /// Their credit: overpayments left with the clinic.
    pub credit_minor: i64,
}

/// Every invoice billed to the patient (not to a payer), its payments, refunds and void, in order, with the
/// balance after each.
pub fn statement(cx: &Ctx<'_>, req: &StatementRequest) -> Result<Statement> {
    cx.note_patient(&req.patient_id);
    cx.read(|conn| {
        let (patient_name, patient_mrn) = patient_words(conn, &req.patient_id)?;
        let mut entries: Vec<StatementEntry> = Vec::new();
        let mut stmt = conn.prepare_cached(
            "SELECT id, number, issued_at, total_minor, status, voided_at, void_reason FROM invoices
              WHERE patient_id = ?1 AND payer_kind = 'patient' AND status <> 'draft'",
        )?;
        let invoices = stmt
            .query_map([&req.patient_id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, InvoiceStatus>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, Option<String>>(6)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (id, number, issued_at, total, status, voided_at, reason) in invoices {
            entries.push(StatementEntry {
                at: issued_at,
                kind: StatementEntryKind::Invoice,
                invoice_id: id.clone(),
                invoice_number: number.clone(),
                description: format!("Invoice {}", number.as_deref().unwrap_or("")),
                charge_minor: total,
                credit_minor: 0,
                balance_minor: 0,
            });
            if let (InvoiceStatus::Void, Some(at)) = (status, voided_at) {
                entries.push(StatementEntry {
                    at,
                    kind: StatementEntryKind::Void,
                    invoice_id: id,
                    invoice_number: number.clone(),
                    description: format!(
                        "Invoice {} voided: {}",
                        number.as_deref().unwrap_or(""),
                        reason.unwrap_or_default()
                    ),
                    charge_minor: 0,
                    credit_minor: total,
                    balance_minor: 0,
                });
            }
        }
        let mut stmt = conn.prepare_cached(
            "SELECT y.received_at, y.kind, y.method, y.amount_minor, y.invoice_id, i.number, y.reference
               FROM payments y JOIN invoices i ON i.id = y.invoice_id
              WHERE y.patient_id = ?1 AND i.payer_kind = 'patient'",
        )?;
        let payments = stmt
            .query_map([&req.patient_id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, PaymentKind>(1)?,
                    r.get::<_, PaymentMethod>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, Option<String>>(6)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (at, kind, method, amount, invoice_id, number, reference) in payments {
            let how = super::cashup::method_words(method);
            let reference = reference.map(|r| format!(" ({r})")).unwrap_or_default();
            let on = number.as_deref().unwrap_or("");
            let (kind, description, charge, credit) = match kind {
                PaymentKind::Payment => (
                    StatementEntryKind::Payment,
                    format!("Paid by {how}{reference} on {on}"),
                    0,
                    amount,
                ),
                PaymentKind::Refund => (
                    StatementEntryKind::Refund,
                    format!("Refunded by {how}{reference} on {on}"),
                    amount,
                    0,
                ),
            };
            entries.push(StatementEntry {
                at,
                kind,
                invoice_id,
                invoice_number: number,
                description,
                charge_minor: charge,
                credit_minor: credit,
                balance_minor: 0,
            });
        }
        entries.sort_by(|a, b| a.at.cmp(&b.at).then(a.kind_order().cmp(&b.kind_order())));
        // The running balance counts what is owed on the invoices, so a payment kept partly as credit counts only
        // the part applied; the credit itself is reported apart.
        let mut balance = 0;
        for e in &mut entries {
            balance += e.charge_minor - e.credit_minor;
            e.balance_minor = balance;
        }
        Ok(Statement {
            currency: currency(conn)?,
            patient_id: req.patient_id.clone(),
            patient_name,
            patient_mrn,
            entries,
            balance_minor: balance,
            credit_minor: super::payments::credit_balance(conn, &req.patient_id)?,
        })
    })
}

impl StatementEntry {
    fn kind_order(&self) -> u8 {
        match self.kind {
            StatementEntryKind::Invoice => 0,
            StatementEntryKind::Payment => 1,
            StatementEntryKind::Refund => 2,
            StatementEntryKind::Void => 3,
        }
    }
}
