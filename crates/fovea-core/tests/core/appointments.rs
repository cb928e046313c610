use fovea_core::ErrorCode;
use serde_json::{Value, json};

use crate::support::TestDb;

/// A clinic with doctor `drokafor`, a patient, and `call` acting as the receptionist.
fn book_setup() -> (TestDb, Value, String) {
    let db = TestDb::set_up();
    db.become_user("drokafor", &["doctor"]);
    let doctor = db.call("auth.session", json!({}))["id"]
        .as_str()
        .expect("id")
        .to_string();
    db.sign_in("frontdesk", "a long test password");
    let patient = db.register("José", "Müller", "1980-05-02", &[]);
    (db, patient, doctor)
}

fn request(patient: &Value, doctor: &str, date: &str, time: &str, minutes: u32) -> Value {
    json!({"patient_id": patient["id"], "clinician_id": doctor, "kind": "follow_up", "date": date, "time": time,
           "length_minutes": minutes, "reason": "Review", "notes": null, "overbook_reason": null})
}

#[test]
fn overlap_is_refused_naming_the_clash_adjacency_is_fine_overbooking_needs_a_reason() {
    let (db, p, dr) = book_setup();
    let first = db.call(
        "appointments.book",
        request(&p, &dr, "01/12/2026", "09:00", 20),
    );
    assert_eq!(
        (first["start_time"].as_str(), first["status"].as_str()),
        (Some("09:00"), Some("scheduled"))
    );
    let e = db.call_err(
        "appointments.book",
        request(&p, &dr, "01/12/2026", "09:10", 20),
    );
    assert_eq!(e.code, ErrorCode::Conflict);
    assert!(
        e.message.contains("José Müller") && e.message.contains("09:00"),
        "{}",
        e.message
    );
    db.call(
        "appointments.book",
        request(&p, &dr, "01/12/2026", "09:20", 20),
    );
    db.call(
        "appointments.book",
        request(&p, &dr, "01/12/2026", "08:40", 20),
    );
    let mut over = request(&p, &dr, "01/12/2026", "09:05", 10);
    over["overbook_reason"] = json!("Urgent: sudden loss of vision");
    let o = db.call("appointments.book", over);
    assert_eq!(o["overbook_reason"], "Urgent: sudden loss of vision");
    let day = db.call(
        "appointments.day",
        json!({"date": "2026-12-01", "clinician_id": dr}),
    );
    let times: Vec<&str> = day["appointments"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|a| a["start_time"].as_str())
        .collect();
    assert_eq!(times, vec!["08:40", "09:00", "09:05", "09:20"]);
}

#[test]
fn cancelling_needs_a_reason_and_frees_the_slot() {
    let (db, p, dr) = book_setup();
    let a = db.call(
        "appointments.book",
        request(&p, &dr, "01/12/2026", "10:00", 20),
    );
    let e = db.call_err(
        "appointments.set_status",
        json!({"id": a["id"], "status": "cancelled", "reason": " "}),
    );
    assert_eq!(e.field.as_deref(), Some("reason"));
    let c = db.call(
        "appointments.set_status",
        json!({"id": a["id"], "status": "cancelled", "reason": "Patient unwell"}),
    );
    assert_eq!(c["cancel_reason"], "Patient unwell");
    db.call(
        "appointments.book",
        request(&p, &dr, "01/12/2026", "10:00", 20),
    );
}

#[test]
fn statuses_follow_the_flow_and_check_in_opens_a_visit() {
    let (db, p, dr) = book_setup();
    let a = db.call(
        "appointments.book",
        request(&p, &dr, "01/12/2026", "11:00", 20),
    );
    let set = |status: &str| {
        db.fovea.call(
            db.token.borrow().as_deref(),
            "appointments.set_status",
            json!({"id": a["id"], "status": status, "reason": null}),
        )
    };
    assert_eq!(
        set("completed").expect_err("skips").code,
        ErrorCode::Conflict
    );
    let checked = set("checked_in").expect("check in");
    assert!(checked["visit_id"].is_string(), "a visit is opened");
    assert_eq!(
        set("no_show").expect_err("arrived").message,
        "Not possible: an appointment that is checked in cannot become a no-show."
    );
    set("in_progress").expect("start");
    set("completed").expect("complete");
    assert_eq!(
        set("cancelled").expect_err("done").code,
        ErrorCode::Conflict
    );
    let stage: String = db
        .fovea
        .with_connection(|c| {
            c.query_row(
                "SELECT stage FROM visits WHERE id = ?1",
                [checked["visit_id"].as_str().unwrap_or("")],
                |r| r.get(0),
            )
        })
        .expect("conn")
        .expect("visit");
    assert_eq!(stage, "waiting_workup");
}

#[test]
fn bad_bookings_are_refused_on_the_right_field() {
    let (db, p, dr) = book_setup();
    let cases = [
        ("time", json!("9 o'clock"), "time"),
        ("date", json!("31/02/2026"), "date"),
        ("length_minutes", json!(0), "length_minutes"),
        ("clinician_id", json!("nobody"), "clinician_id"),
        ("patient_id", json!("nobody"), "patient_id"),
    ];
    for (field, value, expected) in cases {
        let mut r = request(&p, &dr, "01/12/2026", "09:00", 20);
        r[field] = value;
        assert_eq!(
            db.call_err("appointments.book", r).field.as_deref(),
            Some(expected),
            "{field}"
        );
    }
    // Booking with someone who is not a clinician.
    let me = db.call("auth.session", json!({}));
    let e = db.call_err(
        "appointments.book",
        request(
            &p,
            me["id"].as_str().unwrap_or(""),
            "01/12/2026",
            "09:00",
            20,
        ),
    );
    assert_eq!(e.field.as_deref(), Some("clinician_id"));
    // 01:30 does not exist in Dublin on 29 March 2026 (clocks go forward at 01:00).
    let e = db.call_err(
        "appointments.book",
        request(&p, &dr, "29/03/2026", "01:30", 20),
    );
    assert_eq!(e.field.as_deref(), Some("time"));
    assert!(
        db.call(
            "appointments.day",
            json!({"date": "2026-12-01", "clinician_id": null})
        )["appointments"]
            .as_array()
            .is_some_and(|a| a.is_empty())
    );
}
