//! Patient services: each runs in one transaction through the write path, so a refused request changes nothing.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row};
use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::search as query;
use super::{
    ArchivePatientRequest, MatchKind, Patient, PatientSummary, RegisterPatientRequest,
    RegisterPatientResponse, SearchPatientsRequest, SearchPatientsResponse, UpdatePatientRequest,
    ValidPatient, validate,
};
use crate::catalog::Ctx;
use crate::clinic::{self, Locale};
use crate::storage::reversed_digits;
use crate::sync::Writer;
use crate::sync::tables::PATIENTS;
use crate::time::age_years;
use crate::{Error, Result, workstation};

/// Finds patients; see [`search`](super::search) for what a query can be.
pub fn search(cx: &Ctx<'_>, req: &SearchPatientsRequest) -> Result<SearchPatientsResponse> {
    cx.read(|conn| {
        let locale = clinic::locale(conn, cx.now())?;
        query::run(conn, req, &locale)
    })
}

/// Registers a patient with a new MRN (`<workstation code>-<6-digit sequence>`). Unless `allow_duplicate`, nothing is
/// registered when a patient with the same name and date of birth, or the same phone number, exists: the
/// candidates are returned instead.
pub fn register(cx: &Ctx<'_>, req: &RegisterPatientRequest) -> Result<RegisterPatientResponse> {
    cx.write(|w| {
        let conn = w.tx();
        let locale = clinic::locale(conn, cx.now())?;
        let v = validate(&req.patient, &locale)?;
        check_usual_clinician(conn, v.usual_clinician_id.as_deref())?;
        let code = workstation::code(conn)?.ok_or_else(|| {
            Error::conflict("Set up this workstation (its code prefixes MRNs) before registering.")
        })?;
        if !req.allow_duplicate {
            let candidates = possible_duplicates(conn, &v, &locale)?;
            if !candidates.is_empty() {
                return Ok(RegisterPatientResponse::PossibleDuplicates { candidates });
            }
        }
        let id = insert_patient(w, &code, &v)?;
        cx.note_patient(&id);
        Ok(RegisterPatientResponse::Registered {
            patient: load(conn, &id, &locale)?,
        })
    })
}

/// Gives `v` the next MRN of workstation `code` and inserts it; returns the new id. Callers have validated `v`.
pub(crate) fn insert_patient(w: &Writer<'_>, code: &str, v: &ValidPatient) -> Result<String> {
    let n = workstation::next_number(w.tx(), "mrn")?;
    let id = Uuid::now_v7().to_string();
    let now = w.stamp();
    let mut fields = to_fields(v);
    fields.insert("mrn".into(), json!(format!("{code}-{n:06}")));
    fields.insert("archived".into(), json!(false));
    fields.insert("created_at".into(), json!(now));
    fields.insert("updated_at".into(), json!(now));
    w.insert(PATIENTS, &id, &fields)?;
    Ok(id)
}

pub fn get(cx: &Ctx<'_>, id: &str) -> Result<Patient> {
    cx.read(|conn| load(conn, id, &clinic::locale(conn, cx.now())?))
}

/// Saves edited details; only the fields that changed are written (and logged), so two workstations editing
/// different fields of the same patient both keep their change.
pub fn update(cx: &Ctx<'_>, req: &UpdatePatientRequest) -> Result<Patient> {
    cx.write(|w| {
        let conn = w.tx();
        let locale = clinic::locale(conn, cx.now())?;
        let current = stored_fields(conn, &req.id)?;
        let v = validate(&req.patient, &locale)?;
        // A clinician who has since left may stay as the usual one; only a new choice must be bookable.
        if current.get("usual_clinician_id") != Some(&json!(v.usual_clinician_id)) {
            check_usual_clinician(conn, v.usual_clinician_id.as_deref())?;
        }
        let mut changed: Map<String, Value> = to_fields(&v)
            .into_iter()
            .filter(|(k, val)| current.get(k) != Some(val))
            .collect();
        if !changed.is_empty() {
            changed.insert("updated_at".into(), json!(w.stamp()));
        }
        w.update(PATIENTS, &req.id, &changed)?;
        load(conn, &req.id, &locale)
    })
}

