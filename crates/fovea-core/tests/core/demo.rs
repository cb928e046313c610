use fovea_core::Fovea;
use fovea_core::demo::seed::{self, DemoPlan, DemoReport};

fn plan(patients: usize, past_visits: Option<u32>) -> DemoPlan {
    DemoPlan {
        patients,
        seed: 7,
        days_back: 2,
        days_ahead: 3,
        past_visits,
    }
}

#[test]
fn a_demo_clinic_is_set_up_with_its_staff_then_seeded_in_batches_through_the_catalog() {
    let dir = tempfile::tempdir().expect("dir");
    let fovea = Fovea::open(&dir.path().join("demo.db")).expect("open");
    seed::set_up(&fovea, "admin", "demo clinic 2026").expect("set up");
    // Every demo role signs in with the administrator's password.
    for who in ["doctor", "optom", "reception", "pharmacy", "cashier"] {
        seed::sign_in(&fovea, who, "demo clinic 2026").expect(who);
    }
    let token = seed::sign_in(&fovea, "admin", "demo clinic 2026").expect("admin");
    let mut batches = Vec::new();
    let report = seed::seed(&fovea, &token, &plan(1500, Some(40)), &mut |done, total| {
        batches.push((done, total))
    })
    .expect("seed");
    assert_eq!(batches, vec![(1000, 1500), (1500, 1500)]);
    assert_eq!(report.patients, 1500);
    assert_eq!(report.past_visits, 40);
    assert!(report.appointments > 0, "{report:?}");
    assert!(!report.skipped_without_clinicians);

    // As a person would be: the receptionist may not seed.
    let desk = seed::sign_in(&fovea, "reception", "demo clinic 2026").expect("reception");
    let err = seed::seed(&fovea, &desk, &plan(10, Some(0)), &mut |_, _| {}).expect_err("refused");
    assert_eq!(err.code, fovea_core::ErrorCode::PermissionDenied);
}

#[test]
fn a_clinic_without_clinicians_gets_patients_only_and_says_so() {
    let dir = tempfile::tempdir().expect("dir");
    let fovea = Fovea::open(&dir.path().join("demo.db")).expect("open");
    seed::set_up(&fovea, "admin", "demo clinic 2026").expect("set up");
    let token = seed::sign_in(&fovea, "admin", "demo clinic 2026").expect("admin");
    // The demo's clinicians leave.
    let users = fovea
        .call(
            Some(&token),
            "users.list",
            serde_json::json!({"include_inactive": false}),
        )
        .expect("users");
    for u in users.as_array().expect("users") {
        if ["doctor", "optom"].contains(&u["username"].as_str().unwrap_or_default()) {
            fovea
                .call(
                    Some(&token),
                    "users.update",
                    serde_json::json!({"id": u["id"], "full_name": u["full_name"], "roles": u["roles"],
                                       "active": false, "profile": null}),
                )
                .expect("deactivate");
        }
    }
    let report = seed::seed(&fovea, &token, &plan(20, None), &mut |_, _| {}).expect("seed");
    assert_eq!(
        report,
        DemoReport {
            patients: 20,
            past_visits: 0,
            appointments: 0,
            skipped_without_clinicians: true
        }
    );
}
