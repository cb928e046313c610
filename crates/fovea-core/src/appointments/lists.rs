//! Read views of the book beyond one day: the clinicians to book with, a week (or any short range), the reminder
//! call list, and one patient's appointments — plus marking a reminder call.

use chrono::Duration;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::{Map, json};
use ts_rs::TS;

use super::AppointmentStatus;
use super::book::{Appointment, SELECT, clinic_tz, from_row, load, reason};
use crate::accounts::Role;
use crate::catalog::Ctx;
use crate::sync::tables::APPOINTMENTS;
use crate::{Error, Result, clinic};

/// The longest range one request may load: six weeks covers a month view with its edges.
pub const MAX_RANGE_DAYS: i64 = 42;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Clinician {
    pub id: String,
    pub username: String,
    pub full_name: String,
    pub roles: Vec<Role>,
    pub specialization: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CliniciansResponse {
    pub clinicians: Vec<Clinician>,
    /// The patient's usual clinician when one was asked about and is still bookable; listed first.
    pub usual_clinician_id: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct CliniciansRequest {
    /// Booking for this patient: their usual clinician comes first.
    #[serde(default)]
    #[ts(optional)]
    pub patient_id: Option<String>,
}

/// The clinicians to book with; for a patient with a usual clinician, that clinician first (booking proposes them).
pub fn clinicians_for(cx: &Ctx<'_>, req: &CliniciansRequest) -> Result<CliniciansResponse> {
    let patient = req
        .patient_id
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty());
    cx.read(|conn| {
        let mut list = clinicians(conn)?;
        let Some(patient) = patient else {
            return Ok(list);
        };
        let usual: Option<Option<String>> = conn
            .query_row(
                "SELECT usual_clinician_id FROM patients WHERE id = ?1",
                [patient],
                |r| r.get(0),
            )
            .optional()?;
        let usual = usual.ok_or_else(|| Error::validation("patient_id", "No such patient."))?;
        cx.note_patient(patient);
        if let Some(at) = usual.and_then(|u| list.clinicians.iter().position(|c| c.id == u)) {
            let c = list.clinicians.remove(at);
            list.usual_clinician_id = Some(c.id.clone());
            list.clinicians.insert(0, c);
        }
        Ok(list)
    })
}

/// Active doctors and optometrists, by name: the people appointments are booked with.
pub fn clinicians(conn: &Connection) -> Result<CliniciansResponse> {
    let mut clinicians: Vec<Clinician> = crate::accounts::list(conn, false)?
        .into_iter()
        .filter(|u| {
            u.roles
                .iter()
                .any(|r| matches!(r, Role::Doctor | Role::Optometrist))
        })
        .map(|u| Clinician {
            id: u.id,
            username: u.username,
            full_name: u.full_name,
            roles: u.roles,
            specialization: u.profile.and_then(|p| p.specialization),
        })
        .collect();
    clinicians.sort_by(|a, b| a.full_name.cmp(&b.full_name));
    Ok(CliniciansResponse {
        clinicians,
        usual_clinician_id: None,
    })
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct RangeRequest {
    pub clinician_id: Option<String>,
    /// First and last clinic day, inclusive (ISO or the clinic's date format).
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RangeResponse {
    pub from: String,
    pub to: String,
    pub appointments: Vec<Appointment>,
}

/// Appointments from one clinic day to another (a week view), by start time.
pub fn range(cx: &Ctx<'_>, req: &RangeRequest) -> Result<RangeResponse> {
    cx.read(|conn| {
        let locale = clinic::locale(conn, cx.now())?;
        let tz = clinic_tz(conn)?;
        let from = locale
            .date_format
            .parse(&req.from)
            .map_err(|m| Error::validation("from", m))?;
        let to = locale
            .date_format
            .parse(&req.to)
            .map_err(|m| Error::validation("to", m))?;
        if to < from {
            return Err(Error::validation(
                "to",
                "The last day comes before the first.",
            ));
        }
        if to - from >= Duration::days(MAX_RANGE_DAYS) {
            return Err(Error::validation(
                "to",
                format!("Load at most {MAX_RANGE_DAYS} days at a time."),
            ));
        }
        let mut stmt = conn.prepare_cached(&format!(
            "{SELECT} WHERE a.clinic_day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR a.clinician_id = ?3)
             ORDER BY a.starts_at, u.full_name"
        ))?;
        let rows = stmt.query_map(
            params![from.to_string(), to.to_string(), req.clinician_id],
            |r| from_row(r, tz),
        )?;
        Ok(RangeResponse {
            from: from.to_string(),
            to: to.to_string(),
            appointments: rows.collect::<rusqlite::Result<Vec<_>>>()?,
        })
    })
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct RemindersRequest {
    /// Clinic day; tomorrow when absent.
    pub date: Option<String>,
}

/// One line of the reminder call list.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Reminder {
    pub appointment: Appointment,
    pub phones: Vec<String>,
    /// When the patient was rung (UTC, RFC 3339); none until someone marks the call.
    pub called_at: Option<String>,
    pub called_by_name: Option<String>,
    pub call_note: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RemindersResponse {
    pub date: String,
    pub reminders: Vec<Reminder>,
}

const REMINDER_EXTRA: &str = ", p.phones, a.reminder_called_at, caller.full_name, a.reminder_note";

fn reminder_sql(filter: &str) -> String {
    // The caller is joined last so `from_row` keeps its column positions.
    let select = SELECT.replacen(" FROM ", &format!("{REMINDER_EXTRA} FROM "), 1);
    format!("{select} LEFT JOIN users caller ON caller.id = a.reminder_called_by {filter}")
}

fn reminder_row(r: &rusqlite::Row<'_>, tz: chrono_tz::Tz) -> rusqlite::Result<Reminder> {
    let phones: String = r.get(16)?;
    Ok(Reminder {
        appointment: from_row(r, tz)?,
        phones: serde_json::from_str(&phones).unwrap_or_default(),
        called_at: r.get(17)?,
        called_by_name: r.get(18)?,
        call_note: r.get(19)?,
    })
}

/// A day's appointments to ring about (tomorrow's by default), by clinician and time; cancelled and no-show ones
/// are left out.
pub fn reminders(cx: &Ctx<'_>, req: &RemindersRequest) -> Result<RemindersResponse> {
    cx.read(|conn| {
        let locale = clinic::locale(conn, cx.now())?;
        let tz = clinic_tz(conn)?;
        let day = match req.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            Some(d) => locale
                .date_format
                .parse(d)
                .map_err(|m| Error::validation("date", m))?,
            None => crate::time::today_in(Some(tz.name()), cx.now()) + Duration::days(1),
        };
        let mut stmt = conn.prepare_cached(&reminder_sql(
            "WHERE a.clinic_day = ?1 AND a.status NOT IN ('cancelled', 'no_show')
             ORDER BY u.full_name, a.starts_at",
        ))?;
        let rows = stmt.query_map([day.to_string()], |r| reminder_row(r, tz))?;
        Ok(RemindersResponse {
            date: day.to_string(),
            reminders: rows.collect::<rusqlite::Result<Vec<_>>>()?,
        })
    })
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct MarkCalledRequest {
    pub id: String,
    /// False clears the mark (rung by mistake).
    pub called: bool,
    /// What came of the call, for example "left a voicemail".
    pub note: Option<String>,
}

/// Records that the patient was rung about an appointment (who and when), or clears the mark.
pub fn mark_called(cx: &Ctx<'_>, req: &MarkCalledRequest) -> Result<Reminder> {
    cx.write(|w| {
        let conn = w.tx();
        let current = load(conn, &req.id, clinic_tz(conn)?)?;
        cx.note_patient(&current.patient_id);
        if matches!(
            current.status,
            AppointmentStatus::Cancelled | AppointmentStatus::NoShow
        ) {
            return Err(Error::conflict(
                "This appointment is cancelled or missed; there is nothing to remind about.",
            ));
        }
        let note = reason("note", "The note", req.note.as_deref())?;
        let mut f = Map::new();
        if req.called {
            let by = cx.user.as_ref().map(|u| u.id.clone());
            f.insert(
                "reminder_called_at".into(),
                json!(super::book::instant(cx.now())),
            );
            f.insert("reminder_called_by".into(), json!(by));
            f.insert("reminder_note".into(), json!(note));
        } else {
            f.insert("reminder_called_at".into(), json!(null));
            f.insert("reminder_called_by".into(), json!(null));
            f.insert("reminder_note".into(), json!(null));
        }
        f.insert("updated_at".into(), json!(w.stamp()));
        w.update(APPOINTMENTS, &req.id, &f)
    })?;
    cx.read(|conn| {
        let tz = clinic_tz(conn)?;
        Ok(conn
            .prepare_cached(&reminder_sql("WHERE a.id = ?1"))?
            .query_row([&req.id], |r| reminder_row(r, tz))?)
    })
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PatientAppointmentsRequest {
    pub patient_id: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PatientAppointmentsResponse {
    /// From today on and still to happen (scheduled, checked in or in progress), soonest first.
    pub upcoming: Vec<Appointment>,
    /// The rest (past days, completed, cancelled, missed), latest first, at most ten.
    pub recent: Vec<Appointment>,
}

const RECENT_LIMIT: usize = 10;

/// One patient's appointments for the patient page.
pub fn for_patient(
    cx: &Ctx<'_>,
    req: &PatientAppointmentsRequest,
) -> Result<PatientAppointmentsResponse> {
    cx.note_patient(&req.patient_id);
    cx.read(|conn| {
        let tz = clinic_tz(conn)?;
        let today = crate::time::today_in(Some(tz.name()), cx.now()).to_string();
        let exists: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM patients WHERE id = ?1)",
            [&req.patient_id],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(Error::not_found("No such patient."));
        }
        let mut stmt = conn.prepare_cached(&format!(
            "{SELECT} WHERE a.patient_id = ?1 ORDER BY a.starts_at DESC"
        ))?;
        let rows = stmt.query_map([&req.patient_id], |r| from_row(r, tz))?;
        let mut upcoming = Vec::new();
        let mut recent = Vec::new();
        for a in rows {
            let a = a?;
            let live = matches!(
                a.status,
                AppointmentStatus::Scheduled
                    | AppointmentStatus::CheckedIn
                    | AppointmentStatus::InProgress
            );
            if live && a.clinic_day >= today {
                upcoming.push(a);
            } else if recent.len() < RECENT_LIMIT {
                recent.push(a);
            }
        }
        upcoming.reverse();
        Ok(PatientAppointmentsResponse { upcoming, recent })
    })
}
