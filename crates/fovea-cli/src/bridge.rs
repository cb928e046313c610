//! `fovea dev serve`: the development bridge. A loopback-only HTTP door onto the real core, so that the UI's tests
//! and its browser dev mode run on exactly what the desktop app runs — there is no second backend.
//!
//! `POST /call` with `{op, request, session, db?}` answers `{"ok": response}` or `{"error": {code, message, field}}`,
//! exactly what [`Fovea::call`] answers. `POST /scratch` makes a private copy of the served database and answers
//! `{"db": id}`; calls that name that id run on the copy, so each test file gets a clinic of its own (with
//! `{"empty": true}`, a new database that was never set up instead). Every request
//! carries `Authorization: Bearer <token>`, a random token printed at start. The bridge binds only to a loopback
//! address and is not part of the desktop app.

use std::collections::HashMap;
use std::io::Read;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use fovea_core::{Error, Fovea};
use serde_json::{Value, json};

/// Largest request body accepted (a request is JSON typed by a person or a test, never a file).
const MAX_BODY: u64 = 8 * 1024 * 1024;
/// Requests served at once; each database still serves one call at a time behind its own lock.
const WORKERS: usize = 4;

pub struct Options {
    pub db: PathBuf,
    pub host: IpAddr,
    pub port: u16,
    /// Stop when standard input closes: the test runner that started the bridge holds the other end.
    pub until_stdin_closes: bool,
    /// Where the CUPS commands are, for every database served (None: on the PATH).
    pub cups_dir: Option<PathBuf>,
}

struct Bridge {
    main: Arc<Fovea>,
    cups_dir: Option<PathBuf>,
    token: String,
    scratch_dir: tempfile::TempDir,
    scratch: Mutex<HashMap<String, Arc<Fovea>>>,
}

/// Serves until killed (or until standard input closes, with `until_stdin_closes`). Prints one JSON line
/// `{"url", "token", "db"}` on standard output once it is listening.
pub fn serve(opts: Options) -> Result<(), Error> {
    if !opts.host.is_loopback() {
        return Err(Error::validation(
            "host",
            format!(
                "The development bridge listens only on this computer (127.0.0.1 or ::1), not on {}.",
                opts.host
            ),
        ));
    }
    let main = Arc::new(with_cups(Fovea::open(&opts.db)?, opts.cups_dir.as_deref()));
    let scratch_dir = tempfile::Builder::new()
        .prefix("fovea-bridge-")
        .tempdir()
        .map_err(|e| Error::storage(format!("Cannot make a folder for scratch databases: {e}")))?;
    let server = tiny_http::Server::http(SocketAddr::new(opts.host, opts.port)).map_err(|e| {
        Error::storage(format!("Cannot listen on {}:{}: {e}", opts.host, opts.port))
    })?;
    let addr = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| Error::storage("The bridge is not listening on an IP address."))?;
    let bridge = Arc::new(Bridge {
        main,
        cups_dir: opts.cups_dir.clone(),
        token: new_token(),
        scratch_dir,
        scratch: Mutex::new(HashMap::new()),
    });
    let url = format!("http://{addr}");
    println!(
        "{}",
        json!({"url": url, "token": bridge.token, "db": opts.db.display().to_string()})
    );
    eprintln!(
        "Fovea development bridge on {url} for {} (loopback only; every request needs the token above).",
        opts.db.display()
    );

    if opts.until_stdin_closes {
        std::thread::spawn(|| {
            let mut sink = [0u8; 256];
            let mut stdin = std::io::stdin();
            while matches!(stdin.read(&mut sink), Ok(n) if n > 0) {}
            // The scratch folder is removed by the OS's temp cleaning; exiting now matters more than tidiness.
            std::process::exit(0);
        });
    }

    let server = Arc::new(server);
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let server = Arc::clone(&server);
            let bridge = Arc::clone(&bridge);
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    bridge.handle(request);
                }
            })
        })
        .collect();
    for w in workers {
        let _ = w.join();
    }
    Ok(())
}

