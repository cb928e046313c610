use fovea_core::storage::ConnectionSettings;
use fovea_core::{ErrorCode, Fovea};

use crate::support::TestDb;

fn assert_safe_settings(fovea: &Fovea) {
    let s = fovea
        .with_connection(ConnectionSettings::read)
        .expect("conn")
        .expect("pragmas");
    assert_eq!(s.journal_mode, "wal");
    assert_eq!(s.synchronous, 2, "synchronous=FULL");
    assert!(s.foreign_keys);
    assert_eq!(s.busy_timeout_ms, 5000);
    assert!(s.recursive_triggers, "REPLACE must fire delete triggers");
}

#[test]
fn every_connection_is_wal_full_sync_with_foreign_keys_and_busy_timeout() {
    let db = TestDb::new();
    assert_safe_settings(&db.fovea);
    // Reopening an existing database gets the same settings.
    let again = Fovea::open(&db.dir.path().join("fovea.db")).expect("reopen");
    assert_safe_settings(&again);
}

#[test]
fn connections_are_opened_in_one_place_only() {
    let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
    let mut offenders = Vec::new();
    visit(std::path::Path::new(src), &mut |path, text| {
        let is_open_module = path.ends_with("storage/open.rs");
        if !is_open_module
            && (text.contains("Connection::open") || text.contains("Connection::open_in_memory"))
        {
            offenders.push(path.display().to_string());
        }
    });
    assert!(
        offenders.is_empty(),
        "open connections only through storage::open_connection: {offenders:?}"
    );
}

pub fn visit(dir: &std::path::Path, f: &mut dyn FnMut(&std::path::Path, &str)) {
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            visit(&path, f);
        } else if path.extension().is_some_and(|e| e == "rs") {
            f(&path, &std::fs::read_to_string(&path).expect("read"));
        }
    }
}

#[test]
fn a_newer_schema_is_refused_and_left_byte_for_byte_untouched() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("fovea.db");
    drop(Fovea::open(&path).expect("create"));
    {
        // Pretend a newer Fovea migrated this file.
        let c = rusqlite::Connection::open(&path).expect("raw open");
        c.pragma_update(None, "user_version", 99).expect("bump");
        c.pragma_update(None, "journal_mode", "DELETE")
            .expect("leave WAL");
    }
    let before = std::fs::read(&path).expect("read");
    let err = Fovea::open(&path).err().expect("must refuse");
    assert_eq!(err.code, ErrorCode::Storage);
    assert!(
        err.message.contains("newer version of Fovea"),
        "{}",
        err.message
    );
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "file unchanged"
    );
    assert!(
        !dir.path().join("fovea.db-wal").exists(),
        "no WAL file created"
    );
}

#[test]
fn another_programs_database_or_a_non_database_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("dir");
    let other = dir.path().join("other.db");
    {
        let c = rusqlite::Connection::open(&other).expect("raw open");
        c.execute_batch(
            "CREATE TABLE invoices (id INTEGER PRIMARY KEY); INSERT INTO invoices VALUES (1);",
        )
        .expect("sql");
    }
    let before = std::fs::read(&other).expect("read");
    let err = Fovea::open(&other).err().expect("must refuse");
    assert_eq!(err.code, ErrorCode::Storage);
    assert_eq!(std::fs::read(&other).expect("read"), before);

    let text = dir.path().join("notes.txt");
    std::fs::write(
        &text,
        "not a database at all, just some words long enough to be a header",
    )
    .expect("write");
    let err = Fovea::open(&text).err().expect("must refuse");
    assert_eq!(err.code, ErrorCode::Storage);
    assert_eq!(
        std::fs::read_to_string(&text).expect("read"),
        "not a database at all, just some words long enough to be a header"
    );
}

#[test]
fn creates_the_folder_and_reopens_with_data() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("nested/deeper/fovea.db");
    {
        let db = Fovea::open(&path).expect("create nested");
        db.call(None, "app.setup", crate::support::setup_request("C2", 3))
            .expect("setup");
    }
    let db = Fovea::open(&path).expect("reopen");
    let info = db
        .call(None, "app.info", serde_json::Value::Null)
        .expect("info");
    assert_eq!(info["workstation_code"], "C2");
    assert_eq!(info["setup_done"], true);
    let signed = db
        .call(None, "auth.sign_in", serde_json::json!({"username": "reception", "password": crate::support::ADMIN_PASSWORD}))
        .expect("demo staff can sign in with the administrator's password");
    let found = db
        .call(
            signed["token"].as_str(),
            "patients.search",
            serde_json::json!({"query": "", "limit": 10, "include_archived": false}),
        )
        .expect("search");
    assert_eq!(found["total_shown"], 3);
}

