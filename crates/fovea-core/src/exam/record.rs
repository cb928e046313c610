//! The examination record of a visit: saving the work-up and the consultation, signing, and addenda. Each save is
//! one transaction that writes the record, its charted values, the patient's place on the queue board and the
//! appointment's status together. A signed record never changes again (the core refuses, and so does a trigger);
//! corrections are addenda shown with it.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use ts_rs::TS;
use uuid::Uuid;

use super::consultation::{Consultation, ConsultationInput};
use super::refraction::{
    EyeRefraction, EyeRefractionInput, Refraction, RefractionInput, RefractionKind,
};
use super::settings::{self, ExamSettings};
use super::workup::{self, Workup, WorkupDerived, WorkupInput};
use crate::appointments::{self, AppointmentStatus, Stage};
use crate::catalog::Ctx;
use crate::patients::Patient;
use crate::sync::Writer;
use crate::sync::tables::{ADDENDA, APPOINTMENTS, EXAM_VALUES, EXAMINATIONS, VISITS};
use crate::{Error, Result, clinic};

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct VisitRequest {
    pub visit_id: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Addendum {
    pub id: String,
    pub author_name: String,
    pub text: String,
    pub created_at: String,
}

/// What carries over from the patient's previous examination, for "copy from last visit".
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PreviousVisit {
    pub clinic_day: String,
    /// The glasses prescribed last time (else the glasses measured last time), as form text.
    pub current_glasses: Option<RefractionInput>,
    pub ocular_history: Option<String>,
    pub medical_history: Option<String>,
    pub family_history: Option<String>,
}

/// Everything the examination screen shows for a visit.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ExaminationView {
    pub visit_id: String,
    /// None until something is saved.
    pub examination_id: Option<String>,
    pub clinic_day: String,
    pub stage: Stage,
    pub patient: Patient,
    pub clinician_name: Option<String>,
    pub workup: Option<Workup>,
    pub workup_derived: Option<WorkupDerived>,
    pub workup_by_name: Option<String>,
    pub workup_saved_at: Option<String>,
    pub consultation: Option<Consultation>,
    pub consultation_by_name: Option<String>,
    pub consultation_saved_at: Option<String>,
    pub signed_at: Option<String>,
    pub signed_by_name: Option<String>,
    pub addenda: Vec<Addendum>,
    pub previous: Option<PreviousVisit>,
    pub settings: ExamSettings,
}

struct VisitRow {
    patient_id: String,
    clinic_day: String,
    stage: Stage,
    appointment_id: Option<String>,
    clinician_name: Option<String>,
}

fn visit(conn: &Connection, visit_id: &str) -> Result<VisitRow> {
    conn.prepare_cached(
        "SELECT v.patient_id, v.clinic_day, v.stage, v.appointment_id, u.full_name
         FROM visits v LEFT JOIN users u ON u.id = v.clinician_id WHERE v.id = ?1",
    )?
    .query_row([visit_id], |r| {
        Ok(VisitRow {
            patient_id: r.get(0)?,
            clinic_day: r.get(1)?,
            stage: r.get(2)?,
            appointment_id: r.get(3)?,
            clinician_name: r.get(4)?,
        })
    })
    .optional()?
    .ok_or_else(|| Error::not_found("No such visit."))
}

struct ExamRow {
    id: String,
    workup: Option<String>,
    workup_by: Option<String>,
    workup_saved_at: Option<String>,
    consultation: Option<String>,
    consultation_by: Option<String>,
    consultation_saved_at: Option<String>,
    signed_at: Option<String>,
    signed_by: Option<String>,
}

fn exam_by_visit(conn: &Connection, visit_id: &str) -> Result<Option<ExamRow>> {
    Ok(conn
        .prepare_cached(
            "SELECT e.id, e.workup, wu.full_name, e.workup_saved_at, e.consultation, cu.full_name,
                    e.consultation_saved_at, e.signed_at, su.full_name
             FROM examinations e
             LEFT JOIN users wu ON wu.id = e.workup_by
             LEFT JOIN users cu ON cu.id = e.consultation_by
             LEFT JOIN users su ON su.id = e.signed_by
             WHERE e.visit_id = ?1",
        )?
        .query_row([visit_id], |r| {
            Ok(ExamRow {
                id: r.get(0)?,
                workup: r.get(1)?,
                workup_by: r.get(2)?,
                workup_saved_at: r.get(3)?,
                consultation: r.get(4)?,
                consultation_by: r.get(5)?,
                consultation_saved_at: r.get(6)?,
                signed_at: r.get(7)?,
                signed_by: r.get(8)?,
            })
        })
        .optional()?)
}

