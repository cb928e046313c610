use fovea_core::ErrorCode;
use proptest::prelude::*;
use serde_json::json;

use crate::support::{TestDb, input};

fn clinic() -> TestDb {
    let db = TestDb::set_up();
    db.register("José", "Müller", "1980-05-02", &["+44 20 7946 0958"]);
    db.register("Siobhán", "O'Brien", "1975-11-30", &["0612 555 0101"]);
    db.register("Josef", "Mullins", "1966-03-14", &["0803 111 2222"]);
    db.register("Joséphine", "Martin", "2001-07-09", &[]);
    db.register("Łukasz", "Wiśniewski", "1980-05-02", &["(0501) 234-567"]);
    db.register("Anna", "Jose", "1990-01-01", &[]);
    db
}

#[test]
fn mrns_are_the_workstation_code_and_a_six_digit_sequence() {
    let db = TestDb::set_up();
    let a = db.register("Ana", "Pérez", "1990-01-01", &[]);
    let b = db.register("Ben", "Okafor", "1991-01-01", &[]);
    assert_eq!(a["mrn"], "R1-000001");
    assert_eq!(b["mrn"], "R1-000002");
    // Refused registrations do not consume numbers.
    db.call_err(
        "patients.register",
        json!({"patient": input("", "X", "1990-01-01", &[]), "allow_duplicate": true}),
    );
    assert_eq!(
        db.register("Cai", "Wang", "1992-01-01", &[])["mrn"],
        "R1-000003"
    );
}

#[test]
fn workstation_code_is_editable_until_the_first_number_is_issued() {
    let db = TestDb::set_up();
    db.sign_in("admin", crate::support::ADMIN_PASSWORD);
    let info = db.call("app.rename_workstation", json!({"workstation_code": "c2"}));
    assert_eq!(info["workstation_code"], "C2");
    assert_eq!(info["workstation_code_locked"], false);
    db.sign_in("frontdesk", "a long test password");
    assert_eq!(
        db.register("Ana", "Pérez", "1990-01-01", &[])["mrn"],
        "C2-000001"
    );
    db.sign_in("admin", crate::support::ADMIN_PASSWORD);
    let err = db.call_err("app.rename_workstation", json!({"workstation_code": "R1"}));
    assert_eq!(err.code, ErrorCode::Conflict);
    assert_eq!(
        db.call("app.info", json!({}))["workstation_code_locked"],
        true
    );
    let err = db.call_err("app.rename_workstation", json!({"workstation_code": "9Z"}));
    assert_eq!(err.field.as_deref(), Some("workstation_code"));
}

#[test]
fn nothing_is_reachable_before_set_up_and_set_up_happens_once() {
    let db = TestDb::new();
    let info = db.call("app.info", json!({}));
    assert_eq!(info["setup_done"], false);
    let err = db.call_err(
        "patients.register",
        json!({"patient": input("Ana", "Pérez", "1990-01-01", &[]), "allow_duplicate": true}),
    );
    assert_eq!(err.code, ErrorCode::Unauthenticated);
    let mut bad = crate::support::setup_request("R1", 0);
    bad["clinic"]["clinic_name"] = json!(" ");
    assert_eq!(
        db.call_err("app.setup", bad).field.as_deref(),
        Some("clinic_name")
    );
    let mut bad = crate::support::setup_request("R1", 0);
    bad["admin"]["password"] = json!("short");
    assert_eq!(
        db.call_err("app.setup", bad).field.as_deref(),
        Some("admin.password")
    );
    let mut bad = crate::support::setup_request("R1", 0);
    bad["clinic"]["time_zone"] = json!("Mars/Olympus");
    assert_eq!(
        db.call_err("app.setup", bad).field.as_deref(),
        Some("time_zone")
    );
    assert_eq!(
        db.call("app.info", json!({}))["setup_done"],
        false,
        "refused set-ups changed nothing"
    );
    assert_eq!(db.oplog_len(), 0);
    db.call("app.setup", crate::support::setup_request("R1", 0));
    let err = db.call_err("app.setup", crate::support::setup_request("R2", 0));
    assert_eq!(err.code, ErrorCode::Conflict);
}

#[test]
fn names_match_in_any_order_ignoring_accents_case_and_apostrophes() {
    let db = clinic();
    assert_eq!(db.search("jose muller")[0], "José Müller");
    assert_eq!(db.search("MULLER JOSE")[0], "José Müller");
    assert_eq!(db.search("mül jos")[0], "José Müller");
    assert_eq!(db.search("obrien"), vec!["Siobhán O'Brien"]);
    assert_eq!(db.search("o'brien"), vec!["Siobhán O'Brien"]);
    assert_eq!(db.search("brien"), vec!["Siobhán O'Brien"]);
    assert_eq!(db.search("lukasz wisn"), vec!["Łukasz Wiśniewski"]);
    assert!(db.search("jose zzz").is_empty());
}

