//! Saving the work-up and the consultation, signing, and addenda: the examination's commands.

use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use serde_json::{Map, json};
use ts_rs::TS;
use uuid::Uuid;

use super::view::*;
use crate::appointments::{self, AppointmentStatus, Stage};
use crate::catalog::Ctx;
use crate::exam::consultation::{Consultation, ConsultationInput};
use crate::exam::settings::{self};
use crate::exam::workup::{self, Workup, WorkupDerived, WorkupInput};
use crate::sync::Writer;
use crate::sync::tables::{ADDENDA, APPOINTMENTS, EXAM_VALUES, EXAMINATIONS};
use crate::{Error, Result, clinic};

/// The examination row of the visit, created empty on first save; refuses a signed one.
pub(super) fn open_for_writing(
    w: &Writer<'_>,
    cx: &Ctx<'_>,
    visit_id: &str,
    v: &VisitRow,
) -> Result<String> {
    if let Some(e) = exam_by_visit(w.tx(), visit_id)? {
        if e.signed_at.is_some() {
            return Err(Error::conflict(
                "This examination is signed and cannot be changed; add an addendum instead.",
            ));
        }
        return Ok(e.id);
    }
    let id = Uuid::now_v7().to_string();
    let now = instant(cx);
    let mut f = Map::new();
    f.insert("patient_id".into(), json!(v.patient_id));
    f.insert("visit_id".into(), json!(visit_id));
    f.insert("clinic_day".into(), json!(v.clinic_day));
    f.insert("diagnosis_codes".into(), json!(""));
    f.insert("created_at".into(), json!(now));
    f.insert("updated_at".into(), json!(now));
    w.insert(EXAMINATIONS, &id, &f)?;
    Ok(id)
}

/// The visit's examination row for writing, for the parts of the record kept in their own tables (the medication
/// prescription): created empty when the visit has none yet, refused once signed.
pub(crate) fn examination_for_writing(
    w: &Writer<'_>,
    cx: &Ctx<'_>,
    visit_id: &str,
) -> Result<String> {
    let v = visit(w.tx(), visit_id)?;
    open_for_writing(w, cx, visit_id, &v)
}

