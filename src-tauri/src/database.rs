//! Which database this window serves, and the lock that keeps a second app instance off it.

use std::ffi::OsString;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// The database path from `--db PATH` (or `--db=PATH`), else `FOVEA_DB`, else the per-user default.
/// Other arguments are ignored: WebDriver and desktop launchers may pass their own.
pub fn resolve_path(args: impl IntoIterator<Item = OsString>) -> Result<PathBuf, String> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--db" {
            return match args.next() {
                Some(path) if !path.is_empty() => Ok(PathBuf::from(path)),
                _ => Err("`--db` needs a path, for example `--db /tmp/fovea.db`.".into()),
            };
        }
        if let Some(path) = arg.to_str().and_then(|a| a.strip_prefix("--db=")) {
            return if path.is_empty() {
                Err("`--db=` needs a path.".into())
            } else {
                Ok(PathBuf::from(path))
            };
        }
    }
    // `default_db_path` itself honours FOVEA_DB.
    fovea_core::default_db_path().map_err(|e| e.message)
}

/// The single-instance plugin's D-Bus id for this database: one running window per database, so `--db` on another
/// file (a test, a training copy) opens its own window instead of focusing the clinic's.
pub fn instance_id(db_path: &Path) -> String {
    let absolute = std::path::absolute(db_path).unwrap_or_else(|_| db_path.to_path_buf());
    // FNV-1a: stable across Rust versions (unlike `DefaultHasher`), so two builds agree on the name.
    let hash = absolute
        .as_os_str()
        .as_encoded_bytes()
        .iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
        });
    format!("{}.db{hash:016x}", fovea_core::APP_IDENTIFIER)
}

/// Holds `<db path>.lock` exclusively for as long as it lives; the OS releases it when the process ends, even on a
/// crash, so a stale lock file is harmless.
#[derive(Debug)]
pub struct DbLock {
    _file: File,
}

#[derive(Debug)]
pub enum LockError {
    /// Another process holds the lock: an app instance is already serving this database.
    Held,
    Io(std::io::Error),
}

pub fn lock(db_path: &Path) -> Result<DbLock, LockError> {
    let mut name = db_path.as_os_str().to_owned();
    name.push(".lock");
    if let Some(dir) = db_path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(LockError::Io)?;
    }
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(PathBuf::from(name))
        .map_err(LockError::Io)?;
    match file.try_lock() {
        Ok(()) => Ok(DbLock { _file: file }),
        Err(TryLockError::WouldBlock) => Err(LockError::Held),
        Err(TryLockError::Error(e)) => Err(LockError::Io(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn db_argument_wins() {
        assert_eq!(
            resolve_path(args(&["--db", "/tmp/a.db"])),
            Ok(PathBuf::from("/tmp/a.db"))
        );
        assert_eq!(
            resolve_path(args(&["--other", "--db=/tmp/b.db"])),
            Ok(PathBuf::from("/tmp/b.db"))
        );
        assert!(resolve_path(args(&["--db"])).is_err());
    }

    #[test]
    fn instance_id_is_a_valid_dbus_name_per_database() {
        let a = instance_id(Path::new("/tmp/a.db"));
        let b = instance_id(Path::new("/tmp/b.db"));
        assert_ne!(a, b);
        assert_eq!(a, instance_id(Path::new("/tmp/a.db")));
        // D-Bus name elements: [A-Za-z0-9_-], not starting with a digit.
        for element in a.split('.') {
            assert!(
                element
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'),
                "{a}"
            );
            assert!(!element.starts_with(|c: char| c.is_ascii_digit()), "{a}");
        }
    }

    #[test]
    fn second_lock_on_the_same_database_is_refused() {
        let dir = std::env::temp_dir().join(format!("fovea-lock-test-{}", std::process::id()));
        let db = dir.join("sub").join("fovea.db");
        let first = lock(&db).expect("first lock");
        assert!(matches!(lock(&db), Err(LockError::Held)));
        drop(first);
        assert!(lock(&db).is_ok());
        let _ = std::fs::remove_dir_all(dir);
    }
}
