//! Sign-in lockout: after 5 consecutive failures the name typed is locked for 1 minute; each further lockout
//! without a successful sign-in doubles the wait, up to 15 minutes. Failures are counted by the name typed,
//! whether or not it exists, so the answers never reveal which usernames exist.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::Result;

pub const FAILURES_BEFORE_LOCKOUT: i64 = 5;
pub const FIRST_LOCKOUT: Duration = Duration::minutes(1);
pub const LONGEST_LOCKOUT: Duration = Duration::minutes(15);

fn key(username: &str) -> String {
    username.trim().to_lowercase()
}

/// When the lockout of `username` ends, if it is locked out at `now`.
pub fn locked_at(
    conn: &Connection,
    username: &str,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>> {
    let until: Option<String> = conn
        .query_row(
            "SELECT locked_until FROM sign_in_failures WHERE username = ?1",
            [key(username)],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    Ok(until
        .and_then(|u| u.parse::<DateTime<Utc>>().ok())
        .filter(|u| *u > now))
}

/// The stored lockout end (for showing administrators), expired or not.
pub fn locked_until(conn: &Connection, username: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT locked_until FROM sign_in_failures WHERE username = ?1",
            [key(username)],
            |r| r.get(0),
        )
        .optional()?
        .flatten())
}

/// Counts a failed sign-in; returns the lockout end if this failure started a lockout.
pub fn record_failure(
    conn: &Connection,
    username: &str,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>> {
    let (failures, lockouts): (i64, i64) = conn
        .query_row(
            "SELECT failures, lockouts FROM sign_in_failures WHERE username = ?1",
            [key(username)],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((0, 0));
    let failures = failures + 1;
    let (failures, lockouts, until) = if failures >= FAILURES_BEFORE_LOCKOUT {
        let wait = (FIRST_LOCKOUT * 2i32.pow(lockouts.clamp(0, 10) as u32)).min(LONGEST_LOCKOUT);
        (0, lockouts + 1, Some(now + wait))
    } else {
        (failures, lockouts, None)
    };
    conn.execute(
        "INSERT INTO sign_in_failures (username, failures, lockouts, locked_until) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (username) DO UPDATE SET failures = ?2, lockouts = ?3,
             locked_until = coalesce(?4, locked_until)",
        params![key(username), failures, lockouts, until.map(|u| u.to_rfc3339())],
    )?;
    Ok(until)
}

/// A successful sign-in or an administrator's unlock clears the record.
pub fn clear(conn: &Connection, username: &str) -> Result<()> {
    conn.execute(
        "DELETE FROM sign_in_failures WHERE username = ?1",
        [key(username)],
    )?;
    Ok(())
}
