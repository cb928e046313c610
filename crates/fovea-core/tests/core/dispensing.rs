//! Dispensing against signed prescriptions: first expiry first out, expired and quarantined stock, limits,
//! partial and not-dispensed lines, the visit moving to billing, returns, the label.

use fovea_core::ErrorCode;
use serde_json::{Value, json};

use crate::support::TestDb;

const PASSWORD: &str = "a long test password";

/// A clinic with a doctor, a pharmacist and a cashier.
fn clinic() -> TestDb {
    let db = TestDb::set_up();
    db.become_user("drokafor", &["doctor"]);
    db.become_user("pharm", &["pharmacist"]);
    db.become_user("till", &["cashier"]);
    db
}

fn sql(db: &TestDb, q: &str, params: &[&dyn rusqlite::ToSql]) {
    db.fovea
        .with_connection(|c| c.execute(q, params))
        .expect("conn")
        .unwrap_or_else(|e| panic!("{q}: {e}"));
}

fn count(db: &TestDb, q: &str) -> i64 {
    db.fovea
        .with_connection(|c| c.query_row(q, [], |r| r.get(0)))
        .expect("conn")
        .expect("count")
}

fn admin_id(db: &TestDb) -> String {
    db.fovea
        .with_connection(|c| {
            c.query_row("SELECT id FROM users WHERE username = 'admin'", [], |r| {
                r.get::<_, String>(0)
            })
        })
        .expect("conn")
        .expect("admin")
}

const STAMP: &str = "2026-01-05T09:00:00.000Z";

/// A formulary medicine, written straight into the test database (the formulary's operations are not under test).
fn medicine(db: &TestDb, id: &str, generic: &str, use_within_days: Option<u32>) {
    sql(
        db,
        "INSERT INTO medicines (id, generic_name, strength, form, route, pack_size_hundredths, pack_unit,
                                use_within_days, created_at, updated_at)
         VALUES (?1, ?2, '1%', 'suspension', 'eye', 500, 'ml', ?3, ?4, ?4)",
        &[&id, &generic, &use_within_days, &STAMP],
    );
}

/// A batch with a receipt of `packs`, straight into the test database.
fn batch(db: &TestDb, id: &str, medicine: &str, lot: &str, expires: Option<&str>, packs: i64) {
    sql(
        db,
        "INSERT INTO stock_batches (id, medicine_id, lot, expires_on, received_at, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?5)",
        &[&id, &medicine, &lot, &expires, &STAMP],
    );
    let by = admin_id(db);
    sql(
        db,
        "INSERT INTO stock_movements (id, batch_id, medicine_id, kind, quantity, moved_at, moved_by, created_at)
         VALUES (?1, ?2, ?3, 'receipt', ?4, ?5, ?6, ?5)",
        &[&format!("receipt-{id}"), &id, &medicine, &packs, &STAMP, &by],
    );
}

fn quarantine(db: &TestDb, batch: &str, reason: &str) {
    sql(
        db,
        "UPDATE stock_batches SET quarantined = 1, quarantine_reason = ?2 WHERE id = ?1",
        &[&batch, &reason],
    );
}

/// A prescription item as the prescribing screens store it.
fn item(id: &str, medicine_id: Option<&str>, generic: &str, quantity: u32, repeats: u32) -> Value {
    json!({
        "id": id,
        "medicine": {"medicine_id": medicine_id, "generic_name": generic, "brand": null, "strength": "1%",
                     "form": "suspension"},
        "eye": "od",
        "steps": [
            {"dose": {"amount_tenths": 10, "unit": "drop"}, "frequency": "four_times_daily", "days": 7},
            {"dose": {"amount_tenths": 10, "unit": "drop"}, "frequency": "twice_daily", "days": 7}
        ],
        "quantity": quantity,
        "repeats": repeats,
        "from_stock": medicine_id.is_some(),
        "instructions": null
    })
}

