//! The cash desk's papers: the invoice and the receipt (letterhead with registration details, lines with tax,
//! payments with change and cashier, the balance), refused for a draft or before anything is paid, marked VOID
//! once voided; amounts in the currency's own minor digits; and the reports as PDF and CSV files whose figures are
//! the screens' figures.

use fovea_core::ErrorCode;
use serde_json::{Value, json};

use crate::billing::{PASSWORD, issued, pay, priced, visit_at_billing};
use crate::support::{ADMIN_PASSWORD, TestDb};

fn pdf_text(path: &str) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", path, "-"])
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    assert!(out.status.success(), "pdftotext failed on {path}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Collapsed to single spaces, for phrases that a layout may break across columns.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn path(doc: &Value) -> &str {
    doc["path"].as_str().expect("path")
}

/// Sets clinic settings as the administrator (`change` edits the current ones), then signs the cashier back in.
fn settings(db: &TestDb, change: impl FnOnce(&mut Value)) {
    db.sign_in("admin", ADMIN_PASSWORD);
    let mut s = db.call("settings.get", json!({}));
    change(&mut s);
    db.call("settings.update", s);
    db.sign_in("till", PASSWORD);
}

fn desk() -> TestDb {
    let db = priced(TestDb::set_up());
    settings(&db, |s| {
        s["registration"] = json!("Company no. 654321\nVAT no. IE 6543210K");
    });
    db
}

#[test]
fn the_invoice_and_the_receipt_carry_everything_the_desk_recorded() {
    let db = desk();
    let (visit, _) = visit_at_billing(&db, None);
    let inv = issued(&db, &visit);
    let number = inv["number"].as_str().expect("number").to_string();
    assert_eq!(inv["totals"]["total_minor"], 5000);

    // Nothing paid yet: an invoice prints, a receipt does not.
    let e = db.call_err("billing.print_receipt", json!({"invoice": inv["id"]}));
    assert_eq!(e.code, ErrorCode::Conflict, "{e:?}");
    let doc = db.call("billing.print_invoice", json!({"invoice": number}));
    let text = pdf_text(path(&doc));
    for part in [
        "Test Eye Clinic",
        "Company no. 654321",
        "VAT no. IE 6543210K",
        &format!("Invoice {number}"),
        "Zoë Łukasiewicz",
        "New consultation",
        "Amounts in EUR",
    ] {
        assert!(
            text.contains(part),
            "{part:?} missing from the invoice:\n{text}"
        );
    }
    assert!(words(&text).contains("Total 50.00"), "{text}");
    assert!(words(&text).contains("Balance due: EUR 50.00"), "{text}");

    // Cash with change, then card with its slip: the receipt lists both, who took them, and paid in full.
    let cash = db.call(
        "billing.pay",
        json!({"invoice_id": inv["id"], "method": "cash", "amount_minor": 3000, "tendered_minor": 5000}),
    );
    assert_eq!(cash["change_minor"], 2000);
    db.call(
        "billing.pay",
        json!({"invoice_id": inv["id"], "method": "card", "amount_minor": 2000, "reference": "SLIP-77"}),
    );
    let receipt = db.call("billing.print_receipt", json!({"invoice": inv["id"]}));
    assert!(
        path(&receipt).contains(&format!("receipt-{number}")),
        "{receipt}"
    );
    let text = words(&pdf_text(path(&receipt)));
    for part in [
        format!("Receipt {number}"),
        "Cash (handed 50.00, change 20.00)".to_string(),
        "Card, ref. SLIP-77".to_string(),
        "Paid in full: EUR 50.00".to_string(),
        "Paid 50.00".to_string(),
    ] {
        assert!(
            text.contains(&part),
            "{part:?} missing from the receipt:\n{text}"
        );
    }
    let cashier: String =
        crate::billing::scalar(&db, "SELECT full_name FROM users WHERE username = 'till'");
    assert!(
        text.contains(&cashier),
        "the cashier {cashier} is named: {text}"
    );
}

#[test]
fn a_draft_has_nothing_to_print_and_a_void_invoice_says_so_on_paper() {
    let db = desk();
    let (visit, _) = visit_at_billing(&db, None);
    let draft = db.call("billing.propose", json!({"visit_id": visit}));
    let e = db.call_err("billing.print_invoice", json!({"invoice": draft["id"]}));
    assert_eq!(e.code, ErrorCode::Conflict, "{e:?}");
    assert!(e.message.contains("draft"), "{e:?}");
    let e = db.call_err(
        "billing.print_invoice",
        json!({"invoice": "C9-2026-999999"}),
    );
    assert_eq!(e.code, ErrorCode::NotFound, "{e:?}");
    let e = db.call_err(
        "billing.print_invoice",
        json!({"invoice": draft["id"], "extra": 1}),
    );
    assert_eq!(e.code, ErrorCode::BadRequest, "{e:?}");

    let inv = db.call("billing.issue", json!({"invoice_id": draft["id"]}));
    db.sign_in("admin", ADMIN_PASSWORD);
    db.call(
        "billing.void",
        json!({"invoice_id": inv["id"], "reason": "Entered twice"}),
    );
    let doc = db.call("billing.print_invoice", json!({"invoice": inv["id"]}));
    let text = words(&pdf_text(path(&doc)));
    assert!(text.contains("VOID — Entered twice"), "{text}");
    assert!(text.contains("Nothing is owed on a void invoice"), "{text}");
}

