//! The eye examination: what an ophthalmologist or optometrist records per eye at a visit.
//!
//! Every value arrives as the text staff typed into a form. The submodules turn that text into exact values
//! (fixed-point integers, never floats, so a stored `-1.25` is always `-1.25`) and refuse anything else with a
//! validation error that names the form field, so the screen can put the message next to it. Per-eye fields are
//! named `od.<field>` / `os.<field>`.
//!
//! Numbers cross to the UI as JSON numbers in their natural unit (`-1.25` dioptres, `0.3` LogMAR, `15.5` mmHg);
//! reading them back rounds to the fixed-point unit and refuses values off that grid. Reading a stored value back
//! checks its unit, not the clinical rules of the form (ranges, steps), which it passed when it was entered.

pub mod acuity;
pub mod chart;
pub mod consultation;
pub mod findings;
mod fixed;
pub mod icd10;
pub mod iop;
pub mod ops;
pub mod print;
pub mod record;
pub mod refraction;
pub mod settings;
mod text;
pub mod workup;

use std::fmt;

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, Result};

/// Which eye a value or a diagnosis is about. Per-eye findings are always stored per eye; `ou` and
/// `not_applicable` exist for diagnoses and prescriptions (a family history of glaucoma concerns no eye).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Eye {
    /// Right eye (oculus dexter).
    Od,
    /// Left eye (oculus sinister).
    Os,
    /// Both eyes (oculi uterque).
    Ou,
    NotApplicable,
}

impl Eye {
    pub fn as_str(self) -> &'static str {
        match self {
            Eye::Od => "od",
            Eye::Os => "os",
            Eye::Ou => "ou",
            Eye::NotApplicable => "not_applicable",
        }
    }
}

/// A wall-clock time of day (dilation drops, IOP), entered and shown as `HH:MM` on the 24-hour clock like the
/// rest of Fovea. It has no date or zone: it belongs to the visit it is recorded in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(into = "String", try_from = "String")]
#[ts(type = "string")]
pub struct TimeOfDay(NaiveTime);

impl TimeOfDay {
    /// `9:30` or `09:30`; `field` names the form field in the error.
    pub fn parse(field: &str, text: &str) -> Result<TimeOfDay> {
        let s = text.trim();
        let bad = || {
            Error::validation(
                field,
                "Time is HH:MM on the 24-hour clock, like 09:30 or 14:05.",
            )
        };
        let (h, m) = s.split_once(':').ok_or_else(bad)?;
        let number = |p: &str, lengths: std::ops::RangeInclusive<usize>| {
            (lengths.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse::<u32>().ok())
                .flatten()
        };
        let (Some(h), Some(m)) = (number(h, 1..=2), number(m, 2..=2)) else {
            return Err(bad());
        };
        NaiveTime::from_hms_opt(h, m, 0)
            .map(TimeOfDay)
            .ok_or_else(bad)
    }

    pub fn time(self) -> NaiveTime {
        self.0
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%H:%M"))
    }
}

impl From<TimeOfDay> for String {
    fn from(t: TimeOfDay) -> String {
        t.to_string()
    }
}

impl TryFrom<String> for TimeOfDay {
    type Error = Error;
    fn try_from(s: String) -> Result<TimeOfDay> {
        TimeOfDay::parse("time", &s)
    }
}

/// The error field for `name` on the eye whose prefix is `eye` (`od`, `os`), or `name` alone without a prefix.
fn field(eye: &str, name: &str) -> String {
    if eye.is_empty() {
        name.to_string()
    } else {
        format!("{eye}.{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eye_serializes_snake_case() {
        assert_eq!(
            serde_json::to_value(Eye::NotApplicable).expect("json"),
            serde_json::json!("not_applicable")
        );
        assert_eq!(Eye::Od.as_str(), "od");
    }

    #[test]
    fn time_of_day_is_hh_mm() {
        for (typed, shown) in [("9:30", "09:30"), (" 14:05 ", "14:05"), ("00:00", "00:00")] {
            assert_eq!(
                TimeOfDay::parse("t", typed).expect(typed).to_string(),
                shown
            );
        }
        for bad in [
            "", "24:00", "9", "9:5", "09:60", "9.30", "0930", "-1:30", "+9:30", "9:300",
        ] {
            let e = TimeOfDay::parse("t", bad).expect_err(bad);
            assert_eq!(e.field.as_deref(), Some("t"));
        }
        let t: TimeOfDay = serde_json::from_str("\"08:15\"").expect("json");
        assert_eq!(serde_json::to_string(&t).expect("json"), "\"08:15\"");
        assert!(serde_json::from_str::<TimeOfDay>("\"25:00\"").is_err());
    }

    #[test]
    fn field_names_carry_the_eye() {
        assert_eq!(field("od", "sphere"), "od.sphere");
        assert_eq!(field("", "pd"), "pd");
    }
}
