//! The pharmacy's formulary and stock ledger: search, the starter list, receiving, first expiry first out, the
//! ledger's arithmetic and its corrections, counts while stock moves, merged negative stock, reports and permissions.

use chrono::{Days, NaiveDate, Utc};
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::support::TestDb;

fn today() -> NaiveDate {
    // The test clinic's day (Europe/Dublin) is within a day of UTC's; keep dates well away from the edge.
    Utc::now().date_naive()
}

fn in_days(n: i64) -> String {
    let t = today();
    let d = if n >= 0 {
        t.checked_add_days(Days::new(n as u64))
    } else {
        t.checked_sub_days(Days::new((-n) as u64))
    };
    d.expect("date").to_string()
}

/// A test clinic with `call` acting as a pharmacist.
fn pharmacy() -> TestDb {
    let db = TestDb::set_up();
    db.become_user("pharm", &["pharmacist"]);
    db
}

fn medicine(generic: &str, strength: &str, form: &str) -> Value {
    json!({
        "generic_name": generic, "brand": null, "strength": strength, "form": form, "route": "eye",
        "pack_size_hundredths": 500, "pack_unit": "ml", "stocked": true, "reorder_level": 3,
        "price_minor": 450, "use_within_days": 28, "active": true
    })
}

fn add_medicine(db: &TestDb, generic: &str, strength: &str) -> String {
    let m = db.call(
        "pharmacy.save_medicine",
        json!({"id": null, "medicine": medicine(generic, strength, "solution")}),
    );
    m["id"].as_str().expect("id").to_string()
}

fn receive(db: &TestDb, medicine_id: &str, lot: &str, expires: Option<&str>, packs: i64) -> Value {
    db.call(
        "pharmacy.receive",
        json!({"medicine_id": medicine_id, "lot": lot, "expires_on": expires, "no_expiry": expires.is_none(),
               "supplier": "Eye Supplies Ltd", "cost_minor": 300, "packs": packs}),
    )
}

fn user_id(db: &TestDb, username: &str) -> String {
    db.fovea
        .with_connection(|c| {
            c.query_row(
                "SELECT id FROM users WHERE username = ?1",
                [username],
                |r| r.get(0),
            )
        })
        .expect("conn")
        .expect("user")
}

/// A batch straight into the database, as another workstation's sync would bring it (expired ones included:
/// receiving refuses a past expiry).
fn raw_batch(db: &TestDb, medicine_id: &str, lot: &str, expires: &str, packs: i64) -> String {
    let id = uuid::Uuid::now_v7().to_string();
    let by = user_id(db, "pharm");
    db.fovea
        .with_connection(|c| {
            c.execute(
                "INSERT INTO stock_batches (id, medicine_id, lot, expires_on, received_at, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z')",
                rusqlite::params![id, medicine_id, lot, expires],
            )?;
            raw_movement(c, &id, medicine_id, "receipt", packs, &by)
        })
        .expect("conn")
        .expect("insert");
    id
}

fn raw_movement(
    c: &rusqlite::Connection,
    batch_id: &str,
    medicine_id: &str,
    kind: &str,
    quantity: i64,
    by: &str,
) -> rusqlite::Result<usize> {
    let at = Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    c.execute(
        "INSERT INTO stock_movements (id, batch_id, medicine_id, kind, quantity, moved_at, moved_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6)",
        rusqlite::params![uuid::Uuid::now_v7().to_string(), batch_id, medicine_id, kind, quantity, at, by],
    )
}

fn on_hand(db: &TestDb, batch_id: &str) -> i64 {
    db.fovea
        .with_connection(|c| {
            c.query_row(
                "SELECT coalesce(sum(quantity), 0) FROM stock_movements WHERE batch_id = ?1",
                [batch_id],
                |r| r.get(0),
            )
        })
        .expect("conn")
        .expect("sum")
}

fn names(res: &Value) -> Vec<String> {
    res["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|m| {
            format!(
                "{} {}",
                m["generic_name"].as_str().unwrap_or(""),
                m["strength"].as_str().unwrap_or("")
            )
        })
        .collect()
}

fn search(db: &TestDb, q: &str) -> Value {
    db.call("pharmacy.medicines", json!({"query": q, "limit": null}))
}

