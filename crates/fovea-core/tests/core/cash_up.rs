//! The day's takings and the desk's reports: a cashier's day by method with a counted variance, closing numbered
//! and locked, corrections posting to the current day, the takings report by day, method and item (void invoices
//! left out), balances by age and a patient's statement with its running balance.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};
use fovea_core::ErrorCode;
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::billing::{PASSWORD, issued, pay, priced, scalar, sql, visit_at_billing};
use crate::support::{ADMIN_PASSWORD, TestDb};

type Clock = Arc<Mutex<DateTime<Utc>>>;

/// The priced test clinic on a clock at 10:00 in Dublin on 10 March 2026 (GMT, so UTC too).
fn desk() -> (TestDb, Clock) {
    let clock: Clock = Arc::new(Mutex::new("2026-03-10T10:00:00Z".parse().expect("instant")));
    let db = priced(TestDb::set_up_at(clock.clone()));
    (db, clock)
}

fn next_day(db: &TestDb, clock: &Clock) {
    *clock.lock().expect("clock") += Duration::days(1);
    db.sign_in("till", PASSWORD);
}

fn method<'a>(sheet: &'a Value, m: &str) -> &'a Value {
    sheet["methods"]
        .as_array()
        .and_then(|l| l.iter().find(|x| x["method"] == m))
        .unwrap_or_else(|| panic!("no {m} in {sheet}"))
}

/// Two visits billed at the desk by "till": 50.00 paid 30.00 cash (50.00 handed over) and 20.00 by card, and
/// 50.00 paid in cash exactly. Answers the first invoice's cash payment.
fn two_paid_visits(db: &TestDb) -> (Value, Value) {
    let (v1, _) = visit_at_billing(db, None);
    let first = issued(db, &v1);
    let cash = db.call(
        "billing.pay",
        json!({"invoice_id": first["id"], "method": "cash", "amount_minor": 3000, "tendered_minor": 5000}),
    );
    assert_eq!(cash["change_minor"], 2000);
    db.call(
        "billing.pay",
        json!({"invoice_id": first["id"], "method": "card", "amount_minor": 2000, "reference": "SLIP-1"}),
    );
    let (v2, _) = visit_at_billing(db, None);
    let second = issued(db, &v2);
    pay(db, &second, "cash", 5000);
    (cash, second)
}