/// TEST HELPER — stands in for the prescribing operations, written at the same time: registers a patient, checks
/// them in for the doctor, saves a consultation, inserts the visit's `medication_prescriptions` row with `items`
/// by raw SQL (before signing: the database refuses it after), signs when `sign`, and puts the visit at the
/// pharmacy stage. Leaves the database acting as the pharmacist. Returns (visit id, patient id).
fn prescription_row_for_test(db: &TestDb, items: Value, sign: bool) -> (String, String) {
    db.sign_in("drokafor", PASSWORD);
    let doctor = db.call("auth.session", json!({}))["id"].clone();
    db.sign_in("frontdesk", PASSWORD);
    let patient = db.register("Zoë", "Łukasiewicz", "1961-03-04", &["+353 87 555 0199"]);
    let visit = db.call(
        "appointments.walk_in",
        json!({"patient_id": patient["id"], "clinician_id": doctor, "reason": "Red eye"}),
    )["visit_id"]
        .as_str()
        .expect("visit")
        .to_string();
    db.sign_in("drokafor", PASSWORD);
    db.call(
        "exams.save_consultation",
        json!({"visit_id": visit, "consultation": {
            "complaint": "Painful red right eye", "ocular_history": "Glasses since 40",
            "diagnoses": [{"code": "H25.11", "eye": "od", "note": null}],
            "plan": "Topical steroid taper", "follow_up": {"kind": "months", "count": 6}, "copied": []
        }}),
    );
    let patient_id = patient["id"].as_str().expect("id").to_string();
    let exam: String = db
        .fovea
        .with_connection(|c| {
            c.query_row(
                "SELECT id FROM examinations WHERE visit_id = ?1",
                [&visit],
                |r| r.get(0),
            )
        })
        .expect("conn")
        .expect("examination");
    let doctor_id = doctor.as_str().expect("doctor id").to_string();
    sql(
        db,
        "INSERT INTO medication_prescriptions (id, examination_id, visit_id, patient_id, items, written_by,
                                               created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        &[
            &format!("rx-{visit}"),
            &exam,
            &visit,
            &patient_id,
            &items.to_string(),
            &doctor_id,
            &STAMP,
        ],
    );
    if sign {
        db.call(
            "exams.sign",
            json!({"visit_id": visit, "password": PASSWORD}),
        );
    }
    db.sign_in("pharm", PASSWORD);
    db.call(
        "queue.move",
        json!({"visit_id": visit, "stage": "pharmacy"}),
    );
    (visit, patient_id)
}

/// Prednisolone with four batches: A expires first (1 pack), B later (5), an expired one and a quarantined one.
fn stocked(db: &TestDb) {
    medicine(db, "pred", "prednisolone acetate", Some(28));
    batch(db, "b-late", "pred", "LATE-B", Some("2099-06-30"), 5);
    batch(db, "b-early", "pred", "EARLY-A", Some("2098-01-31"), 1);
    batch(db, "b-expired", "pred", "OLD-X", Some("2020-01-31"), 10);
    batch(db, "b-quar", "pred", "HOLD-Q", Some("2097-01-31"), 10);
    quarantine(db, "b-quar", "supplier recall");
}

fn stage(db: &TestDb, visit: &str) -> String {
    let board = db.call("queue.board", json!({"clinician_id": null}));
    board["cards"]
        .as_array()
        .expect("cards")
        .iter()
        .find(|c| c["visit_id"] == visit)
        .map(|c| c["stage"].as_str().unwrap_or("").to_string())
        .expect("card on the board")
}

fn on_hand(db: &TestDb, batch: &str) -> i64 {
    count(
        db,
        &format!(
            "SELECT coalesce(sum(quantity), 0) FROM stock_movements WHERE batch_id = '{batch}'"
        ),
    )
}

fn dispensed_rows(db: &TestDb) -> (i64, i64) {
    (
        count(db, "SELECT count(*) FROM dispense_lines"),
        count(db, "SELECT count(*) FROM stock_movements"),
    )
}

fn batches(list: &[(&str, u32)]) -> Value {
    Value::Array(
        list.iter()
            .map(|(b, p)| json!({"batch_id": b, "packs": p}))
            .collect(),
    )
}

