//! The `fovea` binary as a script would use it.

use std::process::{Command, Output};

use serde_json::Value;

mod billing;
mod files;
mod output;

const PASSWORD: &str = "harbour lights at dusk";

fn fovea(db: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fovea"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("FOVEA_DB")
        .env_remove("FOVEA_USER")
        .env("FOVEA_PASSWORD", PASSWORD)
        .output()
        .expect("run fovea")
}

/// A clinic with its administrator and a receptionist `lucia`, both with PASSWORD.
fn clinic(db: &std::path::Path) {
    let out = fovea(
        db,
        &[
            "init",
            "--clinic-name",
            "Lakeside Eye Clinic",
            "--workstation",
            "r2",
            "--admin-name",
            "Ada Admin",
            "--time-zone",
            "Europe/Dublin",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let user = format!(
        r#"{{"username": "lucia", "full_name": "Lucía F", "roles": ["receptionist"], "password": "{PASSWORD}", "profile": null}}"#
    );
    let out = fovea(
        db,
        &["--user", "admin", "call", "users.create", "--json", &user],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(bytes)))
}

#[test]
fn init_call_and_errors_follow_the_contract() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("clinic.db");
    clinic(&db);

    let patient = r#"{"patient": {"first_name": "Zoë", "last_name": "Nguyễn", "date_of_birth": "09/07/2001", "sex": "female",
        "phones": ["0912 345 678"], "email": null, "address": null, "national_id": null, "medical_history": null,
        "allergies": null, "current_medications": null, "emergency_contact_name": null, "emergency_contact_phone": null},
        "allow_duplicate": false}"#;
    let out = fovea(&db, &["call", "patients.register", "--json", patient]);
    assert!(!out.status.success(), "nobody signed in");
    assert_eq!(json(&out.stderr)["code"], "unauthenticated");
    let out = fovea(
        &db,
        &[
            "--user",
            "admin",
            "call",
            "patients.register",
            "--json",
            patient,
        ],
    );
    assert_eq!(
        json(&out.stderr)["code"],
        "permission_denied",
        "administrators do not register patients"
    );
    let out = fovea(
        &db,
        &[
            "--user",
            "lucia",
            "call",
            "patients.register",
            "--json",
            patient,
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let res = json(&out.stdout);
    assert_eq!(res["patient"]["mrn"], "R2-000001");

    let out = fovea(
        &db,
        &[
            "--user",
            "lucia",
            "call",
            "patients.search",
            "--json",
            r#"{"query": "zoe nguyen", "limit": null, "include_archived": false}"#,
        ],
    );
    assert!(out.status.success());
    assert_eq!(json(&out.stdout)["results"][0]["mrn"], "R2-000001");

    // A validation error: JSON on stderr, nothing on stdout, non-zero exit.
    let bad = patient.replace("09/07/2001", "31/02/2001");
    let out = fovea(
        &db,
        &[
            "--user",
            "lucia",
            "call",
            "patients.register",
            "--json",
            &bad,
        ],
    );
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let err = json(&out.stderr);
    assert_eq!(err["code"], "validation");
    assert_eq!(err["field"], "date_of_birth");

    let out = fovea(
        &db,
        &[
            "--user",
            "lucia",
            "call",
            "patients.search",
            "--json",
            "{not json",
        ],
    );
    assert!(!out.status.success());
    assert_eq!(json(&out.stderr)["code"], "bad_request");

    let out = fovea(&db, &["--user", "lucia", "call", "no.such.op"]);
    assert_eq!(json(&out.stderr)["code"], "bad_request");
}

#[test]
fn a_list_for_a_record_and_hidden_characters_are_refused_from_the_command_line() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("f.db");
    clinic(&db);
    let call = |op: &str, body: &str| {
        let out = fovea(&db, &["--user", "lucia", "call", op, "--json", body]);
        assert!(!out.status.success(), "{op} {body} was accepted");
        assert!(out.stdout.is_empty());
        json(&out.stderr)
    };
    // A record by position: every field filled, none named. serde alone reads it as a patient.
    let err = call(
        "patients.register",
        r#"{"patient": ["Ana", "Silva", "1990-02-03", "female", [], null, null, null, null, null, null, null, null],
            "allow_duplicate": true}"#,
    );
    assert_eq!(
        (&err["code"], &err["field"]),
        (&"bad_request".into(), &"patient".into()),
        "{err}"
    );
    let err = call(
        "patients.register",
        r#"{"patient": {"first_name": "Ana", "last_name": "Silva", "date_of_birth": "1990-02-03", "sex": "female",
            "phones": [], "address": "Flat 2\u202e"}, "allow_duplicate": true}"#,
    );
    assert_eq!(
        (&err["code"], &err["field"]),
        (&"validation".into(), &"address".into()),
        "{err}"
    );
    let out = fovea(
        &db,
        &[
            "--user",
            "lucia",
            "call",
            "patients.search",
            "--json",
            r#"{"query": "Silva", "limit": null, "include_archived": false}"#,
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        json(&out.stdout)["results"],
        serde_json::json!([]),
        "nothing was registered"
    );
}

