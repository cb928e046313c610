//! Clinic-wide settings, replicated to every workstation. Each setting is a row of `settings` keyed by its name.

pub mod ops;
pub(crate) mod settings;

pub use settings::load as load_settings;
pub(crate) use settings::save as save_settings;
pub use settings::{ClinicSettings, PaperSize, idle_lock, session_lifetime};

use rusqlite::{Connection, OptionalExtension};
use serde_json::{Map, Value};

use crate::Result;
use crate::dates::DateFormat;
use crate::sync::{Writer, tables::SETTINGS};

pub const CLINIC_NAME: &str = "clinic_name";
pub const DATE_FORMAT: &str = "date_format";
pub const TIME_ZONE: &str = "time_zone";

pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    // Read on every operation (locale, idle lock), so the statement is cached.
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE id = ?1")?
        .query_row([key], |r| r.get::<_, Option<String>>(0))
        .optional()?
        .flatten()
        .filter(|v| !v.is_empty()))
}

pub fn set(w: &Writer<'_>, key: &str, value: &str) -> Result<()> {
    if get(w.tx(), key)?.as_deref() == Some(value) {
        return Ok(());
    }
    let mut fields = Map::new();
    fields.insert("value".into(), Value::String(value.to_string()));
    w.upsert(SETTINGS, key, &fields)
}

/// The clinic's time zone (UTC until one is set, or if the stored name is unknown to this build).
pub fn time_zone(conn: &Connection) -> Result<chrono_tz::Tz> {
    Ok(get(conn, TIME_ZONE)?
        .and_then(|z| z.parse().ok())
        .unwrap_or(chrono_tz::UTC))
}

/// What most operations need to know about the clinic: how dates are typed and what day it is there.
#[derive(Debug, Clone)]
pub struct Locale {
    pub date_format: DateFormat,
    pub today: chrono::NaiveDate,
}

/// How the clinic writes dates, and which day it is there at `now` (the workstation's one clock, `cx.now()`).
pub fn locale(conn: &Connection, now: chrono::DateTime<chrono::Utc>) -> Result<Locale> {
    let date_format = get(conn, DATE_FORMAT)?
        .and_then(|s| DateFormat::from_setting(&s))
        .unwrap_or_default();
    let tz = get(conn, TIME_ZONE)?;
    Ok(Locale {
        date_format,
        today: crate::time::today_in(tz.as_deref(), now),
    })
}
