//! Migrations are append-only files `migrations/NNNN_name.sql`, embedded at compile time and applied in order.
//! A test checks that this list and the folder agree, so a new file cannot be forgotten. `PRAGMA user_version`
//! holds how many have been applied.

use rusqlite::{Connection, TransactionBehavior};

use super::open::APPLICATION_ID;
use crate::{Error, ErrorCode, Result};

/// Every migration, in order: (file name, SQL).
pub const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_foundation.sql",
        include_str!("../../../../migrations/0001_foundation.sql"),
    ),
    (
        "0002_accounts_and_audit.sql",
        include_str!("../../../../migrations/0002_accounts_and_audit.sql"),
    ),
    (
        "0003_appointments.sql",
        include_str!("../../../../migrations/0003_appointments.sql"),
    ),
    (
        "0004_reminder_calls.sql",
        include_str!("../../../../migrations/0004_reminder_calls.sql"),
    ),
    (
        "0005_examinations.sql",
        include_str!("../../../../migrations/0005_examinations.sql"),
    ),
    (
        "0006_signed_records_are_sealed.sql",
        include_str!("../../../../migrations/0006_signed_records_are_sealed.sql"),
    ),
    (
        "0007_name_particles.sql",
        include_str!("../../../../migrations/0007_name_particles.sql"),
    ),
];

/// The schema version this binary writes: the number of migrations it knows.
pub fn schema_version() -> usize {
    MIGRATIONS.len()
}

fn user_version(conn: &Connection) -> Result<usize> {
    let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    Ok(usize::try_from(v).unwrap_or(usize::MAX))
}

/// What a program opening a new database hears while another one is still creating its tables.
pub(crate) fn being_set_up() -> Error {
    Error::new(
        ErrorCode::Busy,
        "The database is being set up by another program; try again in a moment.",
    )
}

/// Applies the migrations this database lacks, all in one transaction that holds the write lock from its start.
/// The version is read again once the lock is held: another program opening the same new file at the same moment
/// may have applied them meanwhile, and applying them twice would fail half way.
pub(crate) fn to_latest(conn: &mut Connection) -> Result<()> {
    let known = schema_version();
    if user_version(conn)? == known {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let from = user_version(&tx)?;
    if from > known {
        return Err(Error::storage(format!(
            "This database was just updated by a newer version of Fovea (schema {from}; this version knows up to \
             {known}). Install the newer Fovea on this workstation."
        )));
    }
    for (name, sql) in &MIGRATIONS[from..] {
        tx.execute_batch(sql).map_err(|e| {
            if crate::error::is_busy(&e) {
                Error::from(e)
            } else {
                // SQLite's words alone (`table x already exists`), never the file's SQL: people read this.
                let why = match e {
                    rusqlite::Error::SqliteFailure(_, Some(m)) => m,
                    rusqlite::Error::SqlInputError { msg, .. } => msg,
                    other => other.to_string(),
                };
                Error::storage(format!(
                    "Could not update the database schema ({name}): {why}"
                ))
            }
        })?;
    }
    tx.pragma_update(None, "user_version", known as i64)?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_matches_the_migrations_folder() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../migrations");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .expect("migrations folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".sql"))
            .collect();
        files.sort();
        let listed: Vec<String> = MIGRATIONS.iter().map(|(n, _)| n.to_string()).collect();
        assert_eq!(
            files, listed,
            "every file in migrations/ must be listed, in order"
        );
        for (i, name) in listed.iter().enumerate() {
            assert!(
                name.starts_with(&format!("{:04}_", i + 1)),
                "{name} is out of sequence"
            );
        }
    }

    #[test]
    fn migrations_validate() {
        // As the database is opened: with the SQL functions that triggers and index rebuilds call.
        let dir = tempfile::tempdir().expect("dir");
        super::super::open::open_connection(&dir.path().join("fovea.db"))
            .expect("migrations apply to an empty database");
    }
}
