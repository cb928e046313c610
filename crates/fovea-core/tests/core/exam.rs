use fovea_core::ErrorCode;
use serde_json::{Value, json};

use crate::support::TestDb;

const PASSWORD: &str = "a long test password";

/// A clinic with an optometrist, a doctor and a receptionist; a patient checked in today for the doctor.
/// Returns the database (acting as the receptionist), the patient and the visit id.
fn checked_in() -> (TestDb, Value, String) {
    let db = TestDb::set_up();
    db.become_user("optom", &["optometrist"]);
    db.become_user("drokafor", &["doctor"]);
    let doctor = db.call("auth.session", json!({}))["id"].clone();
    db.sign_in("frontdesk", PASSWORD);
    let patient = db.register("Zoë", "Łukasiewicz", "1961-03-04", &["+353 87 555 0199"]);
    let visit = walk_in(&db, &patient, &doctor);
    (db, patient, visit)
}

fn walk_in(db: &TestDb, patient: &Value, doctor: &Value) -> String {
    let a = db.call(
        "appointments.walk_in",
        json!({"patient_id": patient["id"], "clinician_id": doctor, "reason": "Blurred vision"}),
    );
    a["visit_id"].as_str().expect("visit").to_string()
}

fn workup(bcva_od: &str, iop_od: &str) -> Value {
    json!({
        "acuity": {"od": {"sc": "6/18", "bcva": bcva_od}, "os": {"sc": "6/9 -2", "bcva": "6/6"}},
        "refractions": [
            {"kind": "subjective", "od": {"sphere": "-1.25", "cylinder": "-0.50", "axis": "90"},
             "os": {"sphere": "-1.00"}},
            {"kind": "final", "od": {"sphere": "-1.25", "cylinder": "-0.50", "axis": "90", "add": "+2.00"},
             "os": {"sphere": "-1.00", "add": "+2.00"}, "pd": "63"}
        ],
        "iop": {"od": iop_od, "os": "16", "method": "goldmann", "time": "10:05"},
        "findings": {"od": {"cup_disc": "0.4", "slit_lamp": {"lens": {"status": "abnormal", "text": "NS 2+"}}}},
        "notes": null,
        "copied": []
    })
}

