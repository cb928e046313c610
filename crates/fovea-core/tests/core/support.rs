use fovea_core::Fovea;
use serde_json::{Value, json};
use tempfile::TempDir;

/// A fresh database in a temporary folder, deleted when dropped.
pub struct TestDb {
    pub fovea: Fovea,
    pub dir: TempDir,
}

impl TestDb {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let fovea = Fovea::open(&dir.path().join("fovea.db")).expect("open");
        TestDb { fovea, dir }
    }

    /// A database set up as workstation R1 of "Test Eye Clinic", dates typed DD/MM/YYYY.
    pub fn set_up() -> Self {
        let db = Self::new();
        db.call(
            "app.setup",
            json!({"clinic_name": "Test Eye Clinic", "workstation_code": "R1", "date_format": "DMY", "demo_patients": 0}),
        );
        db
    }

    pub fn call(&self, op: &str, req: Value) -> Value {
        self.fovea
            .call(op, req)
            .unwrap_or_else(|e| panic!("{op} failed: {e:?}"))
    }

    pub fn call_err(&self, op: &str, req: Value) -> fovea_core::Error {
        match self.fovea.call(op, req) {
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
