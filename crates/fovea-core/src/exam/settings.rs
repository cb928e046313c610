//! The clinic's eye-care habits: which acuity notation it writes, which cylinder form it prints, how long a
//! spectacle prescription is valid and who issues it. Stored as clinic settings keys, with the common defaults until changed.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::acuity::Notation;
use super::refraction::CylinderForm;
use crate::catalog::{Empty, area_operations, op};
use crate::clinic::{get, set};
use crate::sync::Writer;
use crate::{Error, Result};

const VA_NOTATION: &str = "va_notation";
const CYLINDER_FORM: &str = "rx_cylinder_form";
const RX_EXPIRY_MONTHS: &str = "rx_expiry_months";
const RX_BY_OPTOMETRIST: &str = "spectacle_rx_by_optometrist";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ExamSettings {
    /// How a bare number in an acuity box is read, and how acuities are shown.
    pub va_notation: Notation,
    /// The cylinder form printed on spectacle prescriptions.
    pub cylinder_form: CylinderForm,
    /// Months a spectacle prescription is valid (0: no expiry printed).
    pub rx_expiry_months: u32,
    /// Optometrists issue the clinic's spectacle prescriptions: a signed record's printout names the optometrist who
    /// recorded the final refraction, not the doctor who signed. Absent in a request: off.
    #[serde(default)]
    pub spectacle_rx_by_optometrist: bool,
}

impl Default for ExamSettings {
    fn default() -> Self {
        ExamSettings {
            va_notation: Notation::SnellenMetric,
            cylinder_form: CylinderForm::Minus,
            rx_expiry_months: 24,
            spectacle_rx_by_optometrist: false,
        }
    }
}

fn parse<T: for<'de> Deserialize<'de>>(s: Option<String>) -> Option<T> {
    s.and_then(|s| serde_json::from_value(serde_json::Value::String(s)).ok())
}

fn name<T: Serialize>(v: T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

pub fn load(conn: &Connection) -> Result<ExamSettings> {
    let d = ExamSettings::default();
    Ok(ExamSettings {
        va_notation: parse(get(conn, VA_NOTATION)?).unwrap_or(d.va_notation),
        cylinder_form: parse(get(conn, CYLINDER_FORM)?).unwrap_or(d.cylinder_form),
        rx_expiry_months: get(conn, RX_EXPIRY_MONTHS)?
            .and_then(|m| m.parse().ok())
            .unwrap_or(d.rx_expiry_months),
        spectacle_rx_by_optometrist: get(conn, RX_BY_OPTOMETRIST)?
            .map(|v| v == "true")
            .unwrap_or(d.spectacle_rx_by_optometrist),
    })
}

pub fn save(w: &Writer<'_>, s: &ExamSettings) -> Result<()> {
    if s.rx_expiry_months > 60 {
        return Err(Error::validation(
            "rx_expiry_months",
            "A prescription is valid for at most 60 months (0 for no expiry).",
        ));
    }
    if s.va_notation == Notation::NPoint {
        return Err(Error::validation(
            "va_notation",
            "N-point is a near notation; choose a distance notation.",
        ));
    }
    set(w, VA_NOTATION, &name(s.va_notation))?;
    set(w, CYLINDER_FORM, &name(s.cylinder_form))?;
    set(w, RX_EXPIRY_MONTHS, &s.rx_expiry_months.to_string())?;
    set(
        w,
        RX_BY_OPTOMETRIST,
        if s.spectacle_rx_by_optometrist {
            "true"
        } else {
            "false"
        },
    )
}

op! {
    GetExamSettings = "exam_settings.get", SignedIn,
    summary: "The clinic's acuity notation, printed cylinder form and prescription validity.",
    label: "Read the examination settings",
    fn(cx, _: Empty) -> ExamSettings {
        cx.read(load)
    }
}

op! {
    UpdateExamSettings = "exam_settings.update", ManageSettings,
    summary: "Change the clinic's acuity notation, printed cylinder form or prescription validity.",
    label: "Changed the examination settings",
    fn(cx, r: ExamSettings) -> ExamSettings {
        cx.write(|w| save(w, &r))?;
        cx.read(load)
    }
}

// The registry lists these operations in this order (`fovea call --list`, the bindings).
area_operations! {
    GetExamSettings,
    UpdateExamSettings,
}
