//! Clinicians' weekly schedules, clinic closed days, and the free slots they give.

use chrono::{DateTime, Datelike, Duration, NaiveTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::{Map, json};
use ts_rs::TS;

use super::{AppointmentKind, WorkingHours, day_slots, overlaps};
use crate::catalog::{Ctx, area_operations, op};
use crate::sync::tables::{CLOSED_DAYS, SCHEDULES};
use crate::{Error, Result, clinic};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct TimeRange {
    /// HH:MM, wall clock in the clinic's time zone.
    pub start: String,
    pub end: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct DayHours {
    pub start: String,
    pub end: String,
    pub breaks: Vec<TimeRange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct KindMinutes {
    pub kind: AppointmentKind,
    pub minutes: u32,
}

/// A clinician's week: hours per weekday (Monday first; `null` = not working), the default appointment length
/// and lengths per kind of appointment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Schedule {
    pub clinician_id: String,
    pub days: Vec<Option<DayHours>>,
    pub default_minutes: u32,
    pub minutes_by_kind: Vec<KindMinutes>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ClinicianRequest {
    pub clinician_id: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ClosedDayRequest {
    /// ISO or the clinic's date format.
    pub date: String,
    /// False reopens the day.
    pub closed: bool,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SlotsRequest {
    pub clinician_id: String,
    pub date: String,
    pub kind: AppointmentKind,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FreeSlot {
    /// HH:MM in the clinic's time zone.
    pub time: String,
    pub starts_at: String,
    pub ends_at: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SlotsResponse {
    pub date: String,
    /// Why there are no slots: the clinic is closed, or the clinician does not work that weekday.
    pub closed_reason: Option<String>,
    pub length_minutes: u32,
    pub slots: Vec<FreeSlot>,
}

fn hm(field: &str, s: &str) -> Result<NaiveTime> {
    NaiveTime::parse_from_str(s.trim(), "%H:%M").map_err(|_| {
        Error::validation(
            field,
            format!("“{s}” is not a time; write HH:MM, for example 09:00."),
        )
    })
}

/// More breaks than this in a working day is a mistake, not a schedule.
const MAX_BREAKS: usize = 12;
/// One length per kind of appointment; a few spare for kinds still to come.
const MAX_KINDS: usize = 16;

pub(crate) fn hours(field: &str, d: &DayHours) -> Result<WorkingHours> {
    let (start, end) = (hm(field, &d.start)?, hm(field, &d.end)?);
    if start >= end {
        return Err(Error::validation(
            field,
            "The day must end after it starts.",
        ));
    }
    let mut breaks = Vec::new();
    for b in &d.breaks {
        let (bs, be) = (hm(field, &b.start)?, hm(field, &b.end)?);
        if bs >= be || bs < start || be > end {
            return Err(Error::validation(
                field,
                format!(
                    "The break {}–{} must lie within the working hours.",
                    b.start, b.end
                ),
            ));
        }
        breaks.push((bs, be));
    }
    Ok(WorkingHours { start, end, breaks })
}

/// The default week until a clinician's own is saved: Monday to Friday 09:00–17:00 with lunch 13:00–14:00,
/// 20-minute appointments and 30 for new patients.
pub fn default_schedule(clinician_id: &str) -> Schedule {
    let day = Some(DayHours {
        start: "09:00".into(),
        end: "17:00".into(),
        breaks: vec![TimeRange {
            start: "13:00".into(),
            end: "14:00".into(),
        }],
    });
    Schedule {
        clinician_id: clinician_id.into(),
        days: vec![
            day.clone(),
            day.clone(),
            day.clone(),
            day.clone(),
            day,
            None,
            None,
        ],
        default_minutes: 20,
        minutes_by_kind: vec![KindMinutes {
            kind: AppointmentKind::NewPatient,
            minutes: 30,
        }],
    }
}

pub fn load(conn: &Connection, clinician_id: &str) -> Result<Schedule> {
    let row: Option<(String, u32, String)> = conn
        .query_row(
            "SELECT days, default_minutes, minutes_by_kind FROM schedules WHERE id = ?1",
            [clinician_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((days, default_minutes, by_kind)) = row else {
        return Ok(default_schedule(clinician_id));
    };
    Ok(Schedule {
        clinician_id: clinician_id.into(),
        days: serde_json::from_str(&days)
            .map_err(|e| Error::storage(format!("Corrupt schedule: {e}")))?,
        default_minutes,
        minutes_by_kind: serde_json::from_str(&by_kind).unwrap_or_default(),
    })
}

/// Validates and saves a clinician's week.
pub fn save(cx: &Ctx<'_>, s: &Schedule) -> Result<Schedule> {
    if s.days.len() != 7 {
        return Err(Error::validation(
            "days",
            "Give the hours of all seven weekdays, Monday first.",
        ));
    }
    for (i, d) in s.days.iter().enumerate() {
        if let Some(d) = d {
            // Checked on saving only: a week saved before the limit still gives its slots.
            crate::text::at_most(
                &format!("days[{i}].breaks"),
                &d.breaks,
                MAX_BREAKS,
                "breaks a day",
            )?;
            hours(&format!("days[{i}]"), d)?;
        }
    }
    crate::text::at_most(
        "minutes_by_kind",
        &s.minutes_by_kind,
        MAX_KINDS,
        "appointment lengths, one per kind of appointment",
    )?;
    if !(5..=240).contains(&s.default_minutes) {
        return Err(Error::validation(
            "default_minutes",
            "An appointment lasts 5 to 240 minutes.",
        ));
    }
    if s.minutes_by_kind
        .iter()
        .any(|k| !(5..=240).contains(&k.minutes))
    {
        return Err(Error::validation(
            "minutes_by_kind",
            "An appointment lasts 5 to 240 minutes.",
        ));
    }
    cx.note_detail("changed a clinician's schedule");
    cx.write(|w| {
        let clinician = crate::accounts::load(w.tx(), &s.clinician_id)
            .map_err(|_| Error::validation("clinician_id", "Choose a clinician."))?;
        if !clinician.roles.iter().any(|r| {
            matches!(
                r,
                crate::accounts::Role::Doctor | crate::accounts::Role::Optometrist
            )
        }) {
            return Err(Error::validation(
                "clinician_id",
                "Schedules belong to doctors and optometrists.",
            ));
        }
        let mut f = Map::new();
        f.insert("days".into(), json!(s.days));
        f.insert("default_minutes".into(), json!(s.default_minutes));
        f.insert("minutes_by_kind".into(), json!(s.minutes_by_kind));
        f.insert("updated_at".into(), json!(w.stamp()));
        w.upsert(SCHEDULES, &s.clinician_id, &f)
    })?;
    cx.read(|conn| load(conn, &s.clinician_id))
}

/// A closed day's reason is shown on the book and on the slots screen ("Bank holiday").
const MAX_CLOSED_REASON: usize = 200;

/// Closes (or reopens) the clinic on a day.
pub fn set_closed(cx: &Ctx<'_>, req: &ClosedDayRequest) -> Result<()> {
    let day = cx
        .read(|conn| clinic::locale(conn, cx.now()))?
        .date_format
        .parse(&req.date)
        .map_err(|m| Error::validation("date", m))?;
    let reason = crate::text::optional(
        "reason",
        "The reason",
        req.reason.as_deref(),
        MAX_CLOSED_REASON,
        crate::text::Lines::One,
    )?;
    cx.note_detail(format!(
        "{} the clinic on {day}",
        if req.closed { "closed" } else { "reopened" }
    ));
    cx.write(|w| {
        let mut f = Map::new();
        f.insert("closed".into(), json!(req.closed));
        f.insert("reason".into(), json!(reason));
        w.upsert(CLOSED_DAYS, &day.to_string(), &f)
    })
}

/// The free slots of a clinician on a clinic day for a kind of appointment: the schedule's slots minus those that
/// overlap a booking still holding its time, and minus those already begun.
pub fn free_slots(cx: &Ctx<'_>, req: &SlotsRequest) -> Result<SlotsResponse> {
    let now = cx.now();
    cx.read(|conn| {
        let locale = clinic::locale(conn, cx.now())?;
        let tz = clinic::time_zone(conn)?;
        let day = locale.date_format.parse(&req.date).map_err(|m| Error::validation("date", m))?;
        let schedule = load(conn, &req.clinician_id)?;
        let length = schedule.minutes_by_kind.iter().find(|k| k.kind == req.kind).map_or(schedule.default_minutes, |k| k.minutes);
        let mut out = SlotsResponse { date: day.to_string(), closed_reason: None, length_minutes: length, slots: vec![] };
        let closed: Option<(bool, Option<String>)> = conn
            .query_row("SELECT closed, reason FROM closed_days WHERE id = ?1", [day.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some((true, reason)) = closed {
            out.closed_reason = Some(reason.unwrap_or_else(|| "The clinic is closed.".into()));
            return Ok(out);
        }
        let Some(Some(d)) = schedule.days.get(day.weekday().num_days_from_monday() as usize) else {
            out.closed_reason = Some("Not working on this weekday.".into());
            return Ok(out);
        };
        let wh = hours("days", d)?;
        let mut stmt = conn.prepare_cached(
            "SELECT starts_at, ends_at FROM appointments
             WHERE clinician_id = ?1 AND clinic_day = ?2 AND status NOT IN ('cancelled', 'no_show')",
        )?;
        let booked: Vec<(DateTime<Utc>, DateTime<Utc>)> = stmt
            .query_map(params![req.clinician_id, day.to_string()], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .filter_map(|r| r.ok())
            .filter_map(|(s, e)| Some((s.parse().ok()?, e.parse().ok()?)))
            .collect();
        for (s, e) in day_slots(day, tz, &wh, Duration::minutes(length as i64)) {
            // A slot that has already begun is no longer free to offer.
            if s >= now && booked.iter().all(|b| !overlaps((s, e), *b)) {
                let fmt = |t: DateTime<Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
                out.slots.push(FreeSlot { time: s.with_timezone(&tz).format("%H:%M").to_string(), starts_at: fmt(s), ends_at: fmt(e) });
            }
        }
        Ok(out)
    })
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ClosedDaysRequest {
    /// From this clinic day on (today when absent), for a year.
    pub from: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ClosedDay {
    pub date: String,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ClosedDaysResponse {
    pub days: Vec<ClosedDay>,
}

/// The days the clinic is closed in the year from `from`, in order.
pub fn closed_days(cx: &Ctx<'_>, req: &ClosedDaysRequest) -> Result<ClosedDaysResponse> {
    cx.read(|conn| {
        let locale = clinic::locale(conn, cx.now())?;
        let from = match req.from.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(d) => locale
                .date_format
                .parse(d)
                .map_err(|m| Error::validation("from", m))?,
            None => locale.today,
        };
        let to = from + Duration::days(366);
        let mut stmt = conn.prepare_cached(
            "SELECT id, reason FROM closed_days WHERE closed = 1 AND id BETWEEN ?1 AND ?2 ORDER BY id",
        )?;
        let days = stmt
            .query_map(params![from.to_string(), to.to_string()], |r| {
                Ok(ClosedDay {
                    date: r.get(0)?,
                    reason: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(ClosedDaysResponse { days })
    })
}

op! {
    GetSchedule = "schedules.get", ManageAppointments,
    summary: "A clinician's week (the default week until one is saved).",
    label: "Read a clinician's schedule",
    fn(cx, req: ClinicianRequest) -> Schedule {
        cx.read(|conn| load(conn, &req.clinician_id))
    }
}

op! {
    SetSchedule = "schedules.set", ManageAppointments,
    summary: "Save a clinician's working hours, breaks and appointment lengths.",
    label: "Changed a clinician's schedule",
    fn(cx, req: Schedule) -> Schedule {
        save(cx, &req)
    }
}

op! {
    SetClosedDay = "schedules.set_closed_day", ManageAppointments,
    summary: "Close the clinic on a day (or reopen it).",
    label: "Closed or reopened a day",
    fn(cx, req: ClosedDayRequest) -> crate::catalog::Empty {
        set_closed(cx, &req)?;
        Ok(crate::catalog::Empty {})
    }
}

op! {
    ClosedDays = "schedules.closed_days", UseQueue,
    summary: "The days the clinic is closed, for a year from a day (today by default).",
    label: "Listed the closed days",
    fn(cx, req: ClosedDaysRequest) -> ClosedDaysResponse {
        closed_days(cx, &req)
    }
}

// The registry lists these operations in this order (`fovea call --list`, the bindings).
area_operations! {
    GetSchedule,
    SetSchedule,
    SetClosedDay,
    ClosedDays,
}
