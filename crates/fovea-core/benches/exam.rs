//! The examination at clinic scale: 100,000 patients and 1,000,000 charted examination values (125,000 signed
//! past examinations). Reports p50/p95/p99 of opening a patient's chart and of saving a full work-up through
//! `Fovea::call`, beside the raw SQL each runs.
//!
//! `cargo bench -p fovea-core --bench exam`. The seeded database is kept under `target/bench-data/` and reused.

mod support;

use std::path::PathBuf;
use std::time::Instant;

use fovea_core::Fovea;
use fovea_core::clinic::ClinicSettings;
use fovea_core::workstation::ops::{NewAdmin, Setup, SetupRequest};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};

const PATIENTS: usize = 100_000;
const EXAMINATIONS: usize = 125_000;
const ITERATIONS: usize = 1000;
const PASSWORD: &str = "benchmark password";

const VISITS_SQL: &str = "SELECT v.id, v.clinic_day, u.full_name, e.workup IS NOT NULL, e.consultation,
        e.signed_at IS NOT NULL
    FROM visits v LEFT JOIN users u ON u.id = v.clinician_id LEFT JOIN examinations e ON e.visit_id = v.id
    WHERE v.patient_id = ?1 ORDER BY v.checked_in_at DESC LIMIT 100";
const SERIES_SQL: &str = "SELECT e.clinic_day, v.value, v.display FROM exam_values v
    JOIN examinations e ON e.id = v.examination_id
    WHERE v.patient_id = ?1 AND v.quantity = ?2 AND v.eye = ?3 AND v.value IS NOT NULL ORDER BY v.measured_at";
const LATEST_SQL: &str = "SELECT visit_id, clinic_day, workup FROM examinations
    WHERE patient_id = ?1 AND workup IS NOT NULL ORDER BY clinic_day DESC, created_at DESC LIMIT 20";
const PATIENT_SQL: &str = "SELECT * FROM patients WHERE id = ?1";