#[test]
fn two_inits_at_once_on_an_empty_file_set_up_one_clinic_and_the_other_says_why() {
    for round in 0..3 {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("clinic.db");
        std::fs::write(&db, b"").expect("empty file");
        let init = |code: &str| {
            Command::new(env!("CARGO_BIN_EXE_fovea"))
                .arg("--db")
                .arg(&db)
                .args([
                    "init",
                    "--clinic-name",
                    "Lakeside Eye Clinic",
                    "--workstation",
                    code,
                ])
                .args(["--admin-name", "Ada Admin", "--time-zone", "Europe/Dublin"])
                .env_remove("FOVEA_DB")
                .env_remove("FOVEA_USER")
                .env("FOVEA_PASSWORD", PASSWORD)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("run fovea")
        };
        let (a, b) = (init("r1"), init("r2"));
        let outs = [a, b].map(|c| c.wait_with_output().expect("wait"));
        let lost: Vec<&Output> = outs.iter().filter(|o| !o.status.success()).collect();
        assert_eq!(
            lost.len(),
            1,
            "round {round}: {:?}",
            outs.iter()
                .map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
                .collect::<Vec<_>>()
        );
        let err = json(&lost[0].stderr);
        let message = err["message"].as_str().expect("message");
        assert!(
            [
                "This workstation is already set up.",
                "The database is being set up by another program; try again in a moment.",
            ]
            .contains(&message),
            "round {round}: {err}"
        );
        let out = fovea(&db, &["call", "app.info"]);
        assert_eq!(json(&out.stdout)["setup_done"], true, "round {round}");
    }
}

