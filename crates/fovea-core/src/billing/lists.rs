//! The desk's lists: the visits waiting at the billing stage with their drafts' totals, and a patient's invoices
//! with what they owe and their credit.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::arithmetic;
use super::invoice::{balance, draft_of_visit, invoice_of, patient_words, row_lines};
use super::payments;
use super::{InvoiceStatus, PayerKind};
use crate::Result;
use crate::catalog::Ctx;

/// A visit at the billing stage, with its draft's total if one has been proposed.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ToBill {
    pub visit_id: String,
    pub patient_id: String,
    pub patient_name: String,
    pub patient_mrn: String,
    pub clinic_day: String,
    pub stage_since: String,
    pub draft_invoice_id: Option<String>,
    pub draft_total_minor: Option<i64>,
    /// Still owed on the visit's issued invoices.
    pub balance_minor: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ToBillResponse {
    pub currency: String,
    /// Longest waiting first.
    pub visits: Vec<ToBill>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PatientInvoicesRequest {
    pub patient_id: String,
}

/// One invoice of a patient's list.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct InvoiceSummary {
    pub id: String,
    pub status: InvoiceStatus,
    pub number: Option<String>,
    pub visit_id: Option<String>,
    pub payer_kind: PayerKind,
    pub payer_name: Option<String>,
    pub created_at: String,
    pub issued_at: Option<String>,
    pub total_minor: i64,
    pub paid_minor: i64,
    pub balance_minor: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PatientInvoicesResponse {
    pub currency: String,
    /// Newest first.
    pub invoices: Vec<InvoiceSummary>,
    /// Owed on the patient's issued invoices (billed to them, not to a payer).
    pub balance_minor: i64,
    /// The patient's credit (earlier overpayments not yet used).
    pub credit_minor: i64,
}

/// The visits at the billing stage, longest waiting first, each with its draft's total and what is still owed.
pub fn to_bill(cx: &Ctx<'_>) -> Result<ToBillResponse> {
    cx.note_detail("billing list");
    cx.read(|conn| {
        let rows = conn
            .prepare_cached(
                "SELECT v.id, v.patient_id, p.first_name || ' ' || p.last_name, p.mrn, v.clinic_day, v.stage_since
                   FROM visits v JOIN patients p ON p.id = v.patient_id
                  WHERE v.stage = 'billing' ORDER BY v.stage_since, v.id",
            )?
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut visits = Vec::with_capacity(rows.len());
        for (visit_id, patient_id, patient_name, patient_mrn, clinic_day, stage_since) in rows {
            let draft = draft_of_visit(conn, &visit_id)?;
            let draft_total_minor = match &draft {
                Some(id) => Some(
                    arithmetic::totals(row_lines(conn, id)?.iter().map(|l| &l.amounts))
                        .total_minor,
                ),
                None => None,
            };
            let issued = conn
                .prepare_cached(
                    "SELECT id FROM invoices WHERE visit_id = ?1 AND status = 'issued'",
                )?
                .query_map([&visit_id], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut balance_minor = 0;
            for id in issued {
                balance_minor += balance(conn, &id)?.2;
            }
            visits.push(ToBill {
                visit_id,
                patient_id,
                patient_name,
                patient_mrn,
                clinic_day,
                stage_since,
                draft_invoice_id: draft,
                draft_total_minor,
                balance_minor,
            });
        }
        Ok(ToBillResponse {
            currency: super::currency(conn)?,
            visits,
        })
    })
}

/// A patient's invoices, newest first, with what they owe and their credit.
pub fn patient_invoices(
    cx: &Ctx<'_>,
    req: &PatientInvoicesRequest,
) -> Result<PatientInvoicesResponse> {
    cx.read(|conn| {
        patient_words(conn, &req.patient_id)?;
        cx.note_patient(&req.patient_id);
        let ids = conn
            .prepare_cached(
                "SELECT id FROM invoices WHERE patient_id = ?1 ORDER BY created_at DESC, id DESC",
            )?
            .query_map([&req.patient_id], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut invoices = Vec::with_capacity(ids.len());
        let mut owed = 0;
        for id in ids {
            let i = invoice_of(cx, conn, &id, Vec::new())?;
            if i.payer_kind == PayerKind::Patient {
                owed += i.balance_minor;
            }
            invoices.push(InvoiceSummary {
                status: i.status,
                number: i.number,
                visit_id: i.visit_id,
                payer_kind: i.payer_kind,
                payer_name: i.payer_name,
                created_at: i.created_at,
                issued_at: i.issued_at,
                total_minor: i.totals.total_minor,
                paid_minor: i.paid_minor,
                balance_minor: i.balance_minor,
                id,
            });
        }
        Ok(PatientInvoicesResponse {
            currency: super::currency(conn)?,
            invoices,
            balance_minor: owed,
            credit_minor: payments::credit_balance(conn, &req.patient_id)?,
        })
    })
}
