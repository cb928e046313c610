//! Finished past visits with signed examinations, for demo clinics and benchmarks.

use chrono::NaiveDate;
use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::write::*;
use crate::Result;
use crate::exam::consultation::Consultation;
use crate::exam::workup::Workup;
use crate::sync::Writer;
use crate::sync::tables::{EXAMINATIONS, VISITS};

/// A finished past visit with its signed examination, for demo clinics and benchmarks.
pub struct SeededExam<'a> {
    pub patient_id: &'a str,
    pub clinic_day: NaiveDate,
    pub at: chrono::DateTime<chrono::Utc>,
    pub examiner_id: &'a str,
    pub doctor_id: &'a str,
    pub workup: &'a Workup,
    pub consultation: &'a Consultation,
}

/// Writes a seeded visit and its signed examination through the write path; returns the charted values written.
pub fn insert_seeded(w: &Writer<'_>, e: &SeededExam<'_>) -> Result<usize> {
    let at = e.at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let visit_id = Uuid::now_v7().to_string();
    let mut v = Map::new();
    v.insert("patient_id".into(), json!(e.patient_id));
    v.insert("appointment_id".into(), Value::Null);
    v.insert("clinician_id".into(), json!(e.doctor_id));
    v.insert("clinic_day".into(), json!(e.clinic_day.to_string()));
    v.insert("stage".into(), json!("done"));
    v.insert("stage_since".into(), json!(at));
    v.insert("checked_in_at".into(), json!(at));
    v.insert("created_at".into(), json!(at));
    v.insert("updated_at".into(), json!(at));
    w.insert(VISITS, &visit_id, &v)?;
    let exam_id = Uuid::now_v7().to_string();
    let mut f = Map::new();
    f.insert("patient_id".into(), json!(e.patient_id));
    f.insert("visit_id".into(), json!(visit_id));
    f.insert("clinic_day".into(), json!(e.clinic_day.to_string()));
    f.insert("workup".into(), json!(to_json(e.workup)?));
    f.insert("workup_by".into(), json!(e.examiner_id));
    f.insert("workup_saved_at".into(), json!(at));
    f.insert("consultation".into(), json!(to_json(e.consultation)?));
    f.insert("consultation_by".into(), json!(e.doctor_id));
    f.insert("consultation_saved_at".into(), json!(at));
    f.insert("diagnosis_codes".into(), json!(e.consultation.codes()));
    f.insert("follow_up_on".into(), json!(e.consultation.follow_up_on));
    f.insert("created_at".into(), json!(at));
    f.insert("updated_at".into(), json!(at));
    w.insert(EXAMINATIONS, &exam_id, &f)?;
    // The database refuses values for a signed examination, so the values go in before the signature.
    let written = write_values(w, &at, &exam_id, e.patient_id, e.workup)?;
    let mut s = Map::new();
    s.insert("signed_at".into(), json!(at));
    s.insert("signed_by".into(), json!(e.doctor_id));
    w.update(EXAMINATIONS, &exam_id, &s)?;
    Ok(written)
}