#[test]
fn list_shows_every_operation_with_its_request_shape() {
    let dir = tempfile::tempdir().expect("dir");
    let out = fovea(&dir.path().join("x.db"), &["call", "--list"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for op in fovea_ops() {
        assert!(text.contains(&op), "{op} missing from --list");
    }
    assert!(text.contains("query: string"));
    assert!(
        !dir.path().join("x.db").exists(),
        "listing does not create a database"
    );
}

fn fovea_ops() -> Vec<String> {
    [
        "app.info",
        "app.setup",
        "app.rename_workstation",
        "patients.search",
        "patients.register",
        "patients.get",
        "patients.update",
        "patients.archive",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

#[test]
fn demo_seed_sets_up_a_demo_clinic_and_adds_patients() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("demo.db");
    let out = fovea(&db, &["demo", "seed", "--patients", "1200"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = fovea(
        &db,
        &[
            "--user",
            "reception",
            "call",
            "patients.search",
            "--json",
            r#"{"query": "", "limit": 200, "include_archived": false}"#,
        ],
    );
    let res = json(&out.stdout);
    assert_eq!(res["total_shown"], 200, "limited to 200 per search");
    let out = fovea(
        &db,
        &[
            "--user",
            "reception",
            "call",
            "patients.search",
            "--json",
            r#"{"query": "R1-001200", "limit": null, "include_archived": false}"#,
        ],
    );
    assert_eq!(json(&out.stdout)["total_shown"], 1, "all 1200 were added");
    let names: Vec<String> = res["results"]
        .as_array()
        .expect("array")
        .iter()
        .map(|r| r["last_name"].as_str().unwrap_or("").to_string())
        .collect();
    assert!(
        names.iter().any(|n| !n.is_ascii()),
        "some demo names carry accents"
    );
}

#[test]
fn every_command_has_help() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("h.db");
    for args in [
        vec!["--help"],
        vec!["init", "--help"],
        vec!["call", "--help"],
        vec!["demo", "--help"],
        vec!["demo", "seed", "--help"],
        vec!["where", "--help"],
        vec!["print", "invoice", "--help"],
        vec!["print", "receipt", "--help"],
    ] {
        let out = fovea(&db, &args);
        assert!(out.status.success(), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Usage"),
            "{args:?}"
        );
    }
}

#[test]
fn audit_verify_reports_an_intact_chain() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("clinic.db");
    clinic(&db);
    let out = fovea(&db, &["--user", "admin", "audit", "verify"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json(&out.stdout);
    assert_eq!(report["first_break"], Value::Null);
    assert!(report["entries_checked"].as_u64().unwrap_or(0) >= 3);
    let out = fovea(&db, &["--user", "lucia", "audit", "verify"]);
    assert_eq!(json(&out.stderr)["code"], "permission_denied");
}

/// POSTs `body` to the bridge over a plain socket and returns (status, JSON answer).
fn post(url: &str, path: &str, token: Option<&str>, body: &str) -> (u16, Value) {
    use std::io::{Read, Write};
    let addr = url.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(addr).expect("connect to the bridge");
    let auth = token
        .map(|t| format!("Authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n{auth}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .expect("send");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    let status = answer[9..12].parse().expect("status code");
    let json = answer.split("\r\n\r\n").nth(1).expect("body");
    (status, serde_json::from_str(json).expect("JSON body"))
}

#[test]
fn the_development_bridge_answers_what_the_core_answers_only_with_its_token() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("clinic.db");
    clinic(&db);

    let refused = fovea(&db, &["dev", "serve", "--host", "0.0.0.0"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("only on this computer"));

    let mut child = Command::new(env!("CARGO_BIN_EXE_fovea"))
        .arg("--db")
        .arg(&db)
        .args(["dev", "serve", "--until-stdin-closes"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start the bridge");
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("first line");
    let start: Value = serde_json::from_str(&line).expect("start line is JSON");
    let (url, token) = (
        start["url"].as_str().expect("url").to_string(),
        start["token"].as_str().expect("token").to_string(),
    );
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");

    let (status, _) = post(&url, "/call", None, r#"{"op":"app.info"}"#);
    assert_eq!(status, 401);
    let (status, _) = post(&url, "/call", Some("wrong"), r#"{"op":"app.info"}"#);
    assert_eq!(status, 401);

    let (status, info) = post(&url, "/call", Some(&token), r#"{"op":"app.info"}"#);
    assert_eq!(status, 200);
    assert_eq!(info["ok"]["clinic_name"], "Lakeside Eye Clinic");

    // A refusal is the core's own error, code and all.
    let (_, denied) = post(
        &url,
        "/call",
        Some(&token),
        r#"{"op":"users.list","request":{"include_inactive":false}}"#,
    );
    assert_eq!(denied["error"]["code"], "unauthenticated");

    // A scratch copy is a clinic of its own: a patient registered there is not in the served database.
    let (_, scratch) = post(&url, "/scratch", Some(&token), "");
    let id = scratch["db"].as_str().expect("scratch id").to_string();
    let session_in = |db: &str| {
        let body = format!(
            r#"{{"op":"auth.sign_in","request":{{"username":"lucia","password":"{PASSWORD}"}},"db":{db}}}"#
        );
        let (_, signed) = post(&url, "/call", Some(&token), &body);
        signed["ok"]["token"].as_str().expect("session").to_string()
    };
    let scratch_db = format!("\"{id}\"");
    let (in_copy, in_main) = (session_in(&scratch_db), session_in("null"));
    let register = format!(
        r#"{{"op":"patients.register","session":"{in_copy}","db":{scratch_db},"request":{{"allow_duplicate":false,
        "patient":{{"first_name":"Orla","last_name":"Quinlan","date_of_birth":"1980-01-02","sex":"female","phones":[],
        "email":null,"address":null,"national_id":null,"medical_history":null,"allergies":null,
        "current_medications":null,"emergency_contact_name":null,"emergency_contact_phone":null}}}}}}"#
    );
    let (_, registered) = post(&url, "/call", Some(&token), &register);
    assert_eq!(registered["ok"]["outcome"], "registered", "{registered}");
    let found = |session: &str, db: &str| {
        let body = format!(
            r#"{{"op":"patients.search","request":{{"query":"quinlan","limit":5,"include_archived":false}},"session":"{session}","db":{db}}}"#
        );
        let (_, answer) = post(&url, "/call", Some(&token), &body);
        answer["ok"]["results"]
            .as_array()
            .map(Vec::len)
            .expect("search results")
    };
    assert_eq!(
        found(&in_copy, &scratch_db),
        1,
        "the copy holds the new patient"
    );
    assert_eq!(found(&in_main, "null"), 0, "the served database does not");
    let (_, other) = post(
        &url,
        "/call",
        Some(&token),
        r#"{"op":"app.info","db":"no-such-copy"}"#,
    );
    assert_eq!(other["error"]["code"], "not_found");

    // An empty scratch database is one that was never set up: the first-start screens run on it.
    let (_, empty) = post(&url, "/scratch", Some(&token), r#"{"empty":true}"#);
    let empty = format!("\"{}\"", empty["db"].as_str().expect("empty scratch id"));
    let (_, info) = post(
        &url,
        "/call",
        Some(&token),
        &format!(r#"{{"op":"app.info","db":{empty}}}"#),
    );
    assert_eq!(info["ok"]["setup_done"], false, "{info}");

    drop(child.stdin.take());
    let status = child.wait().expect("bridge exits");
    assert!(status.success());
}

#[test]
fn demo_data_goes_only_into_a_clinic_set_up_as_a_demo() {
    let dir = tempfile::tempdir().expect("dir");
    let init = |db: &std::path::Path, demo: bool| {
        let mut args = vec![
            "init",
            "--clinic-name",
            "Harbour Eye Clinic",
            "--workstation",
            "R1",
            "--admin-name",
            "Ada Byrne",
            "--admin-username",
            "admin",
        ];
        if demo {
            args.push("--demo");
        }
        let out = fovea(db, &args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let seed = [
        "--user",
        "admin",
        "demo",
        "seed",
        "--patients",
        "5",
        "--days-back",
        "0",
        "--days-ahead",
        "0",
        "--past-visits",
        "0",
    ];

    let real = dir.path().join("real.db");
    init(&real, false);
    let out = fovea(&real, &seed);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not set up as a demo"), "{err}");

    let demo = dir.path().join("demo.db");
    init(&demo, true);
    let out = fovea(&demo, &seed);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
