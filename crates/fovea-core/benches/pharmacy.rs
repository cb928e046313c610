//! The pharmacy at clinic scale: 1,000 medicines × 10 batches and 1,000,000 movements. Reports p50/p95/p99 of the
//! stock-on-hand list (`pharmacy.stock` through `Fovea::call`) and of first-expiry-first-out batches for one medicine
//! (`ledger::offerable_batches`), and of proposing batches for a signed two-line prescription and dispensing it
//! (`pharmacy.dispensing` then `pharmacy.dispense`), each beside the raw SQL it runs.
//!
//! `cargo bench -p fovea-core --bench pharmacy`. The data goes in by direct SQL in one transaction (a benchmark of
//! reading, not of posting); building it takes under a minute.

mod support;

use chrono::{DateTime, Days, NaiveDate, Utc};
use fovea_core::Fovea;
use fovea_core::clinic::ClinicSettings;
use fovea_core::pharmacy::ledger;
use fovea_core::pharmacy::reports::STOCK_SQL;
use fovea_core::workstation::ops::{NewAdmin, Setup, SetupRequest};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};

const MEDICINES: usize = 1_000;
const BATCHES: usize = 10;
const MOVEMENTS: usize = 1_000_000;
const STOCK_RUNS: usize = 40;
const OFFER_RUNS: usize = 1_000;
const PASSWORD: &str = "benchmark password";
const NOW: &str = "2026-11-18T15:00:00Z";

const DISPENSE_RUNS: usize = 200;
const OFFER_SQL: &str = "SELECT b.id, b.lot, b.expires_on, h.on_hand
       FROM stock_batches b JOIN stock_batch_on_hand h ON h.batch_id = b.id
      WHERE b.medicine_id = ?1 AND b.quarantined = 0 AND (b.expires_on IS NULL OR b.expires_on >= ?2)
        AND h.on_hand > 0
      ORDER BY b.expires_on IS NULL, b.expires_on, b.received_at, b.id";

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let now: DateTime<Utc> = NOW.parse().expect("now");
    let fovea = Fovea::open(&dir.path().join("pharmacy.db"))
        .expect("open")
        .with_clock(move || now);
    let today = NaiveDate::from_ymd_opt(2026, 11, 18).expect("date");
    let admin = NewAdmin::new("admin", "Bench Admin", PASSWORD);
    fovea
        .run::<Setup>(
            None,
            SetupRequest::new(ClinicSettings::named("Bench Eye Clinic"), "R1", admin),
        )
        .expect("set up");
    let token = fovea
        .call(
            None,
            "auth.sign_in",
            json!({"username": "admin", "password": PASSWORD}),
        )
        .expect("sign in")["token"]
        .as_str()
        .expect("token")
        .to_string();
    let t = std::time::Instant::now();
    let medicines = seed(&fovea, today);
    println!(
        "Pharmacy: {MEDICINES} medicines × {BATCHES} batches, {MOVEMENTS} movements (built in {:.1} s; times in ms)",
        t.elapsed().as_secs_f64()
    );
    support::print_header("query");

    let runs: Vec<usize> = (0..STOCK_RUNS).collect();
    let service = support::measure(&runs, |_| {
        let r = fovea
            .call(Some(&token), "pharmacy.stock", json!({}))
            .expect("stock");
        assert!(r["lines"].as_array().is_some_and(|l| l.len() >= MEDICINES));
    });
    let end = today
        .checked_add_days(Days::new(60))
        .expect("date")
        .to_string();
    let raw = support::measure(&runs, |_| {
        fovea
            .with_connection(|c| {
                let mut s = c.prepare_cached(STOCK_SQL).expect("prepare");
                let n = s
                    .query_map([today.to_string(), end.clone()], |r| r.get::<_, String>(0))
                    .expect("query")
                    .count();
                assert!(n >= MEDICINES);
            })
            .expect("conn");
    });
    support::print_row(
        "stock on hand (all medicines)",
        support::percentiles(service),
        support::percentiles(raw),
    );

    let mut rng = StdRng::seed_from_u64(7);
    let picks: Vec<String> = (0..OFFER_RUNS)
        .map(|_| medicines[rng.random_range(0..medicines.len())].clone())
        .collect();
    let service = support::measure(&picks, |m| {
        let offer = fovea
            .with_connection(|c| ledger::offerable_batches(c, m, today))
            .expect("conn")
            .expect("offer");
        assert!(!offer.is_empty());
    });
    let raw = support::measure(&picks, |m| {
        fovea
            .with_connection(|c| {
                let mut s = c.prepare_cached(OFFER_SQL).expect("prepare");
                s.query_map(rusqlite::params![m, today.to_string()], |r| {
                    r.get::<_, String>(0)
                })
                .expect("query")
                .count()
            })
            .expect("conn");
    });
    support::print_row(
        "offerable batches (one medicine)",
        support::percentiles(service),
        support::percentiles(raw),
    );

    let visits = signed_prescriptions(&fovea, &token, &medicines);
    let pharmacist = sign_in(&fovea, "pharmbench");
    let service = support::measure(&visits, |v| {
        let sheet = fovea
            .call(
                Some(&pharmacist),
                "pharmacy.dispensing",
                json!({"visit_id": v}),
            )
            .expect("sheet");
        let items: Vec<Value> = sheet["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|i| {
                let batches: Vec<Value> = i["proposed"]
                    .as_array()
                    .expect("proposed")
                    .iter()
                    .map(|b| json!({"batch_id": b["batch_id"], "packs": b["packs"]}))
                    .collect();
                json!({"item_id": i["item_id"], "batches": batches})
            })
            .collect();
        let done = fovea
            .call(
                Some(&pharmacist),
                "pharmacy.dispense",
                json!({"visit_id": v, "items": items}),
            )
            .expect("dispense");
        assert!(done.is_object());
    });
    // The raw equivalent: both lines' first-expiry-first-out selects and their two movements, in one transaction
    // (rolled back, so the runs see the same stock).
    let lines: Vec<(String, String)> = (0..DISPENSE_RUNS)
        .map(|k| {
            (
                medicines[(2 * k) % medicines.len()].clone(),
                medicines[(2 * k + 1) % medicines.len()].clone(),
            )
        })
        .collect();
    let raw = support::measure(&lines, |(a, b)| {
        fovea
            .with_connection(|c| {
                c.execute_batch("SAVEPOINT raw").expect("savepoint");
                let user: String = c
                    .query_row("SELECT id FROM users LIMIT 1", [], |r| r.get(0))
                    .expect("user");
                for m in [a, b] {
                    let batch: String = c
                        .prepare_cached(OFFER_SQL)
                        .expect("prepare")
                        .query_row(rusqlite::params![m, today.to_string()], |r| r.get(0))
                        .expect("offer");
                    c.prepare_cached(
                        "INSERT INTO stock_movements (id, batch_id, medicine_id, kind, quantity, moved_at, moved_by,
                           created_at) VALUES (?1, ?2, ?3, 'dispense', -1, ?4, ?5, ?4)",
                    )
                    .expect("prepare")
                    .execute(rusqlite::params![uuid::Uuid::now_v7().to_string(), batch, m, NOW, user])
                    .expect("movement");
                }
                c.execute_batch("ROLLBACK TO raw; RELEASE raw").expect("rollback");
            })
            .expect("conn");
    });
    support::print_row(
        "propose + dispense (2-line prescription)",
        support::percentiles(service),
        support::percentiles(raw),
    );
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

