//! The only place that opens SQLite connections, so every connection gets the same safety settings.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::{functions, migrations};
use crate::{Error, ErrorCode, Result};

/// `PRAGMA application_id` of a Fovea database ("FVEA"), so another program's SQLite file is never migrated.
pub const APPLICATION_ID: i32 = 0x4656_4541;

/// The settings every connection runs with; [`ConnectionSettings::read`] lets tests assert them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionSettings {
    pub journal_mode: String,
    /// 2 = FULL: a committed transaction survives a power cut.
    pub synchronous: i64,
    pub foreign_keys: bool,
    pub busy_timeout_ms: i64,
    /// On, so that `INSERT OR REPLACE` fires the delete triggers that guard signed records and the audit trail.
    pub recursive_triggers: bool,
}

impl ConnectionSettings {
    pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

    pub fn read(conn: &Connection) -> Result<Self> {
        Ok(ConnectionSettings {
            journal_mode: conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?,
            synchronous: conn.pragma_query_value(None, "synchronous", |r| r.get(0))?,
            foreign_keys: conn.pragma_query_value(None, "foreign_keys", |r| r.get(0))?,
            busy_timeout_ms: conn.pragma_query_value(None, "busy_timeout", |r| r.get(0))?,
            recursive_triggers: conn
                .pragma_query_value(None, "recursive_triggers", |r| r.get(0))?,
        })
    }
}

/// Opens the database at `path`, creating it (and its folder) if needed, and brings its schema up to date.
///
/// Refuses, without writing a byte, a file whose schema is newer than this binary or that is not a Fovea database.
pub fn open_connection(path: &Path) -> Result<Connection> {
    // A file without tables yet that is busy is one another program is creating right now (two first starts at
    // once); saying so beats the general "busy" answer.
    let new_file = std::fs::metadata(path).map_or(true, |m| m.len() == 0);
    open_and_migrate(path).map_err(|e| {
        if new_file && e.code == ErrorCode::Busy {
            migrations::being_set_up()
        } else {
            e
        }
    })
}

/// Opens a database that already exists, for everything but creating a clinic (`fovea init`, the app's first start
/// in its own data folder). A mistyped path is an error naming what is missing, never a new empty database.
pub fn open_existing_connection(path: &Path) -> Result<Connection> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    if let Some(dir) = dir.filter(|d| !d.is_dir()) {
        return Err(Error::not_found(format!(
            "There is no folder {}; check the database path (--db or FOVEA_DB).",
            dir.display()
        )));
    }
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::not_found(format!(
                "There is no Fovea database at {}. `fovea init --db {}` sets up a clinic there; the app does so at \
                 its first start.",
                path.display(),
                path.display()
            )));
        }
        Err(e) => {
            return Err(Error::storage(format!(
                "Cannot read {}: {e}",
                path.display()
            )));
        }
        Ok(m) if m.is_dir() => {
            return Err(Error::bad_request(format!(
                "{} is a folder; give the database file inside it.",
                path.display()
            )));
        }
        Ok(m) if m.len() == 0 => {
            return Err(Error::conflict(format!(
                "{} is an empty file, not a Fovea database yet. `fovea init --db {}` sets up a clinic in it.",
                path.display(),
                path.display()
            )));
        }
        Ok(_) => {}
    }
    open_connection(path)
}

/// SQLite writes its journal beside the database, so the folder itself must be writable; checked first so the
/// message names the folder rather than a confusing "not a readable database".
fn check_folder_writable(dir: &Path) -> Result<()> {
    let probe = dir.join(format!(".fovea-write-check-{}", std::process::id()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
            ) =>
        {
            Err(Error::storage(format!(
                "Fovea cannot write in the folder {} ({e}); the database and its journal need a folder this user \
                 may write to.",
                dir.display()
            )))
        }
        Err(_) => Ok(()),
    }
}

fn open_and_migrate(path: &Path) -> Result<Connection> {
    if let Some(dir) = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty() && d.is_dir())
    {
        check_folder_writable(dir)?;
    }
    if path.exists() {
        refuse_foreign_or_newer(path)?;
    } else if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| {
            Error::storage(format!("Cannot create the folder {}: {e}", dir.display()))
        })?;
    }
    let mut conn = Connection::open(path)
        .map_err(|e| Error::storage(format!("Cannot open the database {}: {e}", path.display())))?;
    apply_settings(&conn)?;
    functions::register(&conn)?;
    migrations::to_latest(&mut conn)?;
    let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if app_id != APPLICATION_ID {
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    Ok(conn)
}

fn apply_settings(conn: &Connection) -> Result<()> {
    conn.busy_timeout(ConnectionSettings::BUSY_TIMEOUT)?;
    // Switching a new file to WAL needs it to itself, and SQLite then answers busy at once instead of calling the
    // busy handler; so a second program opening the same new file at the same moment waits here as it would for
    // any other lock.
    let deadline = std::time::Instant::now() + ConnectionSettings::BUSY_TIMEOUT;
    let mode: String = loop {
        match conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0)) {
            Err(e) if crate::error::is_busy(&e) && std::time::Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(20));
            }
            other => break other?,
        }
    };
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::storage(format!(
            "The database could not switch to write-ahead logging (it reports `{mode}`); is it on a network drive?"
        )));
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // Without it SQLite skips delete triggers when REPLACE removes a row, and a signed record could be rewritten.
    conn.pragma_update(None, "recursive_triggers", true)?;
    // One connection serves every operation; the write path alone has a statement per table and column set.
    conn.set_prepared_statement_cache_capacity(128);
    Ok(())
}

/// Looks at an existing file read-only before anything can write to it.
fn refuse_foreign_or_newer(path: &Path) -> Result<()> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| Error::storage(format!("Cannot open the database {}: {e}", path.display())))?;
    let (version, app_id, tables): (i64, i32, i64) = (|| {
        Ok::<_, rusqlite::Error>((
            conn.pragma_query_value(None, "user_version", |r| r.get(0))?,
            conn.pragma_query_value(None, "application_id", |r| r.get(0))?,
            conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?,
        ))
    })()
    .map_err(|e| {
        if crate::error::is_busy(&e) {
            return Error::from(e);
        }
        Error::storage(format!(
            "{} is not a readable SQLite database: {e}",
            path.display()
        ))
    })?;
    if app_id != 0 && app_id != APPLICATION_ID {
        return Err(Error::storage(format!(
            "{} is not a Fovea database.",
            path.display()
        )));
    }
    if (version > 0 || tables > 0) && app_id != APPLICATION_ID {
        return Err(Error::storage(format!(
            "{} belongs to another program; Fovea will not change it.",
            path.display()
        )));
    }
    let known = migrations::schema_version() as i64;
    if version > known {
        return Err(Error::storage(format!(
            "This database was written by a newer version of Fovea (schema {version}; this version knows up to \
             {known}). Install the newer Fovea on this workstation; the database has not been changed."
        )));
    }
    Ok(())
}