#[test]
fn a_new_clinic_has_the_starter_formulary_marked_as_a_starting_point() {
    let db = pharmacy();
    let all = db.call("pharmacy.medicines", json!({"query": "", "limit": 200}));
    let list = all["results"].as_array().expect("results");
    assert!(list.len() >= 25, "{}", list.len());
    assert!(
        list.iter()
            .all(|m| m["starter"] == true && m["price_minor"].is_null())
    );
    assert!(
        list[0]["starter_note"]
            .as_str()
            .is_some_and(|n| n.contains("starting point") && n.contains("not prescribing advice")),
        "{}",
        list[0]
    );
    for want in [
        "latanoprost 0.005%",
        "prednisolone acetate 1%",
        "acetazolamide 250 mg",
    ] {
        assert!(
            names(&all).iter().any(|n| n == want),
            "{want} in {:?}",
            names(&all)
        );
    }
    let drops = search(&db, "timolol");
    assert_eq!(drops["results"][0]["use_within_days"], 28);
    assert_eq!(drops["results"][0]["pack"], "5 mL");
    assert_eq!(drops["results"][0]["out_of_stock"], true);
}

#[test]
fn formulary_search_is_by_prefix_and_accent_blind() {
    let db = pharmacy();
    let id = db.call(
        "pharmacy.save_medicine",
        json!({"id": null, "medicine": {
            "generic_name": "Hydroxypropyl guar", "brand": "Systane Ultrà", "strength": "0.15%", "form": "solution",
            "route": "eye", "pack_size_hundredths": 1000, "pack_unit": "ml", "stocked": true, "reorder_level": 0,
            "price_minor": null, "use_within_days": 28, "active": true}}),
    )["id"]
        .clone();
    assert_eq!(
        names(&search(&db, "hydr")),
        vec!["Hydroxypropyl guar 0.15%"]
    );
    assert_eq!(
        names(&search(&db, "ULTRA")),
        vec!["Hydroxypropyl guar 0.15%"]
    );
    assert_eq!(
        names(&search(&db, "systáne gu")),
        vec!["Hydroxypropyl guar 0.15%"]
    );
    assert!(
        names(&search(&db, "ydro")).is_empty(),
        "a prefix, not a substring"
    );
    assert_eq!(names(&search(&db, "chloram 1")), vec!["chloramphenicol 1%"]);
    assert_eq!(names(&search(&db, "chloram")).len(), 2);

    // Inactive medicines are hidden unless asked for.
    let mut m = medicine("Hydroxypropyl guar", "0.15%", "solution");
    m["active"] = json!(false);
    db.call("pharmacy.save_medicine", json!({"id": id, "medicine": m}));
    assert!(names(&search(&db, "hydr")).is_empty());
    let with = db.call(
        "pharmacy.medicines",
        json!({"query": "hydr", "include_inactive": true, "limit": null}),
    );
    assert_eq!(names(&with).len(), 1);
}

#[test]
fn the_formulary_refuses_missing_names_empty_packs_and_duplicates() {
    let db = pharmacy();
    let mut m = medicine("  ", "1%", "solution");
    let e = db.call_err("pharmacy.save_medicine", json!({"id": null, "medicine": m}));
    assert_eq!(e.field.as_deref(), Some("medicine.generic_name"));
    m = medicine("Ganciclovir", "0.15%", "gel");
    m["pack_size_hundredths"] = json!(0);
    let e = db.call_err("pharmacy.save_medicine", json!({"id": null, "medicine": m}));
    assert_eq!(e.field.as_deref(), Some("medicine.pack_size_hundredths"));

    // The starter list has timolol 0.5% solution; another brand of it is the same formulary line.
    let mut dup = medicine("TIMOLOL", "0.5 %", "solution");
    dup["brand"] = json!("Timoptol");
    let e = db.call_err(
        "pharmacy.save_medicine",
        json!({"id": null, "medicine": dup}),
    );
    assert_eq!(e.code, fovea_core::ErrorCode::Validation);
    assert!(
        e.message.contains("already has timolol 0.5%"),
        "{}",
        e.message
    );
    // The same generic in another form is a different line.
    add_medicine(&db, "timolol", "0.5% gel-forming");
    let gel = medicine("timolol", "0.5%", "gel");
    db.call(
        "pharmacy.save_medicine",
        json!({"id": null, "medicine": gel}),
    );
}