pub(super) fn instant(cx: &Ctx<'_>) -> String {
    cx.now()
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

pub(super) fn user_id(cx: &Ctx<'_>) -> Result<String> {
    cx.user
        .as_ref()
        .map(|u| u.id.clone())
        .ok_or_else(|| Error::permission_denied("Sign in first."))
}

/// Moves the visit's appointment on as the work is done (see [`appointments::follow_work`]).
pub(super) fn appointment_follows_work(
    w: &Writer<'_>,
    appointment_id: &Option<String>,
    to: AppointmentStatus,
) -> Result<()> {
    let Some(id) = appointment_id else {
        return Ok(());
    };
    let status: Option<AppointmentStatus> = w
        .tx()
        .query_row("SELECT status FROM appointments WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    let Some(next) = status.and_then(|s| appointments::follow_work(s, to)) else {
        return Ok(());
    };
    let mut f = Map::new();
    f.insert("status".into(), json!(next));
    f.insert("updated_at".into(), json!(w.stamp()));
    w.update(APPOINTMENTS, id, &f)
}

/// Charted values of a work-up, one row per quantity and eye; cleared ones are written as null so the trend
/// drops them (rows are never deleted, which keeps replication simple).
pub(super) fn chart_values(
    w: &Workup,
) -> Vec<(&'static str, &'static str, Option<i64>, Option<String>)> {
    let mut out = Vec::new();
    for (eye, a) in [("od", &w.acuity.od), ("os", &w.acuity.os)] {
        let va = |v: &Option<crate::exam::acuity::VisualAcuity>| {
            (
                v.as_ref()
                    .map(|v| i64::from(v.logmar_for_statistics().hundredths())),
                v.as_ref().map(|v| v.text().to_string()),
            )
        };
        let (value, text) = va(&a.bcva);
        out.push(("bcva", eye, value, text));
        let (value, text) = va(&a.sc);
        out.push(("va_sc", eye, value, text));
    }
    let iop = |e: Option<crate::exam::iop::Mmhg>| {
        (e.map(|p| i64::from(p.tenths())), e.map(|p| p.to_string()))
    };
    let (od, os) = w.iop.as_ref().map_or((None, None), |i| (i.od, i.os));
    let (value, text) = iop(od);
    out.push(("iop", "od", value, text));
    let (value, text) = iop(os);
    out.push(("iop", "os", value, text));
    for (eye, f) in [("od", &w.findings.od), ("os", &w.findings.os)] {
        let cd = f.as_ref().and_then(|f| f.cup_disc);
        out.push((
            "cup_disc",
            eye,
            cd.map(|c| i64::from(c.hundredths())),
            cd.map(|c| c.to_string()),
        ));
    }
    out
}

pub(super) fn write_values(
    w: &Writer<'_>,
    at: &str,
    exam_id: &str,
    patient_id: &str,
    workup: &Workup,
) -> Result<usize> {
    let mut written = 0;
    for (quantity, eye, value, display) in chart_values(workup) {
        let id = format!("{exam_id}/{quantity}/{eye}");
        let existing: Option<Option<i64>> = w
            .tx()
            .prepare_cached("SELECT value FROM exam_values WHERE id = ?1")?
            .query_row([&id], |r| r.get(0))
            .optional()?;
        match existing {
            None if value.is_none() => continue,
            Some(old) if old == value => continue,
            _ => {}
        }
        let mut f = Map::new();
        f.insert("examination_id".into(), json!(exam_id));
        f.insert("patient_id".into(), json!(patient_id));
        f.insert("measured_at".into(), json!(at));
        f.insert("quantity".into(), json!(quantity));
        f.insert("eye".into(), json!(eye));
        f.insert("value".into(), json!(value));
        f.insert("display".into(), json!(display));
        w.upsert(EXAM_VALUES, &id, &f)?;
        written += 1;
    }
    Ok(written)
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SaveWorkupRequest {
    pub visit_id: String,
    pub workup: WorkupInput,
}

/// Validates and saves the work-up; the patient moves on to "waiting for doctor".
pub fn save_workup(cx: &Ctx<'_>, req: &SaveWorkupRequest) -> Result<ExaminationView> {
    cx.write(|w| {
        let conn = w.tx();
        let v = visit(conn, &req.visit_id)?;
        cx.note_patient(&v.patient_id);
        let settings = settings::load(conn)?;
        let workup = Workup::validate(&req.workup, settings.va_notation)?;
        if workup.is_empty() {
            return Err(Error::validation(
                "od.va_sc",
                "Nothing is recorded yet; enter at least one finding.",
            ));
        }
        let exam_id = open_for_writing(w, cx, &req.visit_id, &v)?;
        let mut f = Map::new();
        f.insert("workup".into(), json!(to_json(&workup)?));
        f.insert("workup_by".into(), json!(user_id(cx)?));
        f.insert("workup_saved_at".into(), json!(instant(cx)));
        f.insert("updated_at".into(), json!(w.stamp()));
        w.update(EXAMINATIONS, &exam_id, &f)?;
        write_values(w, &instant(cx), &exam_id, &v.patient_id, &workup)?;
        appointments::advance_for_work(w, &req.visit_id, v.stage, Stage::WaitingDoctor, cx.now())?;
        appointment_follows_work(w, &v.appointment_id, AppointmentStatus::InProgress)
    })?;
    view(cx, &req.visit_id)
}

/// Checks a work-up form without saving it: the first field error, or the values the screen shows beside it.
pub fn check_workup(cx: &Ctx<'_>, input: &WorkupInput) -> Result<WorkupDerived> {
    let notation = cx.read(settings::load)?.va_notation;
    let w = Workup::validate(input, notation)?;
    Ok(workup::derive(&w, notation))
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SaveConsultationRequest {
    pub visit_id: String,
    pub consultation: ConsultationInput,
}

/// Validates and saves the consultation (before signing it can be saved as often as needed).
pub fn save_consultation(cx: &Ctx<'_>, req: &SaveConsultationRequest) -> Result<ExaminationView> {
    cx.write(|w| {
        let conn = w.tx();
        let v = visit(conn, &req.visit_id)?;
        cx.note_patient(&v.patient_id);
        let locale = clinic::locale(conn, cx.now())?;
        let day: NaiveDate = v
            .clinic_day
            .parse()
            .map_err(|_| Error::storage("A visit has an unreadable clinic day."))?;
        let c = Consultation::validate(&req.consultation, day, locale.date_format)?;
        let exam_id = open_for_writing(w, cx, &req.visit_id, &v)?;
        let mut f = Map::new();
        f.insert("consultation".into(), json!(to_json(&c)?));
        f.insert("consultation_by".into(), json!(user_id(cx)?));
        f.insert("consultation_saved_at".into(), json!(instant(cx)));
        f.insert("diagnosis_codes".into(), json!(c.codes()));
        f.insert("follow_up_on".into(), json!(c.follow_up_on));
        f.insert("updated_at".into(), json!(w.stamp()));
        w.update(EXAMINATIONS, &exam_id, &f)?;
        appointments::advance_for_work(w, &req.visit_id, v.stage, Stage::WithDoctor, cx.now())?;
        appointment_follows_work(w, &v.appointment_id, AppointmentStatus::InProgress)
    })?;
    view(cx, &req.visit_id)
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SignRequest {
    pub visit_id: String,
    /// The signing doctor's password, typed again.
    pub password: String,
}

/// Signs the visit's clinical record with the doctor's password re-entered. From then on it is immutable (the
/// medication prescription with it); the patient moves on to the pharmacy when a prescribed medicine is dispensed
/// from stock, else to billing, and the appointment is completed.
pub fn sign(cx: &Ctx<'_>, req: &SignRequest) -> Result<ExaminationView> {
    let me = user_id(cx)?;
    crate::accounts::ops::confirm_password(cx, "password", &req.password)?;
    cx.write(|w| {
        let conn = w.tx();
        let v = visit(conn, &req.visit_id)?;
        cx.note_patient(&v.patient_id);
        let exam = exam_by_visit(conn, &req.visit_id)?
            .ok_or_else(|| Error::conflict("Save the consultation before signing."))?;
        if exam.signed_at.is_some() {
            return Err(Error::conflict("This examination is already signed."));
        }
        if exam.consultation.is_none() {
            return Err(Error::conflict("Save the consultation before signing."));
        }
        let mut f = Map::new();
        f.insert("signed_at".into(), json!(instant(cx)));
        f.insert("signed_by".into(), json!(me));
        f.insert("updated_at".into(), json!(w.stamp()));
        w.update(EXAMINATIONS, &exam.id, &f)?;
        // A medicine the pharmacy hands over sends the patient there first; the pharmacy passes them to billing.
        let next = if crate::prescriptions::record::has_stocked_item(conn, &exam.id)? {
            Stage::Pharmacy
        } else {
            Stage::Billing
        };
        appointments::advance_for_work(w, &req.visit_id, v.stage, next, cx.now())?;
        appointment_follows_work(w, &v.appointment_id, AppointmentStatus::Completed)
    })?;
    view(cx, &req.visit_id)
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct AddendumRequest {
    pub visit_id: String,
    pub text: String,
}

/// Adds a correction or late note to a signed examination; it shows with the original, which stays as signed.
pub fn add_addendum(cx: &Ctx<'_>, req: &AddendumRequest) -> Result<ExaminationView> {
    let me = user_id(cx)?;
    cx.write(|w| {
        let conn = w.tx();
        let v = visit(conn, &req.visit_id)?;
        cx.note_patient(&v.patient_id);
        let exam = exam_by_visit(conn, &req.visit_id)?
            .filter(|e| e.signed_at.is_some())
            .ok_or_else(|| {
                Error::conflict(
                    "Addenda are for signed examinations; edit the unsigned one instead.",
                )
            })?;
        let text = crate::exam::text::note("text", "The addendum", Some(&req.text), 4000)?
            .ok_or_else(|| Error::validation("text", "Write the addendum."))?;
        let mut f = Map::new();
        f.insert("examination_id".into(), json!(exam.id));
        f.insert("author_id".into(), json!(me));
        f.insert("text".into(), json!(text));
        f.insert("created_at".into(), json!(instant(cx)));
        w.insert(ADDENDA, &Uuid::now_v7().to_string(), &f)
    })?;
    view(cx, &req.visit_id)
}

pub(super) fn to_json<T: Serialize>(x: &T) -> Result<String> {
    serde_json::to_string(x).map_err(|e| Error::storage(e.to_string()))
}
