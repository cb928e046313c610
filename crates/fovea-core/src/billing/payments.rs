//! Payments, refunds and the patient's credit: rows only ever inserted (the database refuses any change), so two
//! desks never conflict and every correction is a new row that names the one it corrects.
//!
//! A payment's amount is what counts against the invoice, never more than is owed; cash tendered and the change
//! given are kept beside it; an overpayment the patient leaves with the clinic becomes credit on their account,
//! offered on their next invoice (method `credit`). A refund names its payment and never exceeds what is left of
//! it; no amount is ever zero or negative.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{Map, json};
use ts_rs::TS;
use uuid::Uuid;

use super::invoice::{Invoice, balance, invoice_of, settle_visit};
use super::{InvoiceStatus, PaymentKind, PaymentMethod, user_id};
use crate::catalog::Ctx;
use crate::sync::Writer;
use crate::sync::tables::{PATIENT_CREDIT, PAYMENTS};
use crate::text::{self, Lines};
use crate::{Error, Result, workstation};

const MAX_REFERENCE: usize = 100;
/// The largest amount one payment or refund may carry (a million million minor units): far above any clinic's
/// takings, far below where the sums of a patient's credit could overflow.
const MAX_AMOUNT_MINOR: i64 = 1_000_000_000_000;
const MAX_REASON: usize = 300;