#[test]
fn receiving_needs_an_expiry_or_an_explicit_no_expiry_and_adds_to_the_same_lot() {
    let db = pharmacy();
    let id = add_medicine(&db, "Testamycin", "1%");
    let soon = in_days(200);
    let e = db.call_err(
        "pharmacy.receive",
        json!({"medicine_id": id, "lot": "L1", "expires_on": null, "supplier": null, "cost_minor": null, "packs": 5}),
    );
    assert_eq!(e.field.as_deref(), Some("expires_on"));
    let e = db.call_err(
        "pharmacy.receive",
        json!({"medicine_id": id, "lot": "L1", "expires_on": in_days(-3), "supplier": null, "cost_minor": null,
               "packs": 5}),
    );
    assert!(e.message.contains("passed"), "{}", e.message);
    let e = db.call_err(
        "pharmacy.receive",
        json!({"medicine_id": id, "lot": "L1", "expires_on": soon, "supplier": null, "cost_minor": null, "packs": 0}),
    );
    assert_eq!(e.field.as_deref(), Some("packs"));

    let a = receive(&db, &id, "L1", Some(&soon), 5);
    let b = receive(&db, &id, "L1", Some(&soon), 3);
    assert_eq!(a["id"], b["id"], "same lot and expiry: one batch");
    assert_eq!(b["on_hand"], 8);
    let other = receive(&db, &id, "L1", Some(&in_days(300)), 1);
    assert_ne!(other["id"], a["id"], "another expiry is another batch");
    let none = receive(&db, &id, "N1", None, 2);
    assert!(none["expires_on"].is_null());
    assert_eq!(none["state"], "usable");
    let m = db.call("pharmacy.medicine", json!({"id": id}));
    assert_eq!(m["on_hand"], 11);
    assert_eq!(m["nearest_expiry"], json!(soon));
    assert_eq!(m["out_of_stock"], false);
}

