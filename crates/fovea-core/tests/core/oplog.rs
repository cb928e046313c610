//! The operation log must record every change to replicated data: rebuilding each replicated table from the log
//! alone must give exactly what is stored.

use std::collections::BTreeMap;

use fovea_core::sync::{LOCAL_TABLES, REPLICATED_TABLES, write::to_sql};
use rusqlite::types::Value as SqlValue;
use serde_json::{Map, Value, json};

use crate::support::{TestDb, input};

/// Runs every write operation of the catalog, including refused ones.
fn exercise_every_write(db: &TestDb) {
    let a = db.register("José", "Müller", "02/05/1980", &["+44 20 7946 0958"]);
    let b = db.register("Siobhán", "O'Brien", "1975-11-30", &[]);
    let id = a["id"].as_str().expect("id");
    let mut edited = input(
        "José",
        "Müller-Weiß",
        "02/05/1980",
        &["+44 20 7946 0958", "0612 555 0101"],
    );
    edited["allergies"] = json!("Penicillin");
    db.call("patients.update", json!({"id": id, "patient": edited}));
    db.call("patients.update", json!({"id": id, "patient": edited})); // no change: nothing logged
    db.call("patients.archive", json!({"id": b["id"], "archived": true}));
    db.call(
        "patients.archive",
        json!({"id": b["id"], "archived": false}),
    );
    db.call_err(
        "patients.update",
        json!({"id": id, "patient": input("", "X", "02/05/1980", &[])}),
    );
    db.call_err("app.rename_workstation", json!({"workstation_code": "R9"}));
    let res = db.call(
        "patients.register",
        json!({"patient": input("Siobhan", "OBrien", "1975-11-30", &[]), "allow_duplicate": false}),
    );
    assert_eq!(res["outcome"], "possible_duplicates");
    fovea_core::demo::seed_patients(&db.fovea, 20, 1, &mut |_, _| {}).expect("seed");
    // The appointment book: booking, status changes and the visit a check-in opens.
    let receptionist = db.token.borrow().clone();
    db.become_user("drlog", &["doctor"]);
    let doctor = db.call("auth.session", json!({}))["id"].clone();
    *db.token.borrow_mut() = receptionist;
    // Today in the clinic's zone, so the check-in below is on the appointment's day.
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Dublin)
        .date_naive()
        .to_string();
    let booking = |time: &str| {
        db.call(
            "appointments.book",
            json!({"patient_id": id, "clinician_id": doctor, "kind": "new_patient", "date": today, "time": time,
                   "length_minutes": 20, "reason": null, "notes": null, "overbook_reason": null}),
        )
    };
    let first = booking("09:00");
    let second = booking("09:20");
    let third = booking("10:00");
    db.call(
        "appointments.mark_called",
        json!({"id": third["id"], "called": true, "note": "Confirmed"}),
    );
    let visit = db.call(
        "appointments.set_status",
        json!({"id": third["id"], "status": "checked_in", "reason": null}),
    )["visit_id"]
        .clone();
    db.call(
        "queue.move",
        json!({"visit_id": visit, "stage": "in_workup"}),
    );
    for status in ["checked_in", "in_progress", "completed"] {
        db.call(
            "appointments.set_status",
            json!({"id": first["id"], "status": status, "reason": null}),
        );
    }
    db.call(
        "appointments.set_status",
        json!({"id": second["id"], "status": "cancelled", "reason": "Rebooked"}),
    );
    fovea_core::demo::seed_appointments(&db.fovea, 3, 3, 1, &mut |_, _| {}).expect("demo book");
    // The examination: work-up, consultation, signature and an addendum.
    let desk = db.token.borrow().clone();
    db.sign_in("drlog", "a long test password");
    db.call(
        "exams.save_workup",
        json!({"visit_id": visit, "workup": {"acuity": {"od": {"bcva": "6/9"}}, "iop": {"od": "17", "os": "19", "method": "icare"},
               "refractions": [{"kind": "final", "od": {"sphere": "-2.00", "cylinder": "-0.75", "axis": "180"}}]}}),
    );
    db.call(
        "exams.save_workup",
        json!({"visit_id": visit, "workup": {"acuity": {"od": {"bcva": "6/6"}}, "iop": {"od": "17", "method": "icare"}}}),
    );
    db.call(
        "exams.save_consultation",
        json!({"visit_id": visit, "consultation": {"diagnoses": [{"code": "H52.11", "eye": "od"}], "follow_up": {"kind": "weeks", "count": 6}}}),
    );
    db.call(
        "exams.sign",
        json!({"visit_id": visit, "password": "a long test password"}),
    );
    db.call(
        "exams.add_addendum",
        json!({"visit_id": visit, "text": "Checked again."}),
    );
    *db.token.borrow_mut() = desk;
}

fn rows_from_log(db: &TestDb, table: &str) -> BTreeMap<String, Map<String, Value>> {
    db.fovea
        .with_connection(|c| {
            let mut stmt = c
                .prepare("SELECT row_id, fields FROM oplog WHERE tbl = ?1 ORDER BY hlc, site_id")
                .expect("prep");
            let mut rows: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
            for r in stmt
                .query_map([table], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
                })
                .expect("query")
            {
                let (id, fields) = r.expect("row");
                let Value::Object(f) = serde_json::from_str(&fields).expect("json") else {
                    panic!("not an object")
                };
                rows.entry(id).or_default().extend(f);
            }
            rows
        })
        .expect("conn")
}

