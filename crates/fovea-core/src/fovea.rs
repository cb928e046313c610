//! [`Fovea`]: an open clinic database and the entry point of every operation.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use uuid::Uuid;

use crate::storage::{open_connection, open_existing_connection};
use crate::sync::{Clock, Writer};
use crate::{Error, Result};

/// An open clinic database plus everything needed to serve operations on it. One writer connection behind a mutex:
/// a workstation serves one person at a time, and SQLite in WAL mode keeps the CLI and the app from blocking each other.
pub struct Fovea {
    conn: Mutex<Connection>,
    clock: Clock,
    site_id: String,
    path: PathBuf,
    pub(crate) sessions: crate::accounts::Sessions,
    now: Box<dyn Fn() -> DateTime<Utc> + Send + Sync>,
    cups: crate::documents::printing::Cups,
}

impl Fovea {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date. A database written by a
    /// newer Fovea, or a file that is not a Fovea database, is refused and left untouched.
    pub fn open(path: &Path) -> Result<Self> {
        Self::serve(path, open_connection(path)?)
    }

    /// Opens a database that already exists (every command but setting up a clinic): a missing folder or file, or
    /// an empty file, is an error that names it; nothing is created.
    pub fn open_existing(path: &Path) -> Result<Self> {
        Self::serve(path, open_existing_connection(path)?)
    }

    fn serve(path: &Path, conn: Connection) -> Result<Self> {
        let (site_id, max_hlc) = ensure_site(&conn)?;
        let site_uuid = Uuid::parse_str(&site_id)
            .map_err(|e| Error::storage(format!("Corrupt site id: {e}")))?;
        let clock = Clock::new(site_uuid, &max_hlc);
        Ok(Fovea {
            conn: Mutex::new(conn),
            clock,
            site_id,
            path: path.to_path_buf(),
            sessions: Default::default(),
            now: Box::new(Utc::now),
            cups: Default::default(),
        })
    }

    /// How long a write waits for another program's write lock before it answers `busy` (default
    /// [`ConnectionSettings::BUSY_TIMEOUT`](crate::storage::ConnectionSettings::BUSY_TIMEOUT)).
    pub fn with_busy_timeout(self, wait: std::time::Duration) -> Result<Self> {
        self.lock()?.busy_timeout(wait)?;
        Ok(self)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// This workstation's permanent identity in the operation log.
    pub fn site_id(&self) -> &str {
        &self.site_id
    }

    /// Runs one catalog operation with a JSON request on behalf of the holder of `session` (a token from
    /// `auth.sign_in`; `None` before signing in) and returns its JSON response.
    pub fn call(
        &self,
        session: Option<&str>,
        op: &str,
        request: serde_json::Value,
    ) -> Result<serde_json::Value> {
        crate::catalog::dispatch(self, session, op, request)
    }

    /// Replaces the wall clock used for sessions, lockouts and audit times (tests of timing rules).
    pub fn with_clock(mut self, now: impl Fn() -> DateTime<Utc> + Send + Sync + 'static) -> Self {
        self.now = Box::new(now);
        self
    }

    /// Looks for the CUPS commands (`lp`, `lpstat`) in `dir` instead of on the PATH (tests of printing).
    pub fn with_cups_dir(mut self, dir: &Path) -> Self {
        self.cups.dir = Some(dir.to_path_buf());
        self
    }

    pub(crate) fn cups(&self) -> &crate::documents::printing::Cups {
        &self.cups
    }

    pub fn now(&self) -> DateTime<Utc> {
        (self.now)()
    }

    fn lock(&self) -> Result<MutexGuard<'_, Connection>> {
        // A panic while holding the lock cannot leave a half-written transaction (it rolls back on drop), so the
        // connection is still usable.
        Ok(self
            .conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()))
    }

    /// Runs `f` with the connection, for reads.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let conn = self.lock()?;
        f(&conn)
    }

    /// Runs `f` inside one transaction, committed only if `f` succeeds: a failed operation changes nothing.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Writer<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.lock()?;
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let w = Writer::new(tx, &self.clock, &self.site_id, self.now());
        let out = f(&w)?;
        w.commit()?;
        Ok(out)
    }

    /// Writes a consistent copy of the whole database to `to` (which must not exist), while other calls go on:
    /// `VACUUM INTO` reads one snapshot, so the copy never holds half a transaction.
    pub fn snapshot_to(&self, to: &Path) -> Result<()> {
        if to.exists() {
            return Err(Error::conflict(format!(
                "{} already exists; a copy never overwrites a file.",
                to.display()
            )));
        }
        let target = to
            .to_str()
            .ok_or_else(|| Error::validation("path", "The copy's path is not valid text."))?;
        self.read(|c| {
            c.execute("VACUUM INTO ?1", [target])?;
            Ok(())
        })
    }

    /// Direct access for tests and benchmarks that compare against raw SQL.
    #[doc(hidden)]
    pub fn with_connection<T>(&self, f: impl FnOnce(&Connection) -> T) -> Result<T> {
        let conn = self.lock()?;
        Ok(f(&conn))
    }
}

fn ensure_site(conn: &Connection) -> Result<(String, String)> {
    let existing: Option<(String, String)> = conn
        .query_row(
            "SELECT site_id, max_hlc FROM site WHERE singleton = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some(site) = existing {
        return Ok(site);
    }
    // Another program opening the same new file may create the row first; then its identity is this one's too.
    conn.execute(
        "INSERT INTO site (singleton, site_id, created_at) VALUES (1, ?1, ?2)
         ON CONFLICT (singleton) DO NOTHING",
        // At first open, before any injected clock: the wall clock is the only one there is.
        params![
            Uuid::now_v7().to_string(),
            Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
        ],
    )?;
    Ok(conn.query_row(
        "SELECT site_id, max_hlc FROM site WHERE singleton = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}
