//! The clinic's settings as one validated record.

use chrono::Duration;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{get, set};
use crate::dates::DateFormat;
use crate::sync::Writer;
use crate::{Error, Result};

pub const ADDRESS: &str = "address";
pub const PHONE: &str = "phone";
pub const REGISTRATION: &str = "registration";
pub const CURRENCY: &str = "currency";
pub const PAPER_SIZE: &str = "paper_size";
pub const IDLE_LOCK_MINUTES: &str = "idle_lock_minutes";
pub const DEFAULT_IDLE_LOCK_MINUTES: u32 = 10;
pub const SESSION_HOURS: &str = "session_hours";
pub const DEFAULT_SESSION_HOURS: u32 = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[ts(export)]
pub enum PaperSize {
    #[default]
    A4,
    A5,
    Letter,
}

/// Everything a clinic configures once: printed on documents, and how dates, money and time work.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ClinicSettings {
    pub clinic_name: String,
    pub address: Option<String>,
    pub phone: Option<String>,
    /// Company, medical-council or tax registration numbers, printed under the letterhead of invoices and
    /// receipts where the law asks for them.
    #[serde(default)]
    pub registration: Option<String>,
    /// ISO 4217 code, such as EUR or INR.
    pub currency: String,
    /// IANA time zone, such as Europe/Dublin.
    pub time_zone: String,
    pub date_format: DateFormat,
    pub paper_size: PaperSize,
    /// Minutes without activity before a workstation's screen locks (1 to 120).
    pub idle_lock_minutes: u32,
    /// Hours after signing in when a session ends however busy it was, and its user signs in again (1 to 24):
    /// a session left open on a shared workstation does not last for days.
    pub session_hours: u32,
}

impl ClinicSettings {
    /// A clinic called `name` with the settings a new clinic starts from (euro, Europe/Dublin, DD/MM/YYYY, A4,
    /// 10 idle minutes, 12-hour sessions), for set-up from code; the set-up screen guesses currency and time zone from the computer.
    pub fn named(name: &str) -> Self {
        ClinicSettings {
            clinic_name: name.to_string(),
            address: None,
            phone: None,
            registration: None,
            currency: "EUR".into(),
            time_zone: "Europe/Dublin".into(),
            date_format: DateFormat::DMY,
            paper_size: PaperSize::A4,
            idle_lock_minutes: DEFAULT_IDLE_LOCK_MINUTES,
            session_hours: DEFAULT_SESSION_HOURS,
        }
    }

    /// Checks and tidies every field; the first problem is returned with its field name.
    pub fn validated(&self) -> Result<ClinicSettings> {
        let name = crate::text::one_line_collapsed(
            "clinic_name",
            "The clinic's name",
            &self.clinic_name,
            120,
        )?
        .ok_or_else(|| Error::validation("clinic_name", "Enter the clinic's name."))?;
        // Printed on letterheads line by line.
        let address = crate::text::optional(
            "address",
            "The address",
            self.address.as_deref(),
            300,
            crate::text::Lines::Many,
        )?;
        let phone = match self.phone.as_deref() {
            Some(p) => crate::patients::phone("phone", p)?,
            None => None,
        };
        let registration = crate::text::optional(
            "registration",
            "The registration details",
            self.registration.as_deref(),
            200,
            crate::text::Lines::Many,
        )?;
        let currency = self.currency.trim().to_ascii_uppercase();
        if currency.len() != 3 || !crate::money::Currency::is_known(&currency) {
            return Err(Error::validation(
                "currency",
                "Use the three-letter currency code, such as EUR, GBP or INR.",
            ));
        }
        let time_zone = self.time_zone.trim().to_string();
        if time_zone.parse::<chrono_tz::Tz>().is_err() {
            return Err(Error::validation(
                "time_zone",
                "Choose a time zone from the list, such as Europe/Dublin.",
            ));
        }
        if !(1..=120).contains(&self.idle_lock_minutes) {
            return Err(Error::validation(
                "idle_lock_minutes",
                "Lock the screen after 1 to 120 idle minutes.",
            ));
        }
        if !(1..=24).contains(&self.session_hours) {
            return Err(Error::validation(
                "session_hours",
                "End sessions after 1 to 24 hours.",
            ));
        }
        Ok(ClinicSettings {
            clinic_name: name,
            address,
            phone,
            registration,
            currency,
            time_zone,
            date_format: self.date_format,
            paper_size: self.paper_size,
            idle_lock_minutes: self.idle_lock_minutes,
            session_hours: self.session_hours,
        })
    }
}