/// `DISPENSE_RUNS` visits, each with a signed two-line prescription of stocked medicines (drops in both eyes, one
/// pack each), written through the operations as a clinic would.
fn signed_prescriptions(fovea: &Fovea, admin: &str, medicines: &[String]) -> Vec<String> {
    for (username, role) in [
        ("drbench", "doctor"),
        ("pharmbench", "pharmacist"),
        ("deskbench", "receptionist"),
    ] {
        fovea
            .call(
                Some(admin),
                "users.create",
                json!({"username": username, "full_name": format!("Bench {role}"), "roles": [role],
                       "password": PASSWORD, "profile": null}),
            )
            .expect("user");
    }
    let doctor = sign_in(fovea, "drbench");
    let doctor_id = fovea
        .call(Some(&doctor), "auth.session", json!({}))
        .expect("session")["id"]
        .clone();
    let desk = sign_in(fovea, "deskbench");
    let drops = json!([{"dose": {"amount_tenths": 10, "unit": "drop"}, "frequency": "four_times_daily", "days": 7}]);
    (0..DISPENSE_RUNS)
        .map(|k| {
            let patient = fovea
                .call(
                    Some(&desk),
                    "patients.register",
                    json!({"patient": {
                        "first_name": letters(k), "last_name": "Dispensing", "date_of_birth": "1960-01-01",
                        "sex": "unknown", "phones": [], "email": null, "address": null, "national_id": null,
                        "medical_history": null, "allergies": null, "current_medications": null,
                        "emergency_contact_name": null, "emergency_contact_phone": null},
                        "allow_duplicate": true}),
                )
                .expect("register")["patient"]["id"]
                .clone();
            let visit = fovea
                .call(
                    Some(&desk),
                    "appointments.walk_in",
                    json!({"patient_id": patient, "clinician_id": doctor_id, "reason": "Red eye"}),
                )
                .expect("walk in")["visit_id"]
                .as_str()
                .expect("visit")
                .to_string();
            let call = |op: &str, req: Value| fovea.call(Some(&doctor), op, req).expect(op);
            call(
                "exams.save_consultation",
                json!({"visit_id": visit, "consultation": {"diagnoses": [{"code": "H52.11", "eye": "od"}], "plan": "Drops"}}),
            );
            let items: Vec<Value> = [2 * k, 2 * k + 1]
                .iter()
                .map(|i| {
                    json!({"medicine_id": medicines[i % medicines.len()], "eye": "ou", "steps": drops,
                           "quantity": 1, "repeats": 0})
                })
                .collect();
            call("prescriptions.save", json!({"visit_id": visit, "items": items}));
            call("exams.sign", json!({"visit_id": visit, "password": PASSWORD}));
            visit
        })
        .collect()
}

