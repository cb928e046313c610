use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use fovea_core::{ErrorCode, Fovea};
use serde_json::json;

use crate::support::{ADMIN_PASSWORD, TestDb};

/// Stand-ins for CUPS's `lpstat` and `lp`: two printers, Reception the default; `lp` notes its arguments.
fn fake_cups(dir: &Path) {
    let script = |name: &str, body: &str| {
        let path = dir.join(name);
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("write script");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    };
    script(
        "lpstat",
        r#"case "$1" in -e) printf 'Reception\nConsult-1\n';; -d) echo 'system default destination: Reception';; esac"#,
    );
    let log = dir.join("lp.log");
    script(
        "lp",
        &format!(
            r#"for a in "$@"; do printf '%s\n' "$a"; done > '{}'; echo 'request id is Consult-1-7 (1 file(s))'"#,
            log.display()
        ),
    );
}

fn with_cups(db: TestDb, cups: &Path) -> TestDb {
    let path = db.dir.path().join("fovea.db");
    let TestDb { dir, .. } = db;
    let fovea = Fovea::open(&path).expect("reopen").with_cups_dir(cups);
    TestDb {
        fovea,
        dir,
        token: Default::default(),
    }
}

#[test]
fn a_saved_document_prints_on_the_printer_this_workstation_chose() {
    let cups = tempfile::tempdir().expect("cups dir");
    fake_cups(cups.path());
    let db = with_cups(TestDb::set_up(), cups.path());
    db.sign_in("frontdesk", "a long test password");
    let printers = db.call("documents.printers", json!({}));
    assert_eq!(printers["printers"], json!(["Reception", "Consult-1"]));
    assert_eq!(printers["system_default"], "Reception");
    assert_eq!(printers["chosen"], serde_json::Value::Null);

    // Only an administrator of the workstation chooses, and only a printer that exists.
    let refused = db.call_err("documents.choose_printer", json!({"printer": "Consult-1"}));
    assert_eq!(refused.code, ErrorCode::PermissionDenied);
    db.sign_in("admin", ADMIN_PASSWORD);
    let before = db.data_oplog_len();
    let unknown = db.call_err("documents.choose_printer", json!({"printer": "Pharmacy"}));
    assert_eq!(unknown.field.as_deref(), Some("printer"), "{unknown:?}");
    let odd = db.call_err("documents.choose_printer", json!({"printer": "a b/c"}));
    assert_eq!(odd.field.as_deref(), Some("printer"));
    let chosen = db.call("documents.choose_printer", json!({"printer": "Consult-1"}));
    assert_eq!(chosen["chosen"], "Consult-1");
    assert_eq!(
        db.data_oplog_len(),
        before,
        "a workstation's printer is its own: it does not sync"
    );

    db.sign_in("frontdesk", "a long test password");
    let doc = db.call("print.reminders", json!({"date": null}));
    let path = doc["path"].as_str().expect("path").to_string();
    let job = db.call("documents.print", json!({"path": path}));
    assert_eq!(job, json!({"printer": "Consult-1", "job": "Consult-1-7"}));
    let args = std::fs::read_to_string(cups.path().join("lp.log")).expect("lp ran");
    let args: Vec<&str> = args.lines().collect();
    assert_eq!(args[..2], ["-d", "Consult-1"]);
    assert_eq!(args[args.len() - 2..], ["--", path.as_str()]);

    // Nothing but Fovea's own documents.
    let elsewhere = db.call_err("documents.print", json!({"path": "/etc/passwd"}));
    assert_eq!(elsewhere.field.as_deref(), Some("path"));

    // Back to the system's default: no -d.
    db.sign_in("admin", ADMIN_PASSWORD);
    db.call("documents.choose_printer", json!({"printer": null}));
    db.sign_in("frontdesk", "a long test password");
    let job = db.call("documents.print", json!({"path": path}));
    assert_eq!(job["printer"], "the default printer");
    let args = std::fs::read_to_string(cups.path().join("lp.log")).expect("lp ran");
    assert!(!args.lines().any(|a| a == "-d"), "{args}");

    db.sign_in("admin", ADMIN_PASSWORD);
    let trail = db.call(
        "audit.search",
        json!({"patient_id": null, "user_id": null, "from": null, "to": null, "limit": 50}),
    );
    let printed: Vec<_> = trail["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter(|e| e["operation"] == "documents.print")
        .map(|e| e["detail"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(printed.len(), 2, "{printed:?}");
    assert!(
        printed.iter().any(|d| d.ends_with("on Consult-1")),
        "{printed:?}"
    );
}

#[test]
fn without_cups_printing_says_what_is_missing() {
    let empty = tempfile::tempdir().expect("dir without lp");
    let db = with_cups(TestDb::set_up(), empty.path());
    db.sign_in("frontdesk", "a long test password");
    let printers = db.call("documents.printers", json!({}));
    assert_eq!(printers["printers"], json!([]));
    assert!(
        printers["problem"]
            .as_str()
            .is_some_and(|p| p.contains("CUPS")),
        "{printers}"
    );
    let doc = db.call("print.reminders", json!({"date": null}));
    let err = db.call_err("documents.print", json!({"path": doc["path"]}));
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(
        err.message.contains("Printing needs CUPS"),
        "{}",
        err.message
    );
}
