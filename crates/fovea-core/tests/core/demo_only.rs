use fovea_core::ErrorCode;
use fovea_core::demo::seed;
use serde_json::json;

use crate::support::{ADMIN_PASSWORD, TestDb};

fn trail(db: &TestDb) -> Vec<serde_json::Value> {
    db.sign_in("admin", ADMIN_PASSWORD);
    db.call(
        "audit.search",
        json!({"patient_id": null, "user_id": null, "from": null, "to": null, "limit": 100}),
    )["entries"]
        .as_array()
        .expect("entries")
        .clone()
}

#[test]
fn a_real_clinic_takes_no_demo_data_whoever_asks_and_the_refusal_is_in_the_trail() {
    let db = TestDb::set_up();
    db.sign_in("admin", ADMIN_PASSWORD);
    let patients_before = db.search("").len();
    let asks = [
        ("demo.seed_patients", json!({"count": 5, "seed": 7})),
        ("demo.add_staff", json!({})),
        (
            "demo.seed_history",
            json!({"visits": 5, "years": 3, "seed": 7}),
        ),
        (
            "demo.seed_appointments",
            json!({"days_back": 1, "days_ahead": 1, "seed": 7}),
        ),
    ];
    for (op, request) in &asks {
        let err = db.call_err(op, request.clone());
        assert_eq!(err.code, ErrorCode::Conflict, "{op}: {err:?}");
        assert!(
            err.message.contains("not set up as a demo"),
            "{op}: {}",
            err.message
        );
    }
    db.sign_in("admin", ADMIN_PASSWORD);
    assert_eq!(db.search("").len(), patients_before, "no patient was added");
    let users = db.call("users.list", json!({"include_inactive": true}));
    assert!(
        !users
            .as_array()
            .expect("users")
            .iter()
            .any(|u| u["username"] == "doctor"),
        "no demo staff"
    );
    let refused: Vec<String> = trail(&db)
        .iter()
        .filter(|e| {
            e["operation"]
                .as_str()
                .is_some_and(|o| o.starts_with("demo."))
        })
        .map(|e| {
            assert_eq!(e["outcome"], "failed", "{e}");
            e["detail"].as_str().unwrap_or_default().to_string()
        })
        .collect();
    assert_eq!(refused.len(), asks.len(), "{refused:?}");
    assert!(
        refused.contains(&"refused, not a demo clinic: 5 demo patients".to_string()),
        "{refused:?}"
    );

    // Nor does SQL on the file make it one: the flag is accepted only before the first account.
    let raw = rusqlite::Connection::open(db.dir.path().join("fovea.db")).expect("raw");
    let err = raw
        .execute(
            "INSERT INTO settings (id, value) VALUES ('demo_clinic', 'true')",
            [],
        )
        .expect_err("the flag cannot be added later");
    assert!(err.to_string().contains("fixed when it is set up"), "{err}");
}

#[test]
fn a_demo_clinic_says_in_its_trail_what_demo_data_went_in_and_stays_a_demo() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("demo.db");
    let fovea = fovea_core::Fovea::open(&path).expect("open");
    seed::set_up(&fovea, "admin", "demo clinic 2026").expect("set up a demo");
    let token = seed::sign_in(&fovea, "admin", "demo clinic 2026").expect("sign in");
    fovea
        .call(
            Some(&token),
            "demo.seed_patients",
            json!({"count": 12, "seed": 3}),
        )
        .expect("a demo takes demo patients");
    let entries = fovea
        .call(
            Some(&token),
            "audit.search",
            json!({"patient_id": null, "user_id": null, "from": null, "to": null, "limit": 50}),
        )
        .expect("trail")["entries"]
        .clone();
    let details: Vec<&str> = entries
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|e| e["detail"].as_str())
        .collect();
    assert!(
        details.contains(&"added 12 demo patients (seed 3)"),
        "{details:?}"
    );
    assert!(
        details
            .iter()
            .any(|d| d.starts_with("set up a demo clinic")),
        "{details:?}"
    );

    // The flag is fixed: neither changed nor removed, even with SQL on the file.
    let raw = rusqlite::Connection::open(&path).expect("raw");
    raw.execute_batch("PRAGMA recursive_triggers = ON")
        .expect("pragma");
    for attack in [
        "UPDATE settings SET value = 'false' WHERE id = 'demo_clinic'",
        "DELETE FROM settings WHERE id = 'demo_clinic'",
        "INSERT OR REPLACE INTO settings (id, value) VALUES ('demo_clinic', 'false')",
    ] {
        let err = raw.execute(attack, []).expect_err(attack);
        assert!(
            err.to_string().contains("fixed when it is set up"),
            "{attack}: {err}"
        );
    }
}
