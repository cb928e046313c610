//! A signed examination is immutable in the database itself: raw SQL on the file (UPDATE, DELETE and
//! INSERT OR REPLACE, which SQLite would otherwise let past delete triggers) is refused on every table that holds part
//! of the signed record, and the values stay as signed.

use rusqlite::types::Value as SqlValue;
use serde_json::json;

use crate::support::TestDb;

const PASSWORD: &str = "a long test password";

/// A signed examination with charted IOP 11 mmHg in the right eye, a medication prescription and one addendum;
/// returns the examination id.
fn signed_exam(db: &TestDb) -> String {
    db.become_user("optom", &["optometrist"]);
    db.become_user("drsealed", &["doctor"]);
    let doctor = db.call("auth.session", json!({}))["id"].clone();
    db.sign_in("frontdesk", PASSWORD);
    let patient = db.register("Niamh", "Ó Súilleabháin", "1970-01-02", &[]);
    let visit = db.call(
        "appointments.walk_in",
        json!({"patient_id": patient["id"], "clinician_id": doctor, "reason": "Review"}),
    )["visit_id"]
        .as_str()
        .expect("visit")
        .to_string();
    db.sign_in("optom", PASSWORD);
    db.call(
        "exams.save_workup",
        json!({"visit_id": visit, "workup": {"acuity": {"od": {"bcva": "6/6"}}, "iop": {"od": "11", "os": "12", "method": "icare"}}}),
    );
    db.sign_in("drsealed", PASSWORD);
    db.call(
        "exams.save_consultation",
        json!({"visit_id": visit, "consultation": {"diagnoses": [{"code": "H52.11", "eye": "od"}], "plan": "Glasses"}}),
    );
    db.call(
        "prescriptions.save",
        json!({"visit_id": visit, "items": [{"generic_name": "ketorolac", "strength": "0.5%", "form": "solution",
            "eye": "od", "steps": [{"dose": {"amount_tenths": 10, "unit": "drop"}, "frequency": "four_times_daily",
            "days": 7}], "quantity": 1}]}),
    );
    db.call(
        "exams.sign",
        json!({"visit_id": visit, "password": PASSWORD}),
    );
    let view = db.call(
        "exams.add_addendum",
        json!({"visit_id": visit, "text": "Seen again."}),
    );
    view["examination_id"].as_str().expect("exam").to_string()
}

/// Every column of every row that belongs to the examination, in a fixed order.
fn snapshot(db: &TestDb, exam: &str) -> Vec<Vec<SqlValue>> {
    db.fovea
        .with_connection(|c| {
            let mut out = Vec::new();
            for sql in [
                "SELECT * FROM examinations WHERE id = ?1",
                "SELECT * FROM exam_values WHERE examination_id = ?1 ORDER BY id",
                "SELECT * FROM addenda WHERE examination_id = ?1 ORDER BY id",
                "SELECT * FROM medication_prescriptions WHERE examination_id = ?1",
            ] {
                let mut stmt = c.prepare(sql).expect("prep");
                let n = stmt.column_count();
                let rows = stmt
                    .query_map([exam], |r| {
                        (0..n)
                            .map(|i| r.get::<_, SqlValue>(i))
                            .collect::<Result<Vec<_>, _>>()
                    })
                    .expect("query");
                out.extend(rows.map(|r| r.expect("row")));
            }
            out
        })
        .expect("conn")
}

