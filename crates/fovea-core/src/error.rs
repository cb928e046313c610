//! Errors are data: every failure that crosses a front door is `{code, message, field?}`.

use serde::Serialize;
use ts_rs::TS;

/// What kind of failure this is; the UI and scripts branch on it, people read `message`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    /// The request was understood but a value is not acceptable; `field` names it.
    Validation,
    /// The request could not be decoded at all (wrong JSON shape, unknown operation).
    BadRequest,
    NotFound,
    PermissionDenied,
    /// The request clashes with what is stored (for example renaming a workstation that already has records).
    Conflict,
    /// No valid session: the caller must sign in.
    Unauthenticated,
    /// The session is locked after idle time: the same user resumes with their password.
    Locked,
    /// The database is busy with another writer; try again.
    Busy,
    /// The database could not be read or written.
    Storage,
}

impl ErrorCode {
    /// Every code, for the UI's list (generated into `ui/src/bindings/operations.ts`).
    pub const ALL: [ErrorCode; 9] = [
        ErrorCode::Validation,
        ErrorCode::BadRequest,
        ErrorCode::NotFound,
        ErrorCode::PermissionDenied,
        ErrorCode::Conflict,
        ErrorCode::Unauthenticated,
        ErrorCode::Locked,
        ErrorCode::Busy,
        ErrorCode::Storage,
    ];
}

/// The one error type of the core. `field` is the request field a validation error is about, as the UI names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
#[ts(export)]
pub struct Error {
    pub code: ErrorCode,
    pub message: String,
    pub field: Option<String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error {
            code,
            message: message.into(),
            field: None,
        }
    }
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error {
            code: ErrorCode::Validation,
            message: message.into(),
            field: Some(field.into()),
        }
    }
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::BadRequest, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, message)
    }
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Conflict, message)
    }
    pub fn permission_denied(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::PermissionDenied, message)
    }
    pub fn storage(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Storage, message)
    }
}

/// Another connection holds the lock SQLite needed.
pub(crate) fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if matches!(
        f.code,
        rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
    ))
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        if is_busy(&e) {
            // Another program holds the write lock (the fovea command, a backup, a sync). Not `Locked`: that code
            // means a session locked after idle time, and the UI answers it with the lock screen.
            return Error::new(
                ErrorCode::Busy,
                "The database is busy with another program (a backup, a sync or the fovea command); try again in a moment.",
            );
        }
        Error::storage(format!("Database error: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_listed_once() {
        // A new variant fails to compile here until it is added to ALL too (the UI's list is generated from it).
        let listed = |c: ErrorCode| match c {
            ErrorCode::Validation
            | ErrorCode::BadRequest
            | ErrorCode::NotFound
            | ErrorCode::PermissionDenied
            | ErrorCode::Conflict
            | ErrorCode::Unauthenticated
            | ErrorCode::Locked
            | ErrorCode::Busy
            | ErrorCode::Storage => ErrorCode::ALL.iter().filter(|&&x| x == c).count(),
        };
        for c in ErrorCode::ALL {
            assert_eq!(listed(c), 1, "{c:?}");
        }
    }

    #[test]
    fn serializes_as_code_message_field() {
        let e = Error::validation("first_name", "First name is required.");
        let json = serde_json::to_value(&e).expect("serialize");
        assert_eq!(
            json,
            serde_json::json!({"code": "validation", "message": "First name is required.", "field": "first_name"})
        );
        let e = Error::not_found("No such patient.");
        assert_eq!(
            serde_json::to_value(&e).expect("serialize")["field"],
            serde_json::Value::Null
        );
    }
}
