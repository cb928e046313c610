//! Billing at the cash desk: the arithmetic (property-tested), gapless numbers across a failed issue and a void,
//! issued invoices frozen even against raw SQL, the proposal from a visit with a dispensed medicine, partial
//! payments and change, overpayment credit used on the next invoice, refund limits, permissions, the visit moving
//! to done, the free follow-up rule and a price change that leaves an issued invoice alone.

use fovea_core::ErrorCode;
use fovea_core::billing::arithmetic::{self, DiscountValue, LineAmounts};
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::support::{ADMIN_PASSWORD, TestDb};

pub(crate) const PASSWORD: &str = "a long test password";
const STAMP: &str = "2026-01-05T09:00:00.000Z";

// ── Arithmetic ──────────────────────────────────────────────────────────────────────────────────────────────────

fn discount() -> impl Strategy<Value = Option<(bool, i64)>> {
    prop_oneof![Just(None), (any::<bool>(), 0i64..=10_000).prop_map(Some),]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn billing_lines_sum_to_the_totals_and_nothing_goes_negative(
        lines in prop::collection::vec((1i64..=50, 0i64..=200_000, discount(), 0i64..=3_000), 1..12)
    ) {
        let mut amounts: Vec<LineAmounts> = Vec::new();
        for (i, (qty, unit, d, tax)) in lines.iter().enumerate() {
            let gross = qty * unit;
            let value = d.map(|(amount, v)| {
                if amount { DiscountValue::AmountMinor(v.min(gross)) } else { DiscountValue::PercentBp(v) }
            });
            let a = arithmetic::line(&format!("lines.{i}"), *qty, *unit, value, *tax).expect("a valid line");
            prop_assert_eq!(a.gross_minor, gross);
            prop_assert!(a.discount_minor >= 0 && a.discount_minor <= gross);
            prop_assert!(a.net_minor >= 0);
            prop_assert_eq!(a.net_minor, gross - a.discount_minor);
            // A percentage is rounded on its own line, half up.
            if let Some(DiscountValue::PercentBp(p)) = value {
                prop_assert_eq!(a.discount_minor, (gross * p + 5_000) / 10_000);
            }
            prop_assert_eq!(a.tax_minor, (a.net_minor * tax + 5_000) / 10_000);
            amounts.push(a);
        }
        let t = arithmetic::totals(&amounts);
        prop_assert_eq!(t.subtotal_minor, amounts.iter().map(|a| a.net_minor).sum::<i64>());
        prop_assert_eq!(t.tax_minor, amounts.iter().map(|a| a.tax_minor).sum::<i64>());
        prop_assert_eq!(t.total_minor, t.subtotal_minor + t.tax_minor);
        prop_assert_eq!(t.gross_minor - t.discount_minor, t.subtotal_minor);
        prop_assert!(t.total_minor >= 0);
    }

    #[test]
    fn billing_refuses_discounts_that_would_make_a_line_negative(
        qty in 1i64..=20, unit in 0i64..=10_000, over in 1i64..=10_000
    ) {
        let gross = qty * unit;
        prop_assert!(arithmetic::line("l", qty, unit, Some(DiscountValue::AmountMinor(gross + over)), 0).is_err());
        prop_assert!(arithmetic::line("l", qty, unit, Some(DiscountValue::AmountMinor(-over)), 0).is_err());
        prop_assert!(arithmetic::line("l", qty, unit, Some(DiscountValue::PercentBp(10_000 + over)), 0).is_err());
    }
}

// ── Set-up ──────────────────────────────────────────────────────────────────────────────────────────────────────

/// A clinic with a doctor, a pharmacist and a cashier, and a price list set by the administrator: a new
/// consultation 50.00, a follow-up 30.00, a refraction 20.00 and an OCT 80.00 with 18 % tax.
fn clinic() -> TestDb {
    priced(TestDb::set_up())
}

/// [`clinic`] on a database already set up.
pub(crate) fn priced(db: TestDb) -> TestDb {
    db.become_user("drokafor", &["doctor"]);
    db.become_user("pharm", &["pharmacist"]);
    db.become_user("till", &["cashier"]);
    db.sign_in("admin", ADMIN_PASSWORD);
    for (code, name, kind, price, tax) in [
        ("CONS-N", "New consultation", "consultation_new", 5000, 0),
        (
            "CONS-F",
            "Follow-up consultation",
            "consultation_follow_up",
            3000,
            0,
        ),
        ("REF", "Refraction", "refraction", 2000, 0),
        ("OCT", "OCT scan", "test", 8000, 1800),
    ] {
        let s = db.call(
            "billing.save_service",
            json!({"id": null, "code": code, "name": name, "kind": kind, "active": true}),
        );
        db.call(
            "billing.set_price",
            json!({"service_id": s["id"], "price_minor": price, "tax_rate_bp": tax, "valid_from": "2020-01-01"}),
        );
    }
    db.sign_in("till", PASSWORD);
    db
}

pub(crate) fn service_id(db: &TestDb, code: &str) -> String {
    scalar(
        db,
        &format!("SELECT id FROM services WHERE code = '{code}'"),
    )
}

pub(crate) fn sql(db: &TestDb, q: &str) -> Result<usize, String> {
    db.fovea
        .with_connection(|c| c.execute_batch(q).map(|_| 0).map_err(|e| e.to_string()))
        .expect("conn")
}

