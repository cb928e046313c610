//! The cash desk at clinic scale: a year of 100,000 issued invoices with their payments. Reports p50/p95/p99 of
//! issuing a draft (`billing.issue`: the gapless number, the frozen totals and the line facts in one transaction)
//! beside the raw UPDATE it comes down to, of the year's takings (`billing.takings` for twelve months) beside its
//! two raw queries, and of the outstanding balances by age (`billing.aging`) beside its raw query.
//!
//! `cargo bench -p fovea-core --bench billing`. The year (issued at another desk, C2) goes in by direct SQL in one
//! transaction (a benchmark of reading, not of posting); the drafts to issue are made through the operations, as a
//! desk would.

mod support;

use chrono::{DateTime, Duration, Utc};
use fovea_core::Fovea;
use fovea_core::billing::reports::{TAKINGS_ITEMS_SQL, TAKINGS_SQL};
use fovea_core::clinic::ClinicSettings;
use fovea_core::workstation::ops::{NewAdmin, Setup, SetupRequest};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};

const PATIENTS: usize = 2_000;
const INVOICES: usize = 100_000;
const ISSUE_RUNS: usize = 200;
const REPORT_RUNS: usize = 30;
const PASSWORD: &str = "benchmark password";
const NOW: &str = "2026-12-30T15:00:00Z";

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let now: DateTime<Utc> = NOW.parse().expect("now");
    let fovea = Fovea::open(&dir.path().join("billing.db"))
        .expect("open")
        .with_clock(move || now);
    let admin = NewAdmin::new("admin", "Bench Admin", PASSWORD);
    fovea
        .run::<Setup>(
            None,
            SetupRequest::new(ClinicSettings::named("Bench Eye Clinic"), "C1", admin),
        )
        .expect("set up");
    let admin = sign_in(&fovea, "admin");
    let mut staff = Vec::new();
    for (username, role) in [
        ("doc", "doctor"),
        ("front", "receptionist"),
        ("till", "cashier"),
    ] {
        let u = fovea
            .call(
                Some(&admin),
                "users.create",
                json!({"username": username, "full_name": format!("Bench {role}"), "roles": [role],
                       "password": PASSWORD, "profile": null}),
            )
            .expect("user");
        staff.push(u["id"].as_str().expect("id").to_string());
    }
    let (doctor, cashier) = (staff[0].clone(), staff[2].clone());
    let mut services = Vec::new();
    for (code, name, kind, price, tax) in [
        ("CONS-N", "New consultation", "consultation_new", 4500, 0),
        (
            "CONS-F",
            "Follow-up consultation",
            "consultation_follow_up",
            2500,
            0,
        ),
        ("OCT", "OCT scan", "test", 6000, 2300),
    ] {
        let s = fovea
            .call(
                Some(&admin),
                "billing.save_service",
                json!({"id": null, "code": code, "name": name, "kind": kind, "active": true}),
            )
            .expect("service");
        fovea
            .call(
                Some(&admin),
                "billing.set_price",
                json!({"service_id": s["id"], "price_minor": price, "tax_rate_bp": tax, "valid_from": "2020-01-01"}),
            )
            .expect("price");
        services.push((
            s["id"].as_str().expect("id").to_string(),
            code,
            name,
            kind,
            price,
            tax,
        ));
    }
    let front = sign_in(&fovea, "front");
    let till = sign_in(&fovea, "till");

    let t = std::time::Instant::now();
    let patients: Vec<String> = (0..PATIENTS)
        .map(|i| {
            fovea
                .call(
                    Some(&front),
                    "patients.register",
                    json!({"patient": {"first_name": letters(i), "last_name": "Patient",
                        "date_of_birth": "1970-01-02", "sex": "female", "phones": [], "email": null, "address": null,
                        "national_id": null, "medical_history": null, "allergies": null, "current_medications": null,
                        "emergency_contact_name": null, "emergency_contact_phone": null}, "allow_duplicate": true}),
                )
                .expect("register")["patient"]["id"]
                .as_str()
                .expect("id")
                .to_string()
        })
        .collect();
    seed_year(&fovea, &patients, &services, &cashier);
    println!(
        "Billing: {INVOICES} issued invoices over 2026 with their payments, {PATIENTS} patients (built in {:.1} s; \
         times in ms)",
        t.elapsed().as_secs_f64()
    );

    // Drafts to issue, proposed from visits at the billing stage as the desk would: one half issued through the
    // operation, the other by the raw UPDATE (rolled back).
    let drafts: Vec<String> = (0..2 * ISSUE_RUNS + 100)
        .map(|i| {
            let visit = fovea
                .call(
                    Some(&front),
                    "appointments.walk_in",
                    json!({"patient_id": patients[i % PATIENTS], "clinician_id": doctor, "reason": "Bench"}),
                )
                .expect("walk in")["visit_id"]
                .clone();
            fovea
                .call(Some(&front), "queue.move", json!({"visit_id": visit, "stage": "billing"}))
                .expect("move");
            fovea
                .call(Some(&till), "billing.propose", json!({"visit_id": visit}))
                .expect("propose")["id"]
                .as_str()
                .expect("id")
                .to_string()
        })
        .collect();
    support::print_header("query");
    let (by_op, by_sql) = drafts.split_at(ISSUE_RUNS + 50);
    // Each draft is issued once: the first 50 warm the caches, the rest are timed.
    let issue = |id: &String| {
        let inv = fovea
            .call(Some(&till), "billing.issue", json!({"invoice_id": id}))
            .expect("issue");
        assert_eq!(inv["status"], "issued");
    };
    let (warm, timed) = by_op.split_at(50);
    warm.iter().for_each(issue);
    let service = support::time_each(timed, issue);
    let raw = support::measure(by_sql, |id| {
        fovea
            .with_connection(|c| {
                c.execute_batch("SAVEPOINT raw").expect("savepoint");
                c.prepare_cached(
                    "UPDATE invoices SET status = 'issued', number = 'RAW-' || id, subtotal_minor = 4500,
                            tax_minor = 0, total_minor = 4500, issued_at = ?2, issued_by = ?3, updated_at = ?2
                      WHERE id = ?1",
                )
                .expect("prepare")
                .execute(rusqlite::params![id, NOW, cashier])
                .expect("issue");
                c.execute_batch("ROLLBACK TO raw; RELEASE raw").expect("rollback");
            })
            .expect("conn");
    });
    support::print_row(
        "issue a draft (billing.issue)",
        support::percentiles(service),
        support::percentiles(raw),
    );

    let runs: Vec<usize> = (0..REPORT_RUNS).collect();
    let service = support::measure(&runs, |_| {
        let r = fovea
            .call(
                Some(&admin),
                "billing.takings",
                json!({"from": "2026-01-01", "to": "2026-12-31"}),
            )
            .expect("takings");
        assert!(
            r["days"].as_array().is_some_and(|d| d.len() > 300),
            "{}",
            r["days"]
        );
    });
    let raw = support::measure(&runs, |_| {
        fovea
            .with_connection(|c| {
                let n = c
                    .prepare_cached(TAKINGS_SQL)
                    .expect("prepare")
                    .query_map(["2026-01-01", "2026-12-31"], |r| r.get::<_, i64>(4))
                    .expect("query")
                    .count();
                assert!(n > 300);
                let items = c
                    .prepare_cached(TAKINGS_ITEMS_SQL)
                    .expect("prepare")
                    .query_map(["2026-01-01", "2026-12-31"], |r| r.get::<_, i64>(6))
                    .expect("query")
                    .count();
                assert!(items >= 2);
            })
            .expect("conn");
    });
    support::print_row(
        "takings for a year (billing.takings)",
        support::percentiles(service),
        support::percentiles(raw),
    );

    let service = support::measure(&runs, |_| {
        let r = fovea
            .call(
                Some(&admin),
                "billing.aging",
                json!({"as_of": "2026-12-30"}),
            )
            .expect("aging");
        assert!(r["invoices"].as_array().is_some_and(|i| !i.is_empty()));
    });
    let raw = support::measure(&runs, |_| {
        fovea
            .with_connection(|c| {
                let n = c
                    .prepare_cached(
                        "SELECT i.id, i.total_minor - coalesce((SELECT sum(CASE y.kind WHEN 'payment' THEN y.amount_minor
                                ELSE -y.amount_minor END) FROM payments y
                                WHERE y.invoice_id = i.id AND y.received_at < ?1), 0) AS owed
                           FROM invoices i WHERE i.issued_at < ?1 AND i.status = 'issued' AND owed > 0",
                    )
                    .expect("prepare")
                    .query_map(["2026-12-31T00:00:00Z"], |r| r.get::<_, String>(0))
                    .expect("query")
                    .count();
                assert!(n > 0);
            })
            .expect("conn");
    });
    support::print_row(
        "balances by age (billing.aging)",
        support::percentiles(service),
        support::percentiles(raw),
    );
}

