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
    let (db, _clock, p, dr) = timed();
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
    // Tomorrow's appointment cannot be checked in today.
    let tomorrow = db.call(
        "appointments.book",
        request(&p, &dr, "02/12/2026", "11:00", 20),
    );
    let e = db.call_err(
        "appointments.set_status",
        json!({"id": tomorrow["id"], "status": "checked_in", "reason": null}),
    );
    assert_eq!(
        e.message,
        "This appointment is on 2026-12-02; patients are checked in on the day."
    );
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

/// The book on a database whose clock the test moves: 2026-12-01 09:00 in Dublin (UTC in winter).
fn timed() -> (
    TestDb,
    std::sync::Arc<std::sync::Mutex<chrono::DateTime<chrono::Utc>>>,
    Value,
    String,
) {
    let dir = tempfile::tempdir().expect("dir");
    let clock = std::sync::Arc::new(std::sync::Mutex::new(
        "2026-12-01T09:00:00Z".parse().expect("time"),
    ));
    let c = clock.clone();
    let fovea = fovea_core::Fovea::open(&dir.path().join("f.db"))
        .expect("open")
        .with_clock(move || *c.lock().expect("clock"));
    let db = TestDb {
        fovea,
        dir,
        token: Default::default(),
    };
    db.call("app.setup", crate::support::setup_request("R1", 0));
    db.become_user("drokafor", &["doctor"]);
    let doctor = db.call("auth.session", json!({}))["id"]
        .as_str()
        .expect("id")
        .to_string();
    db.become_user("desk", &["receptionist"]);
    let patient = db.register("José", "Müller", "1980-05-02", &[]);
    (db, clock, patient, doctor)
}

#[test]
fn the_board_counts_minutes_in_the_stage_and_turns_amber_then_red() {
    let (db, clock, p, dr) = timed();
    let a = db.call(
        "appointments.book",
        request(&p, &dr, "2026-12-01", "09:00", 20),
    );
    db.call(
        "appointments.set_status",
        json!({"id": a["id"], "status": "checked_in", "reason": null}),
    );
    let card =
        |db: &TestDb| db.call("queue.board", json!({"clinician_id": null}))["cards"][0].clone();
    assert_eq!(
        (
            card(&db)["minutes_in_stage"].as_i64(),
            card(&db)["level"].as_str()
        ),
        (Some(0), Some("normal"))
    );
    assert_eq!(card(&db)["appointment_time"], "09:00");
    *clock.lock().expect("clock") += chrono::Duration::minutes(25);
    // Idle for longer than the screen-lock time: the receptionist signs in again.
    db.sign_in("desk", "a long test password");
    assert_eq!(
        (
            card(&db)["minutes_in_stage"].as_i64(),
            card(&db)["level"].as_str()
        ),
        (Some(25), Some("amber"))
    );
    *clock.lock().expect("clock") += chrono::Duration::minutes(20);
    db.sign_in("desk", "a long test password");
    assert_eq!(card(&db)["level"], "red");
    // Moving the card restarts the clock in the new stage; who moved it is in the audit trail.
    let moved = db.call(
        "queue.move",
        json!({"visit_id": card(&db)["visit_id"], "stage": "in_workup"}),
    );
    assert_eq!(
        (moved["stage"].as_str(), moved["minutes_in_stage"].as_i64()),
        (Some("in_workup"), Some(0))
    );
    db.sign_in("admin", crate::support::ADMIN_PASSWORD);
    let trail = db.call("audit.patient_access", json!({"patient_id": p["id"]}));
    let newest = &trail["entries"][0];
    assert_eq!(
        (newest["operation"].as_str(), newest["username"].as_str()),
        (Some("queue.move"), Some("desk"))
    );
}