fn consultation() -> Value {
    json!({
        "complaint": "Blurred distance vision for six months",
        "ocular_history": "Glasses since 40",
        "diagnoses": [{"code": "H25.11", "eye": "od", "note": null}, {"code": "H52.13", "eye": "ou", "note": null}],
        "plan": "New glasses; review cataract",
        "follow_up": {"kind": "months", "count": 6},
        "copied": []
    })
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

#[test]
fn workup_consultation_and_signing_move_the_patient_and_lock_the_record() {
    let (db, patient, visit) = checked_in();
    db.sign_in("optom", PASSWORD);
    let e = db.call_err(
        "exams.save_workup",
        json!({"visit_id": visit, "workup": {"refractions": [{"kind": "final", "od": {"sphere": "-1.25", "cylinder": "-0.50"}}]}}),
    );
    assert_eq!(e.field.as_deref(), Some("final.od.axis"), "{e:?}");
    let view = db.call("exams.get", json!({"visit_id": visit}));
    assert_eq!(
        view["examination_id"],
        Value::Null,
        "a refused save creates nothing"
    );

    let saved = db.call(
        "exams.save_workup",
        json!({"visit_id": visit, "workup": workup("6/9", "24")}),
    );
    assert_eq!(saved["workup_by_name"], "Test optom");
    assert_eq!(saved["workup_derived"]["acuity_os"]["sc"], "6/9 -2");
    assert_eq!(
        saved["workup_derived"]["refractions"][1]["od"]["plus_form"],
        "-1.75 / +0.50 × 180"
    );
    assert_eq!(saved["workup_derived"]["iop_flags"]["od_high"], true);
    assert_eq!(saved["workup_derived"]["iop_flags"]["asymmetric"], true);
    assert_eq!(stage(&db, &visit), "waiting_doctor");

    // Optometrists cannot diagnose or sign.
    assert_eq!(
        db.call_err(
            "exams.save_consultation",
            json!({"visit_id": visit, "consultation": consultation()})
        )
        .code,
        ErrorCode::PermissionDenied
    );

    db.sign_in("drokafor", PASSWORD);
    let c = db.call(
        "exams.save_consultation",
        json!({"visit_id": visit, "consultation": consultation()}),
    );
    assert_eq!(c["consultation"]["diagnoses"][0]["code"], "H25.11");
    assert_eq!(c["consultation"]["follow_up_text"], "in 6 months");
    assert_eq!(stage(&db, &visit), "with_doctor");
    let e = db.call_err(
        "exams.sign",
        json!({"visit_id": visit, "password": "not my password"}),
    );
    assert_eq!(e.field.as_deref(), Some("password"));
    let signed = db.call(
        "exams.sign",
        json!({"visit_id": visit, "password": PASSWORD}),
    );
    assert!(signed["signed_at"].is_string());
    assert_eq!(signed["signed_by_name"], "Test drokafor");
    assert_eq!(stage(&db, &visit), "billing");
    let mine = db.call(
        "appointments.for_patient",
        json!({"patient_id": patient["id"]}),
    );
    assert_eq!(mine["recent"][0]["status"], "completed", "{mine}");

    // Signed means immutable: the core refuses, and so does the database.
    for (op, body) in [
        (
            "exams.save_consultation",
            json!({"visit_id": visit, "consultation": consultation()}),
        ),
        (
            "exams.save_workup",
            json!({"visit_id": visit, "workup": workup("6/6", "15")}),
        ),
    ] {
        assert_eq!(db.call_err(op, body).code, ErrorCode::Conflict, "{op}");
    }
    assert_eq!(
        db.call_err(
            "exams.sign",
            json!({"visit_id": visit, "password": PASSWORD})
        )
        .code,
        ErrorCode::Conflict
    );
    let direct = db
        .fovea
        .with_connection(|c| {
            c.execute(
                "UPDATE examinations SET consultation = '{}' WHERE visit_id = ?1",
                [&visit],
            )
        })
        .expect("conn");
    assert!(
        direct.is_err(),
        "the trigger refuses a change to a signed record"
    );

    let e = db.call_err(
        "exams.add_addendum",
        json!({"visit_id": visit, "text": "  "}),
    );
    assert_eq!(e.field.as_deref(), Some("text"));
    let with = db.call(
        "exams.add_addendum",
        json!({"visit_id": visit, "text": "Right eye IOP re-measured 19 mmHg at 11:30."}),
    );
    assert_eq!(with["addenda"][0]["author_name"], "Test drokafor");
    assert_eq!(
        with["consultation"]["plan"], "New glasses; review cataract",
        "the original stays as signed"
    );

    // Every read and write of the record is in the audit trail with the patient.
    db.sign_in("admin", crate::support::ADMIN_PASSWORD);
    let trail = db.call(
        "audit.search",
        json!({"patient_id": patient["id"], "user_id": null, "from": null, "to": null, "limit": 200}),
    );
    let ops: Vec<&str> = trail["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|e| e["operation"].as_str())
        .collect();
    for op in [
        "exams.get",
        "exams.save_workup",
        "exams.save_consultation",
        "exams.sign",
        "exams.add_addendum",
    ] {
        assert!(ops.contains(&op), "{op} missing from {ops:?}");
    }
}

#[test]
fn receptionists_see_no_clinical_record() {
    let (db, _patient, visit) = checked_in();
    for op in ["exams.get", "exams.save_workup", "exams.sign"] {
        let e = db.call_err(op, json!({"visit_id": visit}));
        assert_eq!(e.code, ErrorCode::PermissionDenied, "{op}");
    }
}

#[test]
fn the_chart_shows_trends_the_timeline_and_the_latest_glasses_and_the_next_visit_can_copy() {
    let (db, patient, first) = checked_in();
    db.sign_in("optom", PASSWORD);
    db.call(
        "exams.save_workup",
        json!({"visit_id": first, "workup": workup("6/9", "24")}),
    );
    db.sign_in("drokafor", PASSWORD);
    db.call(
        "exams.save_consultation",
        json!({"visit_id": first, "consultation": consultation()}),
    );
    db.call(
        "exams.sign",
        json!({"visit_id": first, "password": PASSWORD}),
    );
    db.sign_in("frontdesk", PASSWORD);
    db.call("queue.move", json!({"visit_id": first, "stage": "done"}));

    // A second visit the same day, started from the patient page by the optometrist.
    db.sign_in("optom", PASSWORD);
    let started = db.call("exams.start_visit", json!({"patient_id": patient["id"]}));
    assert_eq!(started["created"], true);
    let second = started["visit_id"].as_str().expect("visit").to_string();
    let again = db.call("exams.start_visit", json!({"patient_id": patient["id"]}));
    assert_eq!(
        (again["visit_id"].as_str(), again["created"].as_bool()),
        (Some(second.as_str()), Some(false))
    );
    let view = db.call("exams.get", json!({"visit_id": second}));
    let copied = &view["previous"]["current_glasses"];
    assert_eq!(copied["kind"], "current_glasses");
    assert_eq!(copied["od"]["sphere"], "-1.25");
    assert_eq!(copied["od"]["axis"], "90");
    assert_eq!(view["previous"]["ocular_history"], "Glasses since 40");
    let mut w = workup("6/6", "18");
    w["refractions"] = json!([{"kind": "current_glasses", "od": copied["od"], "os": copied["os"], "pd": copied["pd"]}]);
    w["copied"] = json!(["current_glasses"]);
    let saved = db.call(
        "exams.save_workup",
        json!({"visit_id": second, "workup": w}),
    );
    assert_eq!(saved["workup"]["copied"], json!(["current_glasses"]));

    let chart = db.call("exams.chart", json!({"patient_id": patient["id"]}));
    assert_eq!(chart["patient"]["first_name"], "Zoë");
    let od: Vec<(f64, String)> = chart["trends"]["bcva_od"]
        .as_array()
        .expect("series")
        .iter()
        .map(|p| {
            (
                p["value"].as_f64().unwrap_or(-1.0),
                p["display"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(od, vec![(0.18, "6/9".into()), (0.0, "6/6".into())]);
    let iop: Vec<f64> = chart["trends"]["iop_od"]
        .as_array()
        .expect("series")
        .iter()
        .filter_map(|p| p["value"].as_f64())
        .collect();
    assert_eq!(iop, vec![24.0, 18.0]);
    assert_eq!(chart["trends"]["iop_limit"], 21.0);
    let visits = chart["visits"].as_array().expect("visits");
    assert_eq!(visits.len(), 2);
    assert_eq!(visits[0]["visit_id"], second.as_str(), "latest first");
    assert_eq!(visits[1]["signed"], true);
    assert_eq!(visits[1]["diagnoses"][0]["code"], "H25.11");
    let latest = &chart["latest_final_refraction"];
    assert_eq!(latest["visit_id"], first.as_str());
    assert_eq!(latest["od"], "-1.25 / -0.50 × 090");
}

#[test]
fn the_recall_list_has_patients_due_back_and_whether_they_booked() {
    let (db, patient, visit) = checked_in();
    db.sign_in("drokafor", PASSWORD);
    let mut c = consultation();
    c["follow_up"] = json!({"kind": "weeks", "count": 2});
    db.call(
        "exams.save_consultation",
        json!({"visit_id": visit, "consultation": c}),
    );
    db.sign_in("frontdesk", PASSWORD);
    let list = db.call("exams.recall", json!({"from": null, "to": null}));
    let entries = list["entries"].as_array().expect("entries");
    assert_eq!(entries.len(), 1, "{list}");
    assert_eq!(entries[0]["patient_mrn"], patient["mrn"]);
    assert_eq!(entries[0]["phones"][0], "+353 87 555 0199");
    assert_eq!(entries[0]["follow_up_text"], "in 2 weeks");
    assert_eq!(
        entries[0]["booked_on"],
        Value::Null,
        "today's own visit is not a rebooking"
    );
    let clinicians = db.call("appointments.clinicians", json!({}));
    let doctor = clinicians["clinicians"]
        .as_array()
        .expect("list")
        .iter()
        .find(|c| c["username"] == "drokafor")
        .expect("doctor")["id"]
        .clone();
    let due = entries[0]["due_on"].as_str().expect("due").to_string();
    db.call(
        "appointments.book",
        json!({"patient_id": patient["id"], "clinician_id": doctor, "kind": "follow_up", "date": due,
               "time": "10:00", "length_minutes": 20, "reason": "Review", "notes": null, "overbook_reason": null}),
    );
    let list = db.call("exams.recall", json!({"from": null, "to": null}));
    assert_eq!(list["entries"][0]["booked_on"], due.as_str());
    let e = db.call_err(
        "exams.recall",
        json!({"from": "2027-01-01", "to": "2026-01-01"}),
    );
    assert_eq!(e.field.as_deref(), Some("to"));
}

#[test]
fn icd10_search_and_exam_settings() {
    let (db, _p, _v) = checked_in();
    db.sign_in("drokafor", PASSWORD);
    let found = db.call("icd10.search", json!({"query": "glauc open", "limit": 5}));
    let codes = found["codes"].as_array().expect("codes");
    assert!(!codes.is_empty() && codes.len() <= 5);
    assert!(
        codes
            .iter()
            .all(|c| c["code"].as_str().is_some_and(|c| c.starts_with("H40"))),
        "{found}"
    );
    let by_code = db.call("icd10.search", json!({"query": "h2511", "limit": null}));
    assert_eq!(by_code["codes"][0]["code"], "H25.11");
    let s = db.call("exam_settings.get", json!({}));
    assert_eq!(
        s,
        json!({"va_notation": "snellen_metric", "cylinder_form": "minus", "rx_expiry_months": 24,
               "spectacle_rx_by_optometrist": false})
    );
    assert_eq!(
        db.call_err(
            "exam_settings.update",
            json!({"va_notation": "logmar", "cylinder_form": "plus", "rx_expiry_months": 12})
        )
        .code,
        ErrorCode::PermissionDenied
    );
    db.sign_in("admin", crate::support::ADMIN_PASSWORD);
    let e = db.call_err(
        "exam_settings.update",
        json!({"va_notation": "n_point", "cylinder_form": "plus", "rx_expiry_months": 12}),
    );
    assert_eq!(e.field.as_deref(), Some("va_notation"));
    let s = db.call(
        "exam_settings.update",
        json!({"va_notation": "logmar", "cylinder_form": "plus", "rx_expiry_months": 12}),
    );
    assert_eq!(s["va_notation"], "logmar");
}

fn pdf_text(path: &str) -> String {
    let out = std::process::Command::new("pdftotext")
        .args([path, "-"])
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    assert!(out.status.success(), "pdftotext failed on {path}");
    // Table cells wrap at the column width; compare words, not line breaks.
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_spectacle_prescription_prints_the_final_refraction_with_the_prescriber() {
    let (db, patient, visit) = checked_in();
    db.sign_in("admin", crate::support::ADMIN_PASSWORD);
    let users = db.call("users.list", json!({"include_inactive": false}));
    let doctor = users
        .as_array()
        .expect("users")
        .iter()
        .find(|u| u["username"] == "drokafor")
        .expect("doctor")
        .clone();
    db.call(
        "users.update",
        json!({"id": doctor["id"], "full_name": "Dr Amara Okafor", "roles": ["doctor"], "active": true,
               "profile": {"specialization": "Ophthalmologist", "licence_number": "IMC-40211",
                           "signature_text": "Amara Okafor, FRCOphth"}}),
    );
    db.sign_in("optom", PASSWORD);
    let e = db.call_err("print.spectacle_rx", json!({"visit_id": visit}));
    assert_eq!(e.code, ErrorCode::Conflict, "nothing recorded yet");
    db.call(
        "exams.save_workup",
        json!({"visit_id": visit, "workup": workup("6/9", "17")}),
    );
    // Before signing: a draft, marked as not valid, with nobody's name in a signature block.
    let draft = db.call("print.spectacle_rx", json!({"visit_id": visit}));
    let draft_path = draft["path"].as_str().expect("path");
    assert!(
        draft_path.contains("draft") && !draft_path.contains("Zo"),
        "a draft's file name says draft and never the patient's name: {draft_path}"
    );
    let text = pdf_text(draft_path);
    assert!(text.contains("NOT VALID AS A PRESCRIPTION"), "{text}");
    assert!(!text.contains("Licence no."), "{text}");
    db.sign_in("drokafor", PASSWORD);
    db.call(
        "exams.save_consultation",
        json!({"visit_id": visit, "consultation": consultation()}),
    );
    db.call(
        "exams.sign",
        json!({"visit_id": visit, "password": PASSWORD}),
    );
    let doc = db.call(
        "print.spectacle_rx",
        json!({"visit_id": visit, "notes": "Varifocals, anti-reflection coating"}),
    );
    let path = doc["path"].as_str().expect("path");
    assert!(
        path.starts_with(db.dir.path().join("documents").to_str().expect("utf8")),
        "{path}"
    );
    let text = pdf_text(path);
    for expected in [
        "Zoë Łukasiewicz",
        patient["mrn"].as_str().expect("mrn"),
        "Dr Amara Okafor",
        "IMC-40211",
        "-1.25",
        "-0.50",
        "090",
        "+2.00",
        "63",
        "Varifocals, anti-reflection coating",
        "Test Eye Clinic",
        "04/03/1961",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    // Printed again: a second file, never overwriting the first.
    let again = db.call("print.spectacle_rx", json!({"visit_id": visit}));
    assert_ne!(again["path"], doc["path"]);
    // The clinic's cylinder form decides how the same lens is written.
    db.sign_in("admin", crate::support::ADMIN_PASSWORD);
    db.call(
        "exam_settings.update",
        json!({"va_notation": "snellen_metric", "cylinder_form": "plus", "rx_expiry_months": 12}),
    );
    db.sign_in("drokafor", PASSWORD);
    let plus = db.call("print.spectacle_rx", json!({"visit_id": visit}));
    let text = pdf_text(plus["path"].as_str().expect("path"));
    assert!(
        text.contains("-1.75") && text.contains("+0.50") && text.contains("180"),
        "{text}"
    );
    assert!(text.contains("Plus cylinder"), "{text}");
    assert!(
        !text.contains("DRAFT"),
        "a signed record's prescription is no draft"
    );

    // Where optometrists issue spectacle prescriptions, the signed printout names the one who refracted.
    db.sign_in("admin", crate::support::ADMIN_PASSWORD);
    db.call(
        "exam_settings.update",
        json!({"va_notation": "snellen_metric", "cylinder_form": "minus", "rx_expiry_months": 24,
               "spectacle_rx_by_optometrist": true}),
    );
    db.sign_in("drokafor", PASSWORD);
    let by_optometrist = db.call("print.spectacle_rx", json!({"visit_id": visit}));
    let text = pdf_text(by_optometrist["path"].as_str().expect("path"));
    let optometrist = users
        .as_array()
        .expect("users")
        .iter()
        .find(|u| u["username"] == "optom")
        .expect("optometrist")["full_name"]
        .as_str()
        .expect("name")
        .to_string();
    assert!(
        text.contains(&optometrist),
        "{optometrist:?} missing from:\n{text}"
    );
    assert!(!text.contains("IMC-40211"), "{text}");
}

#[test]
fn the_reminder_list_prints_tomorrows_calls() {
    let (db, patient, _visit) = checked_in();
    let clinicians = db.call("appointments.clinicians", json!({}));
    let doctor = clinicians["clinicians"][0]["id"].clone();
    let tomorrow = db.call("appointments.reminders", json!({"date": null}))["date"]
        .as_str()
        .expect("date")
        .to_string();
    db.call(
        "appointments.book",
        json!({"patient_id": patient["id"], "clinician_id": doctor, "kind": "follow_up", "date": tomorrow,
               "time": "09:40", "length_minutes": 20, "reason": "Pressure check", "notes": null, "overbook_reason": null}),
    );
    let doc = db.call("print.reminders", json!({"date": null}));
    let text = pdf_text(doc["path"].as_str().expect("path"));
    for expected in [
        "Reminder calls",
        "Zoë Łukasiewicz",
        "+353 87 555 0199",
        "09:40",
        "Pressure check",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
}

#[test]
fn wrong_signing_passwords_are_audited_and_lock_like_sign_in() {
    let (db, _patient, visit) = checked_in();
    db.sign_in("drokafor", PASSWORD);
    db.call(
        "exams.save_consultation",
        json!({"visit_id": visit, "consultation": consultation()}),
    );
    let mut last = String::new();
    for _ in 0..5 {
        let e = db.call_err(
            "exams.sign",
            json!({"visit_id": visit, "password": "guess guess guess"}),
        );
        assert_eq!(e.field.as_deref(), Some("password"));
        last = e.message;
    }
    assert!(last.contains("Too many failed attempts"), "{last}");
    let e = db.call_err(
        "exams.sign",
        json!({"visit_id": visit, "password": PASSWORD}),
    );
    assert!(
        e.message.contains("Too many failed attempts"),
        "locked even with the right password: {e:?}"
    );
    db.sign_in("admin", crate::support::ADMIN_PASSWORD);
    let trail = db.call(
        "audit.search",
        json!({"patient_id": null, "user_id": null, "from": null, "to": null, "limit": 200}),
    );
    let failed = trail["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter(|e| e["operation"] == "exams.sign" && e["outcome"] == "failed")
        .count();
    assert_eq!(failed, 5, "{trail}");
}

#[test]
fn zero_pressure_is_refused_and_not_recordable_is_saved_with_its_reason() {
    let (db, patient, visit) = checked_in();
    db.sign_in("optom", PASSWORD);
    for bad in ["0", "81"] {
        for op in ["exams.check_workup", "exams.save_workup"] {
            let req = if op == "exams.check_workup" {
                workup("6/9", bad)
            } else {
                json!({"visit_id": visit, "workup": workup("6/9", bad)})
            };
            let e = db.call_err(op, req);
            assert_eq!(
                (e.code, e.field.as_deref()),
                (ErrorCode::Validation, Some("od.iop")),
                "{op} {bad}: {e:?}"
            );
        }
    }
    let view = db.call("exams.get", json!({"visit_id": visit}));
    assert_eq!(view["examination_id"], Value::Null, "nothing was saved");
    for good in ["1", "80"] {
        db.call("exams.check_workup", workup("6/9", good));
    }

    let mut w = workup("6/9", "");
    w["iop"]["od_not_recordable"] = json!(true);
    let e = db.call_err("exams.check_workup", w.clone());
    assert_eq!(e.field.as_deref(), Some("od.iop_reason"), "{e:?}");
    w["iop"]["od_not_recordable_reason"] = json!("Scarred cornea");
    let saved = db.call("exams.save_workup", json!({"visit_id": visit, "workup": w}));
    assert_eq!(saved["workup"]["iop"]["od"], Value::Null);
    assert_eq!(
        saved["workup"]["iop"]["od_not_recordable"],
        "Scarred cornea"
    );
    assert_eq!(saved["workup"]["iop"]["os"], 16.0);
    assert_eq!(saved["workup_derived"]["iop_flags"]["od_high"], false);
    let again = db.call("exams.get", json!({"visit_id": visit}));
    assert_eq!(
        again["workup"]["iop"]["od_not_recordable"],
        "Scarred cornea"
    );
    let chart = db.call("exams.chart", json!({"patient_id": patient["id"]}));
    assert_eq!(
        chart["trends"]["iop_od"],
        json!([]),
        "no number is charted for an eye that could not be measured"
    );
}

#[test]
fn a_wrongly_typed_field_is_named_by_its_path_and_nothing_is_saved() {
    let (db, _patient, visit) = checked_in();
    db.sign_in("optom", PASSWORD);
    let mut w = workup("6/9", "15");
    w["refractions"][0]["od"]["sphere"] = json!(-1.0);
    let e = db.call_err("exams.save_workup", json!({"visit_id": visit, "workup": w}));
    assert_eq!(e.code, ErrorCode::BadRequest, "{e:?}");
    assert_eq!(
        e.field.as_deref(),
        Some("workup.refractions[0].od.sphere"),
        "{e:?}"
    );
    assert!(
        e.message.contains("workup.refractions[0].od.sphere"),
        "{e:?}"
    );
    let view = db.call("exams.get", json!({"visit_id": visit}));
    assert_eq!(view["examination_id"], Value::Null, "nothing was saved");
}

#[test]
fn the_checked_work_up_shows_acuity_in_the_clinics_notation_and_the_hints() {
    let (db, _patient, visit) = checked_in();
    db.sign_in("admin", crate::support::ADMIN_PASSWORD);
    db.call(
        "exam_settings.update",
        json!({"va_notation": "etdrs_letters", "cylinder_form": "minus", "rx_expiry_months": 24}),
    );
    db.sign_in("optom", PASSWORD);
    let d = db.call("exams.check_workup", workup("6/9", "24"));
    assert_eq!(d["acuity_od"]["bcva"], "76 letters", "{d}");
    assert_eq!(d["acuity_od"]["bcva_logmar"], "0.18", "{d}");
    assert_eq!(
        d["iop_flags"],
        json!({"od_high": true, "os_high": false, "asymmetric": true})
    );
    assert_eq!(d["refractions"][1]["od"]["spherical_equivalent"], "-1.50");
    assert_eq!(d["refractions"][1]["os"]["minus_form"], "-1.00 DS");
    let view = db.call("exams.get", json!({"visit_id": visit}));
    assert_eq!(view["settings"]["va_notation"], "etdrs_letters");
    assert_eq!(
        view["examination_id"],
        Value::Null,
        "checking saves nothing"
    );
}

#[test]
fn the_recall_list_defaults_to_four_weeks_either_side_and_leaves_out_other_days() {
    use chrono::{Duration, Months, NaiveDate};
    let (db, patient, visit) = checked_in();
    let today: NaiveDate = db.call("app.info", json!({}))["today"]
        .as_str()
        .expect("today")
        .parse()
        .expect("ISO day");
    db.sign_in("drokafor", PASSWORD);
    // Asked back in six months.
    db.call(
        "exams.save_consultation",
        json!({"visit_id": visit, "consultation": consultation()}),
    );
    db.sign_in("frontdesk", PASSWORD);
    let list = db.call("exams.recall", json!({"from": null, "to": null}));
    assert_eq!(list["from"], (today - Duration::weeks(4)).to_string());
    assert_eq!(list["to"], (today + Duration::weeks(4)).to_string());
    assert_eq!(
        list["entries"],
        json!([]),
        "not due within four weeks: {list}"
    );
    let due = today.checked_add_months(Months::new(6)).expect("day");
    let around = db.call(
        "exams.recall",
        json!({"from": due.to_string(), "to": (due + Duration::days(1)).to_string()}),
    );
    let entries = around["entries"].as_array().expect("entries");
    assert_eq!(entries.len(), 1, "{around}");
    assert_eq!(entries[0]["patient_mrn"], patient["mrn"]);
    assert_eq!(entries[0]["due_on"], due.to_string());
    let after = db.call(
        "exams.recall",
        json!({"from": (due + Duration::days(1)).to_string(), "to": (due + Duration::days(30)).to_string()}),
    );
    assert_eq!(after["entries"], json!([]));
    let e = db.call_err(
        "exams.recall",
        json!({"from": today.to_string(), "to": (today + Duration::days(367)).to_string()}),
    );
    assert_eq!(e.field.as_deref(), Some("to"));
}

#[test]
fn icd10_words_narrow_to_the_eye_with_specific_codes_first() {
    let (db, _p, _v) = checked_in();
    db.sign_in("drokafor", PASSWORD);
    let found = db.call(
        "icd10.search",
        json!({"query": "open glauc right", "limit": 5}),
    );
    let codes = found["codes"].as_array().expect("codes");
    assert_eq!(codes.len(), 5, "{found}");
    assert!(
        codes.iter().all(|c| c["description"]
            .as_str()
            .is_some_and(|d| d.contains("right eye"))),
        "{found}"
    );
    assert_eq!(codes[0]["billable"], true, "{found}");
}

#[test]
fn a_printed_prescription_is_a_document_the_desktop_may_open_and_nothing_else_is() {
    let (db, _patient, visit) = checked_in();
    db.sign_in("optom", PASSWORD);
    db.call(
        "exams.save_workup",
        json!({"visit_id": visit, "workup": workup("6/9", "17")}),
    );
    let doc = db.call(
        "print.spectacle_rx",
        json!({"visit_id": visit, "notes": null}),
    );
    let path = std::path::PathBuf::from(doc["path"].as_str().expect("path"));
    assert!(
        fovea_core::documents::is_document(&db.fovea, &path),
        "{doc}"
    );
    assert_eq!(
        path.file_name().and_then(|n| n.to_str()),
        doc["file_name"].as_str()
    );
    let outside = db.dir.path().join("elsewhere.pdf");
    std::fs::write(&outside, b"%PDF-1.4").expect("write");
    assert!(!fovea_core::documents::is_document(&db.fovea, &outside));
    let climbing = path
        .parent()
        .expect("month folder")
        .join("..")
        .join("..")
        .join("elsewhere.pdf");
    assert!(!fovea_core::documents::is_document(&db.fovea, &climbing));
}
