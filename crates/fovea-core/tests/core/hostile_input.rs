//! Input no person types — control characters, text-direction overrides, huge texts and lists, records sent as
//! lists — is refused with the field named, and nothing of it is stored.

use fovea_core::{Error, ErrorCode};
use serde_json::{Value, json};

use crate::support::{ADMIN_PASSWORD, TestDb};

const PASSWORD: &str = "a long test password";

/// NUL, an ESC sequence (terminal colours), a right-to-left override and a right-to-left isolate.
const HIDDEN: [&str; 4] = [
    "Bank\0holiday",
    "Bank \u{1b}[31mholiday",
    "Bank holiday \u{202E}yadiloh",
    "Bank \u{2067}holiday\u{2069}",
];

/// Runs `op` with `req`, expects a validation error on `field`, and that no clinic data was written.
fn refused(db: &TestDb, op: &str, req: Value, field: &str) -> Error {
    let before = db.data_oplog_len();
    let e = db.call_err(op, req.clone());
    assert_eq!(e.code, ErrorCode::Validation, "{op} {req}: {e:?}");
    assert_eq!(e.field.as_deref(), Some(field), "{op} {req}: {e:?}");
    assert_eq!(db.data_oplog_len(), before, "{op} stored something: {req}");
    e
}

/// A clinic with doctor `drokafor`, a patient, and `call` acting as the receptionist.
fn clinic() -> (TestDb, Value, String) {
    let db = TestDb::set_up();
    db.become_user("drokafor", &["doctor"]);
    let doctor = db.call("auth.session", json!({}))["id"]
        .as_str()
        .expect("id")
        .to_string();
    db.sign_in("frontdesk", PASSWORD);
    let patient = db.register("José", "Müller", "1980-05-02", &[]);
    (db, patient, doctor)
}

fn booking(patient: &Value, doctor: &str) -> Value {
    json!({"patient_id": patient["id"], "clinician_id": doctor, "kind": "follow_up", "date": "2030-12-02",
           "time": "10:00", "length_minutes": 20, "reason": "Review", "notes": null, "overbook_reason": null})
}

#[test]
fn the_clinics_name_and_address_hold_no_hidden_characters() {
    let db = TestDb::set_up();
    db.sign_in("admin", ADMIN_PASSWORD);
    let settings = db.call("settings.get", json!({}));
    for bad in HIDDEN {
        let mut req = settings.clone();
        req["clinic_name"] = json!(bad);
        refused(&db, "settings.update", req, "clinic_name");
        let mut req = settings.clone();
        req["address"] = json!(format!("1 Harbour Road\n{bad}"));
        refused(&db, "settings.update", req, "address");
    }
    assert_eq!(db.call("settings.get", json!({})), settings);
    let mut multi = settings.clone();
    multi["address"] = json!("1 Harbour Road\r\nDublin");
    assert_eq!(
        db.call("settings.update", multi)["address"],
        "1 Harbour Road\nDublin",
        "an address keeps its lines"
    );
}

#[test]
fn appointment_walk_in_closed_day_and_reminder_texts_hold_no_hidden_characters() {
    let (db, patient, doctor) = clinic();
    for bad in HIDDEN {
        for field in ["reason", "notes", "overbook_reason"] {
            let mut req = booking(&patient, &doctor);
            req[field] = json!(bad);
            refused(&db, "appointments.book", req, field);
        }
        refused(
            &db,
            "appointments.walk_in",
            json!({"patient_id": patient["id"], "clinician_id": doctor, "reason": bad}),
            "reason",
        );
        refused(
            &db,
            "schedules.set_closed_day",
            json!({"date": "2030-12-25", "closed": true, "reason": bad}),
            "reason",
        );
    }
    let multi_line_reason = json!({"patient_id": patient["id"], "clinician_id": doctor, "reason": "Red eye\nsince Monday"});
    refused(&db, "appointments.walk_in", multi_line_reason, "reason");
    let day = db.call(
        "appointments.day",
        json!({"date": "2030-12-02", "clinician_id": doctor}),
    );
    assert_eq!(day["appointments"], json!([]));
    let closed = db.call("schedules.closed_days", json!({"from": "2030-12-01"}));
    assert_eq!(closed["days"], json!([]));

    let a = db.call("appointments.book", booking(&patient, &doctor));
    for bad in HIDDEN {
        refused(
            &db,
            "appointments.mark_called",
            json!({"id": a["id"], "called": true, "note": bad}),
            "note",
        );
    }
    let list = db.call("appointments.reminders", json!({"date": "2030-12-02"}));
    assert_eq!(list["reminders"][0]["called_at"], Value::Null, "{list}");
    assert_eq!(list["reminders"][0]["call_note"], Value::Null, "{list}");
    let mut notes = booking(&patient, &doctor);
    notes["time"] = json!("11:00");
    notes["notes"] = json!("Bring old glasses\n\tand drops");
    assert_eq!(
        db.call("appointments.book", notes)["notes"],
        "Bring old glasses\n\tand drops",
        "booking notes keep their lines"
    );
}