/// A payment or a refund as the invoice shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Payment {
    pub id: String,
    pub kind: PaymentKind,
    pub method: PaymentMethod,
    /// Always positive: a refund's amount goes back to the patient.
    pub amount_minor: i64,
    pub tendered_minor: Option<i64>,
    pub change_minor: Option<i64>,
    pub reference: Option<String>,
    /// The payment a refund returns.
    pub refund_of: Option<String>,
    pub reason: Option<String>,
    pub received_at: String,
    pub received_by: String,
    pub received_by_name: String,
    pub workstation: Option<String>,
    /// Left with the clinic as credit from this payment.
    pub credit_kept_minor: i64,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PayRequest {
    pub invoice_id: String,
    pub method: PaymentMethod,
    /// What the patient pays toward the invoice (with `keep_as_credit`, what they hand over beyond it too).
    pub amount_minor: i64,
    /// Cash handed over; the change is what it exceeds the amount by.
    #[serde(default)]
    pub tendered_minor: Option<i64>,
    /// Card slip, transfer or cheque number (required for transfers and cheques).
    #[serde(default)]
    pub reference: Option<String>,
    /// An amount above what is owed is kept as credit on the patient's account instead of being refused.
    #[serde(default)]
    pub keep_as_credit: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PayResult {
    pub payment_id: String,
    pub change_minor: i64,
    pub credit_kept_minor: i64,
    /// Nothing was owed any more and the visit moved on to done.
    pub moved_to_done: bool,
    pub invoice: Invoice,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct RefundRequest {
    pub payment_id: String,
    pub amount_minor: i64,
    /// How the money goes back; the payment's own method unless the cashier says otherwise (`credit` puts it on
    /// the patient's account).
    #[serde(default)]
    pub method: Option<PaymentMethod>,
    #[serde(default)]
    pub reference: Option<String>,
    pub reason: String,
}

/// An invoice's payments and refunds, oldest first.
pub(crate) fn of_invoice(conn: &Connection, invoice_id: &str) -> Result<Vec<Payment>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.kind, p.method, p.amount_minor, p.tendered_minor, p.change_minor, p.reference, p.refund_of,
                p.reason, p.received_at, p.received_by, coalesce(u.full_name, ''), p.workstation,
                coalesce((SELECT sum(c.amount_minor) FROM patient_credit c
                           WHERE c.payment_id = p.id AND c.kind = 'overpayment'), 0)
           FROM payments p LEFT JOIN users u ON u.id = p.received_by
          WHERE p.invoice_id = ?1 ORDER BY p.received_at, p.id",
    )?;
    let rows = stmt.query_map([invoice_id], |r| {
        Ok(Payment {
            id: r.get(0)?,
            kind: r.get(1)?,
            method: r.get(2)?,
            amount_minor: r.get(3)?,
            tendered_minor: r.get(4)?,
            change_minor: r.get(5)?,
            reference: r.get(6)?,
            refund_of: r.get(7)?,
            reason: r.get(8)?,
            received_at: r.get(9)?,
            received_by: r.get(10)?,
            received_by_name: r.get(11)?,
            workstation: r.get(12)?,
            credit_kept_minor: r.get(13)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Payments less refunds.
pub(crate) fn net_paid(payments: &[Payment]) -> i64 {
    payments
        .iter()
        .map(|p| match p.kind {
            PaymentKind::Payment => p.amount_minor,
            PaymentKind::Refund => -p.amount_minor,
        })
        .sum()
}

/// The patient's credit: the sum of their credit movements.
pub fn credit_balance(conn: &Connection, patient_id: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT coalesce(sum(amount_minor), 0) FROM patient_credit WHERE patient_id = ?1",
        )?
        .query_row([patient_id], |r| r.get(0))?)
}

fn post_credit(
    w: &Writer<'_>,
    patient_id: &str,
    amount: i64,
    kind: &str,
    payment_id: &str,
    invoice_id: &str,
    by: &str,
) -> Result<()> {
    let mut f = Map::new();
    f.insert("patient_id".into(), json!(patient_id));
    f.insert("amount_minor".into(), json!(amount));
    f.insert("kind".into(), json!(kind));
    f.insert("payment_id".into(), json!(payment_id));
    f.insert("invoice_id".into(), json!(invoice_id));
    f.insert("at".into(), json!(w.stamp()));
    f.insert("by_user".into(), json!(by));
    f.insert("created_at".into(), json!(w.stamp()));
    w.insert(PATIENT_CREDIT, &Uuid::now_v7().to_string(), &f)
}

/// Takes a payment on an issued invoice. Refuses a zero or negative amount, more than is owed (unless the excess is
/// kept as credit), tendered cash below the amount, tendered with a method other than cash, a transfer or cheque
/// without its reference, and paying from credit the patient does not have. Paying the balance in full moves the
/// visit to done.
pub fn pay(cx: &Ctx<'_>, req: &PayRequest) -> Result<PayResult> {
    let by = user_id(cx)?;
    if req.amount_minor <= 0 {
        return Err(Error::validation(
            "amount_minor",
            "A payment is more than zero; money going back is a refund of a payment.",
        ));
    }
    if req.amount_minor > MAX_AMOUNT_MINOR
        || req.tendered_minor.is_some_and(|t| t > MAX_AMOUNT_MINOR)
    {
        return Err(Error::validation(
            "amount_minor",
            "The amount is out of range.",
        ));
    }
    let reference = text::optional(
        "reference",
        "The reference",
        req.reference.as_deref(),
        MAX_REFERENCE,
        Lines::One,
    )?;
    if matches!(
        req.method,
        PaymentMethod::BankTransfer | PaymentMethod::Cheque
    ) && reference.is_none()
    {
        return Err(Error::validation(
            "reference",
            "Give the transfer or cheque number.",
        ));
    }
    let change = match (req.method, req.tendered_minor) {
        (_, None) => None,
        (PaymentMethod::Cash, Some(t)) if t >= req.amount_minor => Some(t - req.amount_minor),
        (PaymentMethod::Cash, Some(_)) => {
            return Err(Error::validation(
                "tendered_minor",
                "The cash handed over is less than the amount paid.",
            ));
        }
        (_, Some(_)) => {
            return Err(Error::validation(
                "tendered_minor",
                "Cash tendered goes with a cash payment.",
            ));
        }
    };
    cx.write(|w| {
        let conn: &Connection = w.tx();
        super::cashup::ensure_open(conn, cx, &by)?;
        super::settings::check_method(conn, req.method, "method")?;
        let (status, patient_id, owed) = balance(conn, &req.invoice_id)?;
        cx.note_patient(&patient_id);
        if status != InvoiceStatus::Issued {
            return Err(Error::conflict(match status {
                InvoiceStatus::Draft => "Issue the invoice before taking payment.",
                _ => "This invoice is void; nothing is owed on it.",
            }));
        }
        if owed == 0 {
            return Err(Error::conflict("Nothing is owed on this invoice."));
        }
        let (applied, kept) = if req.amount_minor <= owed {
            (req.amount_minor, 0)
        } else if req.keep_as_credit && req.method != PaymentMethod::Credit {
            (owed, req.amount_minor - owed)
        } else {
            return Err(Error::validation(
                "amount_minor",
                format!(
                    "Only {} is owed; give that, or keep the rest as the patient's credit.",
                    crate::money::clinic_currency(conn)?.grouped(owed)
                ),
            ));
        };
        if req.method == PaymentMethod::Credit {
            let credit = credit_balance(conn, &patient_id)?;
            if applied > credit {
                return Err(Error::validation(
                    "amount_minor",
                    format!(
                        "The patient has {} of credit.",
                        crate::money::clinic_currency(conn)?.grouped(credit)
                    ),
                ));
            }
        }
        let id = Uuid::now_v7().to_string();
        let mut f = Map::new();
        f.insert("invoice_id".into(), json!(req.invoice_id));
        f.insert("patient_id".into(), json!(patient_id));
        f.insert("kind".into(), json!(PaymentKind::Payment));
        f.insert("method".into(), json!(req.method));
        f.insert("amount_minor".into(), json!(applied));
        f.insert("tendered_minor".into(), json!(req.tendered_minor));
        f.insert("change_minor".into(), json!(change));
        f.insert("reference".into(), json!(reference));
        f.insert("received_at".into(), json!(w.stamp()));
        f.insert("received_by".into(), json!(by));
        f.insert("workstation".into(), json!(workstation::code(conn)?));
        f.insert("created_at".into(), json!(w.stamp()));
        w.insert(PAYMENTS, &id, &f)?;
        if req.method == PaymentMethod::Credit {
            post_credit(w, &patient_id, -applied, "used", &id, &req.invoice_id, &by)?;
        }
        if kept > 0 {
            post_credit(
                w,
                &patient_id,
                kept,
                "overpayment",
                &id,
                &req.invoice_id,
                &by,
            )?;
        }
        let visit_id: Option<String> = conn
            .prepare_cached("SELECT visit_id FROM invoices WHERE id = ?1")?
            .query_row([&req.invoice_id], |r| r.get(0))?;
        let moved_to_done = if applied == owed {
            settle_visit(w, visit_id.as_deref(), cx)?
        } else {
            false
        };
        Ok(PayResult {
            payment_id: id,
            change_minor: change.unwrap_or(0),
            credit_kept_minor: kept,
            moved_to_done,
            invoice: invoice_of(cx, conn, &req.invoice_id, Vec::new())?,
        })
    })
}

/// Refunds part or all of a payment, by its method unless another is chosen (`credit` puts it on the patient's
/// account). Never more than is left of the payment after earlier refunds; a refund is never refunded; a reason
/// is required.
pub fn refund(cx: &Ctx<'_>, req: &RefundRequest) -> Result<Invoice> {
    let by = user_id(cx)?;
    if req.amount_minor <= 0 {
        return Err(Error::validation(
            "amount_minor",
            "A refund is more than zero.",
        ));
    }
    let reason = text::optional(
        "reason",
        "The reason",
        Some(&req.reason),
        MAX_REASON,
        Lines::One,
    )?
    .ok_or_else(|| Error::validation("reason", "Say why the payment is refunded."))?;
    let reference = text::optional(
        "reference",
        "The reference",
        req.reference.as_deref(),
        MAX_REFERENCE,
        Lines::One,
    )?;
    cx.write(|w| {
        let conn: &Connection = w.tx();
        super::cashup::ensure_open(conn, cx, &by)?;
        let (invoice_id, patient_id, kind, method, amount): (
            String,
            String,
            PaymentKind,
            PaymentMethod,
            i64,
        ) = conn
            .prepare_cached(
                "SELECT invoice_id, patient_id, kind, method, amount_minor FROM payments WHERE id = ?1",
            )?
            .query_row([&req.payment_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .optional()?
            .ok_or_else(|| Error::not_found("There is no such payment."))?;
        cx.note_patient(&patient_id);
        if kind == PaymentKind::Refund {
            return Err(Error::validation(
                "payment_id",
                "This is a refund; refund the payment it returned instead.",
            ));
        }
        let refunded: i64 = conn
            .prepare_cached(
                "SELECT coalesce(sum(amount_minor), 0) FROM payments WHERE refund_of = ?1",
            )?
            .query_row([&req.payment_id], |r| r.get(0))?;
        let left = amount - refunded;
        if req.amount_minor > left {
            return Err(Error::validation(
                "amount_minor",
                format!(
                    "At most {} of this payment can still be refunded.",
                    crate::money::clinic_currency(conn)?.grouped(left)
                ),
            ));
        }
        // Money goes back the way it came even if the clinic has stopped taking that way since; another way must be
        // one the clinic uses.
        if let Some(other) = req.method.filter(|m| *m != method) {
            super::settings::check_method(conn, other, "method")?;
        }
        let method = req.method.unwrap_or(method);
        let id = Uuid::now_v7().to_string();
        let mut f = Map::new();
        f.insert("invoice_id".into(), json!(invoice_id));
        f.insert("patient_id".into(), json!(patient_id));
        f.insert("kind".into(), json!(PaymentKind::Refund));
        f.insert("method".into(), json!(method));
        f.insert("amount_minor".into(), json!(req.amount_minor));
        f.insert("reference".into(), json!(reference));
        f.insert("refund_of".into(), json!(req.payment_id));
        f.insert("reason".into(), json!(reason));
        f.insert("received_at".into(), json!(w.stamp()));
        f.insert("received_by".into(), json!(by));
        f.insert("workstation".into(), json!(workstation::code(conn)?));
        f.insert("created_at".into(), json!(w.stamp()));
        w.insert(PAYMENTS, &id, &f)?;
        if method == PaymentMethod::Credit {
            post_credit(
                w,
                &patient_id,
                req.amount_minor,
                "refund",
                &id,
                &invoice_id,
                &by,
            )?;
        }
        invoice_of(cx, conn, &invoice_id, Vec::new())
    })
}
