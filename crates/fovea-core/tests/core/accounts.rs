use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};
use fovea_core::{ErrorCode, Fovea};
use serde_json::{Value, json};

use crate::support::{ADMIN_PASSWORD, TestDb, setup_request};

/// A database whose clock the test moves by hand.
struct Timed {
    fovea: Fovea,
    clock: Arc<Mutex<DateTime<Utc>>>,
    _dir: tempfile::TempDir,
}

impl Timed {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("dir");
        let clock = Arc::new(Mutex::new(
            "2026-11-25T09:00:00Z"
                .parse::<DateTime<Utc>>()
                .expect("time"),
        ));
        let c = clock.clone();
        let fovea = Fovea::open(&dir.path().join("f.db"))
            .expect("open")
            .with_clock(move || *c.lock().expect("clock"));
        fovea
            .call(None, "app.setup", setup_request("R1", 0))
            .expect("setup");
        Timed {
            fovea,
            clock,
            _dir: dir,
        }
    }
    fn advance(&self, d: Duration) {
        *self.clock.lock().expect("clock") += d;
    }
    fn sign_in(&self, user: &str, pw: &str) -> Result<Value, fovea_core::Error> {
        self.fovea.call(
            None,
            "auth.sign_in",
            json!({"username": user, "password": pw}),
        )
    }
}

#[test]
fn wrong_password_and_unknown_user_get_the_same_answer() {
    let t = Timed::new();
    let a = t.sign_in("admin", "not the password").expect_err("wrong");
    let b = t
        .sign_in("nobody", "not the password")
        .expect_err("unknown");
    assert_eq!((a.code, a.message.as_str()), (b.code, b.message.as_str()));
    assert_eq!(a.message, "Wrong username or password.");
    let ok = t
        .sign_in("ADMIN", ADMIN_PASSWORD)
        .expect("usernames are case-insensitive");
    assert_eq!(ok["user"]["roles"], json!(["admin"]));
    assert!(ok["token"].as_str().is_some_and(|t| t.len() == 64));
}

#[test]
fn five_failures_lock_for_a_minute_then_doubling_up_to_fifteen() {
    let t = Timed::new();
    for _ in 0..4 {
        assert_eq!(
            t.sign_in("admin", "nope nope nope")
                .expect_err("wrong")
                .message,
            "Wrong username or password."
        );
    }
    let fifth = t.sign_in("admin", "nope nope nope").expect_err("fifth");
    assert_eq!(
        fifth.message,
        "Too many failed attempts. Try again in 1 minute."
    );
    // Even the right password is refused while locked, with the same message as for an unknown name.
    let locked = t.sign_in("admin", ADMIN_PASSWORD).expect_err("locked");
    assert!(
        locked.message.starts_with("Too many failed attempts"),
        "{}",
        locked.message
    );
    for _ in 0..5 {
        let _ = t.sign_in("ghost", "nope nope nope");
    }
    assert!(
        t.sign_in("ghost", "nope nope nope")
            .expect_err("ghost")
            .message
            .starts_with("Too many failed attempts")
    );

    t.advance(Duration::seconds(61));
    let expected = [
        "2 minutes",
        "4 minutes",
        "8 minutes",
        "15 minutes",
        "15 minutes",
    ];
    for wait in expected {
        for _ in 0..4 {
            let _ = t.sign_in("admin", "nope nope nope");
        }
        let e = t
            .sign_in("admin", "nope nope nope")
            .expect_err("locks again");
        assert_eq!(
            e.message,
            format!("Too many failed attempts. Try again in {wait}.")
        );
        t.advance(Duration::minutes(15) + Duration::seconds(1));
    }
    t.sign_in("admin", ADMIN_PASSWORD)
        .expect("after the lockout, the right password works");
    // A success resets the doubling.
    for _ in 0..5 {
        let _ = t.sign_in("admin", "nope nope nope");
    }
    t.advance(Duration::seconds(61));
    t.sign_in("admin", ADMIN_PASSWORD)
        .expect("one minute again");
}