#[test]
fn whole_word_matches_rank_before_prefix_matches() {
    let db = clinic();
    let found = db.search("jose");
    // "Jose" as a whole word (Anna Jose, José Müller) by last name, then the longer words it starts (Josef,
    // Joséphine) in alphabetical order of the word.
    assert_eq!(
        found,
        vec![
            "Anna Jose",
            "José Müller",
            "Josef Mullins",
            "Joséphine Martin"
        ]
    );
}

#[test]
fn exact_mrn_comes_first() {
    let db = clinic();
    let res = db.call(
        "patients.search",
        json!({"query": "r1-2", "limit": null, "include_archived": false}),
    );
    assert_eq!(res["results"][0]["mrn"], "R1-000002");
    assert_eq!(res["results"][0]["matched_by"], "mrn");
    assert_eq!(db.search("R1-000005"), vec!["Łukasz Wiśniewski"]);
    assert!(db.search("R1-000099").is_empty());
}

#[test]
fn phone_digits_match_ignoring_punctuation_and_the_last_six_suffice() {
    let db = clinic();
    assert_eq!(db.search("+44 20 7946 0958"), vec!["José Müller"]);
    assert_eq!(db.search("07946-0958"), vec!["José Müller"]);
    assert_eq!(db.search("460958"), vec!["José Müller"]);
    assert_eq!(db.search("234567"), vec!["Łukasz Wiśniewski"]);
    assert!(
        db.search("0958").is_empty(),
        "fewer than six digits is not a phone search"
    );
}

#[test]
fn date_of_birth_in_iso_or_clinic_format() {
    let db = clinic();
    let both = vec!["José Müller", "Łukasz Wiśniewski"];
    assert_eq!(db.search("1980-05-02"), both);
    assert_eq!(db.search("02/05/1980"), both);
    assert_eq!(db.search("wis 02/05/1980"), vec!["Łukasz Wiśniewski"]);
}

#[test]
fn empty_query_lists_recent_patients_and_archived_ones_are_hidden() {
    let db = clinic();
    let recent = db.search("");
    assert_eq!(recent[0], "Anna Jose", "most recent first");
    assert_eq!(recent.len(), 6);
    let id = db.call(
        "patients.search",
        json!({"query": "obrien", "limit": 5, "include_archived": false}),
    )["results"][0]["id"]
        .clone();
    let archived = db.call("patients.archive", json!({"id": id, "archived": true}));
    assert_eq!(archived["archived"], true);
    assert!(db.search("obrien").is_empty());
    let res = db.call(
        "patients.search",
        json!({"query": "obrien", "limit": 5, "include_archived": true}),
    );
    assert_eq!(res["results"][0]["archived"], true);
    db.call("patients.archive", json!({"id": id, "archived": false}));
    assert_eq!(db.search("obrien"), vec!["Siobhán O'Brien"]);
}

#[test]
fn limit_is_respected() {
    let db = clinic();
    let res = db.call(
        "patients.search",
        json!({"query": "", "limit": 2, "include_archived": false}),
    );
    assert_eq!(res["total_shown"], 2);
}

#[test]
fn duplicates_are_flagged_by_name_and_birth_date_or_phone_and_can_be_overridden() {
    let db = clinic();
    let before = db.data_oplog_len();
    // Same person typed without accents, names swapped.
    let res = db.call(
        "patients.register",
        json!({"patient": input("Muller", "Jose", "02/05/1980", &[]), "allow_duplicate": false}),
    );
    assert_eq!(res["outcome"], "possible_duplicates");
    assert_eq!(res["candidates"][0]["last_name"], "Müller");
    // Same phone line written differently (national vs international prefix).
    let res = db.call("patients.register", json!({"patient": input("Maria", "Lopez", "1955-01-01", &["020 7946 0958"]), "allow_duplicate": false}));
    assert_eq!(res["outcome"], "possible_duplicates");
    assert_eq!(res["candidates"][0]["matched_by"], "phone");
    assert_eq!(db.data_oplog_len(), before, "a warning registers nothing");
    // A different person.
    let res = db.call(
        "patients.register",
        json!({"patient": input("José", "Müller", "1981-05-02", &[]), "allow_duplicate": false}),
    );
    assert_eq!(res["outcome"], "registered");
    // Overridden.
    let res = db.call(
        "patients.register",
        json!({"patient": input("Muller", "Jose", "02/05/1980", &[]), "allow_duplicate": true}),
    );
    assert_eq!(res["outcome"], "registered");
}

#[test]
fn edits_are_validated_and_saved() {
    let db = clinic();
    let p = db.register("Ana", "Pérez", "1990-01-01", &[]);
    let mut edit = input("Ana María", "Pérez", "1990-01-01", &["0612 000 111"]);
    edit["email"] = json!("ana@example.com");
    let saved = db.call("patients.update", json!({"id": p["id"], "patient": edit}));
    assert_eq!(saved["first_name"], "Ana María");
    assert_eq!(saved["email"], "ana@example.com");
    assert_eq!(saved["mrn"], p["mrn"], "MRN never changes");
    assert_eq!(db.search("ana maria"), vec!["Ana María Pérez"]);
    assert_eq!(db.search("612000111"), vec!["Ana María Pérez"]);
    edit["email"] = json!("not-an-email");
    let err = db.call_err("patients.update", json!({"id": p["id"], "patient": edit}));
    assert_eq!(
        (err.code, err.field.as_deref()),
        (ErrorCode::Validation, Some("email"))
    );
    assert_eq!(
        db.call("patients.get", json!({"id": p["id"]}))["email"],
        "ana@example.com",
        "unchanged"
    );
    let err = db.call_err(
        "patients.get",
        json!({"id": "0192f000-0000-7000-8000-000000000000"}),
    );
    assert_eq!(err.code, ErrorCode::NotFound);
}

