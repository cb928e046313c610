//! Migrations are append-only files `migrations/NNNN_name.sql`, embedded at compile time and applied in order.
//! A test checks that this list and the folder agree, so a new file cannot be forgotten.

use rusqlite_migration::{M, Migrations};

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
];

/// The schema version this binary writes: the number of migrations it knows.
pub fn schema_version() -> usize {
    MIGRATIONS.len()
}

pub(crate) fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|(_, sql)| M::up(sql)).collect())
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