/// 1,000 medicines, 10 batches each (one expired, one quarantined), 100 movements per batch on average.
fn seed(fovea: &Fovea, today: NaiveDate) -> Vec<String> {
    let mut rng = StdRng::seed_from_u64(42);
    fovea
        .with_connection(|c| {
            let user: String = c
                .query_row("SELECT id FROM users LIMIT 1", [], |r| r.get(0))
                .expect("admin");
            c.execute_batch("BEGIN").expect("begin");
            let stamp = "2026-01-01T09:00:00.000Z";
            let mut ids = Vec::new();
            let mut batches = Vec::new();
            {
                let mut med = c
                    .prepare(
                        "INSERT INTO medicines (id, generic_name, strength, form, route, pack_size_hundredths, pack_unit,
                           reorder_level, created_at, updated_at)
                         VALUES (?1, ?2, ?3, 'solution', 'eye', 500, 'ml', 5, ?4, ?4)",
                    )
                    .expect("prepare");
                let mut bat = c
                    .prepare(
                        "INSERT INTO stock_batches (id, medicine_id, lot, expires_on, cost_minor, quarantined, received_at,
                           created_at, updated_at) VALUES (?1, ?2, ?3, ?4, 250, ?5, ?6, ?6, ?6)",
                    )
                    .expect("prepare");
                for i in 0..MEDICINES {
                    let id = uuid::Uuid::now_v7().to_string();
                    med.execute(rusqlite::params![id, format!("benchamycin {i:04}"), format!("{}%", i % 7), stamp])
                        .expect("medicine");
                    for k in 0..BATCHES {
                        let b = uuid::Uuid::now_v7().to_string();
                        let expires = if k == 0 {
                            today.checked_sub_days(Days::new(20))
                        } else {
                            today.checked_add_days(Days::new(30 * k as u64))
                        }
                        .expect("date");
                        bat.execute(rusqlite::params![b, id, format!("L{i}-{k}"), expires.to_string(), k == 1, stamp])
                            .expect("batch");
                        batches.push((b, id.clone()));
                    }
                    ids.push(id);
                }
                let mut mov = c
                    .prepare(
                        "INSERT INTO stock_movements (id, batch_id, medicine_id, kind, quantity, moved_at, moved_by,
                           created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6)",
                    )
                    .expect("prepare");
                // Each batch opens with a large receipt; the rest are small dispenses, so no batch runs dry.
                for (b, m) in &batches {
                    mov.execute(rusqlite::params![uuid::Uuid::now_v7().to_string(), b, m, "receipt", 1_000, stamp, user])
                        .expect("receipt");
                }
                for n in batches.len()..MOVEMENTS {
                    let (b, m) = &batches[rng.random_range(0..batches.len())];
                    let at = format!("2026-{:02}-{:02}T10:{:02}:00.000Z", 2 + n % 9, 1 + n % 28, n % 60);
                    mov.execute(rusqlite::params![uuid::Uuid::now_v7().to_string(), b, m, "dispense", -1, at, user])
                        .expect("movement");
                }
            }
            c.execute_batch("COMMIT; ANALYZE").expect("commit");
            ids
        })
        .expect("conn")
}

/// A distinct name for each run: names take letters only.
fn letters(mut k: usize) -> String {
    let mut name = String::from("Bench");
    loop {
        name.push(char::from(b'a' + (k % 26) as u8));
        k /= 26;
        if k == 0 {
            return name;
        }
    }
}