fn rows_stored(db: &TestDb, table: &str, columns: &[&str]) -> BTreeMap<String, Vec<SqlValue>> {
    db.fovea
        .with_connection(|c| {
            let sql = format!("SELECT id, {} FROM {table}", columns.join(", "));
            let mut stmt = c.prepare(&sql).expect("prep");
            let rows = stmt
                .query_map([], |r| {
                    let id: String = r.get(0)?;
                    let vals = (0..columns.len())
                        .map(|i| r.get::<_, SqlValue>(i + 1))
                        .collect::<Result<Vec<_>, _>>()?;
                    Ok((id, vals))
                })
                .expect("query");
            rows.map(|r| r.expect("row")).collect()
        })
        .expect("conn")
}

#[test]
fn every_replicated_row_can_be_rebuilt_from_the_log() {
    let db = TestDb::set_up();
    exercise_every_write(&db);
    for table in REPLICATED_TABLES {
        let stored = rows_stored(&db, table.name, table.columns);
        let logged = rows_from_log(&db, table.name);
        assert_eq!(
            stored.len(),
            logged.len(),
            "{}: every row has log entries",
            table.name
        );
        for (id, values) in &stored {
            let fields = logged
                .get(id)
                .unwrap_or_else(|| panic!("{} row {id} missing from the log", table.name));
            let rebuilt: Vec<SqlValue> = table
                .columns
                .iter()
                .map(|c| fields.get(*c).map(to_sql).unwrap_or(SqlValue::Null))
                .collect();
            assert_eq!(
                &rebuilt, values,
                "{} row {id} differs from its log",
                table.name
            );
        }
    }
}

#[test]
fn log_sequence_has_no_gaps_and_clock_only_moves_forward() {
    let db = TestDb::set_up();
    exercise_every_write(&db);
    let (seqs, hlcs): (Vec<i64>, Vec<String>) = db
        .fovea
        .with_connection(|c| {
            let mut stmt = c
                .prepare("SELECT seq, hlc FROM oplog WHERE site_id = ?1 ORDER BY seq")
                .expect("prep");
            stmt.query_map([db.fovea.site_id()], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })
            .expect("query")
            .map(|r| r.expect("row"))
            .unzip()
        })
        .expect("conn");
    assert!(!seqs.is_empty());
    assert_eq!(seqs, (1..=seqs.len() as i64).collect::<Vec<_>>());
    assert!(
        hlcs.windows(2).all(|w| w[0] < w[1]),
        "HLC strictly increasing"
    );
    assert_eq!(
        db.oplog_len(),
        seqs.len() as i64,
        "all entries are this site's"
    );
}

#[test]
fn refused_operations_and_unchanged_saves_log_nothing() {
    let db = TestDb::set_up();
    let p = db.register("Ana", "García", "1990-01-01", &[]);
    let before = db.data_oplog_len();
    db.call(
        "patients.update",
        json!({"id": p["id"], "patient": input("Ana", "García", "01/01/1990", &[])}),
    );
    db.call_err(
        "patients.register",
        json!({"patient": input("Ana", "", "1990-01-01", &[]), "allow_duplicate": true}),
    );
    db.call_err(
        "patients.update",
        json!({"id": "nope", "patient": input("Ana", "García", "1990-01-01", &[])}),
    );
    assert_eq!(db.data_oplog_len(), before);
}

#[test]
fn every_table_is_classified_and_replicated_columns_match_the_schema() {
    let db = TestDb::new();
    let tables: Vec<String> = db
        .fovea
        .with_connection(|c| {
            let mut s = c.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").expect("prep");
            s.query_map([], |r| r.get(0)).expect("q").map(|r| r.expect("row")).collect()
        })
        .expect("conn");
    for t in &tables {
        let replicated = REPLICATED_TABLES.iter().any(|r| r.name == t);
        let local = LOCAL_TABLES
            .iter()
            .any(|l| t == l || t.starts_with(&format!("{l}_")));
        assert!(
            replicated ^ local,
            "table {t} must be either replicated or local"
        );
    }
    for table in REPLICATED_TABLES {
        let mut cols: Vec<String> = db
            .fovea
            .with_connection(|c| {
                let mut s = c
                    .prepare(&format!(
                        "SELECT name FROM pragma_table_info('{}')",
                        table.name
                    ))
                    .expect("prep");
                s.query_map([], |r| r.get(0))
                    .expect("q")
                    .map(|r| r.expect("row"))
                    .collect()
            })
            .expect("conn");
        assert_eq!(cols.remove(0), "id", "{}: id first", table.name);
        assert_eq!(cols, table.columns, "{}: column list", table.name);
    }
}

#[test]
fn no_code_writes_replicated_tables_outside_the_write_path() {
    let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
    let mut offenders = Vec::new();
    crate::storage::visit(std::path::Path::new(src), &mut |path, text| {
        if path.ends_with("sync/write.rs") {
            return;
        }
        let lower = text.to_lowercase();
        for t in REPLICATED_TABLES {
            for verb in [
                "insert into",
                "insert or replace into",
                "replace into",
                "update",
                "delete from",
            ] {
                for sep in [" ", "\n"] {
                    if lower.contains(&format!("{verb} {}{sep}", t.name)) {
                        offenders.push(format!("{}: {verb} {}", path.display(), t.name));
                    }
                }
            }
        }
    });
    assert!(
        offenders.is_empty(),
        "replicated tables are written only through sync::Writer: {offenders:?}"
    );
}
