//! Migrations are append-only files `migrations/NNNN_name.sql`, embedded at compile time and applied in order.
//! A test checks that this list and the folder agree, so a new file cannot be forgotten. `PRAGMA user_version`
//! holds how many have been applied.

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

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
    (
        "0008_workstation_settings.sql",
        include_str!("../../../../migrations/0008_workstation_settings.sql"),
    ),
    (
        "0009_demo_flag_is_fixed.sql",
        include_str!("../../../../migrations/0009_demo_flag_is_fixed.sql"),
    ),
    (
        "0010_pharmacy.sql",
        include_str!("../../../../migrations/0010_pharmacy.sql"),
    ),
    (
        "0011_usual_clinician.sql",
        include_str!("../../../../migrations/0011_usual_clinician.sql"),
    ),
    (
        "0012_batch_on_hand.sql",
        include_str!("../../../../migrations/0012_batch_on_hand.sql"),
    ),
    (
        "0013_billing.sql",
        include_str!("../../../../migrations/0013_billing.sql"),
    ),
    (
        "0014_cash_up.sql",
        include_str!("../../../../migrations/0014_cash_up.sql"),
    ),
    (
        "0015_takings_by_day.sql",
        include_str!("../../../../migrations/0015_takings_by_day.sql"),
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

/// Applies the migrations this database lacks (rusqlite_migration, one transaction for all of them).
///
/// Another program opening the same new file at the same moment (two `fovea init`, the app and the command) may be
/// applying them too: the loser's transaction then fails — the write lock moved under it, or a table it creates
/// already exists — and it reads the version again and carries on from where the winner left the file. What people
/// read never holds the migration's SQL.
pub(crate) fn to_latest(conn: &mut Connection) -> Result<()> {
    const TRIES: u32 = 20;
    let known = schema_version();
    let migrations = migrations();
    for attempt in 1..=TRIES {
        let before = user_version(conn)?;
        if before > known {
            return Err(Error::storage(format!(
                "This database was just updated by a newer version of Fovea (schema {before}; this version knows up \
                 to {known}). Install the newer Fovea on this workstation."
            )));
        }
        let err = match migrations.to_latest(conn) {
            Ok(()) => return Ok(()),
            Err(e) => e,
        };
        let busy = matches!(&err, rusqlite_migration::Error::RusqliteError { err, .. } if crate::error::is_busy(err));
        let moved = user_version(conn).is_ok_and(|after| after != before);
        if (busy || moved) && attempt < TRIES {
            std::thread::sleep(std::time::Duration::from_millis(250));
            continue;
        }
        if busy {
            return Err(being_set_up());
        }
        // SQLite's words alone (`table x already exists`), never the file's SQL.
        let why = match err {
            rusqlite_migration::Error::RusqliteError { err, .. } => match err {
                rusqlite::Error::SqliteFailure(_, Some(m)) => m,
                rusqlite::Error::SqlInputError { msg, .. } => msg,
                other => other.to_string(),
            },
            other => other.to_string(),
        };
        let name = MIGRATIONS.get(before).map_or("", |(n, _)| n);
        return Err(Error::storage(format!(
            "Could not update the database schema ({name}): {why}"
        )));
    }
    Err(being_set_up())
}

fn migrations() -> Migrations<'static> {
    // The file is marked as Fovea's in the same transaction that creates its tables: another program opening the
    // same new file at that moment sees either an empty file or a Fovea database, never tables of "another program".
    let mark = |tx: &rusqlite::Transaction| -> rusqlite_migration::HookResult {
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        Ok(())
    };
    Migrations::new(
        MIGRATIONS
            .iter()
            .map(|(_, sql)| M::up_with_hook(sql, mark))
            .collect(),
    )
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
