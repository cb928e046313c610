//! Billing at the cash desk: the price list with dated prices, invoices proposed from the visit (draft → issued →
//! void), append-only payments and refunds, and the patient's credit. Money is integer minor units of the clinic's
//! currency, never floating point; lines are rounded, then summed (see [`arithmetic`]).
//!
//! An issued invoice carries a number gapless per workstation (`C1-2026-000123`), taken inside the issuing
//! transaction, and is frozen by the database: it is corrected only by voiding it with a reason. Payments, refunds
//! and credit movements are only ever inserted, so two desks never conflict.

pub mod arithmetic;
pub mod cashup;
pub mod exports;
pub mod invoice;
pub mod lists;
pub mod ops;
pub mod payments;
pub mod prices;
pub mod print;
pub mod reports;
pub mod settings;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::catalog::{Ctx, Permission};
use crate::{Error, Result};

pub use invoice::{Invoice, InvoiceLine, LineSource};
pub use settings::BillingSettings;

/// What a service is, so that a visit's proposal finds its consultation and refraction lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ServiceKind {
    ConsultationNew,
    ConsultationFollowUp,
    PostOperative,
    Refraction,
    Test,
    Procedure,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum InvoiceStatus {
    Draft,
    Issued,
    Void,
}

/// Who the invoice is addressed to: the patient, or a named payer (an insurer, a company).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PayerKind {
    Patient,
    Payer,
}

/// How money was paid. `credit` pays from the patient's account (an earlier overpayment).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PaymentMethod {
    Cash,
    Card,
    MobileMoney,
    BankTransfer,
    Cheque,
    Credit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PaymentKind {
    Payment,
    Refund,
}

/// The signed-in caller's id (every billing operation has one: none is public).
pub(crate) fn user_id(cx: &Ctx<'_>) -> Result<String> {
    cx.user
        .as_ref()
        .map(|u| u.id.clone())
        .ok_or_else(|| Error::permission_denied("Sign in first."))
}

/// Whether the caller holds `p` beyond the operation's own permission (a discount above the limit).
pub(crate) fn may(cx: &Ctx<'_>, p: Permission) -> bool {
    cx.user.as_ref().is_some_and(|u| u.permissions.contains(&p))
}

/// The clinic's currency code (EUR until set).
pub(crate) fn currency(conn: &Connection) -> Result<String> {
    Ok(crate::clinic::get(conn, "currency")?.unwrap_or_else(|| "EUR".into()))
}