#[test]
fn patients_staff_and_examination_texts_follow_the_same_rule() {
    let (db, patient, doctor) = clinic();
    let mut p = crate::support::input("Ana", "Silva", "1990-02-03", &[]);
    p["address"] = json!("Flat 2\u{202E}");
    refused(
        &db,
        "patients.register",
        json!({"patient": p, "allow_duplicate": true}),
        "address",
    );
    let mut p = crate::support::input("Ana", "Silva", "1990-02-03", &[]);
    p["email"] = json!("ana\u{0}@example.com");
    refused(
        &db,
        "patients.register",
        json!({"patient": p, "allow_duplicate": true}),
        "email",
    );
    let p = crate::support::input("An\u{1b}a", "Silva", "1990-02-03", &[]);
    refused(
        &db,
        "patients.register",
        json!({"patient": p, "allow_duplicate": true}),
        "first_name",
    );

    db.sign_in("admin", ADMIN_PASSWORD);
    refused(
        &db,
        "users.create",
        json!({"username": "drana", "full_name": "Ana\0 Ruiz", "roles": ["doctor"], "password": PASSWORD,
               "profile": null}),
        "full_name",
    );

    db.sign_in("frontdesk", PASSWORD);
    let visit = db.call(
        "appointments.walk_in",
        json!({"patient_id": patient["id"], "clinician_id": doctor, "reason": "Red eye"}),
    )["visit_id"]
        .clone();
    db.sign_in("drokafor", PASSWORD);
    refused(
        &db,
        "exams.save_consultation",
        json!({"visit_id": visit, "consultation": {"complaint": "Red\u{202E} eye", "diagnoses": [], "copied": []}}),
        "complaint",
    );
    assert_eq!(
        db.call("exams.get", json!({"visit_id": visit}))["consultation"],
        Value::Null
    );
}

#[test]
fn huge_texts_and_lists_are_refused_before_they_are_stored() {
    let (db, patient, doctor) = clinic();
    let e = refused(
        &db,
        "schedules.set_closed_day",
        json!({"date": "2030-12-25", "closed": true, "reason": "x".repeat(100_000)}),
        "reason",
    );
    assert!(e.message.contains("at most 200"), "{}", e.message);

    let mut week = db.call("schedules.get", json!({"clinician_id": doctor}));
    let breaks: Vec<Value> = (0..10_000)
        .map(|_| json!({"start": "13:00", "end": "13:05"}))
        .collect();
    week["days"][0]["breaks"] = json!(breaks);
    refused(&db, "schedules.set", week, "days[0].breaks");
    let saved = db.call("schedules.get", json!({"clinician_id": doctor}));
    assert_eq!(saved["days"][0]["breaks"].as_array().map(Vec::len), Some(1));

    let mut p = crate::support::input("Ana", "Silva", "1990-02-03", &[]);
    p["phones"] = json!(vec!["+353 87 123 4567"; 10_000]);
    refused(
        &db,
        "patients.register",
        json!({"patient": p, "allow_duplicate": true}),
        "phones",
    );

    let visit = db.call(
        "appointments.walk_in",
        json!({"patient_id": patient["id"], "clinician_id": doctor, "reason": null}),
    )["visit_id"]
        .clone();
    db.sign_in("drokafor", PASSWORD);
    let diagnoses = vec![json!({"code": "H25.11", "eye": "od", "note": null}); 10_000];
    refused(
        &db,
        "exams.save_consultation",
        json!({"visit_id": visit, "consultation": {"diagnoses": diagnoses, "copied": []}}),
        "diagnoses",
    );
    let refractions = vec![json!({"kind": "subjective", "od": {}, "os": {}}); 10_000];
    db.become_user("optom", &["optometrist"]);
    refused(
        &db,
        "exams.save_workup",
        json!({"visit_id": visit, "workup": {"acuity": {"od": {}, "os": {}}, "refractions": refractions,
               "findings": {}, "notes": null, "copied": []}}),
        "refractions",
    );
}

