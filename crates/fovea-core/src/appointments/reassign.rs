//! Moving a clinician's work to another clinician: one appointment, or all of one clinician's day (a doctor called
//! away). Scheduled and checked-in appointments move, with the visits still waiting; a patient already with the
//! doctor, or further on, stays. The target's book is held to the booking's clash rule, so a move that would
//! double-book the target is refused whole unless overbooked with a reason.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::{Map, json};
use ts_rs::TS;

use super::book::{Appointment, SELECT, bookable, clinic_tz, from_row, load, reason};
use super::{AppointmentStatus, Booking, Stage, overlaps};
use crate::audit::{self, NewEntry, Outcome};
use crate::catalog::Ctx;
use crate::sync::tables::{APPOINTMENTS, VISITS};
use crate::{Error, Result, clinic};

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ReassignRequest {
    /// One appointment to move. Leave it out to move a clinician's day (`from_clinician_id` and `day`).
    pub appointment_id: Option<String>,
    /// The clinician whose day moves.
    pub from_clinician_id: Option<String>,
    /// The clinic day that moves (ISO or the clinic's date format).
    pub day: Option<String>,
    /// The active doctor or optometrist who takes the appointments.
    pub to_clinician_id: String,
    /// Why they move ("Dr Byrne called to theatre"); required to move, optional to preview.
    pub reason: Option<String>,
    /// Move even though the new clinician is busy at some of the times; the reason is shown on the book.
    pub overbook_reason: Option<String>,
}

/// An appointment that would double-book the new clinician, and what it clashes with.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ReassignClash {
    pub appointment_id: String,
    /// HH:MM in the clinic's time zone.
    pub start_time: String,
    pub patient_name: String,
    pub with_appointment_id: String,
    pub with_start_time: String,
    pub with_patient_name: String,
}

/// An appointment of the day that does not move, and why.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ReassignKept {
    pub appointment: Appointment,
    pub why: String,
}

/// What moves (a preview) or what moved (after the move, the appointments show their new clinician).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ReassignResponse {
    pub from_clinician_id: String,
    pub from_clinician_name: String,
    pub to_clinician_id: String,
    pub to_clinician_name: String,
    /// The clinic day, ISO.
    pub day: String,
    pub appointments: Vec<Appointment>,
    /// How many waiting visits on the queue board move with their appointments.
    pub visits: u32,
    /// Live appointments of the day that stay (with the doctor already, in progress).
    pub kept: Vec<ReassignKept>,
    /// Empty unless the new clinician is busy at some of the times.
    pub clashes: Vec<ReassignClash>,
}

/// A moving appointment as the clash rule sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Moving {
    pub booking: Booking,
    /// Booked over someone already: moving it alongside what it was booked over is no new double-booking.
    pub overbooked: bool,
}

/// For each moving appointment that would clash in the new clinician's book, its index and the id of what it
/// clashes with: the new clinician's bookings, or an earlier moving appointment (two of the day's appointments that
/// overlap clash again in the new book, unless the later was already overbooked).
pub fn plan_clashes(moving: &[Moving], existing: &[Booking]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, m) in moving.iter().enumerate() {
        let b = &m.booking;
        let theirs = super::find_clash(b.start, b.end, existing, None).map(|c| c.id.clone());
        let ours = || {
            moving[..i]
                .iter()
                .find(|o| {
                    !m.overbooked && overlaps((b.start, b.end), (o.booking.start, o.booking.end))
                })
                .map(|o| o.booking.id.clone())
        };
        if let Some(with) = theirs.or_else(ours) {
            out.push((i, with));
        }
    }
    out
}

/// Why an appointment of the day stays with its clinician, or `None` when it moves.
fn kept_because(status: AppointmentStatus, stage: Option<Stage>) -> Option<&'static str> {
    match (status, stage) {
        (AppointmentStatus::Scheduled, _) => None,
        (AppointmentStatus::CheckedIn, Some(s)) if s >= Stage::WithDoctor => {
            Some("Already with the doctor or further on.")
        }
        (AppointmentStatus::CheckedIn, _) => None,
        (AppointmentStatus::InProgress, _) => Some("The consultation has started."),
        _ => Some("Finished, cancelled or missed."),
    }
}

struct Plan {
    response: ReassignResponse,
    /// The moving appointments' visits that move with them: (appointment id, visit id).
    visits: Vec<(String, String)>,
}