#[test]
fn patients_cannot_be_deleted_even_with_sql() {
    let db = clinic();
    let res = db
        .fovea
        .with_connection(|c| c.execute("DELETE FROM patients", []))
        .expect("conn");
    assert!(res.is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Whatever the name, typing the start of each of its words, in any order, unaccented, finds the patient.
    #[test]
    fn any_registered_name_is_found_by_its_word_prefixes(
        first in prop::sample::select(vec!["José", "Łukasz", "Siobhán", "Ngọc Ánh", "Zoë", "Jean-Pierre", "Bọ́lá", "Mary Ann"]),
        last in prop::sample::select(vec!["Müller", "O'Brien", "Nguyễn", "Dąbrowski", "García Márquez", "Al-Sayed", "Ní Bhriain"]),
        reverse in any::<bool>(),
        keep in 1usize..4,
    ) {
        let db = TestDb::set_up();
        db.register("Other", "Person", "1970-01-01", &[]);
        let p = db.register(first, last, "1980-05-02", &[]);
        let mut words: Vec<String> = fovea_core::storage::fold_text(&format!("{first} {last}"))
            .split(' ').map(|w| w.chars().take(keep).collect()).collect();
        if reverse { words.reverse(); }
        let res = db.call("patients.search", json!({"query": words.join(" "), "limit": 200, "include_archived": false}));
        let ids: Vec<&str> = res["results"].as_array().expect("array").iter().filter_map(|r| r["id"].as_str()).collect();
        prop_assert!(ids.contains(&p["id"].as_str().expect("id")), "{:?} not found by {:?}", (first, last), words);
    }
}

#[test]
fn a_name_particle_written_apart_is_found_typed_joined() {
    let db = TestDb::set_up();
    db.become_user("desk", &["receptionist"]);
    let names = [
        ("Seán", "Ó Briain", "obriain"),
        ("Aoife", "Mac Giolla", "macgiolla"),
        ("Ciarán", "Mc Carthy", "mccarthy"),
        ("Róisín", "Ní Bhriain", "nibhriain"),
        ("Orla", "Nic Aodha", "nicaodha"),
        ("Anouk", "van Dijk", "vandijk"),
        ("Lotte", "von Trapp", "vontrapp"),
        ("Inês", "de Sousa", "desousa"),
        ("Joana", "da Silva", "dasilva"),
        ("Marco", "di Stefano", "distefano"),
        ("Jeanne", "du Pont", "dupont"),
        ("Pilar", "del Río", "delrio"),
        ("Lucia", "della Robbia", "dellarobbia"),
        ("Anne", "le Goff", "legoff"),
        ("Marie", "la Fontaine", "lafontaine"),
        ("Bram", "ter Horst", "terhorst"),
        ("Sanne", "ten Boom", "tenboom"),
    ];
    for (i, (first, last, _)) in names.iter().enumerate() {
        db.register(first, last, "1970-01-01", &[&format!("0871234{i:03}")]);
    }
    for (first, last, typed) in names {
        assert_eq!(db.search(typed), vec![format!("{first} {last}")], "{typed}");
    }
    assert_eq!(db.search("o briain"), vec!["Seán Ó Briain"]);
    assert_eq!(db.search("sean obriain"), vec!["Seán Ó Briain"]);
}

#[test]
fn patients_registered_before_particles_were_indexed_are_found_after_the_upgrade() {
    let db = TestDb::set_up();
    db.become_user("desk", &["receptionist"]);
    db.register("Seán", "Ó Briain", "1970-01-01", &[]);
    // The index as the previous release left it: no joined particle. Migration 0007 is what an upgrade from that
    // release runs; it is run here on its own, as later migrations are not written to run twice.
    db.fovea
        .with_connection(|c| {
            c.execute_batch("DELETE FROM patient_name_tokens WHERE token = 'obriain';")
        })
        .expect("conn")
        .expect("the old index");
    assert!(db.search("obriain").is_empty());
    db.fovea
        .with_connection(|c| {
            c.execute_batch(include_str!(
                "../../../../migrations/0007_name_particles.sql"
            ))
        })
        .expect("conn")
        .expect("the upgrade");
    let tokens: i64 = db
        .fovea
        .with_connection(|c| {
            c.query_row(
                "SELECT count(*) FROM patient_name_tokens WHERE token = 'obriain'",
                [],
                |r| r.get(0),
            )
        })
        .expect("conn")
        .expect("count");
    assert_eq!(tokens, 1, "the upgrade rebuilt the name index");
}