pub(crate) fn parse_stored<T: for<'de> Deserialize<'de>>(
    json: &Option<String>,
) -> Result<Option<T>> {
    json.as_deref()
        .map(|j| {
            serde_json::from_str(j)
                .map_err(|e| Error::storage(format!("A stored examination cannot be read: {e}")))
        })
        .transpose()
}

/// The form text that reproduces a validated eye refraction (for copying it into a new form).
fn eye_input(e: &Option<EyeRefraction>) -> EyeRefractionInput {
    let Some(e) = e else {
        return EyeRefractionInput::default();
    };
    EyeRefractionInput {
        sphere: Some(e.sphere.to_string()),
        cylinder: e.cylinder.map(|c| c.power.to_string()),
        axis: e.cylinder.map(|c| c.axis.degrees().to_string()),
        add: e.add.map(|a| a.to_string()),
        prism: e.prism.map(|p| p.amount.to_string()),
        prism_base: e.prism.map(|p| p.base.to_string()),
        pd: e.pd.map(|p| p.to_string()),
    }
}

pub fn refraction_input(r: &Refraction, kind: RefractionKind) -> RefractionInput {
    RefractionInput {
        kind,
        od: eye_input(&r.od),
        os: eye_input(&r.os),
        pd: r.pd.map(|p| p.to_string()),
    }
}