fn plan(cx: &Ctx<'_>, conn: &Connection, req: &ReassignRequest) -> Result<Plan> {
    let locale = clinic::locale(conn, cx.now())?;
    let tz = clinic_tz(conn)?;
    let to_id = req.to_clinician_id.trim();
    if to_id.is_empty() {
        return Err(Error::validation(
            "to_clinician_id",
            "Choose the clinician who takes the appointments.",
        ));
    }
    let named = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
    };
    let (appointment_id, from_id, day) = (
        named(&req.appointment_id),
        named(&req.from_clinician_id),
        named(&req.day),
    );
    let (from_id, day, candidates): (String, NaiveDate, Vec<Appointment>) = match (
        appointment_id,
        from_id,
    ) {
        (Some(_), Some(_)) => {
            return Err(Error::validation(
                "appointment_id",
                "Move one appointment, or a clinician's day, not both at once.",
            ));
        }
        (Some(id), None) => {
            if day.is_some() {
                return Err(Error::validation(
                    "day",
                    "An appointment moves on its own day; leave the day out.",
                ));
            }
            let a = load(conn, &id, tz)?;
            let day = a
                .clinic_day
                .parse()
                .map_err(|_| Error::conflict("This appointment's day is unreadable."))?;
            (a.clinician_id.clone(), day, vec![a])
        }
        (None, Some(from)) => {
            let day = day.ok_or_else(|| {
                Error::validation("day", "Choose the day whose appointments move.")
            })?;
            let day = locale
                .date_format
                .parse(&day)
                .map_err(|m| Error::validation("day", m))?;
            let exists: bool = conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM users WHERE id = ?1)",
                [&from],
                |r| r.get(0),
            )?;
            if !exists {
                return Err(Error::validation(
                    "from_clinician_id",
                    "Choose the clinician whose day moves.",
                ));
            }
            let mut stmt = conn.prepare_cached(&format!(
                "{SELECT} WHERE a.clinic_day = ?1 AND a.clinician_id = ?2 ORDER BY a.starts_at, a.id"
            ))?;
            let rows = stmt.query_map(params![day.to_string(), from], |r| from_row(r, tz))?;
            (from, day, rows.collect::<rusqlite::Result<Vec<_>>>()?)
        }
        (None, None) => {
            return Err(Error::validation(
                "appointment_id",
                "Choose the appointment to move, or the clinician and the day whose appointments move.",
            ));
        }
    };
    if to_id == from_id {
        return Err(Error::validation(
            "to_clinician_id",
            "Choose someone else: these appointments are already with this clinician.",
        ));
    }
    let to = bookable(conn, to_id)?.ok_or_else(|| {
        Error::validation(
            "to_clinician_id",
            "Appointments move to an active doctor or optometrist.",
        )
    })?;
    let from_name: String = conn
        .query_row(
            "SELECT full_name FROM users WHERE id = ?1",
            [&from_id],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_default();

    let single = candidates.len() == 1 && req.appointment_id.is_some();
    let mut moving = Vec::new();
    let mut kept = Vec::new();
    let mut visits = Vec::new();
    for a in candidates {
        let stage: Option<Stage> = match &a.visit_id {
            Some(v) => conn
                .query_row("SELECT stage FROM visits WHERE id = ?1", [v], |r| r.get(0))
                .optional()?,
            None => None,
        };
        match kept_because(a.status, stage) {
            None => {
                if let (Some(v), Some(_)) = (&a.visit_id, stage) {
                    visits.push((a.id.clone(), v.clone()));
                }
                moving.push(a);
            }
            Some(why) if single => {
                return Err(Error::conflict(format!(
                    "{}'s appointment stays with {from_name}: {why} Only scheduled appointments and patients still waiting move.",
                    a.patient_name
                )));
            }
            // Done, cancelled and missed appointments are history, not work to hand over.
            Some(why) if a.status.holds_slot() && a.status != AppointmentStatus::Completed => kept
                .push(ReassignKept {
                    appointment: a,
                    why: why.into(),
                }),
            Some(_) => {}
        }
    }

    let bookings: Vec<Moving> = moving
        .iter()
        .filter_map(|a| {
            let (Ok(start), Ok(end)) = (a.starts_at.parse(), a.ends_at.parse()) else {
                return None;
            };
            Some(Moving {
                booking: Booking {
                    id: a.id.clone(),
                    start,
                    end,
                    status: a.status,
                },
                overbooked: a.overbook_reason.is_some(),
            })
        })
        .collect();
    let existing = target_bookings(conn, &to.id, &bookings)?;
    let mut clashes = Vec::new();
    for (i, with) in plan_clashes(&bookings, &existing) {
        let Some(m) = bookings.get(i) else { continue };
        let Some(a) = moving.iter().find(|a| a.id == m.booking.id) else {
            continue;
        };
        let other = match moving.iter().find(|o| o.id == with) {
            Some(o) => o.clone(),
            None => load(conn, &with, tz)?,
        };
        clashes.push(ReassignClash {
            appointment_id: a.id.clone(),
            start_time: a.start_time.clone(),
            patient_name: a.patient_name.clone(),
            with_appointment_id: other.id,
            with_start_time: other.start_time,
            with_patient_name: other.patient_name,
        });
    }
    Ok(Plan {
        response: ReassignResponse {
            from_clinician_id: from_id,
            from_clinician_name: from_name,
            to_clinician_id: to.id,
            to_clinician_name: to.full_name,
            day: day.to_string(),
            visits: visits.len() as u32,
            appointments: moving,
            kept,
            clashes,
        },
        visits,
    })
}

