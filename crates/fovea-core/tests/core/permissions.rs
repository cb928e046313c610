//! Every operation of the catalog against every role. The matrix is also kept as a reviewed file, so adding an
//! operation or changing a role's rights shows up in review.

use fovea_core::ErrorCode;
use fovea_core::accounts::Role;
use fovea_core::catalog::{Permission, operations};
use serde_json::json;

use crate::support::TestDb;

fn matrix() -> String {
    let mut out = String::from(
        "operation                      permission           admin doctor optometrist receptionist pharmacist cashier\n",
    );
    for op in operations() {
        let perm = serde_json::to_value(op.permission).expect("perm");
        out.push_str(&format!(
            "{:<30} {:<20}",
            op.name,
            perm.as_str().unwrap_or("")
        ));
        for role in Role::ALL {
            let allowed = matches!(op.permission, Permission::Public | Permission::Setup)
                || role.permissions().contains(&op.permission);
            let width = role.as_str().len().max(5);
            out.push_str(&format!(" {:<width$}", if allowed { "yes" } else { "-" }));
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
    }
    out
}

#[test]
fn the_permission_matrix_is_the_reviewed_one() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/core/permission_matrix.txt"
    );
    let now = matrix();
    if std::env::var_os("UPDATE_PERMISSION_MATRIX").is_some() {
        std::fs::write(path, &now).expect("write");
    }
    let reviewed = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        reviewed, now,
        "the roles x operations matrix changed; review it and run with UPDATE_PERMISSION_MATRIX=1 to accept"
    );
}

#[test]
fn the_core_enforces_the_matrix_for_every_operation_and_role() {
    let db = TestDb::set_up();
    for role in Role::ALL {
        db.become_user(&format!("only-{}", role.as_str()), &[role.as_str()]);
        for op in operations() {
            if matches!(op.permission, Permission::Public | Permission::Setup) {
                continue;
            }
            let allowed = role.permissions().contains(&op.permission);
            let token = db.token.borrow().clone();
            // An empty request: an allowed caller gets past the permission check to request validation.
            let res = db.fovea.call(token.as_deref(), op.name, json!({}));
            let denied = matches!(&res, Err(e) if e.code == ErrorCode::PermissionDenied);
            assert_eq!(
                !denied,
                allowed,
                "{} as {}: {res:?}",
                op.name,
                role.as_str()
            );
        }
    }
}

#[test]
fn nothing_but_public_operations_work_without_signing_in() {
    let db = TestDb::set_up();
    for op in operations() {
        let res = db.fovea.call(None, op.name, json!({}));
        match op.permission {
            Permission::Public | Permission::Setup => {}
            _ => assert_eq!(
                res.expect_err(op.name).code,
                ErrorCode::Unauthenticated,
                "{}",
                op.name
            ),
        }
    }
    let res = db.fovea.call(
        Some("forged-token"),
        "patients.search",
        json!({"query": "", "limit": null, "include_archived": false}),
    );
    assert_eq!(res.expect_err("forged").code, ErrorCode::Unauthenticated);
}

#[test]
fn a_receptionist_sees_demographics_but_not_the_administration() {
    let db = TestDb::set_up();
    let me = db.call("auth.session", json!({}));
    let perms: Vec<&str> = me["permissions"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|p| p.as_str())
        .collect();
    assert!(perms.contains(&"read_patients") && perms.contains(&"write_patients"));
    assert!(
        !perms.contains(&"read_clinical")
            && !perms.contains(&"manage_users")
            && !perms.contains(&"read_audit")
    );
    let e = db.call_err("users.list", json!({"include_inactive": true}));
    assert_eq!(e.code, ErrorCode::PermissionDenied);
}
