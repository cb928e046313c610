//! This workstation: its short code (R1, C2 ...), which prefixes the numbers it issues, and first-start set-up.

pub mod ops;

use rusqlite::Connection;

use crate::{Error, Result};

/// Validates and normalizes a workstation code: 1–4 letters or digits, starting with a letter, upper case.
pub fn normalize_code(code: &str) -> Result<String> {
    let c = code.trim().to_ascii_uppercase();
    let ok = !c.is_empty()
        && c.len() <= 4
        && c.starts_with(|ch: char| ch.is_ascii_alphabetic())
        && c.chars().all(|ch| ch.is_ascii_alphanumeric());
    if ok {
        Ok(c)
    } else {
        Err(Error::validation(
            "workstation_code",
            "Use 1 to 4 letters or digits, starting with a letter (for example R1 for reception).",
        ))
    }
}

pub fn code(conn: &Connection) -> Result<Option<String>> {
    Ok(
        conn.query_row("SELECT code FROM site WHERE singleton = 1", [], |r| {
            r.get(0)
        })?,
    )
}

/// The code is printed inside every number this workstation has issued (MRNs ...), so it is fixed once it has
/// issued one.
pub fn code_locked(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM counters WHERE value > 0)",
        [],
        |r| r.get(0),
    )?)
}

/// Takes the next number of this workstation's counter `name` (1, 2, 3 ...). Call inside the write transaction.
pub(crate) fn next_number(conn: &Connection, name: &str) -> Result<i64> {
    Ok(conn.query_row(
        "INSERT INTO counters (name, value) VALUES (?1, 1)
         ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value",
        [name],
        |r| r.get(0),
    )?)
}

pub(crate) fn set_code(conn: &Connection, code: &str) -> Result<()> {
    if code_locked(conn)? {
        return Err(Error::conflict(
            "This workstation has already issued numbers with its current code, so the code can no longer change.",
        ));
    }
    conn.execute("UPDATE site SET code = ?1 WHERE singleton = 1", [code])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_short_and_upper_case() {
        assert_eq!(normalize_code(" r1 ").as_deref(), Ok("R1"));
        assert_eq!(normalize_code("OPT2").as_deref(), Ok("OPT2"));
        for bad in ["", "1R", "R-1", "RECEP", "R 1", "É1"] {
            let e = normalize_code(bad).expect_err(bad);
            assert_eq!(e.field.as_deref(), Some("workstation_code"));
        }
    }
}