#[test]
fn batches_are_proposed_first_expiry_first_out_split_and_never_expired_or_quarantined() {
    let db = clinic();
    stocked(&db);
    let (visit, _) = prescription_row_for_test(
        &db,
        json!([item("i1", Some("pred"), "prednisolone acetate", 3, 0)]),
        true,
    );
    let sheet = db.call("pharmacy.dispensing", json!({"visit_id": visit}));
    let i = &sheet["items"][0];
    assert_eq!(i["first_supply_left"], 3);
    assert_eq!(
        i["proposed"],
        json!([
            {"batch_id": "b-early", "lot": "EARLY-A", "expires_on": "2098-01-31", "on_hand": 1, "packs": 1},
            {"batch_id": "b-late", "lot": "LATE-B", "expires_on": "2099-06-30", "on_hand": 5, "packs": 2}
        ]),
        "{sheet}"
    );
    let offered: Vec<&str> = i["offerable"]
        .as_array()
        .expect("offerable")
        .iter()
        .map(|b| b["batch_id"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(offered, ["b-early", "b-late"]);
    assert_eq!(i["short_by"], 0);
    assert_eq!(i["out_of_stock"], false);
    assert_eq!(i["eye"], "right eye");
    assert_eq!(
        i["directions"],
        "1 drop in the right eye four times daily for 7 days, then 1 drop twice daily for 7 days"
    );
    assert_eq!(sheet["prescriber_name"], "Test drokafor");
    assert_eq!(sheet["patient_name"], "Zoë Łukasiewicz");
}

#[test]
fn only_expired_or_quarantined_stock_is_out_of_stock() {
    let db = clinic();
    medicine(&db, "tim", "timolol", None);
    batch(&db, "t-old", "tim", "T-OLD", Some("2021-05-31"), 4);
    batch(&db, "t-held", "tim", "T-HELD", Some("2099-05-31"), 4);
    quarantine(&db, "t-held", "damaged in delivery");
    let (visit, _) =
        prescription_row_for_test(&db, json!([item("i1", Some("tim"), "timolol", 1, 0)]), true);
    let sheet = db.call("pharmacy.dispensing", json!({"visit_id": visit}));
    assert_eq!(sheet["items"][0]["out_of_stock"], true, "{sheet}");
    assert_eq!(sheet["items"][0]["short_by"], 1);
    assert_eq!(sheet["items"][0]["proposed"], json!([]));
}

#[test]
fn an_expired_or_quarantined_batch_is_refused_with_its_reason_and_nothing_is_written() {
    let db = clinic();
    stocked(&db);
    let (visit, _) = prescription_row_for_test(
        &db,
        json!([item("i1", Some("pred"), "prednisolone acetate", 1, 0)]),
        true,
    );
    let before = dispensed_rows(&db);
    let oplog = db.data_oplog_len();
    for (b, words) in [
        ("b-expired", "expired on 31/01/2020"),
        ("b-quar", "quarantined (supplier recall)"),
    ] {
        let e = db.call_err(
            "pharmacy.dispense",
            json!({"visit_id": visit, "items": [{"item_id": "i1", "batches": batches(&[(b, 1)]),
                   "other_batch_reason": "the pharmacist insists"}]}),
        );
        assert_eq!(e.code, ErrorCode::Validation, "{e:?}");
        assert_eq!(e.field.as_deref(), Some("items.0.batches.0.batch_id"));
        assert!(e.message.contains(words), "{}", e.message);
    }
    assert_eq!(dispensed_rows(&db), before);
    assert_eq!(db.data_oplog_len(), oplog);
    assert_eq!(stage(&db, &visit), "pharmacy");
}

#[test]
fn more_than_still_allowed_is_refused_and_nothing_is_written() {
    let db = clinic();
    stocked(&db);
    // 1 pack with 1 repeat: 2 packs may ever be handed over.
    let (visit, _) = prescription_row_for_test(
        &db,
        json!([
            item("i1", Some("pred"), "prednisolone acetate", 1, 1),
            item("i2", None, "bimatoprost", 1, 0)
        ]),
        true,
    );
    let before = dispensed_rows(&db);
    let e = db.call_err(
        "pharmacy.dispense",
        json!({"visit_id": visit, "items": [
            {"item_id": "i1", "batches": batches(&[("b-early", 1), ("b-late", 2)])}
        ]}),
    );
    assert_eq!(e.field.as_deref(), Some("items.0.batches"), "{e:?}");
    assert!(e.message.contains("At most 2 packs"), "{}", e.message);
    assert_eq!(
        dispensed_rows(&db),
        before,
        "a refused dispensing writes nothing"
    );
    assert_eq!(on_hand(&db, "b-early"), 1);

    // A good item beside a bad one: the whole dispensing is refused.
    let e = db.call_err(
        "pharmacy.dispense",
        json!({"visit_id": visit, "items": [
            {"item_id": "i1", "batches": batches(&[("b-early", 1)])},
            {"item_id": "i2", "batches": batches(&[("b-late", 1)])}
        ]}),
    );
    assert_eq!(e.field.as_deref(), Some("items.1.batches"), "{e:?}");
    assert!(e.message.contains("bought elsewhere"), "{}", e.message);
    assert_eq!(dispensed_rows(&db), before);

    // The first supply, then the repeat: then nothing more.
    db.call(
        "pharmacy.dispense",
        json!({"visit_id": visit, "items": [{"item_id": "i1", "batches": batches(&[("b-early", 1)])}]}),
    );
    db.call(
        "pharmacy.dispense",
        json!({"visit_id": visit, "items": [{"item_id": "i1", "batches": batches(&[("b-late", 1)])}]}),
    );
    let before = dispensed_rows(&db);
    let e = db.call_err(
        "pharmacy.dispense",
        json!({"visit_id": visit, "items": [{"item_id": "i1", "batches": batches(&[("b-late", 1)])}]}),
    );
    assert!(e.message.contains("At most 0 packs"), "{}", e.message);
    assert_eq!(dispensed_rows(&db), before);
}

#[test]
fn partial_dispensing_then_the_rest_and_the_visit_moves_to_billing_only_when_all_is_accounted_for()
{
    let db = clinic();
    stocked(&db);
    medicine(&db, "moxi", "moxifloxacin", Some(28));
    batch(&db, "m1", "moxi", "MOX-1", Some("2099-01-31"), 3);
    let (visit, _) = prescription_row_for_test(
        &db,
        json!([
            item("pred-line", Some("pred"), "prednisolone acetate", 3, 0),
            item("moxi-line", Some("moxi"), "moxifloxacin", 1, 0),
            item("elsewhere", None, "bimatoprost", 1, 0)
        ]),
        true,
    );
    let sheet = db.call("pharmacy.dispensing", json!({"visit_id": visit}));
    assert_eq!(sheet["items"][2]["status"], "bought_elsewhere");
    assert_eq!(
        sheet["items"][2]["accounted_for"], true,
        "bought elsewhere counts as accounted for"
    );
    let list = db.call("pharmacy.to_dispense", json!({}));
    let entry = list["visits"]
        .as_array()
        .expect("visits")
        .iter()
        .find(|v| v["visit_id"] == visit.as_str())
        .expect("on the pharmacy's list")
        .clone();
    assert_eq!(entry["lines_outstanding"], 2, "{entry}");
    assert_eq!(entry["lines_total"], 3);
    assert_eq!(entry["prescriber_name"], "Test drokafor");
    assert_eq!(entry["patient_mrn"], sheet["patient_mrn"]);

    // One pack of three (the earliest batch), nothing of the second line.
    let r = db.call(
        "pharmacy.dispense",
        json!({"visit_id": visit, "items": [{"item_id": "pred-line", "batches": batches(&[("b-early", 1)])}]}),
    );
    assert_eq!(r["moved_to_billing"], false);
    let pred = &r["sheet"]["items"][0];
    assert_eq!(pred["status"], "open");
    assert_eq!(pred["dispensed"], 1);
    assert_eq!(pred["first_supply_left"], 2);
    assert_eq!(pred["proposed"][0]["batch_id"], "b-late");
    assert_eq!(stage(&db, &visit), "pharmacy");

    // The rest of the steroid; the antibiotic still open keeps the visit here.
    let r = db.call(
        "pharmacy.dispense",
        json!({"visit_id": visit, "items": [{"item_id": "pred-line", "batches": batches(&[("b-late", 2)])}]}),
    );
    assert_eq!(r["moved_to_billing"], false);
    assert_eq!(r["sheet"]["items"][0]["status"], "dispensed");
    assert_eq!(r["sheet"]["all_accounted_for"], false);
    assert_eq!(stage(&db, &visit), "pharmacy");

    let r = db.call(
        "pharmacy.dispense",
        json!({"visit_id": visit, "items": [{"item_id": "moxi-line", "batches": batches(&[("m1", 1)])}]}),
    );
    assert_eq!(r["moved_to_billing"], true);
    assert_eq!(r["sheet"]["all_accounted_for"], true);
    assert_eq!(stage(&db, &visit), "billing");
    let list = db.call("pharmacy.to_dispense", json!({}));
    assert!(
        !list["visits"]
            .as_array()
            .expect("visits")
            .iter()
            .any(|v| v["visit_id"] == visit.as_str()),
        "{list}"
    );
}

#[test]
fn an_item_not_dispensed_says_why_and_accounts_for_the_line() {
    let db = clinic();
    stocked(&db);
    let (visit, _) = prescription_row_for_test(
        &db,
        json!([
            item("i1", Some("pred"), "prednisolone acetate", 1, 0),
            item("i2", Some("pred"), "prednisolone acetate", 1, 0)
        ]),
        true,
    );
    let e = db.call_err(
        "pharmacy.dispense",
        json!({"visit_id": visit, "items": [{"item_id": "i1", "not_dispensed": "other"}]}),
    );
    assert_eq!(e.field.as_deref(), Some("items.0.note"), "{e:?}");
    let e = db.call_err(
        "pharmacy.dispense",
        json!({"visit_id": visit, "items": [{"item_id": "i1"}]}),
    );
    assert_eq!(e.field.as_deref(), Some("items.0"), "{e:?}");
    let e = db.call_err(
        "pharmacy.dispense",
        json!({"visit_id": visit, "items": [{"item_id": "i1", "not_dispensed": "out_of_stock",
               "batches": batches(&[("b-early", 1)])}]}),
    );
    assert_eq!(e.field.as_deref(), Some("items.0"), "{e:?}");

    let r = db.call(
        "pharmacy.dispense",
        json!({"visit_id": visit, "items": [{"item_id": "i1", "not_dispensed": "declined"}]}),
    );
    assert_eq!(r["moved_to_billing"], false);
    assert_eq!(r["sheet"]["items"][0]["status"], "not_dispensed");
    assert_eq!(r["sheet"]["items"][0]["not_dispensed_reason"], "declined");
    assert_eq!(r["sheet"]["items"][0]["accounted_for"], true);
    let e = db.call_err(
        "pharmacy.dispense",
        json!({"visit_id": visit, "items": [{"item_id": "i1", "not_dispensed": "out_of_stock"}]}),
    );
    assert!(e.message.contains("already accounted for"), "{}", e.message);

    let r = db.call(
        "pharmacy.dispense",
        json!({"visit_id": visit, "items": [{"item_id": "i2", "not_dispensed": "other",
               "note": "Has an unopened bottle at home"}]}),
    );
    assert_eq!(r["moved_to_billing"], true);
    assert_eq!(stage(&db, &visit), "billing");
    let stored = db
        .fovea
        .with_connection(|c| {
            c.query_row(
                "SELECT outcome, quantity, reason, note FROM dispense_lines WHERE item_id = 'i2'",
                [],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                    ))
                },
            )
        })
        .expect("conn")
        .expect("line");
    assert_eq!(
        stored,
        (
            "not_dispensed".into(),
            0,
            "other".into(),
            "Has an unopened bottle at home".into()
        )
    );
    assert_eq!(on_hand(&db, "b-early"), 1, "nothing left stock");
}

