//! Billing's clinic settings: the free follow-up rule, the discount a cashier may give without a manager, and the
//! tax rate on medicines. Defaults until the clinic changes them.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clinic::{get, set};
use crate::sync::Writer;
use crate::{Error, Result};

pub const FREE_FOLLOW_UP_DAYS_KEY: &str = "billing_free_follow_up_days";
pub const DISCOUNT_LIMIT_BP_KEY: &str = "billing_discount_limit_bp";
pub const MEDICINE_TAX_BP_KEY: &str = "billing_medicine_tax_bp";

/// A follow-up is free within this many days of a paid consultation: off (0) until the clinic sets it.
pub const DEFAULT_FREE_FOLLOW_UP_DAYS: u32 = 0;
/// 10 %: a larger discount on a line needs `DiscountAboveLimit`.
pub const DEFAULT_DISCOUNT_LIMIT_BP: u32 = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
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
}

impl Default for BillingSettings {
    fn default() -> Self {
        BillingSettings {
            free_follow_up_days: DEFAULT_FREE_FOLLOW_UP_DAYS,
            discount_limit_bp: DEFAULT_DISCOUNT_LIMIT_BP,
            medicine_tax_bp: 0,
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
    })
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
    set(w, DISCOUNT_LIMIT_BP_KEY, &s.discount_limit_bp.to_string())?;
    set(w, MEDICINE_TAX_BP_KEY, &s.medicine_tax_bp.to_string())
}