#[test]
fn walk_ins_are_booked_into_now_and_checked_in_even_when_the_slot_is_taken() {
    let (db, _clock, p, dr) = timed();
    let other = db.register("Ana", "García", "1990-01-01", &[]);
    db.call(
        "appointments.book",
        request(&other, &dr, "2026-12-01", "09:00", 20),
    );
    let w = db.call(
        "appointments.walk_in",
        json!({"patient_id": p["id"], "clinician_id": dr, "reason": "Red eye"}),
    );
    assert_eq!(
        (
            w["kind"].as_str(),
            w["status"].as_str(),
            w["start_time"].as_str()
        ),
        (Some("walk_in"), Some("checked_in"), Some("09:00"))
    );
    assert_eq!(w["overbook_reason"], "Walk-in");
    assert_eq!(
        db.call("queue.board", json!({"clinician_id": dr}))["cards"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
}

#[test]
fn rescheduling_keeps_the_clash_rule_but_never_clashes_with_itself() {
    let (db, p, dr) = book_setup();
    let a = db.call(
        "appointments.book",
        request(&p, &dr, "01/12/2026", "09:00", 20),
    );
    db.call(
        "appointments.book",
        request(&p, &dr, "01/12/2026", "10:00", 20),
    );
    let moved = db.call("appointments.reschedule", json!({"id": a["id"], "date": "01/12/2026", "time": "09:10", "length_minutes": 20, "overbook_reason": null}));
    assert_eq!(moved["start_time"], "09:10");
    let e = db.call_err("appointments.reschedule", json!({"id": a["id"], "date": "01/12/2026", "time": "09:50", "length_minutes": 20, "overbook_reason": null}));
    assert_eq!(e.code, ErrorCode::Conflict);
    db.call(
        "appointments.set_status",
        json!({"id": a["id"], "status": "cancelled", "reason": "Moved away"}),
    );
    let e = db.call_err("appointments.reschedule", json!({"id": a["id"], "date": "02/12/2026", "time": "09:00", "length_minutes": 20, "overbook_reason": null}));
    assert_eq!(e.message, "Only a scheduled appointment can be moved.");
}

#[test]
fn free_slots_follow_the_schedule_bookings_and_closed_days() {
    // The clock stands at 09:00 on Tuesday 1 December 2026 (Dublin).
    let (db, clock, p, dr) = timed();
    // The default week: 09:00-17:00, lunch 13-14, 20 minutes; new patients 30.
    let slots = |kind: &str, date: &str| {
        db.call(
            "appointments.slots",
            json!({"clinician_id": dr, "date": date, "kind": kind}),
        )
    };
    let day = slots("follow_up", "01/12/2026");
    assert_eq!(day["length_minutes"], 20);
    assert_eq!(day["slots"].as_array().map(Vec::len), Some(12 + 9));
    assert_eq!(slots("new_patient", "01/12/2026")["length_minutes"], 30);
    db.call(
        "appointments.book",
        request(&p, &dr, "01/12/2026", "09:00", 20),
    );
    let after = slots("follow_up", "01/12/2026");
    assert_eq!(
        after["slots"][0]["time"], "09:20",
        "the booked slot is gone"
    );
    // Weekends are off by default; a closed day says why.
    assert_eq!(
        slots("follow_up", "05/12/2026")["closed_reason"],
        "Not working on this weekday."
    );
    db.call(
        "schedules.set_closed_day",
        json!({"date": "08/12/2026", "closed": true, "reason": "Public holiday"}),
    );
    assert_eq!(
        slots("follow_up", "08/12/2026")["closed_reason"],
        "Public holiday"
    );
    db.call(
        "schedules.set_closed_day",
        json!({"date": "08/12/2026", "closed": false, "reason": null}),
    );
    assert!(slots("follow_up", "08/12/2026")["closed_reason"].is_null());
    // Later in the day, slots that have begun are no longer offered; earlier days offer none.
    *clock.lock().expect("clock") = "2026-12-01T10:05:00Z".parse().expect("time");
    db.sign_in("desk", "a long test password");
    assert_eq!(
        slots("follow_up", "01/12/2026")["slots"][0]["time"],
        "10:20"
    );
    assert_eq!(
        slots("follow_up", "30/11/2026")["slots"]
            .as_array()
            .map(Vec::len),
        Some(0)
    );
}

#[test]
fn schedules_are_validated_and_saved() {
    let (db, _p, dr) = book_setup();
    let mut week = db.call("schedules.get", json!({"clinician_id": dr}));
    week["days"][5] = json!({"start": "09:00", "end": "12:00", "breaks": []});
    week["default_minutes"] = json!(15);
    let saved = db.call("schedules.set", week.clone());
    assert_eq!(saved["days"][5]["end"], "12:00");
    let sat = db.call(
        "appointments.slots",
        json!({"clinician_id": dr, "date": "2026-12-05", "kind": "follow_up"}),
    );
    assert_eq!(sat["slots"].as_array().map(Vec::len), Some(12));
    for (path, value, field) in [
        ("days", json!([null]), "days"),
        ("default_minutes", json!(0), "default_minutes"),
    ] {
        let mut bad = week.clone();
        bad[path] = value;
        assert_eq!(
            db.call_err("schedules.set", bad).field.as_deref(),
            Some(field),
            "{path}"
        );
    }
    let mut bad = week.clone();
    bad["days"][0] = json!({"start": "17:00", "end": "09:00", "breaks": []});
    assert_eq!(
        db.call_err("schedules.set", bad).field.as_deref(),
        Some("days[0]")
    );
    let mut bad = week;
    bad["days"][0] =
        json!({"start": "09:00", "end": "12:00", "breaks": [{"start": "11:30", "end": "12:30"}]});
    assert_eq!(
        db.call_err("schedules.set", bad).field.as_deref(),
        Some("days[0]")
    );
}

#[test]
fn clinicians_are_the_active_doctors_and_optometrists_by_name() {
    let (db, _p, dr) = book_setup();
    db.become_user("optomlee", &["optometrist"]);
    db.become_user("cashier1", &["cashier"]);
    let list = db.call("appointments.clinicians", json!({}));
    let names: Vec<(&str, &str)> = list["clinicians"]
        .as_array()
        .expect("list")
        .iter()
        .map(|c| {
            (
                c["username"].as_str().unwrap_or(""),
                c["id"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(names.len(), 2, "{list}");
    assert!(names.iter().any(|(u, id)| *u == "drokafor" && *id == dr));
    assert!(names.iter().any(|(u, _)| *u == "optomlee"));
}

#[test]
fn a_week_loads_by_start_time_and_ranges_are_bounded() {
    let (db, p, dr) = book_setup();
    db.call(
        "appointments.book",
        request(&p, &dr, "2026-12-03", "11:00", 20),
    );
    db.call(
        "appointments.book",
        request(&p, &dr, "2026-11-30", "09:00", 20),
    );
    db.call(
        "appointments.book",
        request(&p, &dr, "2026-12-07", "09:00", 20),
    );
    let week = db.call(
        "appointments.range",
        json!({"clinician_id": dr, "from": "30/11/2026", "to": "2026-12-06"}),
    );
    let days: Vec<&str> = week["appointments"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|a| a["clinic_day"].as_str())
        .collect();
    assert_eq!(days, vec!["2026-11-30", "2026-12-03"]);
    assert_eq!(week["from"], "2026-11-30");
    let e = db.call_err(
        "appointments.range",
        json!({"clinician_id": null, "from": "2026-12-06", "to": "2026-11-30"}),
    );
    assert_eq!(e.field.as_deref(), Some("to"));
    let e = db.call_err(
        "appointments.range",
        json!({"clinician_id": null, "from": "2026-01-01", "to": "2026-12-31"}),
    );
    assert_eq!(e.field.as_deref(), Some("to"));
}

#[test]
fn tomorrows_reminder_list_has_phones_and_records_who_called() {
    let (db, clock, _p, dr) = timed();
    let ana = db.register("Ana", "Silva", "1990-02-03", &["+353 87 123 4567"]);
    let bo = db.register("Bo", "Li", "1970-04-05", &["021 555 0101"]);
    let a = db.call(
        "appointments.book",
        request(&ana, &dr, "2026-12-02", "10:00", 20),
    );
    let b = db.call(
        "appointments.book",
        request(&bo, &dr, "2026-12-02", "09:00", 20),
    );
    db.call(
        "appointments.book",
        request(&bo, &dr, "2026-12-03", "09:00", 20),
    );
    db.call(
        "appointments.set_status",
        json!({"id": b["id"], "status": "cancelled", "reason": "Rang to cancel"}),
    );
    let list = db.call("appointments.reminders", json!({"date": null}));
    assert_eq!(list["date"], "2026-12-02");
    let reminders = list["reminders"].as_array().expect("list");
    assert_eq!(reminders.len(), 1, "cancelled ones are left out: {list}");
    assert_eq!(reminders[0]["phones"], json!(["+353 87 123 4567"]));
    assert_eq!(reminders[0]["called_at"], Value::Null);

    *clock.lock().expect("clock") = "2026-12-01T09:04:00Z".parse().expect("time");
    let r = db.call(
        "appointments.mark_called",
        json!({"id": a["id"], "called": true, "note": "Left a voicemail"}),
    );
    assert_eq!(r["called_at"], "2026-12-01T09:04:00.000Z");
    assert_eq!(r["call_note"], "Left a voicemail");
    assert!(
        r["called_by_name"].as_str().is_some_and(|n| !n.is_empty()),
        "{r}"
    );
    let again = db.call("appointments.reminders", json!({"date": "02/12/2026"}));
    assert_eq!(again["reminders"][0]["call_note"], "Left a voicemail");

    let cleared = db.call(
        "appointments.mark_called",
        json!({"id": a["id"], "called": false, "note": null}),
    );
    assert_eq!(cleared["called_at"], Value::Null);
    assert_eq!(cleared["called_by_name"], Value::Null);

    let e = db.call_err(
        "appointments.mark_called",
        json!({"id": b["id"], "called": true, "note": null}),
    );
    assert_eq!(e.code, ErrorCode::Conflict);
    let e = db.call_err(
        "appointments.mark_called",
        json!({"id": a["id"], "called": true, "note": "x".repeat(301)}),
    );
    assert_eq!(e.field.as_deref(), Some("note"));
}

#[test]
fn a_patients_appointments_split_into_upcoming_and_recent() {
    let (db, _clock, p, dr) = timed();
    let past = db.call(
        "appointments.book",
        request(&p, &dr, "2026-11-20", "09:00", 20),
    );
    let today = db.call(
        "appointments.book",
        request(&p, &dr, "2026-12-01", "11:00", 20),
    );
    let later = db.call(
        "appointments.book",
        request(&p, &dr, "2026-12-15", "09:00", 20),
    );
    let dropped = db.call(
        "appointments.book",
        request(&p, &dr, "2026-12-10", "09:00", 20),
    );
    db.call(
        "appointments.set_status",
        json!({"id": dropped["id"], "status": "cancelled", "reason": "Travelling"}),
    );
    let mine = db.call("appointments.for_patient", json!({"patient_id": p["id"]}));
    let ids = |k: &str| -> Vec<Value> {
        mine[k]
            .as_array()
            .expect("list")
            .iter()
            .map(|a| a["id"].clone())
            .collect()
    };
    assert_eq!(
        ids("upcoming"),
        vec![today["id"].clone(), later["id"].clone()]
    );
    assert_eq!(
        ids("recent"),
        vec![dropped["id"].clone(), past["id"].clone()]
    );
    let e = db.call_err("appointments.for_patient", json!({"patient_id": "nobody"}));
    assert_eq!(e.code, ErrorCode::NotFound);
}

#[test]
fn the_demo_book_keeps_the_rules_and_fills_todays_board() {
    let (db, _clock, _p, dr) = timed();
    fovea_core::demo::seed_patients(&db.fovea, 60, 3, &mut |_, _| {}).expect("patients");
    // 2026-12-01 is a Tuesday; the clock stands at 09:00, so move it into the afternoon.
    *_clock.lock().expect("clock") = "2026-12-01T12:30:00Z".parse().expect("time");
    db.sign_in("desk", "a long test password");
    let mut days = 0;
    let added = fovea_core::demo::seed_appointments(&db.fovea, 14, 7, 5, &mut |d, _| days = d)
        .expect("seed");
    assert_eq!(days, 22);
    assert!(added > 50, "{added}");
    let week = db.call(
        "appointments.range",
        json!({"clinician_id": dr, "from": "2026-11-17", "to": "2026-12-08"}),
    );
    let all = week["appointments"].as_array().expect("list");
    let live: Vec<&Value> = all
        .iter()
        .filter(|a| !["cancelled", "no_show"].contains(&a["status"].as_str().unwrap_or("")))
        .collect();
    for pair in live.windows(2) {
        assert!(
            pair[0]["ends_at"].as_str() <= pair[1]["starts_at"].as_str(),
            "the demo double-booked: {} and {}",
            pair[0],
            pair[1]
        );
    }
    for a in all {
        let day = a["clinic_day"].as_str().unwrap_or("");
        let status = a["status"].as_str().unwrap_or("");
        if day < "2026-12-01" {
            assert!(
                ["completed", "cancelled", "no_show"].contains(&status),
                "{a}"
            );
        }
        if day > "2026-12-01" {
            assert!(["scheduled", "cancelled"].contains(&status), "{a}");
        }
        if status == "completed" {
            assert!(a["visit_id"].is_string(), "{a}");
        }
        assert_ne!(
            a["start_time"], "13:20",
            "no bookings in the lunch break: {a}"
        );
    }
    let board = db.call("queue.board", json!({"clinician_id": null}));
    let stages: std::collections::BTreeSet<&str> = board["cards"]
        .as_array()
        .expect("cards")
        .iter()
        .filter_map(|c| c["stage"].as_str())
        .collect();
    assert!(
        stages.len() >= 3,
        "today's board spreads over stages: {stages:?}"
    );
    assert!(stages.contains("done"), "{stages:?}");
}

#[test]
fn closed_days_are_listed_in_order_and_reopened_days_drop_out() {
    let (db, _p, _dr) = book_setup();
    for (date, closed, reason) in [
        ("2026-12-25", true, "Christmas Day"),
        ("2026-12-08", true, "Staff training"),
        ("2026-12-26", true, "St Stephen's Day"),
        ("2026-12-26", false, ""),
    ] {
        db.call(
            "schedules.set_closed_day",
            json!({"date": date, "closed": closed, "reason": reason}),
        );
    }
    let list = db.call("schedules.closed_days", json!({"from": "01/12/2026"}));
    assert_eq!(
        list["days"],
        json!([
            {"date": "2026-12-08", "reason": "Staff training"},
            {"date": "2026-12-25", "reason": "Christmas Day"}
        ])
    );
    let later = db.call("schedules.closed_days", json!({"from": "2026-12-10"}));
    assert_eq!(later["days"].as_array().map(Vec::len), Some(1));
}

/// The timed clinic with a second doctor (`drbyrne`) to hand work to; `call` acts as the receptionist.
fn two_doctors() -> (TestDb, Value, String, String) {
    let (db, _clock, p, okafor) = timed();
    db.become_user("drbyrne", &["doctor"]);
    let byrne = db.call("auth.session", json!({}))["id"]
        .as_str()
        .expect("id")
        .to_string();
    db.sign_in("desk", "a long test password");
    (db, p, okafor, byrne)
}

fn reassign_day(from: &str, to: &str, reason: Option<&str>, overbook: Option<&str>) -> Value {
    json!({"appointment_id": null, "from_clinician_id": from, "day": "01/12/2026", "to_clinician_id": to,
           "reason": reason, "overbook_reason": overbook})
}

fn visit_clinician(db: &TestDb, visit: &Value) -> String {
    db.fovea
        .with_connection(|c| {
            c.query_row(
                "SELECT clinician_id FROM visits WHERE id = ?1",
                [visit.as_str().unwrap_or("")],
                |r| r.get(0),
            )
        })
        .expect("conn")
        .expect("visit")
}

#[test]
fn one_appointment_moves_to_another_doctor_with_a_reason() {
    let (db, p, okafor, byrne) = two_doctors();
    let a = db.call(
        "appointments.book",
        request(&p, &okafor, "2026-12-01", "11:00", 20),
    );
    let one = |reason: Value| {
        json!({"appointment_id": a["id"], "from_clinician_id": null, "day": null, "to_clinician_id": byrne,
               "reason": reason, "overbook_reason": null})
    };
    let before = db.data_oplog_len();
    let e = db.call_err("appointments.reassign", one(json!(" ")));
    assert_eq!(e.field.as_deref(), Some("reason"));
    assert_eq!(
        db.data_oplog_len(),
        before,
        "a refused move changes nothing"
    );
    let preview = db.call("appointments.reassign_preview", one(Value::Null));
    assert_eq!(preview["appointments"].as_array().map(Vec::len), Some(1));
    assert_eq!(preview["appointments"][0]["clinician_id"], okafor.as_str());
    assert_eq!(db.data_oplog_len(), before, "a preview writes nothing");
    let moved = db.call(
        "appointments.reassign",
        one(json!("Dr Okafor called to theatre")),
    );
    assert_eq!(moved["appointments"][0]["clinician_id"], byrne.as_str());
    assert_eq!(moved["to_clinician_name"], "Test drbyrne");
    let book = db.call(
        "appointments.day",
        json!({"date": "2026-12-01", "clinician_id": byrne}),
    );
    assert_eq!(book["appointments"][0]["id"], a["id"]);
    // Back to the same clinician: refused on the target's field.
    let e = db.call_err("appointments.reassign", one(json!("again")));
    assert_eq!(e.field.as_deref(), Some("to_clinician_id"));
}

#[test]
fn a_whole_day_moves_with_the_waiting_visits_but_not_the_patient_with_the_doctor() {
    let (db, p, okafor, byrne) = two_doctors();
    let ana = db.register("Ana", "García", "1990-01-01", &[]);
    let bo = db.register("Bo", "Li", "1970-04-05", &[]);
    let waiting = db.call(
        "appointments.book",
        request(&p, &okafor, "2026-12-01", "09:00", 20),
    );
    let with_doctor = db.call(
        "appointments.book",
        request(&ana, &okafor, "2026-12-01", "09:20", 20),
    );
    let later = db.call(
        "appointments.book",
        request(&bo, &okafor, "2026-12-01", "14:00", 20),
    );
    let tomorrow = db.call(
        "appointments.book",
        request(&bo, &okafor, "2026-12-02", "09:00", 20),
    );
    let check_in = |a: &Value| {
        db.call(
            "appointments.set_status",
            json!({"id": a["id"], "status": "checked_in", "reason": null}),
        )["visit_id"]
            .clone()
    };
    let waiting_visit = check_in(&waiting);
    let with_visit = check_in(&with_doctor);
    db.call(
        "queue.move",
        json!({"visit_id": with_visit, "stage": "with_doctor"}),
    );

    let preview = db.call(
        "appointments.reassign_preview",
        reassign_day(&okafor, &byrne, None, None),
    );
    let ids = |v: &Value| -> Vec<Value> {
        v["appointments"]
            .as_array()
            .expect("list")
            .iter()
            .map(|a| a["id"].clone())
            .collect()
    };
    assert_eq!(
        ids(&preview),
        vec![waiting["id"].clone(), later["id"].clone()]
    );
    assert_eq!(preview["visits"], 1);
    assert_eq!(preview["kept"][0]["appointment"]["id"], with_doctor["id"]);
    assert_eq!(preview["clashes"], json!([]));

    let moved = db.call(
        "appointments.reassign",
        reassign_day(&okafor, &byrne, Some("Dr Okafor is off sick"), None),
    );
    assert_eq!(ids(&moved), ids(&preview));
    assert_eq!(visit_clinician(&db, &waiting_visit), byrne);
    assert_eq!(
        visit_clinician(&db, &with_visit),
        okafor,
        "with the doctor: stays"
    );
    let board = db.call("queue.board", json!({"clinician_id": byrne}));
    assert_eq!(board["cards"][0]["visit_id"], waiting_visit);
    let left = db.call(
        "appointments.day",
        json!({"date": "2026-12-01", "clinician_id": okafor}),
    );
    assert_eq!(ids(&left), vec![with_doctor["id"].clone()]);
    let next_day = db.call(
        "appointments.day",
        json!({"date": "2026-12-02", "clinician_id": okafor}),
    );
    assert_eq!(
        ids(&next_day),
        vec![tomorrow["id"].clone()],
        "only the day named moves"
    );

    // The audit trail says who moved what, from whom to whom, and each patient's trail shows it.
    db.sign_in("admin", crate::support::ADMIN_PASSWORD);
    for patient in [&p, &bo] {
        let trail = db.call("audit.patient_access", json!({"patient_id": patient["id"]}));
        let entry = trail["entries"]
            .as_array()
            .expect("entries")
            .iter()
            .find(|e| e["operation"] == "appointments.reassign")
            .unwrap_or_else(|| panic!("no reassign entry for {}: {trail}", patient["id"]))
            .clone();
        assert_eq!(entry["username"], "desk");
        assert_eq!(
            entry["detail"],
            "Test drokafor → Test drbyrne: 2 appointments, 1 waiting visit (Dr Okafor is off sick)"
        );
    }
}

#[test]
fn a_clash_in_the_new_book_refuses_the_whole_move_unless_overbooked_with_a_reason() {
    let (db, p, okafor, byrne) = two_doctors();
    let ana = db.register("Ana", "García", "1990-01-01", &[]);
    let free = db.call(
        "appointments.book",
        request(&p, &okafor, "2026-12-01", "10:00", 20),
    );
    let clashing = db.call(
        "appointments.book",
        request(&p, &okafor, "2026-12-01", "11:00", 20),
    );
    db.call(
        "appointments.book",
        request(&ana, &byrne, "2026-12-01", "11:10", 20),
    );
    let preview = db.call(
        "appointments.reassign_preview",
        reassign_day(&okafor, &byrne, None, None),
    );
    assert_eq!(
        preview["clashes"],
        json!([{"appointment_id": clashing["id"], "start_time": "11:00", "patient_name": "José Müller",
                "with_appointment_id": preview["clashes"][0]["with_appointment_id"], "with_start_time": "11:10",
                "with_patient_name": "Ana García"}])
    );
    let before = db.data_oplog_len();
    let e = db.call_err(
        "appointments.reassign",
        reassign_day(&okafor, &byrne, Some("Called away"), None),
    );
    assert_eq!(e.code, ErrorCode::Conflict);
    assert!(
        e.message
            .contains("11:00 José Müller (with Ana García at 11:10)"),
        "{}",
        e.message
    );
    assert_eq!(
        db.data_oplog_len(),
        before,
        "nothing moved, not even the free one"
    );
    let still = db.call(
        "appointments.day",
        json!({"date": "2026-12-01", "clinician_id": okafor}),
    );
    assert_eq!(still["appointments"].as_array().map(Vec::len), Some(2));

    let moved = db.call(
        "appointments.reassign",
        reassign_day(
            &okafor,
            &byrne,
            Some("Called away"),
            Some("Dr Okafor called to theatre"),
        ),
    );
    let by_id = |id: &Value| {
        moved["appointments"]
            .as_array()
            .expect("list")
            .iter()
            .find(|a| a["id"] == *id)
            .cloned()
            .unwrap_or(Value::Null)
    };
    assert_eq!(
        by_id(&clashing["id"])["overbook_reason"],
        "Dr Okafor called to theatre"
    );
    assert_eq!(
        by_id(&free["id"])["overbook_reason"],
        Value::Null,
        "only the clashing one is overbooked"
    );
    assert_eq!(by_id(&free["id"])["clinician_id"], byrne.as_str());
}

#[test]
fn the_new_clinician_must_be_an_active_doctor_or_optometrist() {
    let (db, p, okafor, byrne) = two_doctors();
    db.call(
        "appointments.book",
        request(&p, &okafor, "2026-12-01", "10:00", 20),
    );
    db.sign_in("admin", crate::support::ADMIN_PASSWORD);
    let cashier = db.call(
        "users.create",
        json!({"username": "cash1", "full_name": "Cara Cash", "roles": ["cashier"],
               "password": "a long test password", "profile": null}),
    )["id"]
        .clone();
    db.call(
        "users.update",
        json!({"id": byrne, "full_name": "Test drbyrne", "roles": ["doctor"], "active": false, "profile": null}),
    );
    db.sign_in("desk", "a long test password");
    let before = db.data_oplog_len();
    for (to, why) in [
        (byrne.as_str(), "inactive"),
        (cashier.as_str().unwrap_or(""), "not a clinician"),
        ("nobody", "unknown"),
    ] {
        let e = db.call_err(
            "appointments.reassign",
            reassign_day(&okafor, to, Some("Called away"), None),
        );
        assert_eq!(e.field.as_deref(), Some("to_clinician_id"), "{why}: {e:?}");
        let e = db.call_err(
            "appointments.reassign_preview",
            reassign_day(&okafor, to, None, None),
        );
        assert_eq!(e.field.as_deref(), Some("to_clinician_id"), "{why}");
    }
    assert_eq!(db.data_oplog_len(), before);
    // One appointment or one day, not neither and not both.
    let e = db.call_err(
        "appointments.reassign_preview",
        json!({"appointment_id": null, "from_clinician_id": null, "day": null, "to_clinician_id": okafor,
               "reason": null, "overbook_reason": null}),
    );
    assert_eq!(e.field.as_deref(), Some("appointment_id"));
    let e = db.call_err(
        "appointments.reassign_preview",
        json!({"appointment_id": null, "from_clinician_id": okafor, "day": "31/02/2026", "to_clinician_id": okafor,
               "reason": null, "overbook_reason": null}),
    );
    assert_eq!(e.field.as_deref(), Some("day"));
}

#[test]
fn a_usual_clinician_is_validated_and_proposed_first_when_booking() {
    let (db, _p, okafor, byrne) = two_doctors();
    // "Test drokafor" sorts after "Test drbyrne": first only because usual.
    let mut patient = crate::support::input("Nora", "Walsh", "1960-03-04", &[]);
    patient["usual_clinician_id"] = json!(okafor);
    let registered = db.call(
        "patients.register",
        json!({"patient": patient, "allow_duplicate": true}),
    )["patient"]
        .clone();
    assert_eq!(registered["usual_clinician_id"], okafor.as_str());
    assert_eq!(registered["usual_clinician_name"], "Test drokafor");
    let plain = db.call("appointments.clinicians", json!({}));
    assert_eq!(plain["clinicians"][0]["id"], byrne.as_str());
    assert_eq!(plain["usual_clinician_id"], Value::Null);
    let proposed = db.call(
        "appointments.clinicians",
        json!({"patient_id": registered["id"]}),
    );
    assert_eq!(proposed["clinicians"][0]["id"], okafor.as_str());
    assert_eq!(proposed["usual_clinician_id"], okafor.as_str());
    assert_eq!(proposed["clinicians"].as_array().map(Vec::len), Some(2));

    // Someone who is not a clinician cannot be the usual clinician; nothing is saved.
    let me = db.call("auth.session", json!({}))["id"].clone();
    let mut bad = patient.clone();
    bad["usual_clinician_id"] = me;
    let e = db.call_err(
        "patients.update",
        json!({"id": registered["id"], "patient": bad}),
    );
    assert_eq!(e.field.as_deref(), Some("usual_clinician_id"));
    let mut bad = patient.clone();
    bad["first_name"] = json!("Ann");
    bad["usual_clinician_id"] = json!("nobody");
    let e = db.call_err(
        "patients.register",
        json!({"patient": bad, "allow_duplicate": true}),
    );
    assert_eq!(e.field.as_deref(), Some("usual_clinician_id"));
    let again = db.call("patients.get", json!({"id": registered["id"]}));
    assert_eq!(again["usual_clinician_id"], okafor.as_str());
    // Cleared: the list goes back to name order.
    patient["usual_clinician_id"] = Value::Null;
    db.call(
        "patients.update",
        json!({"id": registered["id"], "patient": patient}),
    );
    let proposed = db.call(
        "appointments.clinicians",
        json!({"patient_id": registered["id"]}),
    );
    assert_eq!(proposed["clinicians"][0]["id"], byrne.as_str());
    assert_eq!(proposed["usual_clinician_id"], Value::Null);
}