/// A name made of letters for a number (names hold no digits): 0 → "Aa", 27 → "Bb"…
fn letters(mut i: usize) -> String {
    let mut s = String::from("Ben");
    loop {
        s.push(char::from(b'a' + (i % 26) as u8));
        i /= 26;
        if i == 0 {
            break s;
        }
    }
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

type ServiceRow<'a> = (String, &'a str, &'a str, &'a str, i64, i64);

/// A year of issued invoices, spread over the clinic's hours: a consultation each, an OCT on one in five; most paid
/// the same day in cash (with change) or by card, one in twenty still owing.
fn seed_year(fovea: &Fovea, patients: &[String], services: &[ServiceRow<'_>], cashier: &str) {
    let mut rng = StdRng::seed_from_u64(2026);
    let start: DateTime<Utc> = "2026-01-02T09:00:00Z".parse().expect("start");
    fovea
        .with_connection(|c| {
            c.execute_batch("BEGIN").expect("begin");
            {
                let mut invoice = c
                    .prepare(
                        "INSERT INTO invoices (id, patient_id, status, payer_kind, currency, lines, number, subtotal_minor,
                           tax_minor, total_minor, issued_at, issued_by, created_by, created_at, updated_at)
                         VALUES (?1, ?2, 'issued', 'patient', 'EUR', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?8, ?8)",
                    )
                    .expect("prepare");
                let mut payment = c
                    .prepare(
                        "INSERT INTO payments (id, invoice_id, patient_id, kind, method, amount_minor, tendered_minor,
                           change_minor, reference, received_at, received_by, workstation, created_at)
                         VALUES (?1, ?2, ?3, 'payment', ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'C1', ?9)",
                    )
                    .expect("prepare");
                for i in 0..INVOICES {
                    // 360 days × 9 clinic hours, in order.
                    let at = start
                        + Duration::seconds((i as i64) * 360 * 24 * 3600 / INVOICES as i64)
                        + Duration::minutes(rng.random_range(0..30));
                    let at_text = at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
                    let mut lines: Vec<Value> = Vec::new();
                    let consult = &services[usize::from(i % 3 == 0)];
                    let mut chosen = vec![consult];
                    if i % 5 == 0 {
                        chosen.push(&services[2]);
                    }
                    let (mut net, mut tax) = (0, 0);
                    for (n, (id, code, name, kind, price, rate)) in chosen.into_iter().enumerate() {
                        let t = price * rate / 10_000;
                        net += price;
                        tax += t;
                        lines.push(json!({"id": format!("{i}-{n}"),
                            "source": {"kind": "service", "service_id": id, "code": code, "service_kind": kind},
                            "description": name, "quantity": 1, "unit_price_minor": price, "tax_rate_bp": rate,
                            "discount": null, "free_reason": null,
                            "amounts": {"gross_minor": price, "discount_minor": 0, "net_minor": price, "tax_minor": t}}));
                    }
                    let id = uuid::Uuid::now_v7().to_string();
                    let patient = &patients[i % patients.len()];
                    invoice
                        .execute(rusqlite::params![
                            id,
                            patient,
                            Value::Array(lines).to_string(),
                            format!("C2-2026-{:06}", i + 1),
                            net,
                            tax,
                            net + tax,
                            at_text,
                            cashier
                        ])
                        .expect("invoice");
                    if i % 20 == 0 {
                        continue;
                    }
                    let paid_at = (at + Duration::minutes(5)).to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
                    let total = net + tax;
                    let (method, tendered, change, reference) = if i % 2 == 0 {
                        let tendered = (total + 999) / 1000 * 1000;
                        ("cash", Some(tendered), Some(tendered - total), None)
                    } else {
                        ("card", None, None, Some(format!("SLIP-{i}")))
                    };
                    payment
                        .execute(rusqlite::params![
                            uuid::Uuid::now_v7().to_string(),
                            id,
                            patient,
                            method,
                            total,
                            tendered,
                            change,
                            reference,
                            paid_at,
                            cashier
                        ])
                        .expect("payment");
                }
            }
            c.execute_batch("COMMIT; ANALYZE").expect("commit");
        })
        .expect("conn");
}
