//! The appointment book at clinic scale: a year of appointments for ten clinicians (plus a month ahead) and 20,000
//! patients. Reports p50/p95/p99 of loading a day view (every clinician), a week view (one clinician) and the queue
//! board through `Fovea::call`, beside the raw SQL each runs.
//!
//! `cargo bench -p fovea-core --bench appointments`. The clock is fixed on a weekday afternoon so today's board is
//! as full as a real one; the database is built fresh in a temporary folder (about half a minute).

mod support;

use std::time::Instant;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use fovea_core::Fovea;
use fovea_core::clinic::ClinicSettings;
use fovea_core::workstation::ops::{NewAdmin, Setup, SetupRequest};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::json;

const ITERATIONS: usize = 2000;
const PASSWORD: &str = "benchmark password";
const CLINICIANS: usize = 10;
const PATIENTS: usize = 20_000;
/// Wednesday 18 November 2026, 15:00 in Dublin.
const NOW: &str = "2026-11-18T15:00:00Z";

const DAY_SQL: &str = "SELECT a.id, a.patient_id, p.first_name || ' ' || p.last_name, p.mrn, a.clinician_id,
        u.full_name, a.kind, a.starts_at, a.ends_at, a.clinic_day, a.status, a.reason, a.notes, a.overbook_reason,
        a.cancel_reason, a.visit_id
    FROM appointments a JOIN patients p ON p.id = a.patient_id JOIN users u ON u.id = a.clinician_id
    WHERE a.clinic_day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR a.clinician_id = ?3) ORDER BY a.starts_at, u.full_name";

const BOARD_SQL: &str =
    "SELECT v.id, v.patient_id, p.first_name || ' ' || p.last_name, p.mrn, v.clinician_id,
        u.full_name, a.starts_at, v.stage, v.stage_since
    FROM visits v JOIN patients p ON p.id = v.patient_id
    LEFT JOIN users u ON u.id = v.clinician_id LEFT JOIN appointments a ON a.id = v.appointment_id
    WHERE v.clinic_day = ?1 AND (?2 IS NULL OR v.clinician_id = ?2) ORDER BY v.stage_since";

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let now: DateTime<Utc> = NOW.parse().expect("now");
    let fovea = Fovea::open(&dir.path().join("book.db"))
        .expect("open")
        .with_clock(move || now);
    let (token, clinicians, appointments) = seed(&fovea);
    let token = Some(token.as_str());
    let today = NaiveDate::from_ymd_opt(2026, 11, 18).expect("date");
    let mut rng = StdRng::seed_from_u64(42);
    // Weekdays of the past year, where the book is full.
    let days: Vec<NaiveDate> = (0..ITERATIONS)
        .map(|_| {
            loop {
                let d = today - Duration::days(rng.random_range(0..365));
                if d.weekday().num_days_from_monday() < 5 {
                    break d;
                }
            }
        })
        .collect();
    let weeks: Vec<(NaiveDate, String)> = days
        .iter()
        .map(|d| {
            let monday = *d - Duration::days(d.weekday().num_days_from_monday() as i64);
            (
                monday,
                clinicians[rng.random_range(0..clinicians.len())].clone(),
            )
        })
        .collect();

    println!(
        "Appointment book: {appointments} appointments for {CLINICIANS} clinicians over a year, {PATIENTS} \
         patients, {ITERATIONS} loads each (times in ms)"
    );
    support::print_header("view");

    let service = support::measure(&days, |d| {
        let r = fovea
            .call(
                token,
                "appointments.day",
                json!({"date": d.to_string(), "clinician_id": null}),
            )
            .expect("day");
        assert!(r["appointments"].as_array().is_some_and(|a| !a.is_empty()));
    });
    let raw = support::measure(&days, |d| {
        raw_rows(
            &fovea,
            DAY_SQL,
            &[&d.to_string(), &d.to_string(), &rusqlite::types::Null],
            16,
        )
    });
    let day_rows = fovea
        .call(
            token,
            "appointments.day",
            json!({"date": days[0].to_string(), "clinician_id": null}),
        )
        .expect("day")["appointments"]
        .as_array()
        .map_or(0, Vec::len);
    support::print_row(
        &format!("day view, all ({day_rows} rows)"),
        support::percentiles(service),
        support::percentiles(raw),
    );

    let service = support::measure(&weeks, |(monday, clinician)| {
        let sunday = *monday + Duration::days(6);
        let r = fovea
            .call(
                token,
                "appointments.range",
                json!({"clinician_id": clinician, "from": monday.to_string(), "to": sunday.to_string()}),
            )
            .expect("week");
        assert!(r["appointments"].as_array().is_some());
    });
    let raw = support::measure(&weeks, |(monday, clinician)| {
        let sunday = *monday + Duration::days(6);
        raw_rows(
            &fovea,
            DAY_SQL,
            &[&monday.to_string(), &sunday.to_string(), clinician],
            16,
        )
    });
    support::print_row(
        "week view, one clinician",
        support::percentiles(service),
        support::percentiles(raw),
    );

    let ticks: Vec<usize> = (0..ITERATIONS).collect();
    let service = support::measure(&ticks, |_| {
        let r = fovea
            .call(token, "queue.board", json!({"clinician_id": null}))
            .expect("board");
        assert!(r["cards"].as_array().is_some_and(|c| !c.is_empty()));
    });
    let raw = support::measure(&ticks, |_| {
        raw_rows(
            &fovea,
            BOARD_SQL,
            &[&today.to_string(), &rusqlite::types::Null],
            9,
        )
    });
    let cards = fovea
        .call(token, "queue.board", json!({"clinician_id": null}))
        .expect("board")["cards"]
        .as_array()
        .map_or(0, Vec::len);
    support::print_row(
        &format!("queue board ({cards} cards)"),
        support::percentiles(service),
        support::percentiles(raw),
    );
}

