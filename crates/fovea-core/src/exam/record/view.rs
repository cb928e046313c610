//! What the examination screen shows of a visit, read in one go.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::appointments::Stage;
use crate::catalog::Ctx;
use crate::exam::consultation::Consultation;
use crate::exam::refraction::{
    EyeRefraction, EyeRefractionInput, Refraction, RefractionInput, RefractionKind,
};
use crate::exam::settings::{self, ExamSettings};
use crate::exam::workup::{self, Workup, WorkupDerived};
use crate::patients::Patient;
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

pub(super) struct VisitRow {
    pub(super) patient_id: String,
    pub(super) clinic_day: String,
    pub(super) stage: Stage,
    pub(super) appointment_id: Option<String>,
    pub(super) clinician_name: Option<String>,
}

pub(super) fn visit(conn: &Connection, visit_id: &str) -> Result<VisitRow> {
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

pub(super) struct ExamRow {
    pub(super) id: String,
    pub(super) workup: Option<String>,
    pub(super) workup_by: Option<String>,
    pub(super) workup_saved_at: Option<String>,
    pub(super) consultation: Option<String>,
    pub(super) consultation_by: Option<String>,
    pub(super) consultation_saved_at: Option<String>,
    pub(super) signed_at: Option<String>,
    pub(super) signed_by: Option<String>,
}

pub(super) fn exam_by_visit(conn: &Connection, visit_id: &str) -> Result<Option<ExamRow>> {
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
pub(super) fn eye_input(e: &Option<EyeRefraction>) -> EyeRefractionInput {
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

pub(super) fn previous(
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

pub(super) fn addenda(conn: &Connection, examination_id: &str) -> Result<Vec<Addendum>> {
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
