//! Booking, status changes and the day list. Each service runs in one transaction through the write path.

use chrono::offset::LocalResult;
use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use ts_rs::TS;
use uuid::Uuid;

use super::{AppointmentStatus, Booking, check_transition, find_clash};
use crate::accounts::Role;
use crate::catalog::Ctx;
use crate::sync::tables::{APPOINTMENTS, VISITS};
use crate::text::Lines;
use crate::{Error, Result, clinic};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AppointmentKind {
    NewPatient,
    FollowUp,
    PostOp,
    Refraction,
    WalkIn,
}

/// An appointment as the book shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Appointment {
    pub id: String,
    pub patient_id: String,
    pub patient_name: String,
    pub patient_mrn: String,
    pub clinician_id: String,
    pub clinician_name: String,
    pub kind: AppointmentKind,
    /// UTC instants, RFC 3339.
    pub starts_at: String,
    pub ends_at: String,
    /// The clinic day (ISO) and wall-clock start (HH:MM) in the clinic's time zone.
    pub clinic_day: String,
    pub start_time: String,
    pub status: AppointmentStatus,
    pub reason: Option<String>,
    pub notes: Option<String>,
    pub overbook_reason: Option<String>,
    pub cancel_reason: Option<String>,
    pub visit_id: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct BookRequest {
    pub patient_id: String,
    pub clinician_id: String,
    pub kind: AppointmentKind,
    /// Clinic day, ISO or the clinic's date format.
    pub date: String,
    /// Wall-clock start in the clinic's time zone, HH:MM.
    pub time: String,
    /// 5 to 240 minutes.
    pub length_minutes: u32,
    pub reason: Option<String>,
    pub notes: Option<String>,
    /// Book even though the clinician is busy then; the reason is shown on the book.
    pub overbook_reason: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SetStatusRequest {
    pub id: String,
    pub status: AppointmentStatus,
    /// Required to cancel.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct DayRequest {
    /// Clinic day (ISO or the clinic's format); today when absent.
    pub date: Option<String>,
    pub clinician_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DayResponse {
    pub date: String,
    pub appointments: Vec<Appointment>,
}

pub(super) fn clinic_tz(conn: &Connection) -> Result<chrono_tz::Tz> {
    clinic::time_zone(conn)
}

pub(super) fn instant(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// A reason on the book ("Review", "Sudden loss of vision"): one line, as the book and the board show it.
pub(super) fn reason(field: &str, label: &str, s: Option<&str>) -> Result<Option<String>> {
    crate::text::optional(field, label, s, 300, Lines::One)
}

/// Books an appointment. A clinician cannot be double-booked: an overlapping booking is refused with the clashing
/// appointment named, unless `overbook_reason` is given. Back-to-back appointments are fine.
pub fn book(cx: &Ctx<'_>, req: &BookRequest) -> Result<Appointment> {
    let id = cx.write(|w| {
        let conn = w.tx();
        let locale = clinic::locale(conn, cx.now())?;
        let tz = clinic_tz(conn)?;
        let patient: Option<bool> = conn
            .query_row(
                "SELECT archived FROM patients WHERE id = ?1",
                [&req.patient_id],
                |r| r.get(0),
            )
            .optional()?;
        match patient {
            None => {
                return Err(Error::validation(
                    "patient_id",
                    "Choose a registered patient.",
                ));
            }
            Some(true) => {
                return Err(Error::validation(
                    "patient_id",
                    "This patient is archived; restore them first.",
                ));
            }
            Some(false) => {}
        }
        let clinician = bookable(conn, &req.clinician_id)?.ok_or_else(|| {
            Error::validation(
                "clinician_id",
                "Appointments are booked with an active doctor or optometrist.",
            )
        })?;
        let (day, start, end) = when(&locale, tz, &req.date, &req.time, req.length_minutes)?;
        let overbook = reason(
            "overbook_reason",
            "The reason for overbooking",
            req.overbook_reason.as_deref(),
        )?;
        if overbook.is_none() {
            refuse_clash(
                conn,
                tz,
                &req.clinician_id,
                &clinician.full_name,
                (start, end),
                None,
            )?;
        }
        let now = w.stamp();
        let id = Uuid::now_v7().to_string();
        let mut f = Map::new();
        f.insert("patient_id".into(), json!(req.patient_id));
        f.insert("clinician_id".into(), json!(req.clinician_id));
        f.insert(
            "kind".into(),
            serde_json::to_value(req.kind).unwrap_or(Value::Null),
        );
        f.insert("starts_at".into(), json!(instant(start)));
        f.insert("ends_at".into(), json!(instant(end)));
        f.insert("clinic_day".into(), json!(day.to_string()));
        f.insert("status".into(), json!(AppointmentStatus::Scheduled));
        f.insert(
            "reason".into(),
            json!(reason("reason", "The reason", req.reason.as_deref())?),
        );
        f.insert(
            "notes".into(),
            json!(crate::text::optional(
                "notes",
                "The notes",
                req.notes.as_deref(),
                2000,
                Lines::Many
            )?),
        );
        f.insert("overbook_reason".into(), json!(overbook));
        f.insert("cancel_reason".into(), Value::Null);
        f.insert("visit_id".into(), Value::Null);
        f.insert("created_at".into(), json!(now));
        f.insert("updated_at".into(), json!(now));
        cx.note_patient(&req.patient_id);
        w.insert(APPOINTMENTS, &id, &f)?;
        Ok(id)
    })?;
    cx.read(|conn| load(conn, &id, clinic_tz(conn)?))
}

/// The user `id` when appointments can be booked with them (an active doctor or optometrist); `None` for anyone
/// else, including an id that names no one.
pub(crate) fn bookable(conn: &Connection, id: &str) -> Result<Option<crate::accounts::User>> {
    let user = match crate::accounts::load(conn, id) {
        Ok(u) => u,
        Err(e) if e.code == crate::ErrorCode::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let clinician = user
        .roles
        .iter()
        .any(|r| matches!(r, Role::Doctor | Role::Optometrist));
    Ok((user.active && clinician).then_some(user))
}

/// The clinic day and UTC interval of a booking typed as a clinic date, a wall-clock HH:MM and a length.
fn when(
    locale: &clinic::Locale,
    tz: chrono_tz::Tz,
    date: &str,
    time: &str,
    length_minutes: u32,
) -> Result<(chrono::NaiveDate, DateTime<Utc>, DateTime<Utc>)> {
    let day = locale
        .date_format
        .parse(date)
        .map_err(|m| Error::validation("date", m))?;
    let time = NaiveTime::parse_from_str(time.trim(), "%H:%M")
        .map_err(|_| Error::validation("time", "Write the time as HH:MM, for example 09:20."))?;
    if !(5..=240).contains(&length_minutes) {
        return Err(Error::validation(
            "length_minutes",
            "An appointment lasts 5 to 240 minutes.",
        ));
    }
    let start = match tz.from_local_datetime(&day.and_time(time)) {
        LocalResult::Single(s) | LocalResult::Ambiguous(s, _) => s.with_timezone(&Utc),
        LocalResult::None => {
            return Err(Error::validation(
                "time",
                "This time does not exist on that day: the clocks go forward.",
            ));
        }
    };
    Ok((day, start, start + Duration::minutes(length_minutes as i64)))
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct RescheduleRequest {
    pub id: String,
    pub date: String,
    pub time: String,
    pub length_minutes: u32,
    pub overbook_reason: Option<String>,
}

/// Moves a scheduled appointment to another time, with the same clash rule as booking (it never clashes with
/// itself).
pub fn reschedule(cx: &Ctx<'_>, req: &RescheduleRequest) -> Result<Appointment> {
    cx.write(|w| {
        let conn = w.tx();
        let locale = clinic::locale(conn, cx.now())?;
        let tz = clinic_tz(conn)?;
        let current = load(conn, &req.id, tz)?;
        cx.note_patient(&current.patient_id);
        if current.status != AppointmentStatus::Scheduled {
            return Err(Error::conflict(
                "Only a scheduled appointment can be moved.",
            ));
        }
        let (day, start, end) = when(&locale, tz, &req.date, &req.time, req.length_minutes)?;
        let overbook = reason(
            "overbook_reason",
            "The reason for overbooking",
            req.overbook_reason.as_deref(),
        )?;
        if overbook.is_none() {
            refuse_clash(
                conn,
                tz,
                &current.clinician_id,
                &current.clinician_name,
                (start, end),
                Some(&req.id),
            )?;
        }
        let mut f = Map::new();
        f.insert("starts_at".into(), json!(instant(start)));
        f.insert("ends_at".into(), json!(instant(end)));
        f.insert("clinic_day".into(), json!(day.to_string()));
        f.insert("overbook_reason".into(), json!(overbook));
        f.insert("updated_at".into(), json!(w.stamp()));
        w.update(APPOINTMENTS, &req.id, &f)
    })?;
    cx.read(|conn| load(conn, &req.id, clinic_tz(conn)?))
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct WalkInRequest {
    pub patient_id: String,
    pub clinician_id: String,
    pub reason: Option<String>,
}

/// A patient who arrives without an appointment: booked into now (15 minutes, over whatever is booked then) and
/// checked in at once.
pub fn walk_in(cx: &Ctx<'_>, req: &WalkInRequest) -> Result<Appointment> {
    let (date, time) = cx.read(|conn| {
        let local = cx.now().with_timezone(&clinic_tz(conn)?);
        Ok((
            local.date_naive().to_string(),
            local.format("%H:%M").to_string(),
        ))
    })?;
    let mut booking = BookRequest {
        patient_id: req.patient_id.clone(),
        clinician_id: req.clinician_id.clone(),
        kind: AppointmentKind::WalkIn,
        date,
        time,
        length_minutes: 15,
        reason: req.reason.clone(),
        notes: None,
        overbook_reason: None,
    };
    let booked = match book(cx, &booking) {
        Err(e) if e.code == crate::ErrorCode::Conflict => {
            booking.overbook_reason = Some("Walk-in".into());
            book(cx, &booking)?
        }
        other => other?,
    };
    set_status(
        cx,
        &SetStatusRequest {
            id: booked.id,
            status: AppointmentStatus::CheckedIn,
            reason: None,
        },
    )
}

/// Moves an appointment along: check in (which opens a visit), start, complete, cancel (with a reason) or mark a
/// no-show. Transitions outside the allowed ones are refused with a clear message.
pub fn set_status(cx: &Ctx<'_>, req: &SetStatusRequest) -> Result<Appointment> {
    cx.write(|w| {
        let conn = w.tx();
        let tz = clinic_tz(conn)?;
        let current = load(conn, &req.id, tz)?;
        cx.note_patient(&current.patient_id);
        check_transition(current.status, req.status)?;
        let now = w.stamp();
        let mut f = Map::new();
        f.insert(
            "status".into(),
            serde_json::to_value(req.status).unwrap_or(Value::Null),
        );
        f.insert("updated_at".into(), json!(now));
        match req.status {
            AppointmentStatus::Cancelled => {
                let reason =
                    reason("reason", "The reason", req.reason.as_deref())?.ok_or_else(|| {
                        Error::validation("reason", "Say why the appointment is cancelled.")
                    })?;
                f.insert("cancel_reason".into(), json!(reason));
            }
            AppointmentStatus::CheckedIn => {
                let today = crate::time::today_in(Some(tz.name()), cx.now()).to_string();
                if current.clinic_day != today {
                    return Err(Error::conflict(format!(
                        "This appointment is on {}; patients are checked in on the day.",
                        current.clinic_day
                    )));
                }
                let visit = Uuid::now_v7().to_string();
                let mut v = Map::new();
                v.insert("patient_id".into(), json!(current.patient_id));
                v.insert("appointment_id".into(), json!(current.id));
                v.insert("clinician_id".into(), json!(current.clinician_id));
                v.insert("clinic_day".into(), json!(today));
                v.insert("stage".into(), json!(super::Stage::WaitingWorkup));
                v.insert("stage_since".into(), json!(instant(cx.now())));
                v.insert("checked_in_at".into(), json!(instant(cx.now())));
                v.insert("created_at".into(), json!(now));
                v.insert("updated_at".into(), json!(now));
                w.insert(VISITS, &visit, &v)?;
                f.insert("visit_id".into(), json!(visit));
            }
            _ => {}
        }
        w.update(APPOINTMENTS, &req.id, &f)?;
        Ok(())
    })?;
    cx.read(|conn| load(conn, &req.id, clinic_tz(conn)?))
}

/// A clinic day's appointments, by start time, optionally for one clinician.
pub fn day(cx: &Ctx<'_>, req: &DayRequest) -> Result<DayResponse> {
    cx.read(|conn| {
        let locale = clinic::locale(conn, cx.now())?;
        let tz = clinic_tz(conn)?;
        let day = match req.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            Some(d) => locale.date_format.parse(d).map_err(|m| Error::validation("date", m))?,
            None => locale.today,
        };
        let mut stmt = conn.prepare_cached(&format!(
            "{SELECT} WHERE a.clinic_day = ?1 AND (?2 IS NULL OR a.clinician_id = ?2) ORDER BY a.starts_at, u.full_name"
        ))?;
        let rows = stmt.query_map(params![day.to_string(), req.clinician_id], |r| from_row(r, tz))?;
        Ok(DayResponse { date: day.to_string(), appointments: rows.collect::<rusqlite::Result<Vec<_>>>()? })
    })
}

pub(super) const SELECT: &str = "SELECT a.id, a.patient_id, p.first_name || ' ' || p.last_name, p.mrn, a.clinician_id, u.full_name,
        a.kind, a.starts_at, a.ends_at, a.clinic_day, a.status, a.reason, a.notes, a.overbook_reason,
        a.cancel_reason, a.visit_id
    FROM appointments a JOIN patients p ON p.id = a.patient_id JOIN users u ON u.id = a.clinician_id";

pub(super) fn from_row(r: &Row<'_>, tz: chrono_tz::Tz) -> rusqlite::Result<Appointment> {
    let starts_at: String = r.get(7)?;
    let start_time = starts_at
        .parse::<DateTime<Utc>>()
        .map(|t| t.with_timezone(&tz).format("%H:%M").to_string())
        .unwrap_or_default();
    Ok(Appointment {
        id: r.get(0)?,
        patient_id: r.get(1)?,
        patient_name: r.get(2)?,
        patient_mrn: r.get(3)?,
        clinician_id: r.get(4)?,
        clinician_name: r.get(5)?,
        kind: r.get(6)?,
        starts_at,
        ends_at: r.get(8)?,
        clinic_day: r.get(9)?,
        start_time,
        status: r.get(10)?,
        reason: r.get(11)?,
        notes: r.get(12)?,
        overbook_reason: r.get(13)?,
        cancel_reason: r.get(14)?,
        visit_id: r.get(15)?,
    })
}

pub(super) fn load(conn: &Connection, id: &str, tz: chrono_tz::Tz) -> Result<Appointment> {
    conn.prepare_cached(&format!("{SELECT} WHERE a.id = ?1"))?
        .query_row([id], |r| from_row(r, tz))
        .optional()?
        .ok_or_else(|| Error::not_found("No such appointment."))
}

/// Refuses a time that clashes with another booking of the clinician, naming it.
fn refuse_clash(
    conn: &Connection,
    tz: chrono_tz::Tz,
    clinician_id: &str,
    clinician_name: &str,
    (start, end): (DateTime<Utc>, DateTime<Utc>),
    except: Option<&str>,
) -> Result<()> {
    match clash(conn, clinician_id, start, end, except)? {
        None => Ok(()),
        Some(c) => {
            let other = load(conn, &c.id, tz)?;
            Err(Error::conflict(format!(
                "{clinician_name} already has {} ({}) at {}. Choose another time, or overbook with a reason.",
                other.patient_name, other.patient_mrn, other.start_time
            )))
        }
    }
}

/// The clinician's first booking that overlaps [start, end) and still holds its slot.
fn clash(
    conn: &Connection,
    clinician_id: &str,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    except: Option<&str>,
) -> Result<Option<Booking>> {
    // No appointment is longer than 240 minutes, so earlier starts cannot reach this slot.
    let mut stmt = conn.prepare_cached(
        "SELECT id, starts_at, ends_at, status FROM appointments
         WHERE clinician_id = ?1 AND starts_at < ?2 AND starts_at >= ?3",
    )?;
    let rows = stmt.query_map(
        params![
            clinician_id,
            instant(end),
            instant(start - Duration::minutes(240))
        ],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, AppointmentStatus>(3)?,
            ))
        },
    )?;
    let mut bookings = Vec::new();
    for row in rows {
        let (id, s, e, status) = row?;
        let (Ok(s), Ok(e)) = (s.parse(), e.parse()) else {
            continue;
        };
        bookings.push(Booking {
            id,
            start: s,
            end: e,
            status,
        });
    }
    Ok(find_clash(start, end, &bookings, except).cloned())
}