#[test]
fn first_expiry_first_out_skips_expired_and_quarantined_batches() {
    let db = pharmacy();
    let id = add_medicine(&db, "Testamycin", "1%");
    let expired = raw_batch(&db, &id, "OLD", &in_days(-5), 4);
    let late = receive(&db, &id, "LATE", Some(&in_days(300)), 2)["id"].clone();
    let early = receive(&db, &id, "EARLY", Some(&in_days(100)), 2)["id"].clone();
    let quarantined = receive(&db, &id, "Q", Some(&in_days(50)), 2)["id"].clone();
    let undated = receive(&db, &id, "ND", None, 1)["id"].clone();
    let e = db.call_err(
        "pharmacy.quarantine",
        json!({"batch_id": quarantined, "quarantined": true, "reason": " "}),
    );
    assert_eq!(e.field.as_deref(), Some("reason"));
    let q = db.call(
        "pharmacy.quarantine",
        json!({"batch_id": quarantined, "quarantined": true, "reason": "Cloudy solution"}),
    );
    assert_eq!(q["state"], "quarantined");

    let offer = db
        .fovea
        .with_connection(|c| fovea_core::pharmacy::ledger::offerable_batches(c, &id, today()))
        .expect("conn")
        .expect("offer");
    let lots: Vec<&str> = offer.iter().map(|b| b.lot.as_str()).collect();
    assert_eq!(lots, vec!["EARLY", "LATE", "ND"]);
    assert_eq!(offer[0].batch_id, early.as_str().expect("id"));
    let _ = (late, undated);

    let batches = db.call("pharmacy.batches", json!({"medicine_id": id}));
    let states: Vec<(&str, &str)> = batches["batches"]
        .as_array()
        .expect("batches")
        .iter()
        .map(|b| {
            (
                b["lot"].as_str().unwrap_or(""),
                b["state"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        states,
        vec![
            ("OLD", "expired"),
            ("Q", "quarantined"),
            ("EARLY", "usable"),
            ("LATE", "usable"),
            ("ND", "usable")
        ]
    );
    // Released, it is offered again, first.
    db.call(
        "pharmacy.quarantine",
        json!({"batch_id": quarantined, "quarantined": false, "reason": "Supplier confirmed it is fine"}),
    );
    let offer = db
        .fovea
        .with_connection(|c| fovea_core::pharmacy::ledger::offerable_batches(c, &id, today()))
        .expect("conn")
        .expect("offer");
    assert_eq!(offer[0].lot, "Q");
    let _ = expired;
}

#[test]
fn a_medicine_whose_only_stock_is_expired_is_out_of_stock() {
    let db = pharmacy();
    let id = add_medicine(&db, "Testamycin", "1%");
    let batch = raw_batch(&db, &id, "OLD", &in_days(-1), 6);
    let m = &search(&db, "testam")["results"][0];
    assert_eq!(m["out_of_stock"], true, "{m}");
    assert_eq!(m["on_hand"], 0);
    assert!(m["nearest_expiry"].is_null());
    let stock = db.call("pharmacy.stock", json!({}));
    let line = stock["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .find(|l| l["medicine_id"] == json!(id))
        .expect("line")
        .clone();
    assert_eq!(
        (line["on_hand"].clone(), line["usable"].clone()),
        (json!(6), json!(0))
    );
    assert_eq!(line["has_expired"], true);
    assert_eq!(line["below_reorder"], true);
    let alerts = db.call("pharmacy.alerts", json!({}));
    assert_eq!(alerts["expired"][0]["batch_id"], json!(batch));

    // An expiry write-off takes the whole remainder, with a reason.
    let e = db.call_err(
        "pharmacy.adjust",
        json!({"batch_id": batch, "kind": "expiry_write_off", "quantity": null, "reason": "", "patient_id": null}),
    );
    assert_eq!(e.field.as_deref(), Some("reason"));
    let w = db.call(
        "pharmacy.adjust",
        json!({"batch_id": batch, "kind": "expiry_write_off", "quantity": null, "reason": "Expired on the shelf",
               "patient_id": null}),
    );
    assert_eq!(w["batch"]["on_hand"], 0);
    assert_eq!(w["batch"]["state"], "empty");
}

#[test]
fn no_movement_takes_a_batch_below_zero_and_adjustments_need_a_reason() {
    let db = pharmacy();
    let id = add_medicine(&db, "Testamycin", "1%");
    let batch = receive(&db, &id, "L1", Some(&in_days(200)), 3)["id"].clone();
    let before = db.data_oplog_len();
    let e = db.call_err(
        "pharmacy.adjust",
        json!({"batch_id": batch, "kind": "adjustment", "quantity": -4, "reason": "Broken", "patient_id": null}),
    );
    assert_eq!(e.code, fovea_core::ErrorCode::Conflict);
    assert!(e.message.contains("holds 3 packs"), "{}", e.message);
    let e = db.call_err(
        "pharmacy.adjust",
        json!({"batch_id": batch, "kind": "supplier_return", "quantity": 4, "reason": "Wrong item", "patient_id": null}),
    );
    assert_eq!(e.code, fovea_core::ErrorCode::Conflict);
    let e = db.call_err(
        "pharmacy.adjust",
        json!({"batch_id": batch, "kind": "adjustment", "quantity": -1, "reason": "   ", "patient_id": null}),
    );
    assert_eq!(e.field.as_deref(), Some("reason"));
    let e = db.call_err(
        "pharmacy.adjust",
        json!({"batch_id": batch, "kind": "adjustment", "quantity": 0, "reason": "Nothing", "patient_id": null}),
    );
    assert_eq!(e.field.as_deref(), Some("quantity"));
    let e = db.call_err(
        "pharmacy.adjust",
        json!({"batch_id": batch, "kind": "expiry_write_off", "quantity": null, "reason": "Old", "patient_id": null}),
    );
    assert!(e.message.contains("not expired"), "{}", e.message);
    assert_eq!(
        db.data_oplog_len(),
        before,
        "refused corrections change nothing"
    );
    assert_eq!(on_hand(&db, batch.as_str().expect("id")), 3);

    let ok = db.call(
        "pharmacy.adjust",
        json!({"batch_id": batch, "kind": "adjustment", "quantity": -3, "reason": "Dropped the box", "patient_id": null}),
    );
    assert_eq!(ok["batch"]["on_hand"], 0);
    let moves = db.call(
        "pharmacy.movements",
        json!({"batch_id": batch, "limit": null}),
    );
    assert_eq!(moves["movements"][0]["reason"], "Dropped the box");
    assert_eq!(moves["movements"][0]["moved_by_name"], "Test pharm");
    assert_eq!(moves["movements"][1]["kind"], "receipt");
}

#[test]
fn a_movement_is_reversed_once_and_a_reversal_never() {
    let db = pharmacy();
    let id = add_medicine(&db, "Testamycin", "1%");
    let batch = receive(&db, &id, "L1", Some(&in_days(200)), 5)["id"].clone();
    let adj = db.call(
        "pharmacy.adjust",
        json!({"batch_id": batch, "kind": "adjustment", "quantity": -2, "reason": "Miscount", "patient_id": null}),
    );
    let e = db.call_err(
        "pharmacy.reverse",
        json!({"movement_id": adj["movement_id"], "reason": ""}),
    );
    assert_eq!(e.field.as_deref(), Some("reason"));
    let rev = db.call(
        "pharmacy.reverse",
        json!({"movement_id": adj["movement_id"], "reason": "The two packs were in the fridge"}),
    );
    assert_eq!(rev["batch"]["on_hand"], 5);
    let e = db.call_err(
        "pharmacy.reverse",
        json!({"movement_id": adj["movement_id"], "reason": "Again"}),
    );
    assert!(e.message.contains("already been reversed"), "{}", e.message);
    let e = db.call_err(
        "pharmacy.reverse",
        json!({"movement_id": rev["movement_id"], "reason": "Undo the undo"}),
    );
    assert!(
        e.message.contains("cannot itself be reversed"),
        "{}",
        e.message
    );
    let moves = db.call(
        "pharmacy.movements",
        json!({"medicine_id": id, "limit": null}),
    );
    let reversed = moves["movements"]
        .as_array()
        .expect("movements")
        .iter()
        .find(|m| m["id"] == adj["movement_id"])
        .expect("the adjustment")
        .clone();
    assert_eq!(reversed["reversed_by"], rev["movement_id"]);

    // Reversing the receipt after packs left would go below zero: refused.
    let receipt = moves["movements"]
        .as_array()
        .expect("movements")
        .iter()
        .find(|m| m["kind"] == "receipt")
        .expect("receipt")["id"]
        .clone();
    db.call(
        "pharmacy.adjust",
        json!({"batch_id": batch, "kind": "adjustment", "quantity": -1, "reason": "Broken", "patient_id": null}),
    );
    let e = db.call_err(
        "pharmacy.reverse",
        json!({"movement_id": receipt, "reason": "Wrong delivery"}),
    );
    assert_eq!(e.code, fovea_core::ErrorCode::Conflict);
}

#[test]
fn a_count_keeps_stock_that_moved_while_counting() {
    let db = pharmacy();
    let id = add_medicine(&db, "Testamycin", "1%");
    let batch = receive(&db, &id, "L1", Some(&in_days(200)), 10)["id"].clone();
    let other = receive(&db, &id, "L2", Some(&in_days(250)), 4)["id"].clone();
    let count = db.call("pharmacy.start_count", json!({"note": "Monthly count"}));
    let cid = count["id"].clone();
    // 9 on the shelf: one pack is missing.
    db.call(
        "pharmacy.record_count",
        json!({"count_id": cid, "batch_id": batch, "counted": 7}),
    );
    let sheet = db.call(
        "pharmacy.record_count",
        json!({"count_id": cid, "batch_id": batch, "counted": 9}),
    );
    assert_eq!(
        sheet["lines"].as_array().expect("lines").len(),
        1,
        "counting again replaces the line"
    );
    db.call(
        "pharmacy.record_count",
        json!({"count_id": cid, "batch_id": other, "counted": 4}),
    );
    std::thread::sleep(std::time::Duration::from_millis(5));
    // Then, before posting, two packs are dispensed and arrive on this workstation (a sync or the pharmacy desk).
    let by = user_id(&db, "pharm");
    db.fovea
        .with_connection(|c| raw_movement(c, batch.as_str().expect("id"), &id, "dispense", -2, &by))
        .expect("conn")
        .expect("dispense");
    let sheet = db.call("pharmacy.count", json!({"count_id": cid}));
    let line = &sheet["lines"][0];
    assert_eq!(
        (line["on_hand_at_count"].clone(), line["variance"].clone()),
        (json!(10), json!(-1))
    );
    let posted = db.call("pharmacy.post_count", json!({"count_id": cid}));
    assert!(posted["posted_at"].is_string());
    assert_eq!(
        on_hand(&db, batch.as_str().expect("id")),
        7,
        "10 − 1 missing − 2 dispensed"
    );
    assert_eq!(
        on_hand(&db, other.as_str().expect("id")),
        4,
        "no variance, no movement"
    );
    let e = db.call_err("pharmacy.post_count", json!({"count_id": cid}));
    assert!(e.message.contains("already been posted"), "{}", e.message);
    let e = db.call_err(
        "pharmacy.record_count",
        json!({"count_id": cid, "batch_id": batch, "counted": 1}),
    );
    assert_eq!(e.code, fovea_core::ErrorCode::Conflict);
    let moves = db.call("pharmacy.movements", json!({"batch_id": batch, "limit": 1}));
    assert_eq!(moves["movements"][0]["kind"], "count_variance");
}

#[test]
fn packs_on_hand_edited_with_sql_are_found_by_the_deep_check() {
    let db = pharmacy();
    let id = add_medicine(&db, "Testamycin", "1%");
    let batch = receive(&db, &id, "L1", Some(&in_days(200)), 4)["id"].clone();
    let batch = batch.as_str().expect("id").to_string();
    db.fovea
        .with_connection(|c| {
            c.execute(
                "UPDATE stock_batch_on_hand SET on_hand = 40 WHERE batch_id = ?1",
                [&batch],
            )
        })
        .expect("conn")
        .expect("tamper");
    let report = db
        .fovea
        .with_connection(fovea_core::audit::deep::check)
        .expect("conn")
        .expect("check");
    let found = report
        .problems
        .iter()
        .find(|p| p.table == "stock_batch_on_hand")
        .unwrap_or_else(|| panic!("not found: {report:?}"));
    assert_eq!(found.row_id, batch);
    assert!(
        found.problem.contains("say 40") && found.problem.contains("add up to 4"),
        "{}",
        found.problem
    );
}

#[test]
fn merged_movements_below_zero_are_flagged_not_hidden() {
    let db = pharmacy();
    let id = add_medicine(&db, "Testamycin", "1%");
    let batch = receive(&db, &id, "L1", Some(&in_days(200)), 2)["id"].clone();
    let by = user_id(&db, "pharm");
    // Two workstations each dispensed the last two packs; their movements merge here.
    db.fovea
        .with_connection(|c| {
            raw_movement(c, batch.as_str().expect("id"), &id, "dispense", -2, &by)?;
            raw_movement(c, batch.as_str().expect("id"), &id, "dispense", -2, &by)
        })
        .expect("conn")
        .expect("merge");
    let stock = db.call("pharmacy.stock", json!({}));
    let line = stock["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .find(|l| l["medicine_id"] == json!(id))
        .expect("the medicine is listed")
        .clone();
    assert_eq!(line["negative"], true, "{line}");
    let alerts = db.call("pharmacy.alerts", json!({}));
    assert_eq!(alerts["negative"][0]["batch_id"], batch);
    assert_eq!(alerts["negative"][0]["on_hand"], -2);
    let batches = db.call("pharmacy.batches", json!({"medicine_id": id}));
    assert_eq!(batches["batches"][0]["on_hand"], -2, "shown, not hidden");
    // This workstation still cannot take it lower, but may correct it upwards.
    let e = db.call_err(
        "pharmacy.adjust",
        json!({"batch_id": batch, "kind": "adjustment", "quantity": -1, "reason": "x", "patient_id": null}),
    );
    assert_eq!(e.code, fovea_core::ErrorCode::Conflict);
    let pdf = db.call("pharmacy.print_alerts", json!({}));
    assert!(pdf["bytes"].as_u64().unwrap_or(0) > 1000, "{pdf}");
}

#[test]
fn the_stock_list_values_stock_at_cost_and_warns_of_expiry() {
    let db = pharmacy();
    let id = add_medicine(&db, "Testamycin", "1%");
    receive(&db, &id, "L1", Some(&in_days(30)), 2);
    receive(&db, &id, "L2", Some(&in_days(300)), 5);
    let stock = db.call("pharmacy.stock", json!({}));
    assert_eq!(stock["expiry_warning_days"], 60);
    let line = stock["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .find(|l| l["medicine_id"] == json!(id))
        .expect("line")
        .clone();
    assert_eq!(line["value_minor"], 7 * 300);
    assert_eq!(line["expiring_soon"], true);
    assert_eq!(line["below_reorder"], false);
    db.sign_in("admin", crate::support::ADMIN_PASSWORD);
    db.call(
        "pharmacy.save_settings",
        json!({"drops_per_ml": 20, "expiry_warning_days": 10}),
    );
    let stock = db.call("pharmacy.stock", json!({}));
    let line = stock["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .find(|l| l["medicine_id"] == json!(id))
        .expect("line")
        .clone();
    assert_eq!(line["expiring_soon"], false);
    let doc = db.call("pharmacy.print_stock", json!({}));
    let out = std::process::Command::new("pdftotext")
        .args([doc["path"].as_str().expect("path"), "-"])
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Stock on hand"), "{text}");
    assert!(text.contains("Testamycin 1% solution"), "{text}");
    assert!(text.contains("21.00"), "{text}");
}

#[test]
fn pharmacy_settings_have_defaults_and_ranges() {
    let db = TestDb::set_up();
    db.sign_in("admin", crate::support::ADMIN_PASSWORD);
    let s = db.call("pharmacy.settings", json!({}));
    assert_eq!(s, json!({"drops_per_ml": 20, "expiry_warning_days": 60}));
    let e = db.call_err(
        "pharmacy.save_settings",
        json!({"drops_per_ml": 9, "expiry_warning_days": 60}),
    );
    assert_eq!(e.field.as_deref(), Some("drops_per_ml"));
    let e = db.call_err(
        "pharmacy.save_settings",
        json!({"drops_per_ml": 20, "expiry_warning_days": 366}),
    );
    assert_eq!(e.field.as_deref(), Some("expiry_warning_days"));
    let s = db.call(
        "pharmacy.save_settings",
        json!({"drops_per_ml": 25, "expiry_warning_days": 90}),
    );
    assert_eq!(s, json!({"drops_per_ml": 25, "expiry_warning_days": 90}));
}

#[test]
fn a_receptionist_cannot_receive_and_a_doctor_reads_but_does_not_change_stock() {
    let db = pharmacy();
    let id = add_medicine(&db, "Testamycin", "1%");
    db.sign_in("frontdesk", "a long test password");
    let e = db.call_err(
        "pharmacy.receive",
        json!({"medicine_id": id, "lot": "L1", "expires_on": in_days(100), "supplier": null, "cost_minor": null,
               "packs": 1}),
    );
    assert_eq!(e.code, fovea_core::ErrorCode::PermissionDenied);
    let e = db.call_err("pharmacy.medicines", json!({"query": "", "limit": null}));
    assert_eq!(e.code, fovea_core::ErrorCode::PermissionDenied);
    db.become_user("doc", &["doctor"]);
    assert!(!names(&search(&db, "testam")).is_empty());
    let e = db.call_err(
        "pharmacy.save_medicine",
        json!({"id": null, "medicine": medicine("Other", "1%", "gel")}),
    );
    assert_eq!(e.code, fovea_core::ErrorCode::PermissionDenied);
    let e = db.call_err(
        "pharmacy.lot_recipients",
        json!({"lot": "L1", "medicine_id": null}),
    );
    assert_eq!(e.code, fovea_core::ErrorCode::PermissionDenied);
}

#[test]
fn a_lot_recall_names_the_patients_and_is_audited() {
    let db = pharmacy();
    let id = add_medicine(&db, "Testamycin", "1%");
    let batch = receive(&db, &id, "RECALL-1", Some(&in_days(200)), 5)["id"].clone();
    db.sign_in("frontdesk", "a long test password");
    let p = db.register("Ana", "Núñez", "02/03/1950", &[]);
    db.sign_in("pharm", "a long test password");
    let by = user_id(&db, "pharm");
    let pid = p["id"].as_str().expect("id").to_string();
    db.fovea
        .with_connection(|c| {
            c.execute(
                "INSERT INTO stock_movements (id, batch_id, medicine_id, kind, quantity, patient_id, moved_at, moved_by,
                   created_at) VALUES (?1, ?2, ?3, 'dispense', -2, ?4, ?5, ?6, ?5)",
                rusqlite::params![uuid::Uuid::now_v7().to_string(), batch.as_str(), id, pid,
                    Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true), by],
            )
        })
        .expect("conn")
        .expect("dispense");
    let r = db.call(
        "pharmacy.lot_recipients",
        json!({"lot": "RECALL-1", "medicine_id": null}),
    );
    assert_eq!(r["recipients"][0]["mrn"], p["mrn"]);
    assert_eq!(r["recipients"][0]["packs"], 2);
    let audited: (String, Option<String>) = db
        .fovea
        .with_connection(|c| {
            c.query_row(
                "SELECT detail, patient_id FROM audit_log WHERE operation = 'pharmacy.lot_recipients'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
        })
        .expect("conn")
        .expect("audit");
    assert!(audited.0.contains("RECALL-1"), "{audited:?}");
    assert_eq!(audited.1.as_deref(), Some(pid.as_str()));
}

#[derive(Debug, Clone)]
enum Step {
    Receive(i64),
    Adjust(i64),
    Reverse(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (1i64..6).prop_map(Step::Receive),
        (-6i64..6).prop_map(Step::Adjust),
        (0usize..20).prop_map(Step::Reverse),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Whatever sequence of receipts, adjustments and reversals is tried, a batch holds exactly the sum of the
    /// accepted ones and never less than nothing.
    #[test]
    fn on_hand_is_the_sum_of_accepted_movements(steps in prop::collection::vec(step(), 1..14)) {
        let db = pharmacy();
        let id = add_medicine(&db, "Testamycin", "1%");
        let expiry = in_days(200);
        let batch = receive(&db, &id, "P1", Some(&expiry), 1)["id"].as_str().expect("id").to_string();
        let mut accepted: Vec<(String, i64, bool)> = Vec::new();
        let mut expected = 1;
        for s in steps {
            match s {
                Step::Receive(n) => {
                    receive(&db, &id, "P1", Some(&expiry), n);
                    expected += n;
                }
                Step::Adjust(n) => {
                    let res = db.fovea.call(
                        db.token.borrow().as_deref(),
                        "pharmacy.adjust",
                        json!({"batch_id": batch, "kind": "adjustment", "quantity": n, "reason": "test",
                               "patient_id": null}),
                    );
                    match res {
                        Ok(v) => {
                            prop_assert!(n != 0 && expected + n >= 0);
                            expected += n;
                            accepted.push((v["movement_id"].as_str().unwrap_or("").to_string(), n, false));
                        }
                        Err(_) => prop_assert!(n == 0 || expected + n < 0),
                    }
                }
                Step::Reverse(i) => {
                    if accepted.is_empty() {
                        continue;
                    }
                    let k = i % accepted.len();
                    let (mid, n, done) = accepted[k].clone();
                    let res = db.fovea.call(
                        db.token.borrow().as_deref(),
                        "pharmacy.reverse",
                        json!({"movement_id": mid, "reason": "test"}),
                    );
                    match res {
                        Ok(_) => {
                            prop_assert!(!done && expected - n >= 0);
                            expected -= n;
                            accepted[k].2 = true;
                        }
                        Err(_) => prop_assert!(done || expected - n < 0),
                    }
                }
            }
            let held = on_hand(&db, &batch);
            prop_assert_eq!(held, expected);
            prop_assert!(held >= 0);
            // The figure the stock list reads is kept by a trigger; it never drifts from the ledger's sum.
            let listed = db.call("pharmacy.batches", json!({"medicine_id": id, "include_empty": true}));
            prop_assert_eq!(&listed["batches"][0]["on_hand"], &json!(held));
            let drift = db
                .fovea
                .with_connection(fovea_core::pharmacy::ledger::on_hand_drift)
                .expect("conn")
                .expect("drift");
            prop_assert!(drift.is_empty(), "{:?}", drift);
        }
    }
}

#[test]
fn a_demo_clinic_has_stock_with_an_expired_and_a_quarantined_batch() {
    let db = TestDb::new();
    fovea_core::demo::seed::set_up(&db.fovea, "admin", crate::support::ADMIN_PASSWORD)
        .expect("demo");
    db.sign_in("pharmacy", crate::support::ADMIN_PASSWORD);
    let alerts = db.call("pharmacy.alerts", json!({}));
    assert_eq!(
        alerts["expired"].as_array().map(Vec::len),
        Some(1),
        "{alerts}"
    );
    let stock = db.call("pharmacy.stock", json!({}));
    assert!(stock["total_value_minor"].as_i64().unwrap_or(0) > 0);
    let quarantined: i64 = db
        .fovea
        .with_connection(|c| {
            c.query_row(
                "SELECT count(*) FROM stock_batches WHERE quarantined = 1",
                [],
                |r| r.get(0),
            )
        })
        .expect("conn")
        .expect("count");
    assert_eq!(quarantined, 1);
}