#[test]
fn another_programs_write_lock_answers_busy_not_locked_and_nothing_is_written() {
    let db = TestDb::set_up();
    let path = db.dir.path().join("fovea.db");
    // A second door onto the same file (as the fovea command beside the app), waiting only briefly for the lock.
    let other = Fovea::open(&path)
        .expect("open")
        .with_busy_timeout(std::time::Duration::from_millis(50))
        .expect("busy timeout");
    let signed_in = other
        .call(
            None,
            "auth.sign_in",
            serde_json::json!({"username": "frontdesk", "password": "a long test password"}),
        )
        .expect("sign in");
    let token = signed_in["token"].as_str().expect("token").to_string();
    let before = db.search("Okonkwo").len();

    let holder = rusqlite::Connection::open(&path).expect("raw connection");
    holder
        .execute_batch("BEGIN IMMEDIATE")
        .expect("take the write lock");
    let err = other
        .call(
            Some(&token),
            "patients.register",
            serde_json::json!({"patient": crate::support::input("Chidi", "Okonkwo", "1970-01-01", &[]),
                               "allow_duplicate": true}),
        )
        .expect_err("the write must wait for the lock and give up");
    assert_eq!(err.code, ErrorCode::Busy, "{err:?}");
    assert!(err.message.contains("busy"), "{}", err.message);
    // Reading goes on while another program writes (WAL), and the session is neither ended nor locked.
    other
        .call(
            Some(&token),
            "patients.search",
            serde_json::json!({"query": "Okonkwo", "limit": 10, "include_archived": false}),
        )
        .expect("search while the lock is held");
    holder.execute_batch("ROLLBACK").expect("release");

    assert_eq!(
        db.search("Okonkwo").len(),
        before,
        "the refused write left nothing"
    );
    other
        .call(
            Some(&token),
            "patients.register",
            serde_json::json!({"patient": crate::support::input("Chidi", "Okonkwo", "1970-01-01", &[]),
                               "allow_duplicate": true}),
        )
        .expect("the same write succeeds once the lock is free");
}

#[test]
fn a_stored_value_this_version_does_not_know_is_an_error_not_a_default() {
    let db = TestDb::set_up();
    let patient = db.register("Ana", "Quintanilla", "1982-03-07", &[]);
    let id = patient["id"].as_str().expect("id").to_string();
    db.sign_in("admin", crate::support::ADMIN_PASSWORD);
    db.call(
        "users.create",
        serde_json::json!({"username": "jmurphy", "full_name": "John Murphy", "roles": ["receptionist"],
                           "password": "an old front desk password", "profile": null}),
    );
    db.sign_in("frontdesk", "a long test password");
    // Someone with the file bypasses the schema's checks.
    let raw = rusqlite::Connection::open(db.dir.path().join("fovea.db")).expect("raw connection");
    raw.execute_batch("PRAGMA ignore_check_constraints = ON")
        .expect("pragma");
    raw.execute("UPDATE patients SET sex = 'alien' WHERE id = ?1", [&id])
        .expect("tamper with the sex");
    raw.execute(
        "UPDATE users SET roles = '[\"receptionist\",\"superuser\"]' WHERE username = 'jmurphy'",
        [],
    )
    .expect("tamper with the roles");

    let err = db.call_err("patients.get", serde_json::json!({"id": id}));
    assert_eq!(err.code, ErrorCode::Storage);
    assert!(
        err.message.contains("`alien` is not a known sex"),
        "{}",
        err.message
    );
    db.sign_in("admin", crate::support::ADMIN_PASSWORD);
    let err = db.call_err("users.list", serde_json::json!({"include_inactive": true}));
    assert_eq!(err.code, ErrorCode::Storage, "{err:?}");
    assert!(err.message.contains("superuser"), "{}", err.message);
}