#[test]
fn an_administrator_can_lift_a_lockout() {
    let t = Timed::new();
    let admin = t.sign_in("admin", ADMIN_PASSWORD).expect("admin");
    let tok = admin["token"].as_str();
    let user = t
        .fovea
        .call(tok, "users.create", json!({"username": "lucia", "full_name": "Lucía F", "roles": ["receptionist"], "password": "reception desk one", "profile": null}))
        .expect("create");
    for _ in 0..5 {
        let _ = t.sign_in("lucia", "wrong wrong wrong");
    }
    let listed = t
        .fovea
        .call(tok, "users.list", json!({"include_inactive": false}))
        .expect("list");
    let lucia = listed
        .as_array()
        .expect("array")
        .iter()
        .find(|u| u["username"] == "lucia")
        .expect("listed")
        .clone();
    assert!(
        lucia["locked_until"].is_string(),
        "administrators see the lockout"
    );
    t.fovea
        .call(tok, "users.unlock", json!({"id": user["id"]}))
        .expect("unlock");
    t.sign_in("lucia", "reception desk one")
        .expect("signed in after unlock");
}

#[test]
fn idle_sessions_lock_and_only_the_password_resumes_them() {
    let t = Timed::new();
    let s = t.sign_in("admin", ADMIN_PASSWORD).expect("admin");
    let tok = s["token"].as_str();
    t.advance(Duration::minutes(9));
    t.fovea
        .call(tok, "auth.session", Value::Null)
        .expect("still active");
    t.advance(Duration::minutes(10));
    assert_eq!(
        t.fovea
            .call(tok, "auth.session", Value::Null)
            .expect_err("idle")
            .code,
        ErrorCode::Locked
    );
    assert_eq!(
        t.fovea
            .call(tok, "users.list", json!({"include_inactive": true}))
            .expect_err("locked")
            .code,
        ErrorCode::Locked
    );
    let e = t
        .fovea
        .call(tok, "auth.unlock", json!({"password": "wrong wrong wrong"}))
        .expect_err("wrong");
    assert_eq!(e.field.as_deref(), Some("password"));
    t.fovea
        .call(tok, "auth.unlock", json!({"password": ADMIN_PASSWORD}))
        .expect("unlocked");
    t.fovea
        .call(tok, "users.list", json!({"include_inactive": true}))
        .expect("usable again");
    // Locking by hand, then signing out.
    t.fovea.call(tok, "auth.lock", Value::Null).expect("lock");
    assert_eq!(
        t.fovea
            .call(tok, "auth.session", Value::Null)
            .expect_err("locked")
            .code,
        ErrorCode::Locked
    );
    t.fovea
        .call(tok, "auth.sign_out", Value::Null)
        .expect("sign out");
    assert_eq!(
        t.fovea
            .call(tok, "auth.session", Value::Null)
            .expect_err("gone")
            .code,
        ErrorCode::Unauthenticated
    );
}

#[test]
fn deactivated_users_cannot_sign_in_and_lose_their_sessions() {
    let db = TestDb::set_up(); // signed in as the receptionist "frontdesk"
    let me = db.call("auth.session", Value::Null);
    db.sign_in("admin", ADMIN_PASSWORD);
    let admin_token = db.token.borrow().clone();
    db.sign_in("frontdesk", "a long test password");
    let frontdesk_token = db.token.borrow().clone();
    *db.token.borrow_mut() = admin_token;
    db.call("users.update", json!({"id": me["id"], "full_name": "Front Desk", "roles": ["receptionist"], "active": false, "profile": null}));
    let e = db
        .fovea
        .call(
            frontdesk_token.as_deref(),
            "patients.search",
            json!({"query": "", "limit": null, "include_archived": false}),
        )
        .expect_err("session ended");
    assert_eq!(e.code, ErrorCode::Unauthenticated);
    let e = db
        .fovea
        .call(
            None,
            "auth.sign_in",
            json!({"username": "frontdesk", "password": "a long test password"}),
        )
        .expect_err("inactive");
    assert_eq!(e.message, "Wrong username or password.");
    // Never deleted: still listed among inactive users.
    let all = db.call("users.list", json!({"include_inactive": true}));
    assert!(
        all.as_array()
            .expect("array")
            .iter()
            .any(|u| u["username"] == "frontdesk" && u["active"] == false)
    );
}

#[test]
fn the_last_administrator_cannot_be_removed() {
    let db = TestDb::set_up();
    db.sign_in("admin", ADMIN_PASSWORD);
    let me = db.call("auth.session", Value::Null);
    let e = db.call_err("users.update", json!({"id": me["id"], "full_name": "Aoife Admin", "roles": ["doctor"], "active": true, "profile": null}));
    assert_eq!(e.code, ErrorCode::Conflict);
    let e = db.call_err("users.update", json!({"id": me["id"], "full_name": "Aoife Admin", "roles": ["admin"], "active": false, "profile": null}));
    assert_eq!(e.code, ErrorCode::Conflict);
}

