//! The visit's medication prescription as stored: one row per examination holding its items, written while the
//! examination is unsigned and sealed with it (the core refuses, and so do the triggers of 0010).

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{Map, json};
use ts_rs::TS;
use uuid::Uuid;

use super::item::PrescriptionItem;
use super::taper::{self, CourseSchedule, Pack};
use super::validate::{self, PrescriptionItemInput};
use super::warnings::{self, PrescriptionWarning};
use crate::catalog::Ctx;
use crate::pharmacy::{DEFAULT_DROPS_PER_ML, DROPS_PER_ML_KEY};
use crate::sync::tables::MEDICATION_PRESCRIPTIONS;
use crate::{Error, Result, clinic};

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PrescriptionRequest {
    pub visit_id: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SavePrescriptionRequest {
    pub visit_id: String,
    /// Every line, in order: the draft's lines are replaced by these.
    pub items: Vec<PrescriptionItemInput>,
}

/// A line with what the screen and the printout show beside it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PrescriptionLine {
    pub item: PrescriptionItem,
    /// "1 drop in the right eye four times daily for 7 days, then …".
    pub directions: String,
    /// The steps in dates from the visit's day.
    pub schedule: CourseSchedule,
    /// Days the first supply lasts at the prescribed use; `None` when it cannot be told.
    pub days_of_supply: Option<u32>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PrescriptionView {
    pub visit_id: String,
    /// None until a line is saved.
    pub prescription_id: Option<String>,
    /// The visit's day: where every course starts.
    pub starts_on: NaiveDate,
    /// Set once the examination is signed: the prescription is final.
    pub signed_at: Option<String>,
    pub written_by_name: Option<String>,
    pub lines: Vec<PrescriptionLine>,
    pub warnings: Vec<PrescriptionWarning>,
}

/// The visit's facts a prescription needs.
pub(crate) struct VisitFacts {
    pub patient_id: String,
    pub clinic_day: NaiveDate,
}

pub(crate) fn visit_facts(conn: &Connection, visit_id: &str) -> Result<VisitFacts> {
    let (patient_id, day): (String, String) = conn
        .prepare_cached("SELECT patient_id, clinic_day FROM visits WHERE id = ?1")?
        .query_row([visit_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::not_found("No such visit."))?;
    let clinic_day = day
        .parse()
        .map_err(|_| Error::storage("A visit has an unreadable clinic day."))?;
    Ok(VisitFacts {
        patient_id,
        clinic_day,
    })
}

/// The stored prescription of a visit's examination.
pub(crate) struct Stored {
    pub id: String,
    pub items: Vec<PrescriptionItem>,
    pub written_by_name: Option<String>,
    pub signed_at: Option<String>,
    pub signed_by: Option<String>,
}

pub(crate) fn parse_items(json: &str) -> Result<Vec<PrescriptionItem>> {
    serde_json::from_str(json)
        .map_err(|e| Error::storage(format!("A stored prescription cannot be read: {e}")))
}

/// id, items, written by (name), signed at, signed by.
type StoredRow = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

pub(crate) fn stored(conn: &Connection, visit_id: &str) -> Result<Option<Stored>> {
    let row: Option<StoredRow> = conn
        .prepare_cached(
            "SELECT p.id, p.items, u.full_name, e.signed_at, e.signed_by
             FROM medication_prescriptions p
             JOIN examinations e ON e.id = p.examination_id
             LEFT JOIN users u ON u.id = p.written_by
             WHERE e.visit_id = ?1",
        )?
        .query_row([visit_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()?;
    row.map(|(id, items, written_by_name, signed_at, signed_by)| {
        Ok(Stored {
            id,
            items: parse_items(&items)?,
            written_by_name,
            signed_at,
            signed_by,
        })
    })
    .transpose()
}

/// Whether the visit's prescription has a line the pharmacy hands over (signing then sends the patient there).
pub(crate) fn has_stocked_item(conn: &Connection, examination_id: &str) -> Result<bool> {
    let items: Option<String> = conn
        .prepare_cached("SELECT items FROM medication_prescriptions WHERE examination_id = ?1")?
        .query_row([examination_id], |r| r.get(0))
        .optional()?;
    Ok(match items {
        Some(j) => parse_items(&j)?.iter().any(|i| i.from_stock),
        None => false,
    })
}

pub(crate) fn drops_per_ml(conn: &Connection) -> Result<u32> {
    Ok(clinic::get(conn, DROPS_PER_ML_KEY)?
        .and_then(|v| v.trim().parse::<u32>().ok())
        .filter(|v| (1..=100).contains(v))
        .unwrap_or(DEFAULT_DROPS_PER_ML))
}

/// The formulary packs of the lines, for supply sums (None for a line not in the formulary).
pub(crate) fn packs(
    conn: &Connection,
    items: &[PrescriptionItem],
) -> Result<Vec<Option<(i64, String)>>> {
    items
        .iter()
        .map(|i| {
            Ok(match &i.medicine.medicine_id {
                Some(id) => validate::formulary_medicine(conn, id)?
                    .map(|m| (m.pack_size_hundredths, m.pack_unit)),
                None => None,
            })
        })
        .collect()
}

/// Lines with their schedules and supply, and the warnings, as the screen and the printout read them.
pub(crate) fn lines_and_warnings(
    conn: &Connection,
    patient_id: &str,
    start: NaiveDate,
    items: &[PrescriptionItem],
) -> Result<(Vec<PrescriptionLine>, Vec<PrescriptionWarning>)> {
    let per_ml = drops_per_ml(conn)?;
    let packs = packs(conn, items)?;
    let packs: Vec<Option<Pack<'_>>> = packs
        .iter()
        .map(|p| {
            p.as_ref().map(|(size, unit)| Pack {
                size_hundredths: *size,
                unit: unit.as_str(),
            })
        })
        .collect();
    let allergies: Option<String> = conn
        .prepare_cached("SELECT allergies FROM patients WHERE id = ?1")?
        .query_row([patient_id], |r| r.get(0))
        .optional()?
        .flatten();
    let lines = items
        .iter()
        .zip(&packs)
        .map(|(item, pack)| PrescriptionLine {
            directions: item.directions(),
            schedule: taper::expand(&item.steps, start),
            days_of_supply: pack.and_then(|p| taper::days_of_supply(item, p, per_ml)),
            item: item.clone(),
        })
        .collect();
    let warnings = warnings::check(items, allergies.as_deref(), &packs, per_ml);
    Ok((lines, warnings))
}

fn read_view(conn: &Connection, cx: &Ctx<'_>, visit_id: &str) -> Result<PrescriptionView> {
    let v = visit_facts(conn, visit_id)?;
    cx.note_patient(&v.patient_id);
    let s = stored(conn, visit_id)?;
    let items = s.as_ref().map(|s| s.items.as_slice()).unwrap_or_default();
    let (lines, warnings) = lines_and_warnings(conn, &v.patient_id, v.clinic_day, items)?;
    let signed_at = match &s {
        Some(s) => s.signed_at.clone(),
        None => conn
            .prepare_cached("SELECT signed_at FROM examinations WHERE visit_id = ?1")?
            .query_row([visit_id], |r| r.get(0))
            .optional()?
            .flatten(),
    };
    Ok(PrescriptionView {
        visit_id: visit_id.to_string(),
        prescription_id: s.as_ref().map(|s| s.id.clone()),
        starts_on: v.clinic_day,
        signed_at,
        written_by_name: s.and_then(|s| s.written_by_name),
        lines,
        warnings,
    })
}

/// The visit's prescription: its lines with schedules and supply, and the warnings. Empty when none is written.
pub fn get(cx: &Ctx<'_>, req: &PrescriptionRequest) -> Result<PrescriptionView> {
    cx.read(|conn| read_view(conn, cx, &req.visit_id))
}

/// Replaces the draft's lines with `items` (validated; a line keeps its id when it sends it back). Refused once
/// the examination is signed.
pub fn save(cx: &Ctx<'_>, req: &SavePrescriptionRequest) -> Result<PrescriptionView> {
    let me = cx
        .user
        .as_ref()
        .map(|u| u.id.clone())
        .ok_or_else(|| Error::permission_denied("Sign in first."))?;
    cx.write(|w| {
        let conn = w.tx();
        let v = visit_facts(conn, &req.visit_id)?;
        cx.note_patient(&v.patient_id);
        let existing = stored(conn, &req.visit_id)?;
        if existing.as_ref().is_some_and(|s| s.signed_at.is_some()) {
            return Err(Error::conflict(
                "This examination is signed; its prescription cannot be changed. Add an addendum instead.",
            ));
        }
        let old = existing.as_ref().map(|s| s.items.as_slice()).unwrap_or_default();
        let items = validate::validate_items(conn, &req.items, old)?;
        let json = serde_json::to_string(&items).map_err(|e| Error::storage(e.to_string()))?;
        match &existing {
            Some(s) => {
                // Checked again here so a record signed meanwhile on this file is never written to.
                crate::exam::record::examination_for_writing(w, cx, &req.visit_id)?;
                if s.items == items {
                    return Ok(());
                }
                let mut f = Map::new();
                f.insert("items".into(), json!(json));
                f.insert("written_by".into(), json!(me));
                f.insert("updated_at".into(), json!(w.stamp()));
                w.update(MEDICATION_PRESCRIPTIONS, &s.id, &f)
            }
            None if items.is_empty() => Ok(()),
            None => {
                let exam = crate::exam::record::examination_for_writing(w, cx, &req.visit_id)?;
                let now = w.stamp();
                let mut f = Map::new();
                f.insert("examination_id".into(), json!(exam));
                f.insert("visit_id".into(), json!(req.visit_id));
                f.insert("patient_id".into(), json!(v.patient_id));
                f.insert("items".into(), json!(json));
                f.insert("written_by".into(), json!(me));
                f.insert("created_at".into(), json!(now));
                f.insert("updated_at".into(), json!(now));
                w.insert(MEDICATION_PRESCRIPTIONS, &Uuid::now_v7().to_string(), &f)
            }
        }
    })?;
    get(
        cx,
        &PrescriptionRequest {
            visit_id: req.visit_id.clone(),
        },
    )
}