#[test]
fn another_batch_than_proposed_needs_a_reason() {
    let db = clinic();
    stocked(&db);
    let (visit, _) = prescription_row_for_test(
        &db,
        json!([item("i1", Some("pred"), "prednisolone acetate", 1, 0)]),
        true,
    );
    let before = dispensed_rows(&db);
    let e = db.call_err(
        "pharmacy.dispense",
        json!({"visit_id": visit, "items": [{"item_id": "i1", "batches": batches(&[("b-late", 1)])}]}),
    );
    assert_eq!(
        e.field.as_deref(),
        Some("items.0.other_batch_reason"),
        "{e:?}"
    );
    assert!(e.message.contains("EARLY-A"), "{}", e.message);
    assert_eq!(dispensed_rows(&db), before);
    let r = db.call(
        "pharmacy.dispense",
        json!({"visit_id": visit, "items": [{"item_id": "i1", "batches": batches(&[("b-late", 1)]),
               "other_batch_reason": "The early bottle's carton is damaged"}]}),
    );
    let note: String = db
        .fovea
        .with_connection(|c| {
            c.query_row(
                "SELECT note FROM dispense_lines WHERE id = ?1",
                [r["line_ids"][0].as_str().unwrap_or("")],
                |r| r.get(0),
            )
        })
        .expect("conn")
        .expect("note");
    assert_eq!(note, "The early bottle's carton is damaged");
}