fn previous(
    conn: &Connection,
    patient_id: &str,
    before_day: &str,
    visit_id: &str,
) -> Result<Option<PreviousVisit>> {
    let mut stmt = conn.prepare_cached(
        "SELECT clinic_day, workup, consultation FROM examinations
         WHERE patient_id = ?1 AND clinic_day <= ?2 AND visit_id <> ?3
         ORDER BY clinic_day DESC, created_at DESC LIMIT 1",
    )?;
    let row: Option<(String, Option<String>, Option<String>)> = stmt
        .query_row(params![patient_id, before_day, visit_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let Some((day, w, c)) = row else {
        return Ok(None);
    };
    let w: Option<Workup> = parse_stored(&w)?;
    let c: Option<Consultation> = parse_stored(&c)?;
    let glasses = w.as_ref().and_then(|w| {
        w.refraction(RefractionKind::Final)
            .or_else(|| w.refraction(RefractionKind::CurrentGlasses))
            .map(|r| refraction_input(r, RefractionKind::CurrentGlasses))
    });
    Ok(Some(PreviousVisit {
        clinic_day: day,
        current_glasses: glasses,
        ocular_history: c.as_ref().and_then(|c| c.ocular_history.clone()),
        medical_history: c.as_ref().and_then(|c| c.medical_history.clone()),
        family_history: c.as_ref().and_then(|c| c.family_history.clone()),
    }))
}

fn addenda(conn: &Connection, examination_id: &str) -> Result<Vec<Addendum>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, u.full_name, a.text, a.created_at FROM addenda a JOIN users u ON u.id = a.author_id
         WHERE a.examination_id = ?1 ORDER BY a.created_at",
    )?;
    let rows = stmt.query_map([examination_id], |r| {
        Ok(Addendum {
            id: r.get(0)?,
            author_name: r.get(1)?,
            text: r.get(2)?,
            created_at: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The examination screen's data for a visit (audited as an access to the patient's record).
pub fn view(cx: &Ctx<'_>, visit_id: &str) -> Result<ExaminationView> {
    cx.read(|conn| {
        let v = visit(conn, visit_id)?;
        cx.note_patient(&v.patient_id);
        let locale = clinic::locale(conn, cx.now())?;
        let settings = settings::load(conn)?;
        let patient = crate::patients::load(conn, &v.patient_id, &locale)?;
        let exam = exam_by_visit(conn, visit_id)?;
        let workup: Option<Workup> = match &exam {
            Some(e) => parse_stored(&e.workup)?,
            None => None,
        };
        let consultation: Option<Consultation> = match &exam {
            Some(e) => parse_stored(&e.consultation)?,
            None => None,
        };
        Ok(ExaminationView {
            visit_id: visit_id.to_string(),
            examination_id: exam.as_ref().map(|e| e.id.clone()),
            clinic_day: v.clinic_day.clone(),
            stage: v.stage,
            patient,
            clinician_name: v.clinician_name,
            workup_derived: workup
                .as_ref()
                .map(|w| workup::derive(w, settings.va_notation)),
            workup,
            workup_by_name: exam.as_ref().and_then(|e| e.workup_by.clone()),
            workup_saved_at: exam.as_ref().and_then(|e| e.workup_saved_at.clone()),
            consultation,
            consultation_by_name: exam.as_ref().and_then(|e| e.consultation_by.clone()),
            consultation_saved_at: exam.as_ref().and_then(|e| e.consultation_saved_at.clone()),
            signed_at: exam.as_ref().and_then(|e| e.signed_at.clone()),
            signed_by_name: exam.as_ref().and_then(|e| e.signed_by.clone()),
            addenda: match &exam {
                Some(e) => addenda(conn, &e.id)?,
                None => Vec::new(),
            },
            previous: previous(conn, &v.patient_id, &v.clinic_day, visit_id)?,
            settings,
        })
    })
}

/// The examination row of the visit, created empty on first save; refuses a signed one.
fn open_for_writing(w: &Writer<'_>, cx: &Ctx<'_>, visit_id: &str, v: &VisitRow) -> Result<String> {
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

fn instant(cx: &Ctx<'_>) -> String {
    cx.now()
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn user_id(cx: &Ctx<'_>) -> Result<String> {
    cx.user
        .as_ref()
        .map(|u| u.id.clone())
        .ok_or_else(|| Error::permission_denied("Sign in first."))
}

/// Moves the visit to `to` if it is still in one of the earlier stages `from` (a visit already further along, or
/// moved by hand, stays where it is).
/// Moves the visit's appointment on as the work is done (see [`appointments::follow_work`]).
fn appointment_follows_work(
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
fn chart_values(w: &Workup) -> Vec<(&'static str, &'static str, Option<i64>, Option<String>)> {
    let mut out = Vec::new();
    for (eye, a) in [("od", &w.acuity.od), ("os", &w.acuity.os)] {
        let va = |v: &Option<super::acuity::VisualAcuity>| {
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
    let iop =
        |e: Option<super::iop::Mmhg>| (e.map(|p| i64::from(p.tenths())), e.map(|p| p.to_string()));
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

fn write_values(
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

/// Signs the visit's clinical record with the doctor's password re-entered. From then on it is immutable; the
/// patient moves on to billing and the appointment is completed.
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
        appointments::advance_for_work(w, &req.visit_id, v.stage, Stage::Billing, cx.now())?;
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
        let text = super::text::note("text", "The addendum", Some(&req.text), 4000)?
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

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct StartVisitRequest {
    pub patient_id: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct StartVisitResponse {
    pub visit_id: String,
    /// False when the patient already had an open visit today, which is returned instead.
    pub created: bool,
}

/// Starts an examination from the patient page: today's open visit if there is one, else a new visit without an
/// appointment, seen by the caller, straight into the work-up.
pub fn start_visit(cx: &Ctx<'_>, req: &StartVisitRequest) -> Result<StartVisitResponse> {
    let me = user_id(cx)?;
    cx.note_patient(&req.patient_id);
    cx.write(|w| {
        let conn = w.tx();
        let tz = clinic::time_zone(conn)?;
        let today = cx.now().with_timezone(&tz).date_naive().to_string();
        let archived: Option<bool> = conn
            .query_row(
                "SELECT archived FROM patients WHERE id = ?1",
                [&req.patient_id],
                |r| r.get(0),
            )
            .optional()?;
        match archived {
            None => return Err(Error::not_found("No such patient.")),
            Some(true) => {
                return Err(Error::conflict(
                    "This patient is archived; restore them first.",
                ));
            }
            Some(false) => {}
        }
        let open: Option<String> = conn
            .query_row(
                "SELECT id FROM visits WHERE patient_id = ?1 AND clinic_day = ?2 AND stage <> 'done'
                 ORDER BY checked_in_at DESC LIMIT 1",
                params![req.patient_id, today],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(visit_id) = open {
            return Ok(StartVisitResponse {
                visit_id,
                created: false,
            });
        }
        let id = Uuid::now_v7().to_string();
        let now = instant(cx);
        let mut v = Map::new();
        v.insert("patient_id".into(), json!(req.patient_id));
        v.insert("appointment_id".into(), Value::Null);
        v.insert("clinician_id".into(), json!(me));
        v.insert("clinic_day".into(), json!(today));
        v.insert("stage".into(), json!(Stage::InWorkup));
        v.insert("stage_since".into(), json!(now));
        v.insert("checked_in_at".into(), json!(now));
        v.insert("created_at".into(), json!(now));
        v.insert("updated_at".into(), json!(now));
        w.insert(VISITS, &id, &v)?;
        Ok(StartVisitResponse {
            visit_id: id,
            created: true,
        })
    })
}

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

fn to_json<T: Serialize>(x: &T) -> Result<String> {
    serde_json::to_string(x).map_err(|e| Error::storage(e.to_string()))
}