#[test]
fn cash_up_counts_each_method_and_a_variance_needs_a_reason() {
    let (db, _clock) = desk();
    two_paid_visits(&db);
    let sheet = db.call("billing.cash_day", json!({}));
    assert_eq!(sheet["day"], "2026-03-10");
    assert_eq!(sheet["workstation"], "R1");
    assert_eq!(method(&sheet, "cash")["expected_minor"], 8000);
    assert_eq!(method(&sheet, "cash")["payments"], 2);
    assert_eq!(method(&sheet, "card")["expected_minor"], 2000);
    assert_eq!(method(&sheet, "cheque")["expected_minor"], 0);
    assert_eq!(sheet["expected_minor"], 10000);
    assert_eq!(sheet["transactions"].as_array().map(Vec::len), Some(3));
    assert!(sheet["closed"].is_null());

    // The card takings must be counted too.
    let e = db.call_err(
        "billing.close_day",
        json!({"counted": [{"method": "cash", "counted_minor": 8000}]}),
    );
    assert_eq!(e.field.as_deref(), Some("counted"), "{e:?}");
    assert!(e.message.contains("card"), "{e:?}");
    // Notes and coins that do not add up to the cash counted.
    let notes = json!([{"value_minor": 5000, "count": 1}, {"value_minor": 2000, "count": 1},
                       {"value_minor": 500, "count": 1}, {"value_minor": 200, "count": 2}]);
    let e = db.call_err(
        "billing.close_day",
        json!({"counted": [{"method": "cash", "counted_minor": 8000}, {"method": "card", "counted_minor": 2000}],
               "denominations": notes}),
    );
    assert_eq!(e.field.as_deref(), Some("counted.0.counted_minor"), "{e:?}");
    // 79.00 in the drawer: a variance, which needs its reason.
    let count =
        json!({"counted": [{"method": "card", "counted_minor": 2000}], "denominations": notes});
    let e = db.call_err("billing.close_day", count.clone());
    assert_eq!(e.field.as_deref(), Some("variance_reason"), "{e:?}");
    assert!(e.message.contains("-1.00"), "{e:?}");
    for bad in [
        json!({"counted": [{"method": "cash", "counted_minor": -1}, {"method": "card", "counted_minor": 2000}]}),
        json!({"counted": [{"method": "cash", "counted_minor": 1}, {"method": "cash", "counted_minor": 2}]}),
        json!({"counted": [{"method": "credit", "counted_minor": 0}]}),
        json!({"counted": [], "denominations": [{"value_minor": 0, "count": 1}]}),
        json!({"counted": [], "denominations": [{"value_minor": 100, "count": -1}]}),
        json!({"day": "2026-03-11", "counted": []}),
        json!({"day": "10/03/2026", "counted": []}),
    ] {
        let e = db.call_err("billing.close_day", bad.clone());
        assert_eq!(e.code, ErrorCode::Validation, "{bad}: {e:?}");
    }
    assert_eq!(
        scalar::<i64>(&db, "SELECT count(*) FROM cash_ups"),
        0,
        "nothing was closed by a refused count"
    );

    let mut with_reason = count.clone();
    with_reason["variance_reason"] = json!("A coin of 1.00 short; given as change by mistake");
    let closed = db.call("billing.close_day", with_reason);
    assert_eq!(closed["number"], "R1-DAY-2026-0001");
    assert_eq!(closed["expected_minor"], 10000);
    assert_eq!(closed["counted_minor"], 9900);
    assert_eq!(closed["variance_minor"], -100);
    assert_eq!(closed["payments"], 3);
    assert_eq!(closed["denominations"].as_array().map(Vec::len), Some(4));
    let cash = closed["methods"]
        .as_array()
        .and_then(|l| l.iter().find(|m| m["method"] == "cash"))
        .cloned()
        .expect("cash line");
    assert_eq!(cash["counted_minor"], 7900);
    assert_eq!(cash["variance_minor"], -100);
    // The day report is the sheet's closing from now on, and written once.
    let sheet = db.call("billing.cash_day", json!({}));
    assert_eq!(sheet["closed"]["number"], "R1-DAY-2026-0001");
    let e = db.call_err("billing.close_day", count);
    assert_eq!(e.code, ErrorCode::Conflict, "{e:?}");
    assert!(
        sql(
            &db,
            "UPDATE cash_ups SET variance_minor = 0, counted_minor = 10000"
        )
        .is_err(),
        "the database keeps a closed day as it was closed"
    );
    assert!(sql(&db, "DELETE FROM cash_ups").is_err());
}