#[test]
fn raw_sql_cannot_change_delete_or_replace_any_part_of_a_signed_examination() {
    let db = TestDb::set_up();
    let exam = signed_exam(&db);
    let before = snapshot(&db, &exam);
    let iop_od = format!("{exam}/iop/od");
    let charted: i64 = db
        .fovea
        .with_connection(|c| {
            c.query_row(
                "SELECT value FROM exam_values WHERE id = ?1",
                [&iop_od],
                |r| r.get(0),
            )
        })
        .expect("conn")
        .expect("iop");
    assert_eq!(charted, 110, "IOP 11 mmHg in tenths");

    let attacks = [
        // The examination itself.
        "UPDATE examinations SET consultation = '{}' WHERE id = ?1",
        "UPDATE examinations SET signed_at = NULL, signed_by = NULL WHERE id = ?1",
        "DELETE FROM examinations WHERE id = ?1",
        "INSERT OR REPLACE INTO examinations SELECT id, patient_id, visit_id, clinic_day, workup, workup_by,
             workup_saved_at, '{\"plan\":\"forged\"}', consultation_by, consultation_saved_at, diagnosis_codes,
             follow_up_on, signed_at, signed_by, created_at, updated_at FROM examinations WHERE id = ?1",
        "REPLACE INTO examinations SELECT id, patient_id, visit_id, clinic_day, workup, workup_by, workup_saved_at,
             consultation, consultation_by, consultation_saved_at, diagnosis_codes, follow_up_on, NULL, NULL,
             created_at, updated_at FROM examinations WHERE id = ?1",
        // Its charted values (the IOP of 11 written as 35).
        "UPDATE exam_values SET value = 350, display = '35' WHERE examination_id = ?1 AND quantity = 'iop'",
        "UPDATE exam_values SET examination_id = examination_id WHERE examination_id = ?1",
        "DELETE FROM exam_values WHERE examination_id = ?1",
        "INSERT OR REPLACE INTO exam_values SELECT id, examination_id, patient_id, measured_at, quantity, eye, 350,
             '35' FROM exam_values WHERE examination_id = ?1 AND quantity = 'iop'",
        "INSERT INTO exam_values SELECT id || '-extra', examination_id, patient_id, measured_at, quantity, eye, 350,
             '35' FROM exam_values WHERE examination_id = ?1 AND quantity = 'iop'",
        "INSERT INTO exam_values (id, examination_id, patient_id, measured_at, quantity, eye, value, display)
             SELECT id, examination_id, patient_id, measured_at, quantity, eye, value, display FROM exam_values
             WHERE examination_id = ?1 AND quantity = 'iop'
             ON CONFLICT (id) DO UPDATE SET value = 350",
        // Its addenda.
        "UPDATE addenda SET text = 'Nothing was seen.' WHERE examination_id = ?1",
        "DELETE FROM addenda WHERE examination_id = ?1",
        "INSERT OR REPLACE INTO addenda SELECT id, examination_id, author_id, 'Nothing was seen.', created_at
             FROM addenda WHERE examination_id = ?1",
        // Its medication prescription (the lines emptied, moved away, replaced or deleted).
        "UPDATE medication_prescriptions SET items = '[]' WHERE examination_id = ?1",
        "UPDATE medication_prescriptions SET examination_id = examination_id WHERE examination_id = ?1",
        "DELETE FROM medication_prescriptions WHERE examination_id = ?1",
        "INSERT OR REPLACE INTO medication_prescriptions SELECT id, examination_id, visit_id, patient_id, '[]',
             written_by, created_at, updated_at FROM medication_prescriptions WHERE examination_id = ?1",
        "INSERT INTO medication_prescriptions (id, examination_id, visit_id, patient_id, items, written_by,
             created_at, updated_at)
             SELECT id, examination_id, visit_id, patient_id, items, written_by, created_at, updated_at
             FROM medication_prescriptions WHERE examination_id = ?1
             ON CONFLICT (id) DO UPDATE SET items = '[]'",
    ];
    for sql in attacks {
        let res = db
            .fovea
            .with_connection(|c| c.execute(sql, [&exam]))
            .expect("conn");
        // A refusal for bad SQL would prove nothing.
        if let Err(e) = &res {
            assert!(
                !e.to_string().contains("syntax error"),
                "attack not valid SQL: {sql}: {e}"
            );
        }
        assert!(res.is_err(), "the database let this through: {sql}");
        assert_eq!(snapshot(&db, &exam), before, "changed by: {sql}");
    }
}

#[test]
fn raw_sql_cannot_replace_an_audit_entry() {
    let db = TestDb::set_up();
    let res = db
        .fovea
        .with_connection(|c| {
            c.execute(
                "INSERT OR REPLACE INTO audit_log SELECT id, site_id, seq, at, workstation, user_id, username,
                     'nothing.happened', outcome, patient_id, rows, detail, prev_hash, hash
                 FROM audit_log ORDER BY seq LIMIT 1",
                [],
            )
        })
        .expect("conn");
    assert!(res.is_err(), "REPLACE rewrote an audit entry");
}

#[test]
fn the_core_still_writes_unsigned_values_and_signs() {
    // The seal must not stop the core's own work-up saves, re-saves and signing (covered end to end above);
    // here: a re-saved work-up on an unsigned examination updates its charted value in place.
    let db = TestDb::set_up();
    db.become_user("optom", &["optometrist"]);
    db.become_user("drsealed", &["doctor"]);
    let doctor = db.call("auth.session", json!({}))["id"].clone();
    db.sign_in("frontdesk", PASSWORD);
    let patient = db.register("Ciarán", "Byrne", "1980-05-06", &[]);
    let visit = db.call(
        "appointments.walk_in",
        json!({"patient_id": patient["id"], "clinician_id": doctor, "reason": null}),
    )["visit_id"]
        .clone();
    db.sign_in("optom", PASSWORD);
    for iop in ["11", "14"] {
        db.call(
            "exams.save_workup",
            json!({"visit_id": visit, "workup": {"iop": {"od": iop, "method": "icare"}}}),
        );
    }
    let v: i64 = db
        .fovea
        .with_connection(|c| {
            c.query_row(
                "SELECT value FROM exam_values WHERE quantity = 'iop' AND eye = 'od'",
                [],
                |r| r.get(0),
            )
        })
        .expect("conn")
        .expect("iop");
    assert_eq!(v, 140);
}