pub(crate) fn scalar<T: rusqlite::types::FromSql>(db: &TestDb, q: &str) -> T {
    db.fovea
        .with_connection(|c| c.query_row(q, [], |r| r.get(0)))
        .expect("conn")
        .unwrap_or_else(|e| panic!("{q}: {e}"))
}

/// A walk-in for the doctor, sent to billing by the front desk. Leaves the database acting as the cashier.
/// Returns (visit id, patient id).
pub(crate) fn visit_at_billing(db: &TestDb, patient: Option<&str>) -> (String, String) {
    db.sign_in("drokafor", PASSWORD);
    let doctor = db.call("auth.session", json!({}))["id"].clone();
    db.sign_in("frontdesk", PASSWORD);
    let patient_id = match patient {
        Some(p) => p.to_string(),
        None => db.register("Zoë", "Łukasiewicz", "1961-03-04", &["+353 87 555 0199"])["id"]
            .as_str()
            .expect("id")
            .to_string(),
    };
    let visit = db.call(
        "appointments.walk_in",
        json!({"patient_id": patient_id, "clinician_id": doctor, "reason": "Red eye"}),
    )["visit_id"]
        .as_str()
        .expect("visit")
        .to_string();
    db.call("queue.move", json!({"visit_id": visit, "stage": "billing"}));
    db.sign_in("till", PASSWORD);
    (visit, patient_id)
}

pub(crate) fn stage(db: &TestDb, visit: &str) -> String {
    scalar(
        db,
        &format!("SELECT stage FROM visits WHERE id = '{visit}'"),
    )
}

/// A proposed draft, issued: answers the issued invoice.
pub(crate) fn issued(db: &TestDb, visit: &str) -> Value {
    let draft = db.call("billing.propose", json!({"visit_id": visit}));
    db.call("billing.issue", json!({"invoice_id": draft["id"]}))
}

pub(crate) fn pay(db: &TestDb, invoice: &Value, method: &str, amount: i64) -> Value {
    db.call(
        "billing.pay",
        json!({"invoice_id": invoice["id"], "method": method, "amount_minor": amount}),
    )
}

// ── Numbers ─────────────────────────────────────────────────────────────────────────────────────────────────────

#[test]
fn billing_numbers_are_gapless_per_workstation_across_a_failed_issue_and_a_void() {
    let db = clinic();
    let (v1, _) = visit_at_billing(&db, None);
    let first = issued(&db, &v1);
    let number = first["number"].as_str().expect("number").to_string();
    let year = &number[3..7];
    assert_eq!(number, format!("R1-{year}-000001"), "{first}");

    // A draft without lines fails before any number is taken.
    let (v2, _) = visit_at_billing(&db, None);
    let draft = db.call("billing.propose", json!({"visit_id": v2}));
    let emptied = db.call(
        "billing.save_draft",
        json!({"invoice_id": draft["id"], "payer_kind": "patient", "lines": []}),
    );
    assert_eq!(emptied["lines"], json!([]));
    let e = db.call_err("billing.issue", json!({"invoice_id": draft["id"]}));
    assert_eq!(e.code, ErrorCode::Validation, "{e:?}");

    // A failure after the number is taken (here the database refusing the update) rolls the number back.
    let line = json!([{"source": {"kind": "service", "service_id": service_id(&db, "CONS-N")}, "quantity": 1}]);
    db.call(
        "billing.save_draft",
        json!({"invoice_id": draft["id"], "payer_kind": "patient", "lines": line}),
    );
    let id = draft["id"].as_str().expect("id");
    sql(
        &db,
        &format!(
            "CREATE TRIGGER test_issue_fails BEFORE UPDATE OF status ON invoices WHEN new.id = '{id}'
             BEGIN SELECT RAISE(ABORT, 'the disk is full'); END;"
        ),
    )
    .expect("trigger");
    db.call_err("billing.issue", json!({"invoice_id": id}));
    assert_eq!(
        scalar::<i64>(
            &db,
            &format!("SELECT value FROM counters WHERE name = 'invoice-{year}'")
        ),
        1,
        "a failed issue consumes no number"
    );
    sql(&db, "DROP TRIGGER test_issue_fails").expect("drop");
    let second = db.call("billing.issue", json!({"invoice_id": id}));
    assert_eq!(second["number"], format!("R1-{year}-000002"));
    assert_eq!(second["status"], "issued");

    // A void keeps its number; the next invoice takes the one after it.
    db.sign_in("admin", ADMIN_PASSWORD);
    let void = db.call(
        "billing.void",
        json!({"invoice_id": id, "reason": "Billed to the wrong patient"}),
    );
    assert_eq!(void["status"], "void");
    assert_eq!(void["number"], format!("R1-{year}-000002"));
    assert_eq!(void["balance_minor"], 0);
    db.sign_in("till", PASSWORD);
    let (v3, _) = visit_at_billing(&db, None);
    let third = issued(&db, &v3);
    assert_eq!(third["number"], format!("R1-{year}-000003"));
    // A visit is billed once; once its invoice is void it may be billed again.
    let e = db.call_err("billing.propose", json!({"visit_id": v3}));
    assert_eq!(e.code, ErrorCode::Conflict, "{e:?}");
    assert!(e.message.contains("000003"), "{e:?}");
    let rebill = db.call("billing.propose", json!({"visit_id": v2}));
    assert_eq!(rebill["status"], "draft");
    assert_ne!(rebill["id"], second["id"]);
    // A draft carries no number.
    let (v4, _) = visit_at_billing(&db, None);
    let d4 = db.call("billing.propose", json!({"visit_id": v4}));
    assert_eq!(d4["number"], Value::Null);
    assert_eq!(d4["status"], "draft");
    let numbers: String = scalar(
        &db,
        "SELECT group_concat(substr(number, -6), ',') FROM (SELECT number FROM invoices WHERE number IS NOT NULL ORDER BY number)",
    );
    assert_eq!(numbers, "000001,000002,000003");
}

