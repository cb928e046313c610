//! Billing's clinic settings: the free follow-up rule, the discount a cashier may give without a manager, the tax
//! rate on medicines and the ways of paying the desk accepts. Defaults until the clinic changes them.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::PaymentMethod;
use super::cashup::MONEY_METHODS;
use crate::clinic::{get, set};
use crate::sync::Writer;
use crate::{Error, Result};

pub const FREE_FOLLOW_UP_DAYS_KEY: &str = "billing_free_follow_up_days";
pub const DISCOUNT_LIMIT_BP_KEY: &str = "billing_discount_limit_bp";
pub const MEDICINE_TAX_BP_KEY: &str = "billing_medicine_tax_bp";
pub const PAYMENT_METHODS_KEY: &str = "billing_payment_methods";

fn all_methods() -> Vec<PaymentMethod> {
    MONEY_METHODS.to_vec()
}

/// A follow-up is free within this many days of a paid consultation: off (0) until the clinic sets it.
pub const DEFAULT_FREE_FOLLOW_UP_DAYS: u32 = 0;
/// 10 %: a larger discount on a line needs `DiscountAboveLimit`.
pub const DEFAULT_DISCOUNT_LIMIT_BP: u32 = 1000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct BillingSettings {
    /// A follow-up consultation within this many days of the patient's last paid consultation costs nothing
    /// (0 to 365; 0 turns the rule off).
    pub free_follow_up_days: u32,
    /// The largest discount, as a share of a line in basis points (0 to 10,000), a cashier gives without the
    /// `discount_above_limit` permission.
    pub discount_limit_bp: u32,
    /// Tax on medicines, in basis points (0 to 10,000).
    pub medicine_tax_bp: u32,
    /// The ways of paying this clinic accepts (at least one; patient credit is always usable where there is some,
    /// so it is not listed). Every money method until the clinic chooses.
    #[serde(default = "all_methods")]
    pub payment_methods: Vec<PaymentMethod>,
}

impl Default for BillingSettings {
    fn default() -> Self {
        BillingSettings {
            free_follow_up_days: DEFAULT_FREE_FOLLOW_UP_DAYS,
            discount_limit_bp: DEFAULT_DISCOUNT_LIMIT_BP,
            medicine_tax_bp: 0,
            payment_methods: all_methods(),
        }
    }
}

/// The settings; a stored value out of range (a newer or tampered row) reads as the default.
pub fn load(conn: &Connection) -> Result<BillingSettings> {
    let read = |key: &str, max: u32, default: u32| -> Result<u32> {
        Ok(get(conn, key)?
            .and_then(|v| v.parse().ok())
            .filter(|v| *v <= max)
            .unwrap_or(default))
    };
    let d = BillingSettings::default();
    Ok(BillingSettings {
        free_follow_up_days: read(FREE_FOLLOW_UP_DAYS_KEY, 365, d.free_follow_up_days)?,
        discount_limit_bp: read(DISCOUNT_LIMIT_BP_KEY, 10_000, d.discount_limit_bp)?,
        medicine_tax_bp: read(MEDICINE_TAX_BP_KEY, 10_000, d.medicine_tax_bp)?,
        payment_methods: get(conn, PAYMENT_METHODS_KEY)?
            .and_then(|v| serde_json::from_str::<Vec<PaymentMethod>>(&v).ok())
            .map(|l| ordered(&l))
            .filter(|l| !l.is_empty())
            .unwrap_or(d.payment_methods),
    })
}

/// The money methods of `list`, each once, in the desk's order (credit is never among them).
fn ordered(list: &[PaymentMethod]) -> Vec<PaymentMethod> {
    MONEY_METHODS
        .iter()
        .copied()
        .filter(|m| list.contains(m))
        .collect()
}

/// Refuses a way of paying the clinic does not accept; patient credit is always accepted (the core checks there is
/// enough of it).
pub fn check_method(conn: &Connection, method: PaymentMethod, field: &str) -> Result<()> {
    if method == PaymentMethod::Credit || load(conn)?.payment_methods.contains(&method) {
        return Ok(());
    }
    Err(Error::validation(
        field,
        format!(
            "The clinic does not take {}; choose another way to pay (the list is in Clinic settings, Billing).",
            super::cashup::method_words(method)
        ),
    ))
}

/// Saves the settings after checking each range.
pub fn save(w: &Writer<'_>, s: &BillingSettings) -> Result<()> {
    if s.free_follow_up_days > 365 {
        return Err(Error::validation(
            "free_follow_up_days",
            "Free follow-ups are within 0 to 365 days (0 turns the rule off).",
        ));
    }
    if s.discount_limit_bp > 10_000 {
        return Err(Error::validation(
            "discount_limit_bp",
            "The discount limit is from 0 to 100 %.",
        ));
    }
    if s.medicine_tax_bp > 10_000 {
        return Err(Error::validation(
            "medicine_tax_bp",
            "A tax rate is from 0 to 100 %.",
        ));
    }
    set(
        w,
        FREE_FOLLOW_UP_DAYS_KEY,
        &s.free_follow_up_days.to_string(),
    )?;
    if s.payment_methods.contains(&PaymentMethod::Credit) {
        return Err(Error::validation(
            "payment_methods",
            "Patient credit is always accepted where a patient has some; list only ways money is paid.",
        ));
    }
    let methods = ordered(&s.payment_methods);
    if methods.is_empty() {
        return Err(Error::validation(
            "payment_methods",
            "Accept at least one way of paying.",
        ));
    }
    set(w, DISCOUNT_LIMIT_BP_KEY, &s.discount_limit_bp.to_string())?;
    set(w, MEDICINE_TAX_BP_KEY, &s.medicine_tax_bp.to_string())?;
    let text = serde_json::to_string(&methods)
        .map_err(|e| Error::storage(format!("Cannot store the payment methods: {e}")))?;
    set(w, PAYMENT_METHODS_KEY, &text)
}
