//! How the command's output and its messages behave for a script.

use std::process::{Command, Stdio};

use crate::{clinic, fovea, json};

#[test]
fn a_reader_that_stops_early_ends_the_command_quietly() {
    // Like `| head -0`: the reader is gone before the first line is written. Closing the read end before the
    // command starts makes that certain (the whole list fits in a pipe's buffer, so a later close would race).
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let child = Command::new(env!("CARGO_BIN_EXE_fovea"))
        .args(["call", "--list"])
        .stdout(writer)
        .stderr(Stdio::piped())
        .spawn()
        .expect("run fovea");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(
        out.status.code(),
        Some(141),
        "the status of a process ended by a closed pipe; stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "no panic, no message"
    );
}

#[test]
fn call_without_a_user_says_how_to_sign_in() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("clinic.db");
    clinic(&db);
    let out = fovea(&db, &["call", "auth.session", "--json", "{}"]);
    let e = json(&out.stderr);
    assert_eq!(e["code"], "unauthenticated");
    let message = e["message"].as_str().expect("message");
    assert!(
        message.contains("--user NAME") && message.contains("FOVEA_USER"),
        "{message}"
    );
}

#[test]
fn where_prints_the_absolute_path() {
    let dir = tempfile::tempdir().expect("dir");
    let out = Command::new(env!("CARGO_BIN_EXE_fovea"))
        .current_dir(dir.path())
        .args(["--db", "d.db", "where"])
        .env_remove("FOVEA_DB")
        .output()
        .expect("run fovea");
    assert!(out.status.success());
    let printed = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert_eq!(
        std::path::Path::new(&printed),
        dir.path().join("d.db"),
        "not {printed}"
    );
}

#[test]
fn describe_shows_the_fields_of_the_nested_request_types() {
    let out = Command::new(env!("CARGO_BIN_EXE_fovea"))
        .args(["call", "--describe", "patients.register"])
        .output()
        .expect("run fovea");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("type PatientInput"), "{text}");
    assert!(text.contains("first_name: string"), "{text}");
    let out = Command::new(env!("CARGO_BIN_EXE_fovea"))
        .args(["call", "--describe", "patients.explode"])
        .output()
        .expect("run fovea");
    assert!(!out.status.success());
}
