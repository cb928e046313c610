use fovea_core::Fovea;
use fovea_core::clinic::ClinicSettings;
use fovea_core::workstation::ops::{NewAdmin, Setup, SetupRequest};
use serde_json::{Value, json};
use tempfile::TempDir;

/// A fresh database in a temporary folder, deleted when dropped.
pub struct TestDb {
    pub fovea: Fovea,
    pub dir: TempDir,
    /// The session `call` uses: the administrator's after `set_up`, a receptionist's after `as_reception`.
    pub token: std::cell::RefCell<Option<String>>,
}

pub const ADMIN_PASSWORD: &str = "tide pools at dawn";

/// The test clinic's set-up, typed: what most tests start from.
pub fn setup(code: &str) -> SetupRequest {
    let clinic = ClinicSettings {
        address: Some("1 Harbour Road".into()),
        phone: Some("+353 1 555 0100".into()),
        ..ClinicSettings::named("Test Eye Clinic")
    };
    SetupRequest::new(
        clinic,
        code,
        NewAdmin::new("admin", "Aoife Admin", ADMIN_PASSWORD),
    )
}

/// The same set-up as JSON, for tests that send it through `call` or spoil one of its fields.
pub fn setup_request(code: &str, demo: u32) -> Value {
    json!({
        "clinic": {
            "clinic_name": "Test Eye Clinic", "address": "1 Harbour Road", "phone": "+353 1 555 0100",
            "currency": "EUR", "time_zone": "Europe/Dublin", "date_format": "DMY", "paper_size": "A4",
            "idle_lock_minutes": 10, "session_hours": 12
        },
        "workstation_code": code,
        "admin": {"username": "admin", "full_name": "Aoife Admin", "password": ADMIN_PASSWORD},
        "demo_patients": demo
    })
}

impl TestDb {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let fovea = Fovea::open(&dir.path().join("fovea.db")).expect("open");
        TestDb {
            fovea,
            dir,
            token: Default::default(),
        }
    }

    /// Signs in and makes `call` act as that user.
    pub fn sign_in(&self, username: &str, password: &str) -> Value {
        let res = self
            .fovea
            .call(
                None,
                "auth.sign_in",
                json!({"username": username, "password": password}),
            )
            .unwrap_or_else(|e| panic!("sign in as {username}: {e:?}"));
        *self.token.borrow_mut() = res["token"].as_str().map(String::from);
        res
    }

    /// Creates a user with `roles` (as the administrator) and signs in as them.
    pub fn become_user(&self, username: &str, roles: &[&str]) {
        self.sign_in("admin", ADMIN_PASSWORD);
        self.call(
            "users.create",
            json!({"username": username, "full_name": format!("Test {username}"), "roles": roles,
                   "password": "a long test password", "profile": null}),
        );
        self.sign_in(username, "a long test password");
    }

    /// A database set up as workstation R1 of "Test Eye Clinic", dates typed DD/MM/YYYY, with `call` acting as a
    /// receptionist (`frontdesk`).
    pub fn set_up() -> Self {
        let db = Self::new();
        db.fovea
            .run::<Setup>(None, setup("R1"))
            .expect("set up the test clinic");
        db.sign_in("admin", ADMIN_PASSWORD);
        db.become_user("frontdesk", &["receptionist"]);
        db
    }

    /// [`Self::set_up`] on a clock the test moves: the clinic's "now" is whatever `clock` holds.
    pub fn set_up_at(
        clock: std::sync::Arc<std::sync::Mutex<chrono::DateTime<chrono::Utc>>>,
    ) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let fovea = Fovea::open(&dir.path().join("fovea.db"))
            .expect("open")
            .with_clock(move || *clock.lock().expect("clock"));
        let db = TestDb {
            fovea,
            dir,
            token: Default::default(),
        };
        db.fovea
            .run::<Setup>(None, setup("R1"))
            .expect("set up the test clinic");
        db.sign_in("admin", ADMIN_PASSWORD);
        db.become_user("frontdesk", &["receptionist"]);
        db
    }

    pub fn call(&self, op: &str, req: Value) -> Value {
        let token = self.token.borrow().clone();
        self.fovea
            .call(token.as_deref(), op, req)
            .unwrap_or_else(|e| panic!("{op} failed: {e:?}"))
    }

    pub fn call_err(&self, op: &str, req: Value) -> fovea_core::Error {
        let token = self.token.borrow().clone();
        match self.fovea.call(token.as_deref(), op, req) {
            Ok(v) => panic!("{op} should have failed but returned {v}"),
            Err(e) => e,
        }
    }

    /// Registers a patient (overriding duplicate warnings) and returns it.
    pub fn register(&self, first: &str, last: &str, dob: &str, phones: &[&str]) -> Value {
        let res = self.call(
            "patients.register",
            json!({"patient": input(first, last, dob, phones), "allow_duplicate": true}),
        );
        assert_eq!(res["outcome"], "registered", "{res}");
        res["patient"].clone()
    }

    pub fn search(&self, query: &str) -> Vec<String> {
        let res = self.call(
            "patients.search",
            json!({"query": query, "limit": null, "include_archived": false}),
        );
        res["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(|r| {
                format!(
                    "{} {}",
                    r["first_name"].as_str().unwrap_or(""),
                    r["last_name"].as_str().unwrap_or("")
                )
            })
            .collect()
    }

    /// Log entries of clinic data (everything but the audit trail, which records reads too).
    pub fn data_oplog_len(&self) -> i64 {
        self.fovea
            .with_connection(|c| {
                c.query_row(
                    "SELECT count(*) FROM oplog WHERE tbl <> 'audit_log'",
                    [],
                    |r| r.get(0),
                )
            })
            .expect("conn")
            .expect("count")
    }

    pub fn oplog_len(&self) -> i64 {
        self.fovea
            .with_connection(|c| c.query_row("SELECT count(*) FROM oplog", [], |r| r.get(0)))
            .expect("conn")
            .expect("count")
    }
}

pub fn input(first: &str, last: &str, dob: &str, phones: &[&str]) -> Value {
    json!({
        "first_name": first, "last_name": last, "date_of_birth": dob, "sex": "unknown",
        "phones": phones, "email": null, "address": null, "national_id": null, "medical_history": null,
        "allergies": null, "current_medications": null, "emergency_contact_name": null, "emergency_contact_phone": null
    })
}