#[test]
fn passwords_of_control_characters_are_refused_wherever_a_password_is_chosen() {
    let hidden = [
        "\0\0\0\0\0\0\0\0\0\0\0\0",
        "\u{1b}[2J\u{1b}[2J\u{1b}[2J",
        "twelve chars\u{7}",
        "right to left \u{202E}",
    ];
    let fresh = TestDb::new();
    for pw in hidden {
        let mut req = crate::support::setup_request("R1", 0);
        req["admin"]["password"] = json!(pw);
        let e = fresh.call_err("app.setup", req);
        assert_eq!(
            (e.code, e.field.as_deref()),
            (ErrorCode::Validation, Some("admin.password")),
            "{pw:?}: {e:?}"
        );
        assert_eq!(fresh.call("app.info", json!({}))["setup_done"], false);
    }

    let db = TestDb::set_up();
    db.sign_in("admin", ADMIN_PASSWORD);
    let users = db.call("users.list", json!({"include_inactive": true}));
    for pw in hidden {
        refused(
            &db,
            "users.create",
            json!({"username": "drana", "full_name": "Ana Ruiz", "roles": ["doctor"], "password": pw,
                   "profile": null}),
            "password",
        );
    }
    assert_eq!(
        db.call("users.list", json!({"include_inactive": true})),
        users,
        "no user was made"
    );

    let desk = users
        .as_array()
        .expect("users")
        .iter()
        .find(|u| u["username"] == "frontdesk")
        .expect("frontdesk")["id"]
        .clone();
    for pw in hidden {
        refused(
            &db,
            "users.reset_password",
            json!({"id": desk, "new_password": pw}),
            "new_password",
        );
    }
    db.sign_in("frontdesk", PASSWORD);
    for pw in hidden {
        refused(
            &db,
            "auth.change_password",
            json!({"current_password": PASSWORD, "new_password": pw}),
            "new_password",
        );
    }
    db.sign_in("frontdesk", PASSWORD);
}

#[test]
fn a_list_sent_where_a_record_belongs_is_a_bad_request() {
    let (db, patient, doctor) = clinic();
    let visit = db.call(
        "appointments.walk_in",
        json!({"patient_id": patient["id"], "clinician_id": doctor, "reason": null}),
    )["visit_id"]
        .clone();
    db.sign_in("drokafor", PASSWORD);
    let before = db.data_oplog_len();
    for consultation in [
        json!([]),
        json!([null, null, null, null, null, [], null, null]),
    ] {
        let e = db.call_err(
            "exams.save_consultation",
            json!({"visit_id": visit, "consultation": consultation}),
        );
        assert_eq!(e.code, ErrorCode::BadRequest, "{e:?}");
        assert_eq!(e.field.as_deref(), Some("consultation"), "{e:?}");
        assert!(e.message.contains("object"), "{}", e.message);
    }
    let e = db.call_err("exams.save_consultation", json!([visit, {}]));
    assert_eq!(e.code, ErrorCode::BadRequest, "{e:?}");
    let e = db.call_err(
        "exams.save_consultation",
        json!({"visit_id": visit, "consultation": {"diagnoses": [["H25.11", "od", null]], "copied": []}}),
    );
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::BadRequest, Some("consultation.diagnoses[0]")),
        "{e:?}"
    );
    assert_eq!(db.data_oplog_len(), before, "nothing was saved");
    assert_eq!(
        db.call("exams.get", json!({"visit_id": visit}))["consultation"],
        Value::Null
    );
}