#[test]
fn cash_up_a_closed_day_is_locked_and_later_corrections_post_to_the_current_day() {
    let (db, clock) = desk();
    let (cash, _) = two_paid_visits(&db);
    db.call(
        "billing.close_day",
        json!({"counted": [{"method": "cash", "counted_minor": 8000}, {"method": "card", "counted_minor": 2000}]}),
    );
    // No more payments under the closed day's name at this desk...
    let (v3, _) = visit_at_billing(&db, None);
    let third = issued(&db, &v3);
    let e = db.call_err(
        "billing.pay",
        json!({"invoice_id": third["id"], "method": "cash", "amount_minor": 5000}),
    );
    assert_eq!(e.code, ErrorCode::Conflict, "{e:?}");
    assert!(e.message.contains("R1-DAY-2026-0001"), "{e:?}");
    // ...while another cashier's day is open.
    db.sign_in("admin", ADMIN_PASSWORD);
    pay(&db, &third, "cash", 5000);

    // Next day, the manager refunds part of yesterday's cash payment: it counts today, in the manager's day.
    *clock.lock().expect("clock") += Duration::days(1);
    db.sign_in("admin", ADMIN_PASSWORD);
    db.call(
        "billing.refund",
        json!({"payment_id": cash["payment_id"], "amount_minor": 1000, "reason": "Charged twice for drops"}),
    );
    let today = db.call("billing.cash_day", json!({}));
    assert_eq!(method(&today, "cash")["refunded_minor"], 1000);
    assert_eq!(method(&today, "cash")["expected_minor"], -1000);
    db.sign_in("till", PASSWORD);
    let yesterday = db.call("billing.cash_day", json!({"day": "2026-03-10"}));
    assert_eq!(yesterday["closed"]["counted_minor"], 10000);
    assert_eq!(
        method(&yesterday, "cash")["expected_minor"],
        8000,
        "the closed day stays true"
    );
    // The cashier's new day is open, and closing it takes the next number.
    let (v4, _) = visit_at_billing(&db, None);
    let fourth = issued(&db, &v4);
    pay(&db, &fourth, "cash", 5000);
    let closed = db.call(
        "billing.close_day",
        json!({"counted": [{"method": "cash", "counted_minor": 5000}]}),
    );
    assert_eq!(closed["number"], "R1-DAY-2026-0002");
    assert_eq!(closed["variance_minor"], 0);
    next_day(&db, &clock);

    // Another cashier's report is the manager's to read.
    let first_id: String = scalar(
        &db,
        "SELECT id FROM cash_ups WHERE number = 'R1-DAY-2026-0001'",
    );
    db.sign_in("frontdesk", PASSWORD);
    db.become_user("till2", &["cashier"]);
    let e = db.call_err("billing.cash_up", json!({"cash_up_id": first_id}));
    assert_eq!(e.code, ErrorCode::PermissionDenied, "{e:?}");
    let e = db.call_err(
        "billing.cash_ups",
        json!({"from": "2026-03-01", "to": "2026-03-31"}),
    );
    assert_eq!(e.code, ErrorCode::PermissionDenied, "{e:?}");
    db.sign_in("admin", ADMIN_PASSWORD);
    let all = db.call(
        "billing.cash_ups",
        json!({"from": "2026-03-01", "to": "2026-03-31"}),
    );
    assert_eq!(all["cash_ups"].as_array().map(Vec::len), Some(2));
    assert_eq!(all["cash_ups"][0]["cashier_name"], "Test till");
}

#[test]
fn cash_up_takings_report_by_day_method_and_item_leaves_void_invoices_out() {
    let (db, clock) = desk();
    two_paid_visits(&db);
    next_day(&db, &clock);
    let (v3, _) = visit_at_billing(&db, None);
    let third = issued(&db, &v3);
    db.call(
        "billing.pay",
        json!({"invoice_id": third["id"], "method": "mobile_money", "amount_minor": 5000, "reference": "MM-1"}),
    );
    let (v4, _) = visit_at_billing(&db, None);
    let fourth = issued(&db, &v4);

    let e = db.call_err(
        "billing.takings",
        json!({"from": "2026-03-10", "to": "2026-03-11"}),
    );
    assert_eq!(
        e.code,
        ErrorCode::PermissionDenied,
        "cashiers do not read the clinic's reports"
    );
    db.sign_in("admin", ADMIN_PASSWORD);
    let r = db.call(
        "billing.takings",
        json!({"from": "2026-03-10", "to": "2026-03-11"}),
    );
    assert_eq!(r["net_minor"], 15000);
    let days = r["days"].as_array().expect("days");
    assert_eq!(days.len(), 2);
    assert_eq!(days[0]["day"], "2026-03-10");
    assert_eq!(days[0]["net_minor"], 10000);
    assert_eq!(days[0]["payments"], 3);
    assert_eq!(
        days[0]["methods"],
        json!([{"method": "cash", "amount_minor": 8000},
                                           {"method": "card", "amount_minor": 2000}])
    );
    assert_eq!(
        days[1]["methods"],
        json!([{"method": "mobile_money", "amount_minor": 5000}])
    );
    let total: i64 = r["methods"]
        .as_array()
        .expect("methods")
        .iter()
        .map(|m| m["amount_minor"].as_i64().unwrap_or(0))
        .sum();
    assert_eq!(total, 15000, "the methods add up to the period");
    // Four consultations invoiced, one of them still unpaid.
    assert_eq!(r["items"][0]["code"], "CONS-N");
    assert_eq!(r["items"][0]["quantity"], 4);
    assert_eq!(r["invoiced_net_minor"], 20000);

    db.call(
        "billing.void",
        json!({"invoice_id": fourth["id"], "reason": "Billed to the wrong patient"}),
    );
    let r = db.call(
        "billing.takings",
        json!({"from": "2026-03-10", "to": "2026-03-11"}),
    );
    assert_eq!(r["items"][0]["quantity"], 3, "a void invoice bills nothing");
    let one = db.call(
        "billing.takings",
        json!({"from": "2026-03-11", "to": "2026-03-11"}),
    );
    assert_eq!(one["net_minor"], 5000);
    for bad in [
        json!({"from": "2026-03-11", "to": "2026-03-10"}),
        json!({"from": "2020-01-01", "to": "2026-03-10"}),
        json!({"from": "yesterday", "to": "2026-03-10"}),
    ] {
        let e = db.call_err("billing.takings", bad.clone());
        assert_eq!(e.code, ErrorCode::Validation, "{bad}: {e:?}");
    }
}