// ── Frozen ──────────────────────────────────────────────────────────────────────────────────────────────────────

#[test]
fn billing_an_issued_invoice_is_frozen_even_against_raw_sql() {
    let db = clinic();
    let (visit, _) = visit_at_billing(&db, None);
    let inv = issued(&db, &visit);
    let id = inv["id"].as_str().expect("id").to_string();
    assert_eq!(inv["totals"]["total_minor"], 5000);

    let e = db.call_err(
        "billing.save_draft",
        json!({"invoice_id": id, "payer_kind": "patient", "lines": []}),
    );
    assert_eq!(e.code, ErrorCode::Conflict, "{e:?}");
    let e = db.call_err("billing.issue", json!({"invoice_id": id}));
    assert_eq!(e.code, ErrorCode::Conflict, "{e:?}");

    for attack in [
        format!("UPDATE invoices SET lines = '[]' WHERE id = '{id}'"),
        format!("UPDATE invoices SET total_minor = 1 WHERE id = '{id}'"),
        format!("UPDATE invoices SET number = 'R1-0000-999999' WHERE id = '{id}'"),
        format!("UPDATE invoices SET status = 'draft' WHERE id = '{id}'"),
        format!("UPDATE invoices SET status = 'void', void_reason = 'x', voided_at = 'now', total_minor = 0 WHERE id = '{id}'"),
        format!("DELETE FROM invoices WHERE id = '{id}'"),
        format!(
            "INSERT OR REPLACE INTO invoices (id, patient_id, status, currency, created_by, created_at, updated_at)
             SELECT id, patient_id, 'draft', currency, created_by, created_at, updated_at FROM invoices WHERE id = '{id}'"
        ),
        format!(
            "INSERT OR REPLACE INTO invoices (id, patient_id, status, currency, number, total_minor, issued_at,
                                              created_by, created_at, updated_at)
             SELECT 'other', patient_id, 'issued', currency, number, 0, issued_at, created_by, created_at, updated_at
               FROM invoices WHERE id = '{id}'"
        ),
        format!("REPLACE INTO invoices SELECT * FROM invoices WHERE id = '{id}'"),
    ] {
        let e = sql(&db, &attack).expect_err(&attack);
        assert!(
            e.contains("never changed") || e.contains("never deleted") || e.contains("never replaced"),
            "{attack}: {e}"
        );
    }
    let after = db.call("billing.invoice", json!({"invoice_id": id}));
    assert_eq!(after["lines"], inv["lines"]);
    assert_eq!(after["number"], inv["number"]);

    // Payments: never changed, deleted or replaced.
    let paid = pay(&db, &inv, "cash", 1000);
    let pid = paid["payment_id"].as_str().expect("payment").to_string();
    for attack in [
        format!("UPDATE payments SET amount_minor = 1 WHERE id = '{pid}'"),
        format!("DELETE FROM payments WHERE id = '{pid}'"),
        format!("REPLACE INTO payments SELECT * FROM payments WHERE id = '{pid}'"),
        "UPDATE patient_credit SET amount_minor = 1".to_string(),
    ] {
        if let Err(e) = sql(&db, &attack) {
            assert!(e.contains("never"), "{attack}: {e}");
        } else {
            // No credit rows exist yet, so that UPDATE touches nothing; the rest must fail.
            assert!(attack.contains("patient_credit"), "{attack} was accepted");
        }
    }
    assert_eq!(
        scalar::<i64>(
            &db,
            &format!("SELECT amount_minor FROM payments WHERE id = '{pid}'")
        ),
        1000
    );

    // A void invoice accepts nothing more, not even a new reason.
    let (v2, _) = visit_at_billing(&db, None);
    let other = issued(&db, &v2);
    db.sign_in("admin", ADMIN_PASSWORD);
    db.call(
        "billing.void",
        json!({"invoice_id": other["id"], "reason": "Duplicate"}),
    );
    let oid = other["id"].as_str().expect("id");
    let e = sql(
        &db,
        &format!("UPDATE invoices SET void_reason = 'other' WHERE id = '{oid}'"),
    )
    .expect_err("void is final");
    assert!(e.contains("never changed"), "{e}");
    let e = db.call_err(
        "billing.void",
        json!({"invoice_id": other["id"], "reason": "Again"}),
    );
    assert_eq!(e.code, ErrorCode::Conflict);
}

// ── Proposal ────────────────────────────────────────────────────────────────────────────────────────────────────