#[test]
fn user_details_are_validated() {
    let db = TestDb::set_up();
    db.sign_in("admin", ADMIN_PASSWORD);
    let base = json!({"username": "drana", "full_name": "Dr Ana García", "roles": ["doctor"], "password": "a fine long password",
                      "profile": {"specialization": "Glaucoma", "licence_number": "IMC 12345", "signature_text": "Dr Ana García, FRCOphth"}});
    for (field, value, expected_field) in [
        ("username", json!("x"), "username"),
        ("username", json!("frontdesk"), "username"),
        ("full_name", json!("  "), "full_name"),
        ("roles", json!([]), "roles"),
        ("password", json!("short"), "password"),
        ("password", json!("DrAna"), "password"),
        ("password", json!("password123"), "password"),
    ] {
        let mut req = base.clone();
        req[field] = value;
        assert_eq!(
            db.call_err("users.create", req).field.as_deref(),
            Some(expected_field),
            "{field}"
        );
    }
    let created = db.call("users.create", base);
    assert_eq!(created["profile"]["licence_number"], "IMC 12345");
    let e = db.call_err(
        "users.reset_password",
        json!({"id": created["id"], "new_password": "drana"}),
    );
    assert_eq!(e.field.as_deref(), Some("new_password"));
    db.call(
        "users.reset_password",
        json!({"id": created["id"], "new_password": "another long password"}),
    );
    db.sign_in("drana", "another long password");
    let e = db.call_err(
        "auth.change_password",
        json!({"current_password": "guess guess guess", "new_password": "third long password"}),
    );
    assert_eq!(e.field.as_deref(), Some("current_password"));
    db.call(
        "auth.change_password",
        json!({"current_password": "another long password", "new_password": "third long password"}),
    );
    db.sign_in("drana", "third long password");
}

#[test]
fn an_old_hash_is_upgraded_at_sign_in() {
    use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
    let db = TestDb::set_up();
    let weak = argon2::Argon2::new(
        argon2::Algorithm::Argon2id,
        argon2::Version::V0x13,
        argon2::Params::new(4096, 1, 1, None).expect("params"),
    )
    .hash_password(b"tide pools at dawn", &SaltString::generate(&mut OsRng))
    .expect("hash")
    .to_string();
    db.fovea
        .with_connection(|c| {
            c.execute(
                "UPDATE users SET password_hash = ?1 WHERE username = 'admin'",
                [&weak],
            )
        })
        .expect("conn")
        .expect("update");
    db.sign_in("admin", ADMIN_PASSWORD);
    let stored: String = db
        .fovea
        .with_connection(|c| {
            c.query_row(
                "SELECT password_hash FROM users WHERE username = 'admin'",
                [],
                |r| r.get(0),
            )
        })
        .expect("conn")
        .expect("row");
    assert!(
        stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{stored}"
    );
    db.sign_in("admin", ADMIN_PASSWORD);
}