#[test]
fn cash_up_balances_age_by_band_and_the_statement_runs_its_balance() {
    let (db, clock) = desk();
    let (v1, patient) = visit_at_billing(&db, None);
    let first = issued(&db, &v1);
    pay(&db, &first, "cash", 1000);
    *clock.lock().expect("clock") += Duration::days(40);
    db.sign_in("till", PASSWORD);
    let (v2, _) = visit_at_billing(&db, Some(&patient));
    let second = issued(&db, &v2);
    assert!(second["number"].is_string());

    db.sign_in("admin", ADMIN_PASSWORD);
    let aging = db.call("billing.aging", json!({}));
    assert_eq!(aging["bands"]["days_31_60_minor"], 4000, "{aging}");
    let second_owed = second["balance_minor"].as_i64().expect("owed");
    assert_eq!(aging["bands"]["days_0_30_minor"], second_owed);
    assert_eq!(aging["bands"]["total_minor"], 4000 + second_owed);
    assert_eq!(aging["invoices"][0]["number"], first["number"]);
    assert_eq!(aging["invoices"][0]["age_days"], 40);
    // As of the first day, only the first invoice was owed, in full less its payment.
    let then = db.call("billing.aging", json!({"as_of": "2026-03-10"}));
    assert_eq!(then["bands"]["total_minor"], 4000);

    db.sign_in("till", PASSWORD);
    let st = db.call("billing.statement", json!({"patient_id": patient}));
    let entries = st["entries"].as_array().expect("entries");
    assert_eq!(entries.len(), 3);
    assert_eq!(entries[0]["kind"], "invoice");
    assert_eq!(entries[0]["balance_minor"], 5000);
    assert_eq!(entries[1]["kind"], "payment");
    assert!(
        entries[1]["description"]
            .as_str()
            .is_some_and(|d| d.contains("cash"))
    );
    assert_eq!(entries[1]["balance_minor"], 4000);
    assert_eq!(entries[2]["balance_minor"], 4000 + second_owed);
    assert_eq!(st["balance_minor"], 4000 + second_owed);
    let listed = db.call("billing.patient_invoices", json!({"patient_id": patient}));
    assert_eq!(
        listed["balance_minor"], st["balance_minor"],
        "the statement agrees with the patient's invoices"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Whatever mix of payments and refunds a day sees, the day sheet, the closing and the takings report agree
    /// with the payments themselves.
    #[test]
    fn cash_up_the_day_sheet_and_the_takings_report_agree_with_the_payments(
        parts in prop::collection::vec((0usize..3, 1i64..=2500, any::<bool>()), 1..6)
    ) {
        let (db, _clock) = desk();
        let (visit, _) = visit_at_billing(&db, None);
        let inv = issued(&db, &visit);
        let methods = ["cash", "card", "mobile_money"];
        let mut owed = inv["balance_minor"].as_i64().expect("owed");
        let mut expected = [0i64; 3];
        let mut paid = Vec::new();
        for (m, amount, _) in &parts {
            let amount = (*amount).min(owed);
            if amount == 0 { break; }
            let res = db.call("billing.pay", json!({"invoice_id": inv["id"], "method": methods[*m],
                                                    "amount_minor": amount, "reference": "R"}));
            owed -= amount;
            expected[*m] += amount;
            paid.push((res["payment_id"].clone(), *m, amount));
        }
        db.sign_in("admin", ADMIN_PASSWORD);
        // The manager refunds: those count in the manager's day, not the cashier's, and in the period's takings.
        for ((id, _, amount), (_, _, refund)) in paid.iter().zip(&parts) {
            if *refund {
                db.call("billing.refund", json!({"payment_id": id, "amount_minor": amount, "reason": "test"}));
            }
        }
        db.sign_in("till", PASSWORD);
        let sheet = db.call("billing.cash_day", json!({}));
        for (k, m) in methods.iter().enumerate() {
            prop_assert_eq!(method(&sheet, m)["expected_minor"].as_i64(), Some(expected[k]));
        }
        let refunded: i64 = paid.iter().zip(&parts).filter(|(_, p)| p.2).map(|(x, _)| x.2).sum();
        db.sign_in("admin", ADMIN_PASSWORD);
        let r = db.call("billing.takings", json!({"from": "2026-03-10", "to": "2026-03-10"}));
        prop_assert_eq!(r["net_minor"].as_i64(), Some(expected.iter().sum::<i64>() - refunded));
        let listed: i64 = scalar(&db, "SELECT coalesce(sum(CASE kind WHEN 'payment' THEN amount_minor
                                               ELSE -amount_minor END), 0) FROM payments");
        prop_assert_eq!(r["net_minor"].as_i64(), Some(listed));
    }
}