/// The new clinician's bookings that could overlap any of `moving`.
fn target_bookings(
    conn: &Connection,
    clinician_id: &str,
    moving: &[Moving],
) -> Result<Vec<Booking>> {
    let (Some(first), Some(last)) = (
        moving.iter().map(|m| m.booking.start).min(),
        moving.iter().map(|m| m.booking.end).max(),
    ) else {
        return Ok(Vec::new());
    };
    // No appointment is longer than 240 minutes, so earlier starts cannot reach these times.
    let mut stmt = conn.prepare_cached(
        "SELECT id, starts_at, ends_at, status FROM appointments
         WHERE clinician_id = ?1 AND starts_at < ?2 AND starts_at >= ?3",
    )?;
    let rows = stmt.query_map(
        params![
            clinician_id,
            super::book::instant(last),
            super::book::instant(first - Duration::minutes(240))
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
    let mut out = Vec::new();
    for row in rows {
        let (id, s, e, status) = row?;
        let (Ok(start), Ok(end)) = (s.parse::<DateTime<Utc>>(), e.parse::<DateTime<Utc>>()) else {
            continue;
        };
        out.push(Booking {
            id,
            start,
            end,
            status,
        });
    }
    Ok(out)
}

/// What [`reassign`] would move, and the clashes it would meet; writes nothing.
pub fn preview(cx: &Ctx<'_>, req: &ReassignRequest) -> Result<ReassignResponse> {
    cx.read(|conn| {
        reason("reason", "The reason", req.reason.as_deref())?;
        reason(
            "overbook_reason",
            "The reason for overbooking",
            req.overbook_reason.as_deref(),
        )?;
        let p = plan(cx, conn, req)?.response;
        if let Some(a) = p.appointments.first() {
            cx.note_patient(&a.patient_id);
        }
        Ok(p)
    })
}

/// Moves one appointment, or a clinician's day, to another clinician in one transaction: the appointments and
/// their waiting visits change clinician together, or nothing changes. Refuses a move that would double-book the
/// new clinician, listing every clashing time, unless `overbook_reason` is given (the clashing appointments then
/// carry it, as an overbooked booking does). Audited with who, from whom to whom, and how many moved.
pub fn reassign(cx: &Ctx<'_>, req: &ReassignRequest) -> Result<ReassignResponse> {
    let moved = cx.write(|w| {
        let conn = w.tx();
        let why = reason("reason", "The reason", req.reason.as_deref())?
            .ok_or_else(|| Error::validation("reason", "Say why the appointments move to another clinician."))?;
        let overbook = reason("overbook_reason", "The reason for overbooking", req.overbook_reason.as_deref())?;
        let Plan { response, visits } = plan(cx, conn, req)?;
        if response.appointments.is_empty() {
            return Err(Error::conflict(format!(
                "{} has nothing to move on {}: no scheduled appointments and no one still waiting.",
                response.from_clinician_name, response.day
            )));
        }
        if !response.clashes.is_empty() && overbook.is_none() {
            let times: Vec<String> = response
                .clashes
                .iter()
                .map(|c| format!("{} {} (with {} at {})", c.start_time, c.patient_name, c.with_patient_name, c.with_start_time))
                .collect();
            return Err(Error::conflict(format!(
                "{} is already booked at these times: {}. Choose another clinician, or overbook with a reason.",
                response.to_clinician_name,
                times.join("; ")
            )));
        }
        let now = w.stamp();
        for a in &response.appointments {
            let mut f = Map::new();
            f.insert("clinician_id".into(), json!(response.to_clinician_id));
            if response.clashes.iter().any(|c| c.appointment_id == a.id) {
                f.insert("overbook_reason".into(), json!(overbook));
            }
            f.insert("updated_at".into(), json!(now));
            w.update(APPOINTMENTS, &a.id, &f)?;
        }
        for (_, visit) in &visits {
            let mut f = Map::new();
            f.insert("clinician_id".into(), json!(response.to_clinician_id));
            f.insert("updated_at".into(), json!(now));
            w.update(VISITS, visit, &f)?;
        }
        let detail = format!(
            "{} → {}: {} appointment{}, {} waiting visit{} ({})",
            response.from_clinician_name,
            response.to_clinician_name,
            response.appointments.len(),
            if response.appointments.len() == 1 { "" } else { "s" },
            visits.len(),
            if visits.len() == 1 { "" } else { "s" },
            why
        );
        cx.note_detail(detail.clone());
        // The operation's own entry names the first patient; each other patient's trail gets an entry of its own,
        // so a patient's access history shows the move.
        let mut patients: Vec<&str> = response.appointments.iter().map(|a| a.patient_id.as_str()).collect();
        let mut seen = std::collections::BTreeSet::new();
        patients.retain(|p| seen.insert(*p));
        if let Some(first) = patients.first() {
            cx.note_patient(first);
        }
        for p in patients.iter().skip(1) {
            let rows = response
                .appointments
                .iter()
                .filter(|a| a.patient_id == *p)
                .flat_map(|a| {
                    let visit = visits.iter().find(|(id, _)| *id == a.id).map(|(_, v)| format!("visits:{v}"));
                    std::iter::once(format!("appointments:{}", a.id)).chain(visit)
                })
                .collect();
            audit::append(
                w,
                &NewEntry {
                    actor: cx.actor(),
                    operation: cx.operation.to_string(),
                    outcome: Outcome::Ok,
                    patient_id: Some((*p).to_string()),
                    rows,
                    detail: Some(detail.clone()),
                },
            )?;
        }
        Ok(response)
    })?;
    cx.read(|conn| {
        let tz = clinic_tz(conn)?;
        let appointments = moved
            .appointments
            .iter()
            .map(|a| load(conn, &a.id, tz))
            .collect::<Result<Vec<_>>>()?;
        Ok(ReassignResponse {
            appointments,
            ..moved
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use AppointmentStatus::*;

    fn at(hm: &str) -> DateTime<Utc> {
        format!("2026-12-01T{hm}:00Z").parse().expect("instant")
    }

    fn b(id: &str, from: &str, to: &str, status: AppointmentStatus) -> Booking {
        Booking {
            id: id.into(),
            start: at(from),
            end: at(to),
            status,
        }
    }

    fn m(id: &str, from: &str, to: &str, overbooked: bool) -> Moving {
        Moving {
            booking: b(id, from, to, Scheduled),
            overbooked,
        }
    }

    #[test]
    fn clashes_with_the_new_book_and_among_the_moving_unless_already_overbooked() {
        let existing = [
            b("x", "09:00", "09:20", Scheduled),
            b("gone", "10:00", "10:20", Cancelled),
        ];
        let moving = [
            m("a", "09:10", "09:30", false),
            m("b", "09:30", "09:50", false),
            m("c", "09:40", "09:55", false),
            m("d", "09:45", "10:00", true),
            m("e", "10:00", "10:20", false),
        ];
        assert_eq!(
            plan_clashes(&moving, &existing),
            vec![(0, "x".to_string()), (2, "b".to_string())],
            "a clashes with the book, c with b; d was overbooked already, e takes a cancelled slot"
        );
        assert!(plan_clashes(&[], &existing).is_empty());
    }

    #[test]
    fn only_work_still_to_do_moves() {
        assert_eq!(kept_because(Scheduled, None), None);
        for stage in [Stage::WaitingWorkup, Stage::InWorkup, Stage::WaitingDoctor] {
            assert_eq!(kept_because(CheckedIn, Some(stage)), None, "{stage:?}");
        }
        for stage in [
            Stage::WithDoctor,
            Stage::Pharmacy,
            Stage::Billing,
            Stage::Done,
        ] {
            assert!(kept_because(CheckedIn, Some(stage)).is_some(), "{stage:?}");
        }
        for status in [InProgress, Completed, Cancelled, NoShow] {
            assert!(kept_because(status, None).is_some(), "{status:?}");
        }
    }
}
