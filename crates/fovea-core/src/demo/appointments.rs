//! A demo clinic's book: weeks of past attendances (mostly completed, a few missed or cancelled), today's patients
//! spread over the queue board, and a filling book ahead. Written straight through the write path one clinic day per
//! transaction, so a year for ten clinicians takes seconds rather than a booking call per appointment.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::accounts::{self, Role};
use crate::appointments::{Schedule, day_slots};
use crate::sync::Writer;
use crate::sync::tables::{APPOINTMENTS, VISITS};
use crate::{Error, Fovea, Result, clinic};

const REASONS: &[&str] = &[
    "Blurred distance vision",
    "Glaucoma review",
    "Diabetic eye screening",
    "Cataract assessment",
    "Post-op check after cataract surgery",
    "Dry, gritty eyes",
    "Headaches when reading",
    "Floaters in the right eye",
    "Glasses check",
    "Red, sore left eye",
    "Squint review",
    "Macular degeneration follow-up",
];

const CANCEL_REASONS: &[&str] = &[
    "Patient rang to cancel",
    "Unwell",
    "Travelling",
    "Transport fell through",
];

/// Today's patients are spread over the board's stages, earliest arrivals furthest along.
const TODAY_STAGES: &[(&str, &str)] = &[
    ("billing", "in_progress"),
    ("pharmacy", "in_progress"),
    ("with_doctor", "in_progress"),
    ("waiting_doctor", "checked_in"),
    ("in_workup", "checked_in"),
    ("waiting_workup", "checked_in"),
];

