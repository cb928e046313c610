//! Medication prescriptions: validation by field, saving and keeping line ids, the seal of signing, where signing
//! sends the patient, warnings, tapers in dates, days of supply, templates, permissions and the printout.

use fovea_core::ErrorCode;
use serde_json::{Value, json};

use crate::support::TestDb;

const PASSWORD: &str = "a long test password";
const PREDNISOLONE: &str = "00000000-0000-7000-9000-0000000000a1";
const CHLORAMPHENICOL: &str = "00000000-0000-7000-9000-0000000000a2";
const ACETAZOLAMIDE: &str = "00000000-0000-7000-9000-0000000000a3";
const LUBRICANT: &str = "00000000-0000-7000-9000-0000000000a4";

/// Formulary rows as the formulary screens would leave them (written directly: that area is not under test).
fn formulary(db: &TestDb) {
    db.fovea
        .with_connection(|c| {
            c.execute_batch(&format!(
                "INSERT INTO medicines (id, generic_name, brand, strength, form, route, pack_size_hundredths,
                     pack_unit, stocked, created_at, updated_at) VALUES
                 ('{PREDNISOLONE}', 'prednisolone acetate', 'Pred Forte', '1%', 'suspension', 'eye', 500, 'ml', 1,
                  '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
                 ('{CHLORAMPHENICOL}', 'chloramphenicol', NULL, '0.5%', 'solution', 'eye', 1000, 'ml', 1,
                  '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
                 ('{ACETAZOLAMIDE}', 'acetazolamide', NULL, '250 mg', 'tablet', 'oral', 2800, 'tablets', 1,
                  '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
                 ('{LUBRICANT}', 'carbomer', NULL, '0.2%', 'gel', 'eye', 1000, 'g', 0,
                  '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');"
            ))
        })
        .expect("conn")
        .expect("formulary");
}

/// A clinic with an optometrist, a doctor, a pharmacist and the formulary; a patient with `allergies` checked in
/// for the doctor. Returns the database (acting as the doctor) and the visit id.
fn visit_with(allergies: Option<&str>) -> (TestDb, String) {
    let db = TestDb::set_up();
    formulary(&db);
    db.become_user("optom", &["optometrist"]);
    db.become_user("pharm", &["pharmacist"]);
    db.sign_in("admin", crate::support::ADMIN_PASSWORD);
    db.call(
        "users.create",
        json!({"username": "drnolan", "full_name": "Dr Úna Nolan", "roles": ["doctor"],
               "password": PASSWORD,
               "profile": {"specialization": "Consultant ophthalmologist", "licence_number": "IMC-55120",
                           "signature_text": null}}),
    );
    db.sign_in("drnolan", PASSWORD);
    let doctor = db.call("auth.session", json!({}))["id"].clone();
    db.sign_in("frontdesk", PASSWORD);
    let mut input = crate::support::input("Séamus", "Ó Riada", "1950-07-08", &[]);
    input["allergies"] = json!(allergies);
    input["address"] = json!("4 Quay Street\nGalway");
    let patient = db.call(
        "patients.register",
        json!({"patient": input, "allow_duplicate": true}),
    )["patient"]
        .clone();
    let visit = db.call(
        "appointments.walk_in",
        json!({"patient_id": patient["id"], "clinician_id": doctor, "reason": "After cataract surgery"}),
    )["visit_id"]
        .as_str()
        .expect("visit")
        .to_string();
    db.sign_in("drnolan", PASSWORD);
    (db, visit)
}

fn drops(frequency: &str, days: Option<u32>) -> Value {
    json!({"dose": {"amount_tenths": 10, "unit": "drop"}, "frequency": frequency, "days": days})
}

fn cataract_taper() -> Value {
    json!([
        drops("four_times_daily", Some(7)),
        drops("three_times_daily", Some(7)),
        drops("twice_daily", Some(7)),
        drops("once_daily", Some(7)),
    ])
}

fn pred_right_eye() -> Value {
    json!({"medicine_id": PREDNISOLONE, "eye": "od", "steps": cataract_taper(), "quantity": 1, "repeats": 0})
}

fn chloramphenicol_both() -> Value {
    json!({"medicine_id": CHLORAMPHENICOL, "eye": "ou", "steps": [drops("four_times_daily", Some(7))],
           "quantity": 1, "repeats": 1, "instructions": "Shake well; wait 5 minutes between drops."})
}

fn save(db: &TestDb, visit: &str, items: Value) -> Value {
    db.call(
        "prescriptions.save",
        json!({"visit_id": visit, "items": items}),
    )
}

fn stage(db: &TestDb, visit: &str) -> String {
    db.fovea
        .with_connection(|c| {
            c.query_row("SELECT stage FROM visits WHERE id = ?1", [visit], |r| {
                r.get(0)
            })
        })
        .expect("conn")
        .expect("stage")
}

fn consult_and_sign(db: &TestDb, visit: &str) {
    db.call(
        "exams.save_consultation",
        json!({"visit_id": visit, "consultation": {"diagnoses": [{"code": "H52.11", "eye": "od"}], "plan": "Drops"}}),
    );
    db.call(
        "exams.sign",
        json!({"visit_id": visit, "password": PASSWORD}),
    );
}

#[test]
fn each_invalid_line_is_refused_by_its_field_and_nothing_is_saved() {
    let (db, visit) = visit_with(None);
    let before = db.data_oplog_len();
    let mut no_eye = pred_right_eye();
    no_eye["eye"] = json!("not_applicable");
    let mut tablet_in_eye = json!({"medicine_id": ACETAZOLAMIDE, "eye": "os",
        "steps": [{"dose": {"amount_tenths": 10, "unit": "tablet"}, "frequency": "twice_daily", "days": 5}],
        "quantity": 1});
    let mut zero_days = pred_right_eye();
    zero_days["steps"][1]["days"] = json!(0);
    let mut open_middle = pred_right_eye();
    open_middle["steps"][1]["days"] = Value::Null;
    let mut zero_dose = pred_right_eye();
    zero_dose["steps"][0]["dose"]["amount_tenths"] = json!(0);
    let mut too_many = pred_right_eye();
    too_many["quantity"] = json!(100);
    let mut no_packs = pred_right_eye();
    no_packs["quantity"] = json!(0);
    let mut repeats = pred_right_eye();
    repeats["repeats"] = json!(13);
    let mut long = pred_right_eye();
    long["instructions"] = json!("x".repeat(501));
    let mut unknown = pred_right_eye();
    unknown["medicine_id"] = json!("no-such-medicine");
    let mut no_steps = pred_right_eye();
    no_steps["steps"] = json!([]);
    let mut stranger_id = pred_right_eye();
    stranger_id["id"] = json!("01950000-0000-7000-8000-00000000abcd");
    let free_without_strength = json!({"generic_name": "ketorolac", "form": "solution", "eye": "os", "steps": [drops("twice_daily", Some(7))], "quantity": 1});
    let free_from_stock = json!({"generic_name": "ketorolac", "strength": "0.5%", "form": "solution", "eye": "os",
        "steps": [drops("twice_daily", Some(7))], "quantity": 1, "from_stock": true});
    let unstocked_from_stock = json!({"medicine_id": LUBRICANT, "eye": "ou", "from_stock": true,
        "steps": [{"dose": {"amount_tenths": 10, "unit": "ribbon_cm"}, "frequency": "at_bedtime", "days": 30}],
        "quantity": 1});
    tablet_in_eye["repeats"] = json!(0);
    for (line, field) in [
        (no_eye, "items.1.eye"),
        (tablet_in_eye, "items.1.eye"),
        (zero_days, "items.1.steps.1.days"),
        (open_middle, "items.1.steps.1.days"),
        (zero_dose, "items.1.steps.0.dose.amount_tenths"),
        (too_many, "items.1.quantity"),
        (no_packs, "items.1.quantity"),
        (repeats, "items.1.repeats"),
        (long, "items.1.instructions"),
        (unknown, "items.1.medicine_id"),
        (no_steps, "items.1.steps"),
        (stranger_id, "items.1.id"),
        (free_without_strength, "items.1.strength"),
        (free_from_stock, "items.1.from_stock"),
        (unstocked_from_stock, "items.1.from_stock"),
    ] {
        let e = db.call_err(
            "prescriptions.save",
            json!({"visit_id": visit, "items": [chloramphenicol_both(), line]}),
        );
        assert_eq!(e.code, ErrorCode::Validation, "{e:?}");
        assert_eq!(e.field.as_deref(), Some(field), "{e:?}");
    }
    assert_eq!(
        db.data_oplog_len(),
        before,
        "a refused save changes nothing"
    );
    let view = db.call("prescriptions.get", json!({"visit_id": visit}));
    assert_eq!(view["lines"], json!([]));
    assert_eq!(view["prescription_id"], Value::Null);
}

#[test]
fn saving_replaces_the_lines_keeps_their_ids_and_copies_the_formulary() {
    let (db, visit) = visit_with(None);
    let first = save(
        &db,
        &visit,
        json!([pred_right_eye(), chloramphenicol_both()]),
    );
    let lines = first["lines"].as_array().expect("lines");
    assert_eq!(lines.len(), 2);
    let pred = &lines[0]["item"];
    assert_eq!(pred["medicine"]["generic_name"], "prednisolone acetate");
    assert_eq!(pred["medicine"]["brand"], "Pred Forte");
    assert_eq!(pred["medicine"]["strength"], "1%");
    assert_eq!(pred["medicine"]["form"], "suspension");
    assert_eq!(pred["from_stock"], true);
    assert!(
        lines[0]["directions"]
            .as_str()
            .expect("directions")
            .starts_with("1 drop in the right eye four times daily for 7 days, then"),
        "{}",
        lines[0]["directions"]
    );
    let pred_id = pred["id"].as_str().expect("id").to_string();
    let chlor_id = lines[1]["item"]["id"].as_str().expect("id").to_string();

    // The formulary changes later; the prescription keeps what was written.
    db.fovea
        .with_connection(|c| {
            c.execute(
                "UPDATE medicines SET strength = '0.12%' WHERE id = ?1",
                [PREDNISOLONE],
            )
        })
        .expect("conn")
        .expect("update");
    // Re-saved: the chloramphenicol line kept (by id) and changed, prednisolone dropped, a medicine the clinic
    // does not list added.
    let mut chlor = chloramphenicol_both();
    chlor["id"] = json!(chlor_id);
    chlor["quantity"] = json!(2);
    let free = json!({"generic_name": "  ketorolac   trometamol ", "strength": "0.5%", "form": "Solution", "eye": "os",
        "steps": [drops("qid_is_not_a_name", Some(7))], "quantity": 1});
    let e = db.call_err(
        "prescriptions.save",
        json!({"visit_id": visit, "items": [chlor, free]}),
    );
    assert_eq!(
        e.code,
        ErrorCode::BadRequest,
        "an unknown frequency is a bad request: {e:?}"
    );
    let free = json!({"generic_name": "  ketorolac   trometamol ", "strength": "0.5%", "form": "Solution", "eye": "os",
        "steps": [drops("four_times_daily", Some(7))], "quantity": 1});
    let second = save(&db, &visit, json!([chlor, free]));
    let lines = second["lines"].as_array().expect("lines");
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["item"]["id"], chlor_id.as_str());
    assert_eq!(lines[0]["item"]["quantity"], 2);
    assert_ne!(lines[1]["item"]["id"], pred_id.as_str());
    assert_eq!(
        lines[1]["item"]["medicine"]["generic_name"],
        "ketorolac trometamol"
    );
    assert_eq!(lines[1]["item"]["medicine"]["form"], "solution");
    assert_eq!(lines[1]["item"]["medicine"]["medicine_id"], Value::Null);
    assert_eq!(lines[1]["item"]["from_stock"], false);
    assert_eq!(second["prescription_id"], first["prescription_id"]);
    let rows: i64 = db
        .fovea
        .with_connection(|c| {
            c.query_row("SELECT count(*) FROM medication_prescriptions", [], |r| {
                r.get(0)
            })
        })
        .expect("conn")
        .expect("count");
    assert_eq!(rows, 1, "one prescription per examination");
    // Saving the same lines again writes nothing.
    let before = db.data_oplog_len();
    let mut chlor_again = chloramphenicol_both();
    chlor_again["id"] = lines[0]["item"]["id"].clone();
    chlor_again["quantity"] = json!(2);
    let mut free_again = json!({"generic_name": "ketorolac trometamol", "strength": "0.5%", "form": "solution",
        "eye": "os", "steps": [drops("four_times_daily", Some(7))], "quantity": 1});
    free_again["id"] = lines[1]["item"]["id"].clone();
    save(&db, &visit, json!([chlor_again, free_again]));
    assert_eq!(db.data_oplog_len(), before);
}

#[test]
fn signing_seals_the_prescription_and_a_stocked_medicine_sends_the_patient_to_the_pharmacy() {
    let (db, visit) = visit_with(None);
    save(&db, &visit, json!([pred_right_eye()]));
    consult_and_sign(&db, &visit);
    assert_eq!(stage(&db, &visit), "pharmacy");
    let view = db.call("prescriptions.get", json!({"visit_id": visit}));
    assert!(view["signed_at"].is_string());
    let before = db.data_oplog_len();
    let e = db.call_err(
        "prescriptions.save",
        json!({"visit_id": visit, "items": [chloramphenicol_both()]}),
    );
    assert_eq!(e.code, ErrorCode::Conflict, "{e:?}");
    assert_eq!(db.data_oplog_len(), before);
    // The database refuses too, whatever writes to the file.
    let res = db
        .fovea
        .with_connection(|c| c.execute("UPDATE medication_prescriptions SET items = '[]'", []))
        .expect("conn");
    assert!(res.is_err(), "raw SQL changed a signed prescription");
    let after = db.call("prescriptions.get", json!({"visit_id": visit}));
    assert_eq!(after["lines"], view["lines"]);
}

#[test]
fn signing_without_a_stocked_medicine_sends_the_patient_to_billing() {
    let (db, visit) = visit_with(None);
    // A stocked medicine the patient buys elsewhere, and one the clinic does not stock.
    let mut elsewhere = pred_right_eye();
    elsewhere["from_stock"] = json!(false);
    let gel = json!({"medicine_id": LUBRICANT, "eye": "ou",
        "steps": [{"dose": {"amount_tenths": 10, "unit": "ribbon_cm"}, "frequency": "at_bedtime", "days": 30}],
        "quantity": 1});
    let view = save(&db, &visit, json!([elsewhere, gel]));
    assert_eq!(view["lines"][0]["item"]["from_stock"], false);
    assert_eq!(view["lines"][1]["item"]["from_stock"], false);
    consult_and_sign(&db, &visit);
    assert_eq!(stage(&db, &visit), "billing");
}

#[test]
fn a_prescription_can_be_written_before_anything_else_and_an_empty_one_is_no_row() {
    let (db, visit) = visit_with(None);
    let empty = save(&db, &visit, json!([]));
    assert_eq!(empty["prescription_id"], Value::Null);
    let view = save(&db, &visit, json!([chloramphenicol_both()]));
    assert!(view["prescription_id"].is_string());
    let exam = db.call("exams.get", json!({"visit_id": visit}));
    assert!(
        exam["examination_id"].is_string(),
        "the examination row was opened"
    );
    // Signing without a consultation is still refused; the prescription does not replace it.
    let e = db.call_err(
        "exams.sign",
        json!({"visit_id": visit, "password": PASSWORD}),
    );
    assert_eq!(e.code, ErrorCode::Conflict);
}

fn warnings(view: &Value) -> Vec<(String, u64, String)> {
    view["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .map(|w| {
            (
                w["kind"].as_str().unwrap_or_default().to_string(),
                w["item"].as_u64().unwrap_or(99),
                w["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn allergies_duplicates_and_a_short_bottle_are_warned_about() {
    let (db, visit) = visit_with(Some("Penicillin (rash); sulfa drugs"));
    let tablets = json!({"medicine_id": ACETAZOLAMIDE, "eye": "not_applicable",
        "steps": [{"dose": {"amount_tenths": 10, "unit": "tablet"}, "frequency": "twice_daily", "days": 5}],
        "quantity": 1});
    let mut left = pred_right_eye();
    left["eye"] = json!("os");
    let view = save(
        &db,
        &visit,
        json!([pred_right_eye(), chloramphenicol_both(), tablets, left]),
    );
    let w = warnings(&view);
    let kinds: Vec<(&str, u64)> = w.iter().map(|(k, i, _)| (k.as_str(), *i)).collect();
    // Chloramphenicol is no penicillin; acetazolamide is a sulfonamide; prednisolone twice.
    assert_eq!(kinds, [("allergy", 2), ("duplicate", 3)], "{w:?}");
    assert!(w[0].2.contains("sulfonamides"), "{}", w[0].2);
    assert!(w[1].2.contains("for both eyes use one line"), "{}", w[1].2);

    // Both eyes, four times daily for 28 days: 224 drops from one 5 mL bottle (100 drops at 20 per mL).
    let both = json!({"medicine_id": PREDNISOLONE, "eye": "ou", "steps": [drops("four_times_daily", Some(28))],
        "quantity": 1});
    let view = save(&db, &visit, json!([both]));
    let w = warnings(&view);
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!((w[0].0.as_str(), w[0].1), ("supply_short", 0));
    assert!(
        w[0].2.contains("224 drops") && w[0].2.contains("100"),
        "{}",
        w[0].2
    );
    assert_eq!(view["lines"][0]["days_of_supply"], 12);
    // A thinner drop (a clinic setting) makes the bottle last.
    db.fovea
        .with_connection(|c| {
            c.execute(
                "INSERT OR REPLACE INTO settings (id, value) VALUES ('pharmacy_drops_per_ml', '50')",
                [],
            )
        })
        .expect("conn")
        .expect("setting");
    let view = db.call("prescriptions.get", json!({"visit_id": visit}));
    assert_eq!(warnings(&view), []);
    assert_eq!(view["lines"][0]["days_of_supply"], 28);
    // The chloramphenicol allergy itself is caught.
    db.fovea
        .with_connection(|c| c.execute("UPDATE patients SET allergies = 'Chloramphenicol'", []))
        .expect("conn")
        .expect("allergy");
    let view = save(&db, &visit, json!([chloramphenicol_both()]));
    let w = warnings(&view);
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].0, "allergy");
}

#[test]
fn a_taper_is_laid_out_in_dates_from_the_visit_day_with_its_days_of_supply() {
    let (db, visit) = visit_with(None);
    let view = save(&db, &visit, json!([pred_right_eye()]));
    let start: chrono::NaiveDate = view["starts_on"]
        .as_str()
        .expect("day")
        .parse()
        .expect("date");
    let day = |n: u64| (start + chrono::Days::new(n)).to_string();
    let rows = view["lines"][0]["schedule"]["rows"]
        .as_array()
        .expect("rows");
    let dates: Vec<(String, String)> = rows
        .iter()
        .map(|r| {
            (
                r["from"].as_str().unwrap_or_default().to_string(),
                r["to"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(
        dates,
        [
            (day(0), day(6)),
            (day(7), day(13)),
            (day(14), day(20)),
            (day(21), day(27))
        ]
    );
    assert_eq!(rows[1]["step"]["frequency"], "three_times_daily");
    assert_eq!(view["lines"][0]["schedule"]["total_days"], 28);
    // 70 drops from 100: the bottle outlasts the course.
    assert_eq!(view["lines"][0]["days_of_supply"], 28);
}

#[test]
fn taper_templates_are_kept_by_doctors_and_read_by_clinicians() {
    let (db, _visit) = visit_with(None);
    let e = db.call_err(
        "prescriptions.save_template",
        json!({"name": "  ", "steps": cataract_taper()}),
    );
    assert_eq!(e.field.as_deref(), Some("name"));
    let mut bad = cataract_taper();
    bad[2]["days"] = json!(400);
    let e = db.call_err(
        "prescriptions.save_template",
        json!({"name": "After cataract surgery", "steps": bad}),
    );
    assert_eq!(e.field.as_deref(), Some("steps.2.days"));
    let t = db.call(
        "prescriptions.save_template",
        json!({"name": "After cataract surgery (prednisolone 1%)", "medicine_id": PREDNISOLONE,
               "steps": cataract_taper()}),
    );
    assert_eq!(t["medicine_name"], "prednisolone acetate 1% suspension");
    assert_eq!(t["steps"], cataract_taper());
    db.sign_in("optom", PASSWORD);
    let list = db.call("prescriptions.templates", json!({}));
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    let e = db.call_err(
        "prescriptions.save_template",
        json!({"name": "Mine", "steps": cataract_taper()}),
    );
    assert_eq!(e.code, ErrorCode::PermissionDenied);
    db.sign_in("drnolan", PASSWORD);
    db.call(
        "prescriptions.save_template",
        json!({"id": t["id"], "name": t["name"], "steps": cataract_taper(), "active": false}),
    );
    assert_eq!(db.call("prescriptions.templates", json!({})), json!([]));
    let all = db.call("prescriptions.templates", json!({"include_inactive": true}));
    assert_eq!(all[0]["active"], false);
}

#[test]
fn doctors_prescribe_optometrists_read_and_the_pharmacist_has_no_clinical_access() {
    let (db, visit) = visit_with(None);
    save(&db, &visit, json!([pred_right_eye()]));
    db.sign_in("optom", PASSWORD);
    let view = db.call("prescriptions.get", json!({"visit_id": visit}));
    assert_eq!(view["lines"].as_array().map(Vec::len), Some(1));
    let e = db.call_err(
        "prescriptions.save",
        json!({"visit_id": visit, "items": []}),
    );
    assert_eq!(e.code, ErrorCode::PermissionDenied);
    db.sign_in("pharm", PASSWORD);
    let e = db.call_err("prescriptions.get", json!({"visit_id": visit}));
    assert_eq!(e.code, ErrorCode::PermissionDenied);
    // The words are for every screen.
    let vocabulary = db.call("prescriptions.vocabulary", json!({}));
    let four = vocabulary["frequencies"]
        .as_array()
        .expect("frequencies")
        .iter()
        .find(|f| f["frequency"] == "four_times_daily")
        .expect("four times daily")
        .clone();
    assert_eq!(four["words"], "four times daily");
    assert!(
        four["abbreviations"]
            .as_array()
            .expect("abbr")
            .contains(&json!("QID"))
    );
    db.sign_in("frontdesk", PASSWORD);
    let e = db.call_err("prescriptions.get", json!({"visit_id": visit}));
    assert_eq!(e.code, ErrorCode::PermissionDenied);
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
fn the_printed_prescription_says_everything_in_words_with_the_taper_in_dates() {
    let (db, visit) = visit_with(None);
    let e = db.call_err("prescriptions.print", json!({"visit_id": visit}));
    assert_eq!(e.code, ErrorCode::Conflict, "nothing to print yet");
    let view = save(
        &db,
        &visit,
        json!([pred_right_eye(), chloramphenicol_both()]),
    );
    let draft = db.call("prescriptions.print", json!({"visit_id": visit}));
    let draft_path = draft["path"].as_str().expect("path");
    assert!(
        draft_path.contains("draft") && !draft_path.contains("Riada"),
        "{draft_path}"
    );
    let text = pdf_text(draft_path);
    assert!(text.contains("NOT VALID AS A PRESCRIPTION"), "{text}");
    assert!(
        !text.contains("IMC-55120"),
        "a draft has no signature block: {text}"
    );

    consult_and_sign(&db, &visit);
    let doc = db.call("prescriptions.print", json!({"visit_id": visit}));
    let text = pdf_text(doc["path"].as_str().expect("path"));
    let start: chrono::NaiveDate = view["starts_on"]
        .as_str()
        .expect("day")
        .parse()
        .expect("date");
    let day = |n: u64| {
        (start + chrono::Days::new(n))
            .format("%d/%m/%Y")
            .to_string()
    };
    for expected in [
        "Test Eye Clinic".to_string(),
        "Séamus Ó Riada".into(),
        "08/07/1950".into(),
        "4 Quay Street, Galway".into(),
        "Dr Úna Nolan".into(),
        "Consultant ophthalmologist".into(),
        "Licence no. IMC-55120".into(),
        "PREDNISOLONE ACETATE 1% suspension (Pred Forte)".into(),
        "CHLORAMPHENICOL 0.5% solution".into(),
        "For the right eye".into(),
        "For both eyes".into(),
        "1 drop in the right eye four times daily for 7 days".into(),
        format!("{} {} 1 drop four times daily", day(0), day(6)),
        format!("{} {} 1 drop three times daily", day(7), day(13)),
        format!("{} {} 1 drop once daily", day(21), day(27)),
        "1 (one) bottle".into(),
        "1 (one) repeat".into(),
        "Shake well; wait 5 minutes between drops.".into(),
        // The key-value block sets labels and values in columns: "Valid until" then the date.
        day(30),
        "1 drop in both eyes four times daily for 7 days".into(),
    ] {
        assert!(
            text.contains(&expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert!(!text.contains("DRAFT"), "{text}");
    for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        for bad in ["OD", "OS", "OU", "QD", "QID", "BD", "PRN"] {
            assert_ne!(word, bad, "an abbreviation on paper: {text}");
        }
    }
}
