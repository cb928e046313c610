use fovea_core::ErrorCode;
use serde_json::{Value, json};

use crate::support::{ADMIN_PASSWORD, TestDb};

fn entries(db: &TestDb, filter: Value) -> Vec<Value> {
    db.sign_in("admin", ADMIN_PASSWORD);
    db.call("audit.search", filter)["entries"]
        .as_array()
        .expect("entries")
        .clone()
}

fn no_filter() -> Value {
    json!({"patient_id": null, "user_id": null, "from": null, "to": null, "limit": null})
}

#[test]
fn reads_writes_refusals_and_failed_sign_ins_are_recorded() {
    let db = TestDb::set_up();
    let p = db.register("José", "Müller", "1980-05-02", &[]);
    db.call("patients.get", json!({"id": p["id"]}));
    db.call_err("users.list", json!({"include_inactive": false}));
    let _ = db.fovea.call(
        None,
        "auth.sign_in",
        json!({"username": "frontdesk", "password": "wrong wrong wrong"}),
    );

    let all = entries(&db, no_filter());
    let find = |op: &str, outcome: &str| {
        all.iter()
            .find(|e| e["operation"] == op && e["outcome"] == outcome)
            .cloned()
    };
    let reg = find("patients.register", "ok").expect("registration audited");
    assert_eq!(reg["patient_id"], p["id"]);
    assert_eq!(reg["username"], "frontdesk");
    assert_eq!(reg["workstation"], "R1");
    assert_eq!(reg["patient_mrn"], p["mrn"]);
    let read = find("patients.get", "ok").expect("read audited");
    assert_eq!(read["patient_name"], "José Müller");
    assert!(find("users.list", "denied").is_some(), "refusal audited");
    let failed = find("auth.sign_in", "failed").expect("failed sign-in audited");
    assert_eq!(failed["username"], "frontdesk");

    // The patient's page: who opened this record.
    let access = db.call("audit.patient_access", json!({"patient_id": p["id"]}))["entries"]
        .as_array()
        .expect("entries")
        .clone();
    let ops: Vec<&str> = access
        .iter()
        .filter_map(|e| e["operation"].as_str())
        .collect();
    assert_eq!(
        ops,
        vec!["patients.get", "patients.register"],
        "newest first"
    );

    // Filters.
    let me = db.call("auth.session", json!({}));
    let by_admin = entries(
        &db,
        json!({"patient_id": null, "user_id": me["id"], "from": null, "to": null, "limit": null}),
    );
    assert!(by_admin.iter().all(|e| e["user_id"] == me["id"]));
    let none = entries(
        &db,
        json!({"patient_id": null, "user_id": null, "from": "01/01/2020", "to": "31/12/2020", "limit": null}),
    );
    assert!(none.is_empty());
    let e = db.call_err("audit.search", json!({"patient_id": null, "user_id": null, "from": "yesterday", "to": null, "limit": null}));
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::Validation, Some("from"))
    );
}

fn verify(db: &TestDb) -> Value {
    db.sign_in("admin", ADMIN_PASSWORD);
    db.call("audit.verify", json!({}))
}

fn raw(db: &TestDb, sql: &str) {
    db.fovea
        .with_connection(|c| c.execute_batch(sql))
        .expect("conn")
        .expect("sql");
}

fn tampered_db() -> TestDb {
    let db = TestDb::set_up();
    for name in ["Ana", "Ben", "Cai", "Dee"] {
        db.register(name, "Tester", "1990-01-01", &[]);
    }
    assert_eq!(verify(&db)["first_break"], Value::Null, "intact");
    // What someone with the database file and a SQLite shell could do.
    raw(
        &db,
        "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;",
    );
    db
}

#[test]
fn an_altered_entry_is_detected() {
    let db = tampered_db();
    raw(
        &db,
        "UPDATE audit_log SET username = 'someone-else' WHERE seq = 5",
    );
    let r = verify(&db);
    assert_eq!(r["first_break"]["seq"], 5);
    assert!(
        r["first_break"]["problem"]
            .as_str()
            .is_some_and(|p| p.contains("altered"))
    );
}