#[test]
fn cash_up_takings_fall_on_the_clinics_own_day_and_follow_a_change_of_time_zone() {
    let (db, clock) = desk();
    *clock.lock().expect("clock") = "2026-03-10T23:30:00Z".parse().expect("instant");
    db.sign_in("till", PASSWORD);
    let (visit, _) = visit_at_billing(&db, None);
    let inv = issued(&db, &visit);
    pay(&db, &inv, "cash", 5000);
    db.sign_in("admin", ADMIN_PASSWORD);
    let day = |d: &str| db.call("billing.takings", json!({"from": d, "to": d}));
    // 23:30 in Dublin in March is still the 10th.
    assert_eq!(day("2026-03-10")["net_minor"], 5000);
    assert_eq!(day("2026-03-10")["invoiced_net_minor"], 5000);
    assert_eq!(day("2026-03-11")["net_minor"], 0);

    // In Kolkata (UTC+5:30) the same instant is the 11th: the report's day totals are summed again.
    let mut s = db.call("settings.get", json!({}));
    s["time_zone"] = json!("Asia/Kolkata");
    db.call("settings.update", s);
    assert_eq!(day("2026-03-10")["net_minor"], 0);
    let eleventh = day("2026-03-11");
    assert_eq!(eleventh["net_minor"], 5000);
    assert_eq!(eleventh["days"][0]["day"], "2026-03-11");
    assert_eq!(eleventh["invoiced_net_minor"], 5000);
    // The kept totals agree with the payments themselves.
    let kept: i64 = scalar(&db, "SELECT sum(amount_minor) FROM takings_days");
    let paid: i64 = scalar(&db, "SELECT sum(amount_minor) FROM payments");
    assert_eq!(kept, paid);
}

#[test]
fn cash_up_day_totals_edited_with_sql_are_found_by_the_deep_check() {
    let (db, _clock) = desk();
    two_paid_visits(&db);
    let deep = || {
        db.fovea
            .with_connection(fovea_core::audit::deep::check)
            .expect("conn")
            .expect("check")
    };
    assert!(
        !deep().problems.iter().any(|p| p.table.ends_with("_days")),
        "{:?}",
        deep()
    );
    sql(
        &db,
        "UPDATE takings_days SET amount_minor = amount_minor + 100 WHERE method = 'cash'",
    )
    .expect("tamper");
    sql(&db, "UPDATE invoiced_days SET net_minor = 1").expect("tamper");
    let report = deep();
    for table in ["takings_days", "invoiced_days"] {
        let found = report
            .problems
            .iter()
            .find(|p| p.table == table)
            .unwrap_or_else(|| panic!("{table} not found: {report:?}"));
        assert_eq!(found.row_id, "2026-03-10");
    }
}