#[test]
fn one_clock_stamps_every_record_the_operation_log_and_the_clinic_day() {
    use chrono::TimeZone;
    let dir = tempfile::tempdir().expect("dir");
    let at = chrono::Utc
        .with_ymd_and_hms(2031, 5, 6, 10, 0, 0)
        .single()
        .expect("instant");
    let fovea = Fovea::open(&dir.path().join("fovea.db"))
        .expect("open")
        .with_clock(move || at);
    fovea
        .run::<fovea_core::workstation::ops::Setup>(None, crate::support::setup("R1"))
        .expect("set up");
    let token = fovea
        .call(
            None,
            "auth.sign_in",
            serde_json::json!({"username": "admin", "password": crate::support::ADMIN_PASSWORD}),
        )
        .expect("sign in")["token"]
        .as_str()
        .expect("token")
        .to_string();
    fovea
        .call(
            Some(&token),
            "users.create",
            serde_json::json!({"username": "frontdesk", "full_name": "Front Desk", "roles": ["receptionist"],
                               "password": "a long test password", "profile": null}),
        )
        .expect("create");
    let users = fovea
        .call(
            Some(&token),
            "users.list",
            serde_json::json!({"include_inactive": true}),
        )
        .expect("list");
    let desk = users
        .as_array()
        .expect("users")
        .iter()
        .find(|u| u["username"] == "frontdesk")
        .expect("frontdesk")
        .clone();
    assert_eq!(desk["created_at"], "2031-05-06T10:00:00.000Z");
    assert_eq!(desk["updated_at"], "2031-05-06T10:00:00.000Z");
    let stamps: Vec<String> = fovea
        .with_connection(|c| {
            let mut stmt = c
                .prepare("SELECT DISTINCT applied_at FROM oplog")
                .expect("prepare");
            stmt.query_map([], |r| r.get(0))
                .expect("query")
                .collect::<rusqlite::Result<Vec<String>>>()
                .expect("rows")
        })
        .expect("conn");
    assert_eq!(stamps, vec!["2031-05-06T10:00:00.000Z".to_string()]);
    let info = fovea
        .call(None, "app.info", serde_json::Value::Null)
        .expect("info");
    assert_eq!(info["today"], "2031-05-06");
}

#[test]
fn two_programs_setting_up_one_new_file_at_once_make_one_clinic() {
    use fovea_core::clinic::ClinicSettings;
    use fovea_core::workstation::ops::{NewAdmin, Setup, SetupRequest};
    use std::sync::{Arc, Barrier};
    // A few rounds, each on a new file: the opens and the set-ups race differently each time.
    for round in 0..4 {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("fovea.db");
        let start = Arc::new(Barrier::new(2));
        let threads: Vec<_> = ["First", "Second"]
            .into_iter()
            .enumerate()
            .map(|(i, name)| {
                let (path, start) = (path.clone(), start.clone());
                std::thread::spawn(move || {
                    start.wait();
                    let opened = Fovea::open(&path);
                    start.wait();
                    let fovea = opened.map_err(|e| format!("open: {e:?}"))?;
                    let clinic = ClinicSettings::named(&format!("{name} Eye Clinic"));
                    let admin = NewAdmin::new(
                        &format!("admin{i}"),
                        "Aoife Admin",
                        crate::support::ADMIN_PASSWORD,
                    );
                    fovea
                        .run::<Setup>(None, SetupRequest::new(clinic, &format!("R{i}"), admin))
                        .map(|info| info.clinic_name.unwrap_or_default())
                        .map_err(|e| format!("setup: {e:?}"))
                })
            })
            .collect();
        let results: Vec<Result<String, String>> = threads
            .into_iter()
            .map(|t| t.join().expect("thread"))
            .collect();
        let won: Vec<&String> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
        let lost: Vec<&String> = results.iter().filter_map(|r| r.as_ref().err()).collect();
        assert_eq!(won.len(), 1, "round {round}: {results:?}");
        assert!(
            lost[0].starts_with("setup: Error { code: Conflict")
                && lost[0].contains("This workstation is already set up"),
            "round {round}: {lost:?}"
        );
        let fovea = Fovea::open(&path).expect("reopen");
        let (admins, clinic): (i64, String) = fovea
            .with_connection(|c| {
                c.query_row(
                    "SELECT (SELECT count(*) FROM users),
                            (SELECT value FROM settings WHERE id = 'clinic_name')",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
            })
            .expect("conn")
            .expect("count");
        assert_eq!(admins, 1, "round {round}: one administrator");
        assert_eq!(&clinic, won[0], "round {round}: the winner's settings stay");
    }
}

#[test]
fn a_new_file_another_program_is_still_creating_is_named_as_such() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("fovea.db");
    std::fs::write(&path, b"").expect("empty file");
    let other = rusqlite::Connection::open(&path).expect("raw open");
    other
        .execute_batch("BEGIN EXCLUSIVE; CREATE TABLE half_made (x);")
        .expect("hold the file");
    let err = Fovea::open(&path).err().expect("busy");
    assert_eq!(
        (err.code, err.message.as_str()),
        (
            ErrorCode::Busy,
            "The database is being set up by another program; try again in a moment."
        )
    );
    other.execute_batch("ROLLBACK").expect("let go");
    Fovea::open(&path).expect("then it opens");
}