/// TEST HELPER — stands in for the prescribing operations as the dispensing tests do: a signed prescription of
/// 2 packs of prednisolone, written by raw SQL before signing, with a saved work-up; the pharmacist dispenses them
/// from lot LOT-7 and the visit moves on to billing. Leaves the database acting as the cashier.
fn dispensed_visit(db: &TestDb) -> (String, String) {
    let admin: String = scalar(db, "SELECT id FROM users WHERE username = 'admin'");
    sql(
        db,
        &format!(
            "INSERT INTO medicines (id, generic_name, strength, form, route, pack_size_hundredths, pack_unit,
                                    price_minor, created_at, updated_at)
             VALUES ('pred', 'prednisolone acetate', '1%', 'suspension', 'eye', 500, 'ml', 1250, '{STAMP}', '{STAMP}');
             INSERT INTO stock_batches (id, medicine_id, lot, expires_on, received_at, created_at, updated_at)
             VALUES ('b7', 'pred', 'LOT-7', '2099-01-31', '{STAMP}', '{STAMP}', '{STAMP}');
             INSERT INTO stock_movements (id, batch_id, medicine_id, kind, quantity, moved_at, moved_by, created_at)
             VALUES ('r7', 'b7', 'pred', 'receipt', 10, '{STAMP}', '{admin}', '{STAMP}');"
        ),
    )
    .expect("stock");
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
            "complaint": "Painful red right eye", "ocular_history": null,
            "diagnoses": [{"code": "H25.11", "eye": "od", "note": null}],
            "plan": "Topical steroid", "follow_up": {"kind": "months", "count": 6}, "copied": []
        }}),
    );
    let exam: String = scalar(
        db,
        &format!("SELECT id FROM examinations WHERE visit_id = '{visit}'"),
    );
    let items = json!([{
        "id": "i1",
        "medicine": {"medicine_id": "pred", "generic_name": "prednisolone acetate", "brand": null, "strength": "1%",
                     "form": "suspension"},
        "eye": "od",
        "steps": [{"dose": {"amount_tenths": 10, "unit": "drop"}, "frequency": "four_times_daily", "days": 7}],
        "quantity": 2, "repeats": 0, "from_stock": true, "instructions": null
    }]);
    let doctor_id = doctor.as_str().expect("doctor");
    let patient_id = patient["id"].as_str().expect("id").to_string();
    sql(
        db,
        &format!(
            "INSERT INTO medication_prescriptions (id, examination_id, visit_id, patient_id, items, written_by,
                                                   created_at, updated_at)
             VALUES ('rx', '{exam}', '{visit}', '{patient_id}', '{items}', '{doctor_id}', '{STAMP}', '{STAMP}');
             UPDATE examinations SET workup_saved_at = '{STAMP}' WHERE id = '{exam}';"
        ),
    )
    .expect("prescription");
    db.call(
        "exams.sign",
        json!({"visit_id": visit, "password": PASSWORD}),
    );
    db.sign_in("pharm", PASSWORD);
    db.call(
        "queue.move",
        json!({"visit_id": visit, "stage": "pharmacy"}),
    );
    let res = db.call(
        "pharmacy.dispense",
        json!({"visit_id": visit, "items": [{"item_id": "i1", "batches": [{"batch_id": "b7", "packs": 2}]}]}),
    );
    assert_eq!(res["moved_to_billing"], true, "{res}");
    db.sign_in("till", PASSWORD);
    (visit, patient_id)
}