/// Archives (or restores) a patient. Patients are never deleted: their clinical history must survive.
pub fn archive(cx: &Ctx<'_>, req: &ArchivePatientRequest) -> Result<Patient> {
    cx.write(|w| {
        let conn = w.tx();
        let locale = clinic::locale(conn, cx.now())?;
        let current = stored_fields(conn, &req.id)?;
        if current.get("archived") != Some(&json!(req.archived)) {
            let mut changed = Map::new();
            changed.insert("archived".into(), json!(req.archived));
            changed.insert("updated_at".into(), json!(w.stamp()));
            w.update(PATIENTS, &req.id, &changed)?;
        }
        load(conn, &req.id, &locale)
    })
}

/// A usual clinician must be someone appointments can be booked with.
fn check_usual_clinician(conn: &Connection, id: Option<&str>) -> Result<()> {
    match id {
        Some(id) if crate::appointments::bookable(conn, id)?.is_none() => Err(Error::validation(
            "usual_clinician_id",
            "The usual clinician must be an active doctor or optometrist.",
        )),
        _ => Ok(()),
    }
}

fn to_fields(v: &ValidPatient) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("first_name".into(), json!(v.first_name));
    m.insert("last_name".into(), json!(v.last_name));
    m.insert("date_of_birth".into(), json!(v.date_of_birth.to_string()));
    m.insert("sex".into(), json!(v.sex.as_str()));
    m.insert("phones".into(), json!(v.phones));
    m.insert("email".into(), json!(v.email));
    m.insert("address".into(), json!(v.address));
    m.insert("national_id".into(), json!(v.national_id));
    m.insert("medical_history".into(), json!(v.medical_history));
    m.insert("allergies".into(), json!(v.allergies));
    m.insert("current_medications".into(), json!(v.current_medications));
    m.insert(
        "emergency_contact_name".into(),
        json!(v.emergency_contact_name),
    );
    m.insert(
        "emergency_contact_phone".into(),
        json!(v.emergency_contact_phone),
    );
    m.insert("usual_clinician_id".into(), json!(v.usual_clinician_id));
    m
}

/// The stored row as the same JSON fields [`to_fields`] produces, for computing what changed.
fn stored_fields(conn: &Connection, id: &str) -> Result<Map<String, Value>> {
    let p = load(
        conn,
        id,
        &Locale {
            date_format: Default::default(),
            today: NaiveDate::MIN,
        },
    )?;
    let v = ValidPatient {
        first_name: p.first_name,
        last_name: p.last_name,
        date_of_birth: p.date_of_birth.parse().unwrap_or(NaiveDate::MIN),
        sex: p.sex,
        phones: p.phones,
        email: p.email,
        address: p.address,
        national_id: p.national_id,
        medical_history: p.medical_history,
        allergies: p.allergies,
        current_medications: p.current_medications,
        emergency_contact_name: p.emergency_contact_name,
        emergency_contact_phone: p.emergency_contact_phone,
        usual_clinician_id: p.usual_clinician_id,
    };
    let mut m = to_fields(&v);
    m.insert("archived".into(), json!(p.archived));
    Ok(m)
}