/// The statement run directly with rusqlite, reading every column of every row.
fn raw_rows(fovea: &Fovea, sql: &str, params: &[&dyn rusqlite::ToSql], columns: usize) {
    fovea
        .with_connection(|conn| {
            let mut stmt = conn.prepare_cached(sql).expect("prepare");
            let mut rows = stmt.query(params).expect("query");
            while let Some(row) = rows.next().expect("row") {
                for i in 0..columns {
                    let _: rusqlite::types::Value = row.get(i).expect("column");
                }
            }
        })
        .expect("connection");
}

/// A clinic with ten clinicians, 20,000 patients and a year of their book; returns a receptionist's session, the
/// clinicians' ids and the number of appointments.
fn seed(fovea: &Fovea) -> (String, Vec<String>, usize) {
    let clinic = ClinicSettings {
        idle_lock_minutes: 120,
        ..ClinicSettings::named("Bench Eye Clinic")
    };
    let admin = NewAdmin::new("admin", "Bench Admin", PASSWORD);
    fovea
        .run::<Setup>(None, SetupRequest::new(clinic, "R1", admin))
        .expect("setup");
    let admin = sign_in(fovea, "admin");
    let mut clinicians = Vec::new();
    for i in 0..CLINICIANS {
        let role = if i % 3 == 2 { "optometrist" } else { "doctor" };
        let user = fovea
            .call(
                Some(&admin),
                "users.create",
                json!({"username": format!("clin{i}"), "full_name": format!("Clinician {i:02}"), "roles": [role],
                       "password": PASSWORD, "profile": null}),
            )
            .expect("clinician");
        clinicians.push(user["id"].as_str().expect("id").to_string());
    }
    fovea
        .call(
            Some(&admin),
            "users.create",
            json!({"username": "desk", "full_name": "Front Desk", "roles": ["receptionist"],
                   "password": PASSWORD, "profile": null}),
        )
        .expect("receptionist");
    let t = Instant::now();
    fovea_core::demo::seed_patients(fovea, PATIENTS, 7, &mut |_, _| {}).expect("patients");
    let added = fovea_core::demo::seed_appointments(fovea, 365, 30, 7, &mut |_, _| {})
        .expect("appointments");
    fovea
        .with_connection(|c| {
            c.execute_batch("PRAGMA optimize; ANALYZE;")
                .expect("analyze")
        })
        .expect("conn");
    eprintln!(
        "seeded {PATIENTS} patients and {added} appointments in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    (sign_in(fovea, "desk"), clinicians, added)
}

fn sign_in(fovea: &Fovea, username: &str) -> String {
    fovea
        .call(
            None,
            "auth.sign_in",
            json!({"username": username, "password": PASSWORD}),
        )
        .expect("sign in")["token"]
        .as_str()
        .expect("token")
        .to_string()
}