fn new_token() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 24];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares without stopping at the first differing byte, so response times say nothing about the token.
fn same_token(given: &str, expected: &str) -> bool {
    given.len() == expected.len()
        && given
            .bytes()
            .zip(expected.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

impl Bridge {
    fn handle(&self, mut request: tiny_http::Request) {
        let (status, body) = self.answer(&mut request);
        let header = tiny_http::Header::from_bytes("Content-Type", "application/json")
            .expect("a constant, valid header");
        let response = tiny_http::Response::from_string(body.to_string())
            .with_status_code(status)
            .with_header(header);
        // The client may have gone away; there is nobody left to tell.
        let _ = request.respond(response);
    }

    fn answer(&self, request: &mut tiny_http::Request) -> (u16, Value) {
        let authorized = request.headers().iter().any(|h| {
            h.field.equiv("Authorization")
                && h.value
                    .as_str()
                    .strip_prefix("Bearer ")
                    .is_some_and(|t| same_token(t, &self.token))
        });
        if !authorized {
            return (401, bridge_error("The bridge token is missing or wrong."));
        }
        if *request.method() != tiny_http::Method::Post {
            return (405, bridge_error("Only POST is served."));
        }
        let mut body = String::new();
        if let Err(e) = request
            .as_reader()
            .take(MAX_BODY + 1)
            .read_to_string(&mut body)
        {
            return (400, bridge_error(&format!("Cannot read the request: {e}")));
        }
        if body.len() as u64 > MAX_BODY {
            return (413, bridge_error("The request is too large."));
        }
        let body: Value = if body.trim().is_empty() {
            json!({})
        } else {
            match serde_json::from_str(&body) {
                Ok(v) => v,
                Err(e) => return (400, bridge_error(&format!("The body is not JSON: {e}"))),
            }
        };
        match request.url() {
            "/call" => (200, self.call(&body)),
            "/scratch" => (
                200,
                self.new_scratch(body.get("empty").and_then(Value::as_bool) == Some(true)),
            ),
            other => (404, bridge_error(&format!("No such endpoint: {other}"))),
        }
    }

    fn call(&self, body: &Value) -> Value {
        let result = (|| {
            let fovea = self.database(body.get("db"))?;
            let op = body
                .get("op")
                .and_then(Value::as_str)
                .ok_or_else(|| Error::bad_request("The bridge call names no `op`."))?;
            let session = body.get("session").and_then(Value::as_str);
            let request = body.get("request").cloned().unwrap_or(Value::Null);
            fovea.call(session, op, request)
        })();
        match result {
            Ok(v) => json!({ "ok": v }),
            Err(e) => json!({ "error": e }),
        }
    }

    fn database(&self, id: Option<&Value>) -> Result<Arc<Fovea>, Error> {
        match id {
            None | Some(Value::Null) => Ok(Arc::clone(&self.main)),
            Some(Value::String(id)) => self
                .scratch
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .get(id)
                .cloned()
                .ok_or_else(|| Error::not_found(format!("No scratch database {id}."))),
            Some(_) => Err(Error::bad_request("`db` must be a scratch database id.")),
        }
    }

    /// A copy of the served clinic, or with `empty` a database never set up (for the first-start screens).
    fn new_scratch(&self, empty: bool) -> Value {
        let id = uuid_like();
        let path = self.scratch_dir.path().join(format!("{id}.db"));
        let made = if empty {
            Fovea::open(&path)
        } else {
            copy_database(&self.main, &path)
        }
        .map(|f| with_cups(f, self.cups_dir.as_deref()));
        match made {
            Ok(fovea) => {
                self.scratch
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .insert(id.clone(), Arc::new(fovea));
                json!({ "db": id })
            }
            Err(e) => json!({ "error": e }),
        }
    }
}

fn with_cups(fovea: Fovea, dir: Option<&Path>) -> Fovea {
    match dir {
        Some(d) => fovea.with_cups_dir(d),
        None => fovea,
    }
}

fn copy_database(from: &Fovea, to: &Path) -> Result<Fovea, Error> {
    from.snapshot_to(to)?;
    Fovea::open(to)
}

fn uuid_like() -> String {
    new_token()[..16].to_string()
}

fn bridge_error(message: &str) -> Value {
    json!({ "error": Error::bad_request(message) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_whole() {
        assert!(same_token("abc", "abc"));
        assert!(!same_token("abd", "abc"));
        assert!(!same_token("ab", "abc"));
        assert_ne!(new_token(), new_token());
        assert_eq!(new_token().len(), 48);
    }
}