pub(crate) fn load(conn: &Connection, id: &str, locale: &Locale) -> Result<Patient> {
    conn.prepare_cached(
        "SELECT id, mrn, first_name, last_name, date_of_birth, sex, phones, email, address, national_id,
                medical_history, allergies, current_medications, emergency_contact_name, emergency_contact_phone,
                archived, created_at, updated_at, usual_clinician_id,
                (SELECT full_name FROM users WHERE users.id = patients.usual_clinician_id)
         FROM patients WHERE id = ?1",
    )?
    .query_row([id], |r| {
        let dob: String = r.get(4)?;
        Ok(Patient {
            id: r.get(0)?,
            mrn: r.get(1)?,
            first_name: r.get(2)?,
            last_name: r.get(3)?,
            age_years: age_on(&dob, locale.today),
            date_of_birth: dob,
            sex: r.get(5)?,
            phones: phones_from(&r.get::<_, String>(6)?),
            email: r.get(7)?,
            address: r.get(8)?,
            national_id: r.get(9)?,
            medical_history: r.get(10)?,
            allergies: r.get(11)?,
            current_medications: r.get(12)?,
            emergency_contact_name: r.get(13)?,
            emergency_contact_phone: r.get(14)?,
            usual_clinician_id: r.get(18)?,
            usual_clinician_name: r.get(19)?,
            archived: r.get(15)?,
            created_at: r.get(16)?,
            updated_at: r.get(17)?,
        })
    })
    .optional()?
    .ok_or_else(|| Error::not_found("No patient with this id."))
}

/// Maps `SELECT id, mrn, first_name, last_name, date_of_birth, sex, phones, archived`.
pub(super) fn summary_from_row(
    r: &Row<'_>,
    today: NaiveDate,
    matched_by: MatchKind,
) -> rusqlite::Result<PatientSummary> {
    let dob: String = r.get(4)?;
    Ok(PatientSummary {
        id: r.get(0)?,
        mrn: r.get(1)?,
        first_name: r.get(2)?,
        last_name: r.get(3)?,
        age_years: age_on(&dob, today),
        date_of_birth: dob,
        sex: r.get(5)?,
        phones: phones_from(&r.get::<_, String>(6)?),
        archived: r.get(7)?,
        matched_by,
    })
}

fn age_on(dob: &str, today: NaiveDate) -> i32 {
    dob.parse::<NaiveDate>()
        .map(|d| age_years(d, today))
        .unwrap_or(0)
}

fn phones_from(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}

/// Phone numbers are typed with or without the country or trunk prefix; the last 8 digits identify a line.
const PHONE_MATCH_DIGITS: usize = 8;

fn possible_duplicates(
    conn: &Connection,
    v: &ValidPatient,
    locale: &Locale,
) -> Result<Vec<PatientSummary>> {
    let mut out: Vec<PatientSummary> = Vec::new();
    // Words folded whole (`O'Brien` and `OBrien` are the same word), in any order (first and last swapped).
    let name_key = |first: &str, last: &str| {
        let mut t: Vec<String> = deunicode::deunicode(&format!("{first} {last}"))
            .to_lowercase()
            .split_whitespace()
            .map(|w| w.chars().filter(char::is_ascii_alphanumeric).collect())
            .collect();
        t.sort();
        t
    };
    let wanted = name_key(&v.first_name, &v.last_name);
    let cols = "id, mrn, first_name, last_name, date_of_birth, sex, phones, archived";
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {cols} FROM patients WHERE date_of_birth = ?1"
    ))?;
    for s in stmt.query_map([v.date_of_birth.to_string()], |r| {
        summary_from_row(r, locale.today, MatchKind::Name)
    })? {
        let s = s?;
        if name_key(&s.first_name, &s.last_name) == wanted {
            out.push(s);
        }
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {cols} FROM patients WHERE rowid IN (
            SELECT patient_rowid FROM patient_phones WHERE reversed_digits >= ?1 AND reversed_digits < ?1 || ':')"
    ))?;
    for phone in &v.phones {
        let rev = reversed_digits(phone);
        let key: String = rev.chars().take(PHONE_MATCH_DIGITS).collect();
        for s in stmt.query_map([&key], |r| {
            summary_from_row(r, locale.today, MatchKind::Phone)
        })? {
            let s = s?;
            let theirs_match = s.phones.iter().any(|p| {
                let r = reversed_digits(p);
                r.starts_with(&key) && (key.len() >= PHONE_MATCH_DIGITS || r == rev)
            });
            if theirs_match && !out.iter().any(|o| o.id == s.id) {
                out.push(s);
            }
        }
    }
    Ok(out)
}