#[test]
fn stock_drops_by_the_packs_and_the_patients_lot_is_in_the_ledger() {
    let db = clinic();
    stocked(&db);
    let (visit, patient) = prescription_row_for_test(
        &db,
        json!([item("i1", Some("pred"), "prednisolone acetate", 3, 0)]),
        true,
    );
    let r = db.call(
        "pharmacy.dispense",
        json!({"visit_id": visit, "items": [{"item_id": "i1",
               "batches": batches(&[("b-early", 1), ("b-late", 2)])}]}),
    );
    assert_eq!(on_hand(&db, "b-early"), 0);
    assert_eq!(on_hand(&db, "b-late"), 3);
    let line = r["line_ids"][0].as_str().expect("line").to_string();
    let moves = db
        .fovea
        .with_connection(|c| {
            let mut s = c.prepare(
                "SELECT b.lot, m.kind, m.quantity, m.patient_id, m.dispense_id FROM stock_movements m
                   JOIN stock_batches b ON b.id = m.batch_id WHERE m.patient_id IS NOT NULL ORDER BY b.lot",
            )?;
            s.query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()
        })
        .expect("conn")
        .expect("moves");
    assert_eq!(
        moves,
        vec![
            (
                "EARLY-A".into(),
                "dispense".into(),
                -1,
                patient.clone(),
                line.clone()
            ),
            (
                "LATE-B".into(),
                "dispense".into(),
                -2,
                patient.clone(),
                line.clone()
            ),
        ]
    );
    assert_eq!(
        count(
            &db,
            &format!("SELECT quantity FROM dispense_lines WHERE id = '{line}'")
        ),
        3
    );

    // The patient brings one back: into the batch it came from, never more than was handed over from it.
    let e = db.call_err(
        "pharmacy.return_from_patient",
        json!({"dispense_line_id": line, "batch_id": "b-early", "packs": 2, "reason": "Allergic reaction"}),
    );
    assert_eq!(e.field.as_deref(), Some("packs"), "{e:?}");
    let e = db.call_err(
        "pharmacy.return_from_patient",
        json!({"dispense_line_id": line, "batch_id": "b-quar", "packs": 1, "reason": "Allergic reaction"}),
    );
    assert_eq!(e.field.as_deref(), Some("batch_id"), "{e:?}");
    let back = db.call(
        "pharmacy.return_from_patient",
        json!({"dispense_line_id": line, "batch_id": "b-late", "packs": 1, "reason": "Allergic reaction"}),
    );
    assert_eq!(back["batch_on_hand"], 4);
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM stock_movements WHERE kind = 'patient_return' AND patient_id = '{patient}'
                   AND dispense_id = '{line}'"
            )
        ),
        1
    );
    let e = db.call_err(
        "pharmacy.return_from_patient",
        json!({"dispense_line_id": line, "batch_id": "b-late", "packs": 2, "reason": "Allergic reaction"}),
    );
    assert!(e.message.contains("1 pack"), "{}", e.message);

    // A dispensing (or a return of it) is not undone from the stock screens: the prescription would still count
    // the packs as handed over. The movements list says so before anyone tries.
    let listed = db.call("pharmacy.movements", json!({"batch_id": "b-early"}));
    let dispense = listed["movements"]
        .as_array()
        .expect("movements")
        .iter()
        .find(|m| m["kind"] == "dispense")
        .expect("the dispense is listed")
        .clone();
    assert_eq!(dispense["reversible"], false, "{dispense}");
    let before = count(&db, "SELECT count(*) FROM stock_movements");
    for kind in ["dispense", "patient_return"] {
        let id: String = db
            .fovea
            .with_connection(|c| {
                c.query_row(
                    "SELECT id FROM stock_movements WHERE kind = ?1 LIMIT 1",
                    [kind],
                    |r| r.get(0),
                )
            })
            .expect("conn")
            .expect("movement");
        let e = db.call_err(
            "pharmacy.reverse",
            json!({"movement_id": id, "reason": "wrong patient"}),
        );
        assert_eq!(e.code, ErrorCode::Conflict, "{e:?}");
        assert!(
            e.message.contains("return from the patient"),
            "{}",
            e.message
        );
    }
    assert_eq!(count(&db, "SELECT count(*) FROM stock_movements"), before);
}