fn instant(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Fills the book of every active doctor and optometrist from `days_back` clinic days before today to `days_ahead`
/// after, following each one's schedule, with patients drawn from those registered. Returns how many appointments
/// were added. `progress(done_days, total_days)` is called after each day.
pub fn seed_appointments(
    fovea: &Fovea,
    days_back: u32,
    days_ahead: u32,
    seed: u64,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<usize> {
    let mut rng = StdRng::seed_from_u64(seed);
    let now = fovea.now();
    let (tz, patients, clinicians) = fovea.read(|conn| {
        let tz = clinic::time_zone(conn)?;
        let mut stmt = conn.prepare("SELECT id FROM patients WHERE NOT archived")?;
        let patients = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut clinicians = Vec::new();
        for u in accounts::list(conn, false)? {
            if u.roles
                .iter()
                .any(|r| matches!(r, Role::Doctor | Role::Optometrist))
            {
                clinicians.push(crate::appointments::schedule_of(conn, &u.id)?);
            }
        }
        Ok((tz, patients, clinicians))
    })?;
    if patients.is_empty() || clinicians.is_empty() {
        return Err(Error::conflict(
            "Add demo patients and at least one doctor or optometrist first.",
        ));
    }
    let today = now.with_timezone(&tz).date_naive();
    let first = today - Duration::days(days_back as i64);
    let total = (days_back + days_ahead + 1) as usize;
    let mut added = 0;
    for i in 0..total {
        let day = first + Duration::days(i as i64);
        added += fovea.write(|w| {
            let mut n = 0;
            for schedule in &clinicians {
                n += seed_day(w, &mut rng, tz, now, today, day, schedule, &patients)?;
            }
            Ok(n)
        })?;
        progress(i + 1, total);
    }
    Ok(added)
}

/// How full a clinician's day is: the past was busy, the book fills as the day approaches.
fn fill(day: NaiveDate, today: NaiveDate) -> f64 {
    match (day - today).num_days() {
        ..=0 => 0.8,
        1..=7 => 0.65,
        8..=21 => 0.35,
        _ => 0.15,
    }
}

#[allow(clippy::too_many_arguments)]
fn seed_day(
    w: &Writer<'_>,
    rng: &mut StdRng,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
    today: NaiveDate,
    day: NaiveDate,
    schedule: &Schedule,
    patients: &[String],
) -> Result<usize> {
    let Some(Some(hours)) = schedule
        .days
        .get(day.weekday().num_days_from_monday() as usize)
    else {
        return Ok(0);
    };
    let hours = crate::appointments::working_hours(hours)?;
    let base = Duration::minutes(schedule.default_minutes as i64);
    let slots = day_slots(day, tz, &hours, base);
    let mut n = 0;
    let mut skip_next = false;
    let mut today_index = 0;
    for (k, (start, slot_end)) in slots.iter().enumerate() {
        if std::mem::take(&mut skip_next) || !rng.random_bool(fill(day, today)) {
            continue;
        }
        let kind = match rng.random_range(0..10) {
            0..=1 => "new_patient",
            2..=6 => "follow_up",
            7 => "post_op",
            _ => "refraction",
        };
        let minutes = schedule
            .minutes_by_kind
            .iter()
            .find(|m| serde_json::to_value(m.kind).ok() == Some(json!(kind)))
            .map_or(schedule.default_minutes, |m| m.minutes) as i64;
        let mut end = *start + Duration::minutes(minutes);
        // A longer appointment runs into the next slot, which then stays empty; the day's last one keeps its slot.
        if end > *slot_end {
            match slots.get(k + 1) {
                Some((next, _)) if end > *next => skip_next = true,
                Some(_) => {}
                None => end = *slot_end,
            }
        }
        let patient = &patients[rng.random_range(0..patients.len())];
        let id = Uuid::now_v7().to_string();
        let (status, visit) = if day < today || (day == today && end + Duration::minutes(90) <= now)
        {
            match rng.random_range(0..100) {
                0..=5 => ("no_show", None),
                6..=11 => ("cancelled", None),
                _ => (
                    "completed",
                    Some(("done", *start - Duration::minutes(10), end)),
                ),
            }
        } else if day == today && *start <= now {
            let (stage, status) = TODAY_STAGES[today_index.min(TODAY_STAGES.len() - 1)];
            today_index += 1;
            let since = now - Duration::minutes(rng.random_range(2..50));
            (status, Some((stage, *start - Duration::minutes(5), since)))
        } else if rng.random_bool(0.04) {
            ("cancelled", None)
        } else {
            ("scheduled", None)
        };
        let visit_id = visit.map(|_| Uuid::now_v7().to_string());
        let stamp = instant(now);
        let mut f = Map::new();
        f.insert("patient_id".into(), json!(patient));
        f.insert("clinician_id".into(), json!(schedule.clinician_id));
        f.insert("kind".into(), json!(kind));
        f.insert("starts_at".into(), json!(instant(*start)));
        f.insert("ends_at".into(), json!(instant(end)));
        f.insert("clinic_day".into(), json!(day.to_string()));
        f.insert("status".into(), json!(status));
        f.insert(
            "reason".into(),
            json!(REASONS[rng.random_range(0..REASONS.len())]),
        );
        f.insert("notes".into(), Value::Null);
        f.insert("overbook_reason".into(), Value::Null);
        f.insert(
            "cancel_reason".into(),
            if status == "cancelled" {
                json!(CANCEL_REASONS[rng.random_range(0..CANCEL_REASONS.len())])
            } else {
                Value::Null
            },
        );
        f.insert("visit_id".into(), json!(visit_id));
        f.insert("created_at".into(), json!(stamp));
        f.insert("updated_at".into(), json!(stamp));
        w.insert(APPOINTMENTS, &id, &f)?;
        if let (Some(vid), Some((stage, checked_in, since))) = (&visit_id, visit) {
            let mut v = Map::new();
            v.insert("patient_id".into(), json!(patient));
            v.insert("appointment_id".into(), json!(id));
            v.insert("clinician_id".into(), json!(schedule.clinician_id));
            v.insert("clinic_day".into(), json!(day.to_string()));
            v.insert("stage".into(), json!(stage));
            v.insert("stage_since".into(), json!(instant(since)));
            v.insert("checked_in_at".into(), json!(instant(checked_in)));
            v.insert("created_at".into(), json!(stamp));
            v.insert("updated_at".into(), json!(stamp));
            w.insert(VISITS, vid, &v)?;
        }
        n += 1;
    }
    Ok(n)
}
