//! Patient search at clinic scale: 100,000 patients. Reports p50/p95/p99 of each kind of search through the core
//! service (`Fovea::call`, JSON in and out, as the app calls it) beside the raw SQL statements that search runs.
//!
//! `cargo bench -p fovea-core --bench patients` (set `FOVEA_BENCH_PATIENTS` for another size). The seeded database
//! is kept under `target/bench-data/` and reused by later runs.

mod support;

use std::path::PathBuf;
use std::time::Instant;

use fovea_core::Fovea;
use fovea_core::clinic::ClinicSettings;
use fovea_core::clinic::locale;
use fovea_core::patients::{plan_search, sql_steps};
use fovea_core::workstation::ops::{NewAdmin, Setup, SetupRequest};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};

const ITERATIONS: usize = 2000;

const PASSWORD: &str = "benchmark password";

fn main() {
    let patients: usize = std::env::var("FOVEA_BENCH_PATIENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let fovea = seeded(patients);
    let signed = fovea
        .call(
            None,
            "auth.sign_in",
            json!({"username": "admin", "password": PASSWORD}),
        )
        .expect("sign in");
    let token = signed["token"].as_str().expect("token").to_string();
    let token = Some(token.as_str());
    let samples = sample_patients(&fovea, token, 500);
    let mut rng = StdRng::seed_from_u64(42);

    let name_query = |p: &Value, rng: &mut StdRng| {
        // What a receptionist types: the start of the last name and of the first name, in either order.
        let fold = |s: &str| {
            fovea_core::storage::fold_text(s)
                .split(' ')
                .next()
                .unwrap_or("")
                .to_string()
        };
        let last: String = fold(p["last_name"].as_str().unwrap_or(""))
            .chars()
            .take(rng.random_range(3..6))
            .collect();
        let first: String = fold(p["first_name"].as_str().unwrap_or(""))
            .chars()
            .take(rng.random_range(2..5))
            .collect();
        if rng.random_bool(0.5) {
            format!("{last} {first}")
        } else {
            format!("{first} {last}")
        }
    };
    let mrn_query = |p: &Value, _: &mut StdRng| p["mrn"].as_str().unwrap_or("").to_string();
    let phone_query = |p: &Value, rng: &mut StdRng| {
        let digits: String = p["phones"][0]
            .as_str()
            .unwrap_or("")
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let n = rng.random_range(6..=digits.len().max(6));
        digits[digits.len().saturating_sub(n)..].to_string()
    };
    let single_fragment = |p: &Value, _: &mut StdRng| {
        fovea_core::storage::fold_text(p["last_name"].as_str().unwrap_or(""))
            .chars()
            .take(3)
            .collect::<String>()
    };

    println!("Patient search, {patients} patients, {ITERATIONS} queries each (times in ms)");
    support::print_header("query");
    type QueryFn<'a> = &'a dyn Fn(&Value, &mut StdRng) -> String;
    let kinds: [(&str, QueryFn); 4] = [
        ("name fragments (\"mull jos\")", &name_query),
        ("one short fragment (\"gar\")", &single_fragment),
        ("MRN (\"R1-004242\")", &mrn_query),
        ("phone suffix (6+ digits)", &phone_query),
    ];
    for (label, make) in kinds {
        let queries: Vec<String> = (0..ITERATIONS)
            .map(|i| make(&samples[i % samples.len()], &mut rng))
            .collect();
        let service = support::measure(&queries, |q| {
            let res = fovea
                .call(
                    token,
                    "patients.search",
                    json!({"query": q, "limit": null, "include_archived": false}),
                )
                .expect("search");
            assert!(res["total_shown"].as_u64().is_some());
        });
        let raw = support::measure(&queries, |q| raw_search(&fovea, q));
        support::print_row(
            label,
            support::percentiles(service),
            support::percentiles(raw),
        );
    }
}

/// The same SQL statements the service runs, executed directly with rusqlite, reading every column.
fn raw_search(fovea: &Fovea, query: &str) {
    fovea
        .with_connection(|conn| {
            let loc = locale(conn, fovea.now()).expect("locale");
            for step in sql_steps(&plan_search(query, &loc), false, 50) {
                let mut stmt = conn.prepare_cached(&step.sql).expect("prepare");
                let mut rows = stmt
                    .query(rusqlite::params_from_iter(step.params))
                    .expect("query");
                while let Some(row) = rows.next().expect("row") {
                    for i in 0..8 {
                        let _: rusqlite::types::Value = row.get(i).expect("column");
                    }
                }
            }
        })
        .expect("connection");
}

fn sample_patients(fovea: &Fovea, token: Option<&str>, n: usize) -> Vec<Value> {
    let ids: Vec<String> = fovea
        .with_connection(|c| {
            let mut s = c
                .prepare("SELECT id FROM patients ORDER BY random() LIMIT ?1")
                .expect("prepare");
            s.query_map([n as i64], |r| r.get(0))
                .expect("query")
                .map(|r| r.expect("row"))
                .collect()
        })
        .expect("connection");
    ids.iter()
        .map(|id| {
            fovea
                .call(token, "patients.get", json!({"id": id}))
                .expect("get")
        })
        .collect()
}

fn seeded(patients: usize) -> Fovea {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-data");
    let path = dir.join(format!("patients-{patients}.db"));
    if path.exists() {
        let fovea = Fovea::open(&path).expect("open");
        let count: i64 = fovea
            .with_connection(|c| {
                c.query_row("SELECT count(*) FROM patients", [], |r| r.get(0))
                    .expect("count")
            })
            .expect("conn");
        if count as usize == patients {
            return fovea;
        }
        drop(fovea);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }
    let fovea = Fovea::open(&path).expect("create");
    let clinic = ClinicSettings {
        idle_lock_minutes: 120,
        ..ClinicSettings::named("Bench Eye Clinic")
    };
    let admin = NewAdmin::new("admin", "Bench Admin", PASSWORD);
    fovea
        .run::<Setup>(None, SetupRequest::new(clinic, "R1", admin))
        .expect("setup");
    let t = Instant::now();
    fovea_core::demo::seed_patients(&fovea, patients, 7, &mut |done, total| {
        if done % 20_000 == 0 || done == total {
            eprintln!("seeded {done}/{total}");
        }
    })
    .expect("seed");
    eprintln!(
        "seeding {patients} patients took {:.1} s",
        t.elapsed().as_secs_f64()
    );
    fovea
        .with_connection(|c| {
            c.execute_batch("PRAGMA optimize; ANALYZE;")
                .expect("analyze")
        })
        .expect("conn");
    fovea
}