#[test]
fn billing_proposes_the_visit_consultation_refraction_and_dispensed_medicine_with_its_lot() {
    let db = clinic();
    let (visit, patient) = dispensed_visit(&db);
    let list = db.call("billing.to_bill", json!({}));
    let card = list["visits"]
        .as_array()
        .expect("visits")
        .iter()
        .find(|v| v["visit_id"] == visit)
        .cloned()
        .expect("the visit waits at billing");
    assert_eq!(card["draft_invoice_id"], Value::Null);

    let draft = db.call("billing.propose", json!({"visit_id": visit}));
    assert_eq!(draft["status"], "draft");
    assert_eq!(draft["patient_id"], patient);
    assert_eq!(draft["patient_name"], "Zoë Łukasiewicz");
    let lines = draft["lines"].as_array().expect("lines");
    let words: Vec<(String, i64, i64)> = lines
        .iter()
        .map(|l| {
            (
                l["description"].as_str().unwrap_or("").to_string(),
                l["quantity"].as_i64().unwrap_or(0),
                l["amounts"]["net_minor"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        words,
        [
            ("New consultation".to_string(), 1, 5000),
            ("Refraction".to_string(), 1, 2000),
            ("prednisolone acetate 1% (lot LOT-7)".to_string(), 2, 2500),
        ],
        "{draft}"
    );
    assert_eq!(lines[2]["source"]["lot"], "LOT-7");
    assert_eq!(lines[2]["source"]["batch_id"], "b7");
    assert_eq!(lines[2]["unit_price_minor"], 1250);
    assert_eq!(draft["totals"]["total_minor"], 9500);

    // Proposing again answers the same draft; the billing list shows its total.
    let again = db.call("billing.propose", json!({"visit_id": visit}));
    assert_eq!(again["id"], draft["id"]);
    let list = db.call("billing.to_bill", json!({}));
    let card = &list["visits"].as_array().expect("visits")[0];
    assert_eq!(card["draft_invoice_id"], draft["id"]);
    assert_eq!(card["draft_total_minor"], 9500);

    // The cashier adds an OCT (taxed) and gives 10 % off the medicine with a reason.
    let saved = db.call(
        "billing.save_draft",
        json!({"invoice_id": draft["id"], "payer_kind": "patient", "lines": [
            {"source": {"kind": "service", "service_id": service_id(&db, "CONS-N")}, "quantity": 1},
            {"source": {"kind": "medicine", "medicine_id": "pred", "batch_id": "b7"}, "quantity": 2,
             "discount": {"value": {"kind": "percent_bp", "value": 1000}, "reason": "Pensioner"}},
            {"source": {"kind": "service", "service_id": service_id(&db, "OCT")}, "quantity": 1}
        ]}),
    );
    // 5000 + (2500 − 250) + (8000 + 1440 tax) = 16690.
    assert_eq!(saved["lines"][1]["amounts"]["discount_minor"], 250);
    assert_eq!(saved["lines"][2]["amounts"]["tax_minor"], 1440);
    assert_eq!(saved["totals"]["total_minor"], 16690);
    let inv = db.call("billing.issue", json!({"invoice_id": draft["id"]}));
    assert_eq!(inv["totals"]["total_minor"], 16690);
    assert_eq!(
        scalar::<i64>(
            &db,
            &format!(
                "SELECT total_minor FROM invoices WHERE id = '{}'",
                inv["id"].as_str().unwrap_or("")
            )
        ),
        16690
    );
    assert_eq!(stage(&db, &visit), "billing", "nothing paid yet");
}

// ── Payments ────────────────────────────────────────────────────────────────────────────────────────────────────

#[test]
fn billing_partial_payments_give_change_and_paying_in_full_moves_the_visit_to_done() {
    let db = clinic();
    let (visit, patient) = visit_at_billing(&db, None);
    let inv = issued(&db, &visit);
    assert_eq!(inv["balance_minor"], 5000);

    let e = db.call_err(
        "billing.pay",
        json!({"invoice_id": inv["id"], "method": "cash", "amount_minor": 2000, "tendered_minor": 1000}),
    );
    assert_eq!(e.field.as_deref(), Some("tendered_minor"));
    let cash = db.call(
        "billing.pay",
        json!({"invoice_id": inv["id"], "method": "cash", "amount_minor": 2000, "tendered_minor": 5000}),
    );
    assert_eq!(cash["change_minor"], 3000);
    assert_eq!(cash["moved_to_done"], false);
    assert_eq!(cash["invoice"]["balance_minor"], 3000);
    assert_eq!(cash["invoice"]["payments"][0]["tendered_minor"], 5000);
    assert_eq!(cash["invoice"]["payments"][0]["change_minor"], 3000);
    assert_eq!(stage(&db, &visit), "billing");

    let e = db.call_err(
        "billing.pay",
        json!({"invoice_id": inv["id"], "method": "cheque", "amount_minor": 1000}),
    );
    assert_eq!(e.field.as_deref(), Some("reference"));
    let e = db.call_err(
        "billing.pay",
        json!({"invoice_id": inv["id"], "method": "card", "amount_minor": 3001}),
    );
    assert_eq!(
        e.field.as_deref(),
        Some("amount_minor"),
        "more than owed, not kept as credit"
    );

    let card = db.call(
        "billing.pay",
        json!({"invoice_id": inv["id"], "method": "card", "amount_minor": 3000, "reference": "slip 4471"}),
    );
    assert_eq!(card["invoice"]["balance_minor"], 0);
    assert_eq!(card["invoice"]["paid_minor"], 5000);
    assert_eq!(card["moved_to_done"], true);
    assert_eq!(stage(&db, &visit), "done");
    let e = db.call_err(
        "billing.pay",
        json!({"invoice_id": inv["id"], "method": "cash", "amount_minor": 1}),
    );
    assert_eq!(e.code, ErrorCode::Conflict);

    let mine = db.call("billing.patient_invoices", json!({"patient_id": patient}));
    assert_eq!(mine["invoices"][0]["paid_minor"], 5000);
    assert_eq!(mine["balance_minor"], 0);

    // The audit trail names the patient for the payment.
    let audited: String = scalar(
        &db,
        "SELECT patient_id FROM audit_log WHERE operation = 'billing.pay' AND outcome = 'ok' ORDER BY seq DESC LIMIT 1",
    );
    assert_eq!(audited, patient);
    // Every write went through the operation log, so it replicates.
    assert_eq!(
        scalar::<i64>(&db, "SELECT count(*) FROM oplog WHERE tbl = 'payments'"),
        2
    );
    let invoice_id = inv["id"].as_str().expect("id");
    assert_eq!(
        scalar::<i64>(
            &db,
            &format!(
                "SELECT count(*) FROM oplog WHERE tbl = 'invoices' AND row_id = '{invoice_id}'"
            )
        ),
        2,
        "proposed, then issued"
    );
}

#[test]
fn billing_an_overpayment_becomes_credit_used_on_the_next_invoice() {
    let db = clinic();
    let (v1, patient) = visit_at_billing(&db, None);
    let first = issued(&db, &v1);
    let res = db.call(
        "billing.pay",
        json!({"invoice_id": first["id"], "method": "mobile_money", "amount_minor": 6000, "keep_as_credit": true,
               "reference": "MM-88"}),
    );
    assert_eq!(res["credit_kept_minor"], 1000);
    assert_eq!(res["invoice"]["balance_minor"], 0);
    assert_eq!(res["invoice"]["patient_credit_minor"], 1000);
    assert_eq!(stage(&db, &v1), "done");

    let (v2, _) = visit_at_billing(&db, Some(&patient));
    let second = issued(&db, &v2);
    assert_eq!(
        second["patient_credit_minor"], 1000,
        "the credit is offered"
    );
    let e = db.call_err(
        "billing.pay",
        json!({"invoice_id": second["id"], "method": "credit", "amount_minor": 1500}),
    );
    assert_eq!(e.field.as_deref(), Some("amount_minor"), "{e:?}");
    let used = pay(&db, &second, "credit", 1000);
    assert_eq!(used["invoice"]["balance_minor"], 4000);
    assert_eq!(used["invoice"]["patient_credit_minor"], 0);
    let e = db.call_err(
        "billing.pay",
        json!({"invoice_id": second["id"], "method": "credit", "amount_minor": 1}),
    );
    assert!(e.message.contains("credit"), "{e:?}");
    let mine = db.call("billing.patient_invoices", json!({"patient_id": patient}));
    assert_eq!(mine["credit_minor"], 0);
    assert_eq!(mine["balance_minor"], 4000);
    assert_eq!(mine["invoices"].as_array().map(Vec::len), Some(2));
}

#[test]
fn billing_refunds_never_exceed_the_payment_and_no_amount_is_ever_negative() {
    let db = clinic();
    let (visit, _) = visit_at_billing(&db, None);
    let inv = issued(&db, &visit);
    for bad in [0, -500, i64::MAX] {
        let e = db.call_err(
            "billing.pay",
            json!({"invoice_id": inv["id"], "method": "cash", "amount_minor": bad}),
        );
        assert_eq!(e.field.as_deref(), Some("amount_minor"));
    }
    let paid = pay(&db, &inv, "card", 5000);
    let pid = paid["payment_id"].clone();

    // The cashier may not refund.
    let e = db.call_err(
        "billing.refund",
        json!({"payment_id": pid, "amount_minor": 100, "reason": "Overcharged"}),
    );
    assert_eq!(e.code, ErrorCode::PermissionDenied);

    db.sign_in("admin", ADMIN_PASSWORD);
    for (amount, field) in [
        (5001, "amount_minor"),
        (0, "amount_minor"),
        (-1, "amount_minor"),
    ] {
        let e = db.call_err(
            "billing.refund",
            json!({"payment_id": pid, "amount_minor": amount, "reason": "Overcharged"}),
        );
        assert_eq!(e.field.as_deref(), Some(field), "{amount}: {e:?}");
    }
    let e = db.call_err(
        "billing.refund",
        json!({"payment_id": pid, "amount_minor": 100, "reason": " "}),
    );
    assert_eq!(e.field.as_deref(), Some("reason"));
    let after = db.call(
        "billing.refund",
        json!({"payment_id": pid, "amount_minor": 2000, "reason": "OCT not done"}),
    );
    assert_eq!(after["paid_minor"], 3000);
    assert_eq!(after["balance_minor"], 2000);
    let refund = &after["payments"][1];
    assert_eq!(refund["kind"], "refund");
    assert_eq!(refund["method"], "card", "back by the payment's own method");
    assert_eq!(refund["refund_of"], pid);
    let e = db.call_err(
        "billing.refund",
        json!({"payment_id": pid, "amount_minor": 3001, "reason": "More"}),
    );
    assert!(e.message.contains("30.00"), "{e:?}");
    let e = db.call_err(
        "billing.refund",
        json!({"payment_id": refund["id"], "amount_minor": 1, "reason": "Refund a refund"}),
    );
    assert_eq!(e.field.as_deref(), Some("payment_id"));
    let all = db.call(
        "billing.refund",
        json!({"payment_id": pid, "amount_minor": 3000, "method": "cash", "reason": "Patient left"}),
    );
    assert_eq!(all["paid_minor"], 0);
    assert_eq!(all["payments"][2]["method"], "cash");
    // Fully refunded, it can now be voided.
    let void = db.call(
        "billing.void",
        json!({"invoice_id": inv["id"], "reason": "Service not given"}),
    );
    assert_eq!(void["status"], "void");
}

// ── Permissions ─────────────────────────────────────────────────────────────────────────────────────────────────

#[test]
fn billing_voids_large_discounts_and_prices_need_their_own_permissions() {
    let db = clinic();
    let (visit, patient) = visit_at_billing(&db, None);
    let draft = db.call("billing.propose", json!({"visit_id": visit}));
    let cons = service_id(&db, "CONS-N");
    let with_discount = |value: Value, reason: &str| {
        json!({"invoice_id": draft["id"], "payer_kind": "patient", "lines": [
            {"source": {"kind": "service", "service_id": cons}, "quantity": 1,
             "discount": {"value": value, "reason": reason}}
        ]})
    };
    // Within the 10 % limit: the cashier may.
    let ok = db.call(
        "billing.save_draft",
        with_discount(
            json!({"kind": "amount_minor", "value": 500}),
            "Staff family",
        ),
    );
    assert_eq!(ok["totals"]["total_minor"], 4500);
    let e = db.call_err(
        "billing.save_draft",
        with_discount(json!({"kind": "amount_minor", "value": 500}), ""),
    );
    assert_eq!(e.field.as_deref(), Some("lines.0.discount.reason"));
    let denied_before: i64 = scalar(
        &db,
        "SELECT count(*) FROM audit_log WHERE operation = 'billing.save_draft' AND outcome = 'denied'",
    );
    let e = db.call_err(
        "billing.save_draft",
        with_discount(json!({"kind": "percent_bp", "value": 5000}), "Hardship"),
    );
    assert_eq!(e.code, ErrorCode::PermissionDenied, "{e:?}");
    assert_eq!(e.field.as_deref(), Some("lines.0.discount"));
    assert!(e.message.contains("10 %"), "{e:?}");
    let denied: String = scalar(
        &db,
        "SELECT patient_id FROM audit_log WHERE operation = 'billing.save_draft' AND outcome = 'denied' ORDER BY seq DESC LIMIT 1",
    );
    assert_eq!(denied, patient, "the refusal is audited with the patient");
    assert_eq!(
        scalar::<i64>(
            &db,
            "SELECT count(*) FROM audit_log WHERE operation = 'billing.save_draft' AND outcome = 'denied'"
        ),
        denied_before + 1
    );
    let kept = db.call("billing.invoice", json!({"invoice_id": draft["id"]}));
    assert_eq!(
        kept["totals"]["total_minor"], 4500,
        "the refused save changed nothing"
    );

    // The cashier may not change prices or void; the administrator may do both and give the large discount.
    let e = db.call_err(
        "billing.set_price",
        json!({"service_id": cons, "price_minor": 1, "tax_rate_bp": 0, "valid_from": null}),
    );
    assert_eq!(e.code, ErrorCode::PermissionDenied);
    let inv = db.call("billing.issue", json!({"invoice_id": draft["id"]}));
    let e = db.call_err(
        "billing.void",
        json!({"invoice_id": inv["id"], "reason": "Wrong"}),
    );
    assert_eq!(e.code, ErrorCode::PermissionDenied);

    db.sign_in("frontdesk", PASSWORD);
    let e = db.call_err("billing.to_bill", json!({}));
    assert_eq!(
        e.code,
        ErrorCode::PermissionDenied,
        "reception does not bill"
    );

    db.sign_in("admin", ADMIN_PASSWORD);
    let (v2, _) = visit_at_billing(&db, Some(&patient));
    db.sign_in("admin", ADMIN_PASSWORD);
    let d2 = db.call("billing.propose", json!({"visit_id": v2}));
    let big = db.call(
        "billing.save_draft",
        json!({"invoice_id": d2["id"], "payer_kind": "patient", "lines": [
            {"source": {"kind": "service", "service_id": cons}, "quantity": 1,
             "discount": {"value": {"kind": "percent_bp", "value": 5000}, "reason": "Hardship"}}
        ]}),
    );
    assert_eq!(big["totals"]["total_minor"], 2500);
    let void = db.call(
        "billing.void",
        json!({"invoice_id": inv["id"], "reason": "Wrong patient"}),
    );
    assert_eq!(void["void_reason"], "Wrong patient");
}

// ── Payers, the free follow-up, prices ──────────────────────────────────────────────────────────────────────────

#[test]
fn billing_an_invoice_to_a_payer_moves_the_visit_to_done_when_issued() {
    let db = clinic();
    let (visit, _) = visit_at_billing(&db, None);
    let draft = db.call("billing.propose", json!({"visit_id": visit}));
    let e = db.call_err(
        "billing.save_draft",
        json!({"invoice_id": draft["id"], "payer_kind": "payer", "lines": []}),
    );
    assert_eq!(e.field.as_deref(), Some("payer_name"));
    let lines: Vec<Value> = draft["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .map(|l| json!({"source": {"kind": "service", "service_id": l["source"]["service_id"]}, "quantity": 1}))
        .collect();
    db.call(
        "billing.save_draft",
        json!({"invoice_id": draft["id"], "payer_kind": "payer", "payer_name": "Laya Healthcare",
               "payer_reference": "POL-123", "lines": lines}),
    );
    let inv = db.call("billing.issue", json!({"invoice_id": draft["id"]}));
    assert_eq!(inv["payer_name"], "Laya Healthcare");
    assert_eq!(inv["payer_reference"], "POL-123");
    assert_eq!(stage(&db, &visit), "done");
}

#[test]
fn billing_a_follow_up_within_the_free_days_of_a_paid_consultation_costs_nothing() {
    let db = clinic();
    db.sign_in("admin", ADMIN_PASSWORD);
    db.call(
        "billing.save_settings",
        json!({"free_follow_up_days": 30, "discount_limit_bp": 1000, "medicine_tax_bp": 0}),
    );
    db.sign_in("till", PASSWORD);
    let (v1, patient) = visit_at_billing(&db, None);
    let first = issued(&db, &v1);

    // Unpaid, the consultation does not make the follow-up free.
    let (v2, _) = visit_at_billing(&db, Some(&patient));
    sql(
        &db,
        &format!(
            "UPDATE appointments SET kind = 'follow_up' WHERE visit_id = '{v2}' OR id = (SELECT appointment_id FROM visits WHERE id = '{v2}')"
        ),
    )
    .expect("follow-up");
    let unpaid = db.call("billing.propose", json!({"visit_id": v2}));
    assert_eq!(unpaid["lines"][0]["description"], "Follow-up consultation");
    assert_eq!(unpaid["lines"][0]["unit_price_minor"], 3000, "{unpaid}");

    pay(&db, &first, "cash", 5000);
    let free = db.call("billing.propose", json!({"visit_id": v2, "replace": true}));
    assert_eq!(free["id"], unpaid["id"]);
    assert_eq!(free["lines"][0]["unit_price_minor"], 0, "{free}");
    assert!(
        free["lines"][0]["free_reason"]
            .as_str()
            .is_some_and(|r| r.contains("30 days")),
        "{free}"
    );
    let inv = db.call("billing.issue", json!({"invoice_id": free["id"]}));
    assert_eq!(inv["totals"]["total_minor"], 0);
    assert_eq!(stage(&db, &v2), "done", "nothing owed: done on issue");
}

#[test]
fn billing_a_new_price_applies_from_its_date_and_an_issued_invoice_keeps_its_own() {
    let db = clinic();
    let (visit, _) = visit_at_billing(&db, None);
    let inv = issued(&db, &visit);
    db.sign_in("admin", ADMIN_PASSWORD);
    let cons = service_id(&db, "CONS-N");
    let s = db.call(
        "billing.set_price",
        json!({"service_id": cons, "price_minor": 6000, "tax_rate_bp": 0, "valid_from": null}),
    );
    assert_eq!(s["price"]["price_minor"], 6000);
    let s = db.call(
        "billing.set_price",
        json!({"service_id": cons, "price_minor": 9900, "tax_rate_bp": 0, "valid_from": "2999-01-01"}),
    );
    assert_eq!(
        s["price"]["price_minor"], 6000,
        "a future price does not apply yet"
    );
    assert_eq!(s["prices"].as_array().map(Vec::len), Some(3));
    let e = db.call_err(
        "billing.save_service",
        json!({"id": null, "code": "cons-n", "name": "Again", "kind": "other", "active": true}),
    );
    assert_eq!(e.field.as_deref(), Some("code"));
    let again = db.call("billing.invoice", json!({"invoice_id": inv["id"]}));
    assert_eq!(again["lines"][0]["unit_price_minor"], 5000);
    assert_eq!(again["totals"]["total_minor"], 5000);
    db.sign_in("till", PASSWORD);
    let (v2, _) = visit_at_billing(&db, None);
    let next = db.call("billing.propose", json!({"visit_id": v2}));
    assert_eq!(next["lines"][0]["unit_price_minor"], 6000);
}

#[test]
fn billing_the_desk_takes_only_the_ways_of_paying_the_clinic_accepts() {
    let db = clinic();
    db.sign_in("admin", ADMIN_PASSWORD);
    let all = db.call("billing.settings", json!({}));
    assert_eq!(
        all["payment_methods"],
        json!(["cash", "card", "mobile_money", "bank_transfer", "cheque"])
    );
    let base = json!({"free_follow_up_days": 0, "discount_limit_bp": 1000, "medicine_tax_bp": 0});
    let with = |methods: Value| {
        let mut s = base.clone();
        s["payment_methods"] = methods;
        s
    };
    let e = db.call_err("billing.save_settings", with(json!([])));
    assert_eq!(e.field.as_deref(), Some("payment_methods"), "{e:?}");
    let e = db.call_err("billing.save_settings", with(json!(["cash", "credit"])));
    assert_eq!(e.field.as_deref(), Some("payment_methods"), "{e:?}");
    // Kept in the desk's order, each once.
    let saved = db.call(
        "billing.save_settings",
        with(json!(["card", "cash", "card"])),
    );
    assert_eq!(saved["payment_methods"], json!(["cash", "card"]));

    db.sign_in("till", PASSWORD);
    let (visit, _) = visit_at_billing(&db, None);
    let inv = issued(&db, &visit);
    let e = db.call_err(
        "billing.pay",
        json!({"invoice_id": inv["id"], "method": "cheque", "amount_minor": 1000, "reference": "CHQ-1"}),
    );
    assert_eq!(e.field.as_deref(), Some("method"), "{e:?}");
    assert!(e.message.contains("cheque"), "{e:?}");
    assert_eq!(
        scalar::<i64>(&db, "SELECT count(*) FROM payments"),
        0,
        "nothing taken"
    );
    let card = db.call(
        "billing.pay",
        json!({"invoice_id": inv["id"], "method": "card", "amount_minor": 1000, "reference": "SLIP-1"}),
    );
    // A refund goes back by card even once the clinic stops taking cards, but not by a way it does not use.
    db.sign_in("admin", ADMIN_PASSWORD);
    db.call("billing.save_settings", with(json!(["cash"])));
    let e = db.call_err(
        "billing.refund",
        json!({"payment_id": card["payment_id"], "amount_minor": 500, "method": "cheque", "reason": "Overcharged"}),
    );
    assert_eq!(e.field.as_deref(), Some("method"), "{e:?}");
    let back = db.call(
        "billing.refund",
        json!({"payment_id": card["payment_id"], "amount_minor": 500, "reason": "Overcharged"}),
    );
    assert_eq!(back["paid_minor"], 500);
}