#[test]
fn a_deleted_entry_is_detected() {
    let db = tampered_db();
    raw(&db, "DELETE FROM audit_log WHERE seq = 4");
    assert_eq!(verify(&db)["first_break"]["seq"], 4);
}

#[test]
fn reordered_entries_are_detected() {
    let db = tampered_db();
    raw(
        &db,
        "UPDATE audit_log SET seq = -1 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = 4; UPDATE audit_log SET seq = 4 WHERE seq = -1;",
    );
    assert_eq!(verify(&db)["first_break"]["seq"], 3);
}

#[test]
fn removing_the_newest_entries_is_detected() {
    let db = tampered_db();
    let last: i64 = db
        .fovea
        .with_connection(|c| c.query_row("SELECT max(seq) FROM audit_log", [], |r| r.get(0)))
        .expect("conn")
        .expect("max");
    raw(
        &db,
        &format!("DELETE FROM audit_log WHERE seq >= {}", last - 1),
    );
    // verify() itself appends an entry after checking, so the break is found at the first removed position.
    let r = verify(&db);
    assert_eq!(r["first_break"]["seq"], last - 1, "{r}");
}

#[test]
fn the_trail_cannot_be_changed_through_sql_while_its_guards_stand() {
    let db = TestDb::set_up();
    let res = db
        .fovea
        .with_connection(|c| c.execute("DELETE FROM audit_log", []))
        .expect("conn");
    assert!(res.is_err());
    let res = db
        .fovea
        .with_connection(|c| c.execute("UPDATE audit_log SET detail = 'x'", []))
        .expect("conn");
    assert!(res.is_err());
}

fn deep(db: &TestDb) -> Value {
    db.sign_in("admin", ADMIN_PASSWORD);
    db.call("audit.verify", json!({"deep": true}))["deep"].clone()
}

fn problems(report: &Value) -> Vec<(String, String, Value)> {
    report["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| {
            (
                p["table"].as_str().unwrap_or_default().to_string(),
                p["problem"].as_str().unwrap_or_default().to_string(),
                p["columns"].clone(),
            )
        })
        .collect()
}

#[test]
fn the_deep_check_finds_rows_edited_added_or_deleted_with_sql() {
    let db = TestDb::set_up();
    let ana = db.register("Ana", "Tester", "1990-01-01", &[]);
    db.become_user("till", &["cashier"]);
    let clean = deep(&db);
    assert_eq!(clean["problems_found"], 0, "{clean}");
    assert!(clean["rows_checked"].as_u64().unwrap_or(0) > 3);

    // What someone with the database file and a SQLite shell could do; the chain itself stays intact.
    raw(
        &db,
        &format!(
            "UPDATE patients SET allergies = 'none known' WHERE id = '{}';
             UPDATE users SET roles = '[\"admin\"]' WHERE username = 'till';
             INSERT INTO closed_days (id, reason, closed) VALUES ('2027-01-04', 'forged', 1);
             DROP TRIGGER patients_no_delete;",
            ana["id"].as_str().expect("id")
        ),
    );
    let found = deep(&db);
    let list = problems(&found);
    assert!(
        list.iter()
            .any(|(t, p, c)| t == "patients" && p.contains("edited") && c == &json!(["allergies"])),
        "{found}"
    );
    assert!(
        list.iter()
            .any(|(t, p, c)| t == "users" && p.contains("edited") && c == &json!(["roles"])),
        "{found}"
    );
    assert!(
        list.iter()
            .any(|(t, p, _)| t == "closed_days" && p.contains("added")),
        "{found}"
    );
    assert_eq!(found["problems_found"], 3, "{found}");

    raw(&db, "DELETE FROM patients WHERE first_name = 'Ana';");
    let list = problems(&deep(&db));
    assert!(
        list.iter()
            .any(|(t, p, _)| t == "patients" && p.contains("deleted")),
        "{list:?}"
    );
    let plain = verify(&db);
    assert_eq!(
        plain["deep"],
        Value::Null,
        "the deep check runs only when asked"
    );
}