#[test]
fn an_unsigned_examination_cannot_be_dispensed() {
    let db = clinic();
    stocked(&db);
    let (visit, _) = prescription_row_for_test(
        &db,
        json!([item("i1", Some("pred"), "prednisolone acetate", 1, 0)]),
        false,
    );
    let before = dispensed_rows(&db);
    let e = db.call_err(
        "pharmacy.dispense",
        json!({"visit_id": visit, "items": [{"item_id": "i1", "batches": batches(&[("b-early", 1)])}]}),
    );
    assert_eq!(e.code, ErrorCode::Conflict, "{e:?}");
    assert!(e.message.contains("not signed"), "{}", e.message);
    assert_eq!(
        db.call_err("pharmacy.dispensing", json!({"visit_id": visit}))
            .code,
        ErrorCode::Conflict
    );
    assert_eq!(dispensed_rows(&db), before);
    let list = db.call("pharmacy.to_dispense", json!({}));
    let entry = list["visits"]
        .as_array()
        .expect("visits")
        .iter()
        .find(|v| v["visit_id"] == visit.as_str())
        .expect("the card at the pharmacy stage is listed")
        .clone();
    assert_eq!(entry["signed_at"], Value::Null);
    assert_eq!(entry["prescriber_name"], Value::Null);
}