#[test]
fn amounts_are_written_with_the_currencys_own_digits() {
    let db = desk();
    settings(&db, |s| s["currency"] = json!("JPY"));
    let (visit, _) = visit_at_billing(&db, None);
    let inv = issued(&db, &visit);
    pay(&db, &inv, "cash", 5000);
    let text = words(&pdf_text(path(
        &db.call("billing.print_receipt", json!({"invoice": inv["id"]})),
    )));
    assert!(text.contains("Paid in full: JPY 5,000"), "{text}");
    assert!(!text.contains("50.00"), "{text}");
    // A currency ISO 4217 does not list is refused at the settings.
    db.sign_in("admin", ADMIN_PASSWORD);
    let mut s = db.call("settings.get", json!({}));
    s["currency"] = json!("XYZ");
    let e = db.call_err("settings.update", s);
    assert_eq!(e.field.as_deref(), Some("currency"), "{e:?}");
}

#[test]
fn reports_save_as_csv_and_pdf_with_the_screens_figures() {
    let db = desk();
    let (visit, patient) = visit_at_billing(&db, None);
    let inv = issued(&db, &visit);
    pay(&db, &inv, "cash", 3000);
    let today = db.call("billing.cash_day", json!({}))["day"]
        .as_str()
        .expect("day")
        .to_string();

    // The cashier's own day report.
    let closed = db.call(
        "billing.close_day",
        json!({"counted": [{"method": "cash", "counted_minor": 2900}], "variance_reason": "=cmd|' /C calc'!A0"}),
    );
    let report = db.call("billing.print_cash_up", json!({"cash_up_id": closed["id"]}));
    let text = words(&pdf_text(path(&report)));
    assert!(
        text.contains(&format!(
            "Day report {}",
            closed["number"].as_str().expect("n")
        )),
        "{text}"
    );
    assert!(text.contains("Cash 30.00 29.00 -1.00"), "{text}");

    db.sign_in("admin", ADMIN_PASSWORD);
    let csv = |report: &str, extra: Value| {
        let mut req = json!({"report": report, "format": "csv", "from": today, "to": today});
        if let Value::Object(m) = extra {
            req.as_object_mut().expect("object").extend(m);
        }
        let doc = db.call("billing.export_report", req);
        assert!(path(&doc).ends_with(".csv"), "{doc}");
        std::fs::read_to_string(path(&doc)).expect("csv")
    };
    let takings = csv("takings", json!({}));
    let lines: Vec<&str> = takings.lines().collect();
    assert_eq!(
        lines[0], "Day,Cash,Card,Mobile money,Bank transfer,Cheque,Payments,Refunds,Net",
        "{takings}"
    );
    assert!(
        lines[1].ends_with(",30.00,0.00,0.00,0.00,0.00,1,0,30.00"),
        "{takings}"
    );
    assert!(lines[2].starts_with("Total,30.00"), "{takings}");
    let items = csv("takings_items", json!({}));
    assert!(
        items.contains("CONS-N,New consultation,1,0.00,50.00,0.00"),
        "{items}"
    );
    let aging = csv("aging", json!({"as_of": today}));
    assert!(
        aging.contains(inv["number"].as_str().expect("n")),
        "{aging}"
    );
    assert!(aging.contains(",50.00,20.00"), "{aging}");
    // A reason typed at the desk cannot run as a spreadsheet formula.
    let days = csv("cash_ups", json!({}));
    assert!(days.contains("'=cmd|"), "{days}");
    assert!(!days.contains(",=cmd"), "{days}");

    let e = db.call_err(
        "billing.export_report",
        json!({"report": "takings", "format": "csv", "to": today}),
    );
    assert_eq!(e.field.as_deref(), Some("from"), "{e:?}");
    let pdf = db.call(
        "billing.export_report",
        json!({"report": "takings", "format": "pdf", "from": today, "to": today}),
    );
    assert!(words(&pdf_text(path(&pdf))).contains("Takings"));

    // The patient's statement: invoiced 50.00, paid 30.00, owes 20.00.
    let st = db.call(
        "billing.print_statement",
        json!({"patient_id": patient, "format": "csv"}),
    );
    let st = std::fs::read_to_string(path(&st)).expect("csv");
    assert!(
        st.starts_with("Date,Description,Charge,Paid,Balance"),
        "{st}"
    );
    assert!(st.lines().last().expect("row").ends_with(",20.00"), "{st}");

    // Reports are the manager's: a cashier may not export them.
    db.sign_in("till", PASSWORD);
    let e = db.call_err(
        "billing.export_report",
        json!({"report": "aging", "format": "csv"}),
    );
    assert_eq!(e.code, ErrorCode::PermissionDenied, "{e:?}");
}