#[test]
fn wrong_current_passwords_count_towards_the_lockout_and_are_audited() {
    let t = Timed::new();
    let s = t.sign_in("admin", ADMIN_PASSWORD).expect("admin");
    let tok = s["token"].as_str();
    let change = |current: &str| {
        t.fovea.call(
            tok,
            "auth.change_password",
            json!({"current_password": current, "new_password": "a brand new passphrase"}),
        )
    };
    for _ in 0..4 {
        let e = change("guess guess guess").expect_err("wrong");
        assert_eq!(
            (e.field.as_deref(), e.message.as_str()),
            (
                Some("current_password"),
                "That is not your current password."
            )
        );
    }
    let fifth = change("guess guess guess").expect_err("fifth");
    assert_eq!(fifth.field.as_deref(), Some("current_password"));
    assert_eq!(
        fifth.message,
        "Too many failed attempts. Try again in 1 minute."
    );
    // The same lockout as signing in: neither the right password here nor a sign-in gets through.
    let locked = change(ADMIN_PASSWORD).expect_err("locked");
    assert!(
        locked.message.starts_with("Too many failed attempts"),
        "{locked:?}"
    );
    let e = t
        .sign_in("admin", ADMIN_PASSWORD)
        .expect_err("sign-in locked");
    assert!(e.message.starts_with("Too many failed attempts"), "{e:?}");

    let trail = t
        .fovea
        .call(
            tok,
            "audit.search",
            json!({"patient_id": null, "user_id": null, "from": null, "to": null, "limit": 200}),
        )
        .expect("audit");
    let failed: Vec<&Value> = trail["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter(|e| e["operation"] == "auth.change_password" && e["outcome"] == "failed")
        .collect();
    assert_eq!(failed.len(), 5, "{trail}");
    assert!(
        failed
            .iter()
            .all(|e| e["username"] == "admin" && e["detail"] == "wrong current password"),
        "{failed:?}"
    );

    t.advance(Duration::seconds(61));
    change(ADMIN_PASSWORD).expect("after the lockout the right password works");
    t.sign_in("admin", "a brand new passphrase")
        .expect("the new password signs in");
}

#[test]
fn sessions_end_after_the_clinics_session_hours_however_active() {
    let t = Timed::new();
    let s = t.sign_in("admin", ADMIN_PASSWORD).expect("admin");
    let tok = s["token"].as_str();
    // Busy all day: a call every 9 minutes never lets the idle lock start, yet after 12 hours the session ends.
    let steps = (12 * 60 - 1) / 9;
    for _ in 0..steps {
        t.advance(Duration::minutes(9));
        t.fovea
            .call(tok, "auth.session", Value::Null)
            .expect("active within the shift");
    }
    t.advance(Duration::minutes(12 * 60 - steps * 9));
    let e = t
        .fovea
        .call(tok, "auth.session", Value::Null)
        .expect_err("ended");
    assert_eq!(e.code, ErrorCode::Unauthenticated, "{e:?}");
    assert_eq!(
        t.fovea
            .call(tok, "auth.unlock", json!({"password": ADMIN_PASSWORD}))
            .expect_err("an ended session does not resume")
            .code,
        ErrorCode::Unauthenticated
    );

    // The clinic chooses the lifetime, 1 to 24 hours.
    let s = t.sign_in("admin", ADMIN_PASSWORD).expect("again");
    let tok = s["token"].as_str();
    let mut settings = t
        .fovea
        .call(tok, "settings.get", Value::Null)
        .expect("settings");
    assert_eq!(settings["session_hours"], 12, "the default");
    for bad in [0, 25] {
        settings["session_hours"] = json!(bad);
        let e = t
            .fovea
            .call(tok, "settings.update", settings.clone())
            .expect_err("out of range");
        assert_eq!(e.field.as_deref(), Some("session_hours"), "{bad}");
    }
    settings["session_hours"] = json!(1);
    t.fovea
        .call(tok, "settings.update", settings)
        .expect("one hour");
    // A locked session cannot be resumed past its lifetime either.
    t.fovea.call(tok, "auth.lock", Value::Null).expect("lock");
    t.advance(Duration::minutes(59));
    t.fovea
        .call(tok, "auth.unlock", json!({"password": ADMIN_PASSWORD}))
        .expect("within the hour");
    t.fovea.call(tok, "auth.lock", Value::Null).expect("lock");
    t.advance(Duration::minutes(1));
    assert_eq!(
        t.fovea
            .call(tok, "auth.unlock", json!({"password": ADMIN_PASSWORD}))
            .expect_err("the hour is up")
            .code,
        ErrorCode::Unauthenticated
    );
    assert_eq!(
        t.fovea
            .call(tok, "users.list", json!({"include_inactive": false}))
            .expect_err("ended for good")
            .code,
        ErrorCode::Unauthenticated
    );
}

#[test]
fn signing_in_before_any_clinic_is_set_up_says_so_not_wrong_password() {
    let db = TestDb::new();
    let e = db
        .fovea
        .call(
            None,
            "auth.sign_in",
            json!({"username": "admin", "password": ADMIN_PASSWORD}),
        )
        .expect_err("nothing to sign in to");
    assert_eq!(e.code, ErrorCode::Conflict);
    assert!(e.message.contains("No clinic is set up"), "{}", e.message);
    assert!(e.message.contains("fovea init"), "{}", e.message);
}

#[test]
fn opening_an_existing_database_never_creates_one() {
    let dir = tempfile::tempdir().expect("dir");
    let missing = dir.path().join("typo").join("fovea.db");
    let e = Fovea::open_existing(&missing)
        .err()
        .expect("no such folder");
    assert_eq!(e.code, ErrorCode::NotFound);
    assert!(!dir.path().join("typo").exists());
    let db = TestDb::set_up();
    let path = db.dir.path().join("fovea.db");
    drop(db.fovea);
    let again = Fovea::open_existing(&path).expect("an existing clinic opens");
    let info = again.call(None, "app.info", json!({})).expect("info");
    assert_eq!(info["setup_done"], true);
}
