use fovea_core::ErrorCode;
use fovea_core::catalog::{Permission, operations};
use serde_json::json;

use crate::support::TestDb;

#[test]
fn unknown_operations_and_malformed_requests_are_bad_requests() {
    let db = TestDb::set_up();
    let e = db.call_err("patients.explode", json!({}));
    assert_eq!(e.code, ErrorCode::BadRequest);
    assert!(e.message.contains("fovea call --list"));
    let e = db.call_err("patients.search", json!({"query": 42}));
    assert_eq!(e.code, ErrorCode::BadRequest);
    let e = db.call_err(
        "patients.search",
        json!({"query": "x", "limit": null, "include_archived": false, "typo": 1}),
    );
    assert_eq!(
        e.code,
        ErrorCode::BadRequest,
        "unknown fields are refused, not ignored"
    );
    let e = db.call_err("patients.register", json!([1, 2]));
    assert_eq!(e.code, ErrorCode::BadRequest);
}

#[test]
fn every_operation_is_listed_once_with_a_request_shape_and_a_permission() {
    let ops = operations();
    let mut names: Vec<&str> = ops.iter().map(|o| o.name).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), ops.len(), "operation names are unique");
    for op in &ops {
        assert!(op.name.contains('.'), "{} is area.verb", op.name);
        assert!(!op.summary.is_empty());
        assert!(
            op.request.starts_with('{') || op.request.starts_with("Record"),
            "{}: {}",
            op.name,
            op.request
        );
    }
    let search = ops
        .iter()
        .find(|o| o.name == "patients.search")
        .expect("search listed");
    assert!(
        search.request.contains("query: string"),
        "{}",
        search.request
    );
    assert_eq!(search.permission, Permission::ReadPatients);
}

/// Regenerates `ui/src/bindings`; CI fails when the committed files differ from what this writes.
#[test]
fn typescript_bindings_are_generated_from_the_catalog() {
    let dir = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../ui/src/bindings"
    ));
    std::fs::create_dir_all(dir).expect("bindings dir");
    fovea_core::catalog::export_typescript(dir).expect("export");
    let ops = std::fs::read_to_string(dir.join("operations.ts")).expect("operations.ts");
    for op in operations() {
        assert!(
            ops.contains(&format!("\"{}\"", op.name)),
            "{} missing from operations.ts",
            op.name
        );
    }
}

#[test]
fn every_operation_says_in_words_what_it_did_for_the_audit_trail() {
    let ops = fovea_core::catalog::operations();
    let names: std::collections::HashSet<_> = ops.iter().map(|op| op.name).collect();
    assert_eq!(names.len(), ops.len(), "an operation is listed twice");
    let mut seen = std::collections::HashSet::new();
    for op in &ops {
        assert!(
            op.label.chars().next().is_some_and(char::is_uppercase) && !op.label.ends_with('.'),
            "{}: label {:?} should read like \"Opened the record\"",
            op.name,
            op.label
        );
        assert!(
            seen.insert(op.label),
            "{}: label {:?} is used twice",
            op.name,
            op.label
        );
    }
}

#[test]
fn a_typed_run_is_checked_and_audited_exactly_as_a_json_call() {
    use fovea_core::accounts::ops::{ListUsers, ListUsersRequest};
    use fovea_core::patients::{SearchPatientsRequest, ops::Search};

    let db = crate::support::TestDb::set_up();
    let token = db.token.borrow().clone();
    db.register("Ana", "Quintanilla", "1982-03-07", &[]);
    let found = db
        .fovea
        .run::<Search>(
            token.as_deref(),
            SearchPatientsRequest {
                query: "quintanilla".into(),
                limit: None,
                include_archived: false,
            },
        )
        .expect("a receptionist searches");
    assert_eq!(found.results.len(), 1);

    // The receptionist may not list users: refused, and the refusal is in the trail, as through `call`.
    let err = db
        .fovea
        .run::<ListUsers>(
            token.as_deref(),
            ListUsersRequest {
                include_inactive: false,
            },
        )
        .expect_err("refused");
    assert_eq!(err.code, fovea_core::ErrorCode::PermissionDenied);
    let err = db
        .fovea
        .run::<ListUsers>(
            None,
            ListUsersRequest {
                include_inactive: false,
            },
        )
        .expect_err("nobody signed in");
    assert_eq!(err.code, fovea_core::ErrorCode::Unauthenticated);
    db.sign_in("admin", crate::support::ADMIN_PASSWORD);
    let trail = db.call(
        "audit.search",
        json!({"patient_id": null, "user_id": null, "from": null, "to": null, "limit": 20}),
    );
    let denied: Vec<_> = trail["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter(|e| e["outcome"] == "denied")
        .map(|e| e["operation"].clone())
        .collect();
    assert_eq!(denied, vec![json!("users.list")]);
}

#[test]
fn an_operations_namespace_names_the_module_that_declares_it() {
    // Where an area's module is named otherwise than its operations' namespace, said once here.
    const AREA_OF: &[(&str, &str)] = &[
        ("app", "workstation"),
        ("auth", "accounts"),
        ("users", "accounts"),
        ("settings", "clinic"),
        ("exams", "exam"),
        ("schedules", "schedule"),
    ];
    for op in fovea_core::catalog::operations() {
        let namespace = op.name.split('.').next().expect("namespace");
        let segments: Vec<&str> = op.module.split("::").collect();
        let named = namespace.split('_').all(|part| segments.contains(&part))
            || AREA_OF
                .iter()
                .any(|(ns, module)| *ns == namespace && segments.contains(module));
        assert!(named, "{} is declared in {}", op.name, op.module);
    }
}
