//! The pharmacy's clinic settings: drops in one mL (for "will one bottle last the course") and how far ahead
//! "expiring soon" looks. Defaults until the clinic changes them.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{
    DEFAULT_DROPS_PER_ML, DEFAULT_EXPIRY_WARNING_DAYS, DROPS_PER_ML_KEY, EXPIRY_WARNING_DAYS_KEY,
};
use crate::clinic::{get, set};
use crate::sync::Writer;
use crate::{Error, Result};

pub const DROPS_PER_ML_RANGE: std::ops::RangeInclusive<u32> = 10..=40;
pub const EXPIRY_WARNING_DAYS_RANGE: std::ops::RangeInclusive<u32> = 1..=365;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PharmacySettings {
    /// Drops in one mL of an eye drop (10 to 40).
    pub drops_per_ml: u32,
    /// Days ahead that "expiring soon" looks (1 to 365).
    pub expiry_warning_days: u32,
}

impl Default for PharmacySettings {
    fn default() -> Self {
        PharmacySettings {
            drops_per_ml: DEFAULT_DROPS_PER_ML,
            expiry_warning_days: DEFAULT_EXPIRY_WARNING_DAYS,
        }
    }
}

/// The settings; a stored value outside its range (a newer or tampered row) reads as the default.
pub fn load(conn: &Connection) -> Result<PharmacySettings> {
    let read = |key: &str, range: &std::ops::RangeInclusive<u32>, default: u32| -> Result<u32> {
        Ok(get(conn, key)?
            .and_then(|v| v.parse().ok())
            .filter(|v| range.contains(v))
            .unwrap_or(default))
    };
    Ok(PharmacySettings {
        drops_per_ml: read(DROPS_PER_ML_KEY, &DROPS_PER_ML_RANGE, DEFAULT_DROPS_PER_ML)?,
        expiry_warning_days: read(
            EXPIRY_WARNING_DAYS_KEY,
            &EXPIRY_WARNING_DAYS_RANGE,
            DEFAULT_EXPIRY_WARNING_DAYS,
        )?,
    })
}

pub fn save(w: &Writer<'_>, s: &PharmacySettings) -> Result<()> {
    if !DROPS_PER_ML_RANGE.contains(&s.drops_per_ml) {
        return Err(Error::validation(
            "drops_per_ml",
            "Drops per mL is between 10 and 40 (20 for most eye drops).",
        ));
    }
    if !EXPIRY_WARNING_DAYS_RANGE.contains(&s.expiry_warning_days) {
        return Err(Error::validation(
            "expiry_warning_days",
            "Warn of expiry 1 to 365 days ahead.",
        ));
    }
    set(w, DROPS_PER_ML_KEY, &s.drops_per_ml.to_string())?;
    set(
        w,
        EXPIRY_WARNING_DAYS_KEY,
        &s.expiry_warning_days.to_string(),
    )
}