#[test]
fn only_the_pharmacist_dispenses() {
    let db = clinic();
    stocked(&db);
    let (visit, _) = prescription_row_for_test(
        &db,
        json!([item("i1", Some("pred"), "prednisolone acetate", 1, 0)]),
        true,
    );
    let before = dispensed_rows(&db);
    for user in ["till", "drokafor", "frontdesk"] {
        db.sign_in(user, PASSWORD);
        for (op, body) in [
            (
                "pharmacy.dispense",
                json!({"visit_id": visit, "items": [{"item_id": "i1", "batches": batches(&[("b-early", 1)])}]}),
            ),
            ("pharmacy.dispensing", json!({"visit_id": visit})),
            ("pharmacy.to_dispense", json!({})),
            (
                "pharmacy.print_label",
                json!({"visit_id": visit, "item_id": "i1"}),
            ),
        ] {
            assert_eq!(
                db.call_err(op, body).code,
                ErrorCode::PermissionDenied,
                "{user} {op}"
            );
        }
    }
    assert_eq!(dispensed_rows(&db), before);
}

#[test]
fn an_earlier_visit_with_a_line_still_open_stays_on_the_pharmacys_list() {
    let db = clinic();
    stocked(&db);
    let (visit, _) = prescription_row_for_test(
        &db,
        json!([item("i1", Some("pred"), "prednisolone acetate", 2, 0)]),
        true,
    );
    db.call(
        "pharmacy.dispense",
        json!({"visit_id": visit, "items": [{"item_id": "i1", "batches": batches(&[("b-early", 1)])}]}),
    );
    // The patient went home with one pack of two; it is now another day and the card has left the board.
    sql(
        &db,
        "UPDATE visits SET clinic_day = '2026-01-05', stage = 'done' WHERE id = ?1",
        &[&visit],
    );
    let list = db.call("pharmacy.to_dispense", json!({}));
    let entry = list["visits"]
        .as_array()
        .expect("visits")
        .iter()
        .find(|v| v["visit_id"] == visit.as_str())
        .expect("still on the list")
        .clone();
    assert_eq!(entry["earlier"], true);
    assert_eq!(entry["lines_outstanding"], 1);
    db.call(
        "pharmacy.dispense",
        json!({"visit_id": visit, "items": [{"item_id": "i1", "batches": batches(&[("b-late", 1)])}]}),
    );
    let list = db.call("pharmacy.to_dispense", json!({}));
    assert!(
        !list["visits"]
            .as_array()
            .expect("visits")
            .iter()
            .any(|v| v["visit_id"] == visit.as_str())
    );
}