pub fn load(conn: &Connection) -> Result<ClinicSettings> {
    Ok(ClinicSettings {
        clinic_name: get(conn, super::CLINIC_NAME)?.unwrap_or_default(),
        address: get(conn, ADDRESS)?,
        phone: get(conn, PHONE)?,
        registration: get(conn, REGISTRATION)?.filter(|r| !r.is_empty()),
        currency: get(conn, CURRENCY)?.unwrap_or_else(|| "EUR".into()),
        time_zone: get(conn, super::TIME_ZONE)?.unwrap_or_else(|| "UTC".into()),
        date_format: get(conn, super::DATE_FORMAT)?
            .and_then(|s| DateFormat::from_setting(&s))
            .unwrap_or_default(),
        paper_size: match get(conn, PAPER_SIZE)?.as_deref() {
            Some("A5") => PaperSize::A5,
            Some("Letter") => PaperSize::Letter,
            _ => PaperSize::A4,
        },
        idle_lock_minutes: idle_lock(conn)?.num_minutes() as u32,
        session_hours: session_lifetime(conn)?.num_hours() as u32,
    })
}

/// The takings report's day totals (migration 0015) summed again from the payments and invoice line facts, in the
/// clinic's time zone as now stored.
const RESUM_DAYS: &str = "
    DELETE FROM takings_days;
    INSERT INTO takings_days (clinic_day, kind, method, payments, amount_minor)
        SELECT fovea_local_day(received_at, (SELECT value FROM settings WHERE id = 'time_zone')), kind, method,
               count(*), sum(amount_minor)
          FROM payments GROUP BY 1, 2, 3;
    DELETE FROM invoiced_days;
    INSERT INTO invoiced_days (clinic_day, item_kind, item_id, code, description, quantity, discount_minor,
                               net_minor, tax_minor)
        SELECT fovea_local_day(issued_at, (SELECT value FROM settings WHERE id = 'time_zone')), item_kind, item_id,
               max(code), max(description), sum(quantity), sum(discount_minor), sum(net_minor), sum(tax_minor)
          FROM invoice_line_facts GROUP BY 1, 2, 3;";

/// Validates and stores `s`; only settings that changed are written.
pub fn save(w: &Writer<'_>, s: &ClinicSettings) -> Result<ClinicSettings> {
    let s = s.validated()?;
    let opt = |w: &Writer<'_>, key: &str, v: &Option<String>| -> Result<()> {
        match v {
            Some(v) => set(w, key, v),
            None if get(w.tx(), key)?.is_some() => set(w, key, ""),
            None => Ok(()),
        }
    };
    set(w, super::CLINIC_NAME, &s.clinic_name)?;
    opt(w, ADDRESS, &s.address)?;
    opt(w, PHONE, &s.phone)?;
    opt(w, REGISTRATION, &s.registration)?;
    set(w, CURRENCY, &s.currency)?;
    let zone_changed = get(w.tx(), super::TIME_ZONE)?.as_deref() != Some(s.time_zone.as_str());
    set(w, super::TIME_ZONE, &s.time_zone)?;
    if zone_changed {
        // Instants fall on other clinic days in another zone: the day totals of the takings report are summed again.
        w.tx().execute_batch(RESUM_DAYS)?;
    }
    set(w, super::DATE_FORMAT, s.date_format.as_setting())?;
    let paper = match s.paper_size {
        PaperSize::A4 => "A4",
        PaperSize::A5 => "A5",
        PaperSize::Letter => "Letter",
    };
    set(w, PAPER_SIZE, paper)?;
    set(w, IDLE_LOCK_MINUTES, &s.idle_lock_minutes.to_string())?;
    set(w, SESSION_HOURS, &s.session_hours.to_string())?;
    Ok(s)
}

/// How long a session may stay idle before it locks.
pub fn idle_lock(conn: &Connection) -> Result<Duration> {
    let minutes = get(conn, IDLE_LOCK_MINUTES)?
        .and_then(|m| m.parse::<i64>().ok())
        .filter(|m| (1..=120).contains(m))
        .unwrap_or(DEFAULT_IDLE_LOCK_MINUTES as i64);
    Ok(Duration::minutes(minutes))
}

/// How long a session lasts after signing in, however active it is.
pub fn session_lifetime(conn: &Connection) -> Result<Duration> {
    let hours = get(conn, SESSION_HOURS)?
        .and_then(|h| h.parse::<i64>().ok())
        .filter(|h| (1..=24).contains(h))
        .unwrap_or(DEFAULT_SESSION_HOURS as i64);
    Ok(Duration::hours(hours))
}
