//! Only `init` creates a database: every other command given a path that holds no clinic says what is wrong there
//! and leaves the disk as it was.

use crate::{fovea, json};

fn refused(db: &std::path::Path, code: &str, words: &[&str]) {
    let out = fovea(db, &["call", "app.info", "--json", "{}"]);
    assert!(
        !out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let e = json(&out.stderr);
    assert_eq!(e["code"], code, "{e}");
    let message = e["message"].as_str().expect("message");
    for w in words {
        assert!(message.contains(w), "{message} lacks {w}");
    }
}

#[test]
fn a_mistyped_path_creates_no_folder_and_no_database() {
    let dir = tempfile::tempdir().expect("dir");
    let folder = dir.path().join("no").join("such");
    refused(
        &folder.join("x.db"),
        "not_found",
        &["There is no folder", "such"],
    );
    assert!(!dir.path().join("no").exists(), "no folder was created");

    let missing = dir.path().join("clinc.db");
    refused(
        &missing,
        "not_found",
        &["There is no Fovea database", "fovea init"],
    );
    assert!(!missing.exists(), "no database was created");

    let out = fovea(&missing, &["print", "reminders", "--date", "2026-12-03"]);
    assert!(!out.status.success());
    assert!(!missing.exists(), "printing created nothing either");
}

#[test]
fn an_empty_file_is_not_quietly_turned_into_a_clinic() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("empty.db");
    std::fs::write(&db, b"").expect("empty file");
    refused(&db, "conflict", &["empty file", "fovea init"]);
    assert_eq!(
        std::fs::metadata(&db).expect("file").len(),
        0,
        "left as it was"
    );
}

#[test]
fn a_folder_given_as_the_database_is_named_as_such() {
    let dir = tempfile::tempdir().expect("dir");
    refused(dir.path(), "bad_request", &["is a folder"]);
}