fn pdf_text(path: &str) -> String {
    let out = std::process::Command::new("pdftotext")
        .args([path, "-"])
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    assert!(out.status.success(), "pdftotext failed on {path}");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_label_says_who_what_how_and_when_to_discard_in_words() {
    let db = clinic();
    stocked(&db);
    let (visit, _) = prescription_row_for_test(
        &db,
        json!([item("i1", Some("pred"), "prednisolone acetate", 1, 0)]),
        true,
    );
    let e = db.call_err(
        "pharmacy.print_label",
        json!({"visit_id": visit, "item_id": "i1"}),
    );
    assert_eq!(
        e.code,
        ErrorCode::Conflict,
        "nothing handed over yet: {e:?}"
    );
    let r = db.call(
        "pharmacy.dispense",
        json!({"visit_id": visit, "items": [{"item_id": "i1", "batches": batches(&[("b-early", 1)])}]}),
    );
    let mrn = r["sheet"]["patient_mrn"].as_str().expect("mrn").to_string();
    let doc = db.call(
        "pharmacy.print_label",
        json!({"visit_id": visit, "item_id": "i1"}),
    );
    assert!(
        !doc["file_name"].as_str().unwrap_or("").contains("Zo"),
        "no name in the file name"
    );
    let text = pdf_text(doc["path"].as_str().expect("path"));
    let dispensed: String = db
        .fovea
        .with_connection(|c| {
            c.query_row("SELECT dispensed_at FROM dispense_lines", [], |r| r.get(0))
        })
        .expect("conn")
        .expect("line");
    let day = chrono::DateTime::parse_from_rfc3339(&dispensed)
        .expect("instant")
        .with_timezone(&chrono_tz::Europe::Dublin)
        .date_naive();
    let discard = day + chrono::Days::new(28);
    for want in [
        "Test Eye Clinic",
        "+353 1 555 0100",
        "Zoë Łukasiewicz",
        &format!("MRN {mrn}"),
        "PREDNISOLONE ACETATE 1% suspension",
        "1 drop in the right eye four times daily for 7 days, then 1 drop twice daily for 7 days",
        &format!(
            "Quantity: 1 pack of 5 mL · Dispensed {}",
            day.format("%d/%m/%Y")
        ),
        "Lot EARLY-A, expires 31/01/2098",
        &format!(
            "Discard 28 days after opening, by {} if opened today",
            discard.format("%d/%m/%Y")
        ),
        "Keep out of the reach of children",
    ] {
        assert!(text.contains(want), "missing {want:?} in {text:?}");
    }
    for bad in [" OD ", "QID", "q.i.d"] {
        assert!(!text.contains(bad), "{bad} in {text}");
    }
}
