//! `fovea print invoice|receipt`: the clinic's IT person prints a bill by the number on it.

use serde_json::{Value, json};

use super::{PASSWORD, clinic, fovea};

fn call(db: &std::path::Path, user: &str, op: &str, request: Value) -> Value {
    let body = request.to_string();
    let out = fovea(db, &["--user", user, "call", op, "--json", &body]);
    assert!(
        out.status.success(),
        "{op}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    super::json(&out.stdout)
}

fn user(db: &std::path::Path, username: &str, role: &str) -> Value {
    call(
        db,
        "admin",
        "users.create",
        json!({"username": username, "full_name": format!("{username} {role}"), "roles": [role],
               "password": PASSWORD, "profile": null}),
    )
}

fn pdf_text(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn print_invoice_and_receipt_by_the_number_on_the_bill() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("clinic.db");
    clinic(&db);
    let doctor = user(&db, "doc", "doctor");
    user(&db, "till", "cashier");
    let service = call(
        &db,
        "admin",
        "billing.save_service",
        json!({"id": null, "code": "CONS-N", "name": "New consultation", "kind": "consultation_new", "active": true}),
    );
    call(
        &db,
        "admin",
        "billing.set_price",
        json!({"service_id": service["id"], "price_minor": 4500, "tax_rate_bp": 0, "valid_from": "2020-01-01"}),
    );
    let patient = call(
        &db,
        "lucia",
        "patients.register",
        json!({"patient": {"first_name": "Ana", "last_name": "Silva", "date_of_birth": "1970-01-02", "sex": "female",
            "phones": [], "email": null, "address": null, "national_id": null, "medical_history": null,
            "allergies": null, "current_medications": null, "emergency_contact_name": null,
            "emergency_contact_phone": null}, "allow_duplicate": false}),
    );
    let visit = call(
        &db,
        "lucia",
        "appointments.walk_in",
        json!({"patient_id": patient["patient"]["id"], "clinician_id": doctor["id"], "reason": "Check-up"}),
    )["visit_id"]
        .clone();
    call(
        &db,
        "lucia",
        "queue.move",
        json!({"visit_id": visit, "stage": "billing"}),
    );
    let draft = call(&db, "till", "billing.propose", json!({"visit_id": visit}));
    let invoice = call(
        &db,
        "till",
        "billing.issue",
        json!({"invoice_id": draft["id"]}),
    );
    let number = invoice["number"].as_str().expect("number").to_string();

    let out = fovea(
        &db,
        &["--user", "till", "print", "receipt", "--invoice", &number],
    );
    assert!(!out.status.success(), "no receipt before anything is paid");
    assert_eq!(super::json(&out.stderr)["code"], "conflict");

    call(
        &db,
        "till",
        "billing.pay",
        json!({"invoice_id": invoice["id"], "method": "cash", "amount_minor": 4500, "tendered_minor": 5000}),
    );
    for (what, title) in [("invoice", "Invoice"), ("receipt", "Receipt")] {
        let copy = dir.path().join(format!("{what}.pdf"));
        let out = fovea(
            &db,
            &[
                "--user",
                "till",
                "print",
                what,
                "--invoice",
                &number,
                "--out",
                copy.to_str().expect("path"),
            ],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = pdf_text(&copy);
        assert!(text.contains(&format!("{title} {number}")), "{text}");
        assert!(text.contains("Ana Silva"), "{text}");
        assert!(text.contains("Paid in full: EUR 45.00"), "{text}");
    }
    assert!(pdf_text(&dir.path().join("receipt.pdf")).contains("Cash (handed 50.00, change 5.00)"));
}