fn main() {
    // Saves change the database, so each run works on a copy of the seeded one.
    let work = tempfile::tempdir().expect("temp dir");
    let copy = work.path().join("exam.db");
    std::fs::copy(seeded(), &copy).expect("copy the seeded database");
    let fovea = Fovea::open(&copy).expect("open");
    let sign_in = |user: &str| {
        fovea
            .call(
                None,
                "auth.sign_in",
                json!({"username": user, "password": PASSWORD}),
            )
            .expect("sign in")["token"]
            .as_str()
            .expect("token")
            .to_string()
    };
    let doctor = sign_in("benchdoc");
    let doctor = Some(doctor.as_str());
    let (values, exams): (i64, i64) = fovea
        .with_connection(|c| {
            c.query_row(
                "SELECT (SELECT count(*) FROM exam_values), (SELECT count(*) FROM examinations)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .expect("count")
        })
        .expect("conn");
    let mut patients: Vec<String> = fovea
        .with_connection(|c| {
            let mut s = c
                .prepare("SELECT DISTINCT patient_id FROM examinations ORDER BY random() LIMIT ?1")
                .expect("prepare");
            s.query_map([(ITERATIONS * 2) as i64], |r| r.get(0))
                .expect("query")
                .map(|r| r.expect("row"))
                .collect()
        })
        .expect("conn");
    patients.shuffle(&mut StdRng::seed_from_u64(1));
    let (chart_patients, workup_patients) = patients.split_at(ITERATIONS);

    println!(
        "Examinations: {PATIENTS} patients, {exams} examinations, {values} charted values, {ITERATIONS} calls each \
         (times in ms)"
    );
    support::print_header("operation");

    let sizes = std::cell::Cell::new(0usize);
    let service = support::measure(chart_patients, |p| {
        let chart = fovea
            .call(doctor, "exams.chart", json!({"patient_id": p}))
            .expect("chart");
        sizes.set(
            sizes
                .get()
                .max(chart["visits"].as_array().map_or(0, Vec::len)),
        );
    });
    let raw = support::measure(chart_patients, |p| raw_chart(&fovea, p));
    support::print_row(
        "open a chart",
        support::percentiles(service),
        support::percentiles(raw),
    );

    // Each work-up is saved once, on a visit started for the purpose (not timed), as in the clinic.
    let optom = sign_in("benchoptom");
    let optom = Some(optom.as_str());
    let visits: Vec<String> = workup_patients
        .iter()
        .map(|p| {
            fovea
                .call(optom, "exams.start_visit", json!({"patient_id": p}))
                .expect("visit")["visit_id"]
                .as_str()
                .expect("id")
                .to_string()
        })
        .collect();
    let mut rng = StdRng::seed_from_u64(9);
    let forms: Vec<(String, Value)> = visits
        .iter()
        .map(|v| (v.clone(), full_workup(&mut rng)))
        .collect();
    // The first 50 warm caches; they are different visits from the timed ones.
    let service = support::measure(&forms, |(visit, form)| {
        fovea
            .call(
                optom,
                "exams.save_workup",
                json!({"visit_id": visit, "workup": form}),
            )
            .expect("save");
    });
    let raw_forms: Vec<usize> = (0..ITERATIONS).collect();
    let raw = support::measure(&raw_forms, |i| raw_save(&fovea, *i, &workup_patients[*i]));
    support::print_row(
        "save a full work-up",
        support::percentiles(service),
        support::percentiles(raw),
    );
    eprintln!("largest chart opened: {} visits", sizes.get());
}

fn full_workup(rng: &mut StdRng) -> Value {
    let va = ["6/6", "6/9 -2", "6/12", "6/18", "6/5"];
    let pick = |rng: &mut StdRng| va[rng.random_range(0..va.len())];
    json!({
        "acuity": {
            "od": {"sc": pick(rng), "cc": pick(rng), "ph": pick(rng), "bcva": pick(rng), "near_cc": "N6"},
            "os": {"sc": pick(rng), "cc": pick(rng), "ph": pick(rng), "bcva": pick(rng), "near_cc": "N8"}
        },
        "refractions": [
            {"kind": "autorefraction", "od": {"sphere": "-1.75", "cylinder": "-0.75", "axis": "85"},
             "os": {"sphere": "-1.50", "cylinder": "-0.50", "axis": "95"}},
            {"kind": "current_glasses", "od": {"sphere": "-1.25", "cylinder": "-0.50", "axis": "90", "add": "+1.50"},
             "os": {"sphere": "-1.25", "add": "+1.50"}},
            {"kind": "subjective", "od": {"sphere": "-1.50", "cylinder": "-0.75", "axis": "90"},
             "os": {"sphere": "-1.25", "cylinder": "-0.50", "axis": "95"}},
            {"kind": "final", "od": {"sphere": "-1.50", "cylinder": "-0.75", "axis": "90", "add": "+2.00"},
             "os": {"sphere": "-1.25", "cylinder": "-0.50", "axis": "95", "add": "+2.00"}, "pd": "63"}
        ],
        "iop": {"od": format!("{}", rng.random_range(12..24)), "os": "17", "method": "goldmann", "time": "10:15"},
        "findings": {
            "od": {"k1": "43.25", "k1_axis": "180", "k2": "44.00", "k2_axis": "90", "cct": "545", "cup_disc": "0.35",
                   "slit_lamp": {"lids": {"status": "normal"}, "conjunctiva": {"status": "normal"},
                                 "cornea": {"status": "normal"}, "anterior_chamber": {"status": "normal"},
                                 "iris": {"status": "normal"}, "lens": {"status": "abnormal", "text": "NS 1+"}},
                   "fundus": {"disc": {"status": "normal"}, "macula": {"status": "normal"},
                              "vessels": {"status": "normal"}, "periphery": {"status": "normal"}},
                   "dilation_drug": "tropicamide 1%", "dilation_time": "10:20"},
            "os": {"cct": "551", "cup_disc": "0.3",
                   "slit_lamp": {"lids": {"status": "normal"}, "lens": {"status": "normal"}},
                   "fundus": {"disc": {"status": "normal"}, "macula": {"status": "normal"}}}
        },
        "notes": "Comfortable with current frames.",
        "copied": ["current_glasses"]
    })
}

/// The statements opening a chart runs, directly with rusqlite, reading every column.
fn raw_chart(fovea: &Fovea, patient: &str) {
    fovea
        .with_connection(|conn| {
            let read = |sql: &str, params: &[&dyn rusqlite::ToSql]| {
                let mut stmt = conn.prepare_cached(sql).expect("prepare");
                let n = stmt.column_count();
                let mut rows = stmt.query(params).expect("query");
                while let Some(row) = rows.next().expect("row") {
                    for i in 0..n {
                        let _: rusqlite::types::Value = row.get(i).expect("column");
                    }
                }
            };
            read(PATIENT_SQL, &[&patient]);
            read(VISITS_SQL, &[&patient]);
            for (q, eye) in [("bcva", "od"), ("bcva", "os"), ("iop", "od"), ("iop", "os")] {
                read(SERIES_SQL, &[&patient, &q, &eye]);
            }
            read(LATEST_SQL, &[&patient]);
        })
        .expect("conn");
}

/// One transaction writing an examination row and its eight charted values with plain SQL (no operation log,
/// audit or validation): the floor under a work-up save.
fn raw_save(fovea: &Fovea, i: usize, patient: &str) {
    fovea
        .with_connection(|conn| {
            conn.execute_batch("BEGIN IMMEDIATE").expect("begin");
            let id = format!("raw-{i}");
            conn.prepare_cached(
                "INSERT INTO examinations (id, patient_id, visit_id, clinic_day, workup, created_at, updated_at)
                 SELECT ?1, ?2, v.id, '2026-01-01', '{}', 'x', 'x' FROM visits v WHERE v.patient_id = ?2
                   AND NOT EXISTS (SELECT 1 FROM examinations e WHERE e.visit_id = v.id) LIMIT 1",
            )
            .expect("prepare")
            .execute(rusqlite::params![id, patient])
            .expect("insert");
            for (k, q) in ["bcva", "va_sc", "iop", "cup_disc"].iter().enumerate() {
                for eye in ["od", "os"] {
                    conn.prepare_cached(
                        "INSERT INTO exam_values (id, examination_id, patient_id, measured_at, quantity, eye, value, display)
                         VALUES (?1, ?2, ?3, 'x', ?4, ?5, ?6, 'x')",
                    )
                    .expect("prepare")
                    .execute(rusqlite::params![format!("{id}/{q}/{eye}"), id, patient, q, eye, k as i64])
                    .ok();
                }
            }
            conn.execute_batch("COMMIT").expect("commit");
        })
        .expect("conn");
}

/// The seeded database's path, seeding it first if needed.
fn seeded() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-data");
    let path = dir.join(format!("exam-{PATIENTS}-{EXAMINATIONS}.db"));
    if path.exists() {
        return path;
    }
    std::fs::create_dir_all(&dir).expect("bench dir");
    let partial = dir.join("exam-seeding.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", partial.display()));
    }
    let fovea = Fovea::open(&partial).expect("create");
    let clinic = ClinicSettings {
        idle_lock_minutes: 120,
        ..ClinicSettings::named("Bench Eye Clinic")
    };
    let admin = NewAdmin::new("admin", "Bench Admin", PASSWORD);
    fovea
        .run::<Setup>(None, SetupRequest::new(clinic, "R1", admin))
        .expect("setup");
    let admin = fovea
        .call(
            None,
            "auth.sign_in",
            json!({"username": "admin", "password": PASSWORD}),
        )
        .expect("sign in")["token"]
        .as_str()
        .expect("token")
        .to_string();
    for (user, role) in [("benchdoc", "doctor"), ("benchoptom", "optometrist")] {
        fovea
            .call(
                Some(&admin),
                "users.create",
                json!({"username": user, "full_name": format!("Bench {role}"), "roles": [role],
                       "password": PASSWORD, "profile": null}),
            )
            .expect("user");
    }
    let t = Instant::now();
    fovea_core::demo::seed_patients(&fovea, PATIENTS, 7, &mut |_, _| {}).expect("patients");
    eprintln!(
        "seeded {PATIENTS} patients in {:.0} s",
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    fovea_core::demo::seed_history(&fovea, EXAMINATIONS, 5, 7, &mut |done, total| {
        if done % 25_000 == 0 {
            eprintln!("examinations {done}/{total}");
        }
    })
    .expect("history");
    eprintln!(
        "seeded {EXAMINATIONS} examinations in {:.0} s",
        t.elapsed().as_secs_f64()
    );
    fovea
        .with_connection(|c| {
            c.execute_batch("PRAGMA optimize; ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);")
                .expect("analyze")
        })
        .expect("conn");
    drop(fovea);
    std::fs::rename(&partial, &path).expect("keep the seeded database");
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", partial.display()));
    }
    path
}
