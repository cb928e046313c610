//! The pharmacy at clinic scale: 1,000 medicines × 10 batches and 1,000,000 movements. Reports p50/p95/p99 of the
//! stock-on-hand list (`pharmacy.stock` through `Fovea::call`) and of first-expiry-first-out batches for one medicine
//! (`ledger::offerable_batches`), each beside the raw SQL it runs.
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
use serde_json::json;

const MEDICINES: usize = 1_000;
const BATCHES: usize = 10;
const MOVEMENTS: usize = 1_000_000;
const STOCK_RUNS: usize = 40;
const OFFER_RUNS: usize = 1_000;
const PASSWORD: &str = "benchmark password";
const NOW: &str = "2026-11-18T15:00:00Z";

const OFFER_SQL: &str = "SELECT b.id, b.lot, b.expires_on, coalesce(sum(m.quantity), 0) AS on_hand
       FROM stock_batches b LEFT JOIN stock_movements m ON m.batch_id = b.id
      WHERE b.medicine_id = ?1 AND b.quarantined = 0 AND (b.expires_on IS NULL OR b.expires_on >= ?2)
      GROUP BY b.id HAVING on_hand > 0
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
