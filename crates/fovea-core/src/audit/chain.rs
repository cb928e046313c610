//! The hash chain: each entry's SHA-256 covers its fields and the previous entry's hash of the same workstation.

use rusqlite::Connection;
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::Result;

pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The hashed content of an entry.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub site_id: String,
    pub seq: i64,
    pub at: String,
    pub workstation: String,
    pub user_id: Option<String>,
    pub username: Option<String>,
    pub operation: String,
    pub outcome: String,
    pub patient_id: Option<String>,
    pub rows: Option<String>,
    pub detail: Option<String>,
    pub prev_hash: String,
}

impl Row {
    /// SHA-256 of the row as a JSON array in a fixed order, lower-case hex.
    pub fn hash(&self) -> String {
        let canonical = serde_json::json!([
            self.site_id,
            self.seq,
            self.at,
            self.workstation,
            self.user_id,
            self.username,
            self.operation,
            self.outcome,
            self.patient_id,
            self.rows,
            self.detail,
            self.prev_hash
        ]);
        hex::encode(Sha256::digest(canonical.to_string().as_bytes()))
    }
}

/// The first place a chain is broken.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Break {
    pub site_id: String,
    /// Position in that workstation's chain where the problem shows.
    pub seq: i64,
    pub problem: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct VerifyReport {
    pub entries_checked: u32,
    pub workstations: u32,
    /// `None` when every chain is intact.
    pub first_break: Option<Break>,
    /// With `deep`: every replicated row rebuilt from the operation log and compared with the table.
    pub deep: Option<super::deep::DeepReport>,
}

/// Walks every workstation's chain in sequence order and reports the first broken link: an altered entry (its
/// hash no longer matches), a removed one (a gap, or a hash that does not follow), a reordered one, or this
/// workstation's newest entries removed (the chain ends before the recorded head).
pub fn verify(conn: &Connection, own_site: &str) -> Result<VerifyReport> {
    let mut stmt = conn.prepare(
        "SELECT site_id, seq, at, workstation, user_id, username, operation, outcome, patient_id, rows, detail,
                prev_hash, hash
         FROM audit_log ORDER BY site_id, seq, rowid",
    )?;
    let mut rows = stmt.query([])?;
    let mut report = VerifyReport {
        entries_checked: 0,
        workstations: 0,
        first_break: None,
        deep: None,
    };
    let mut current: Option<(String, i64, String)> = None; // site, last seq, last hash
    let mut own_seen: (i64, String) = (0, GENESIS.to_string());
    let brk = |site: &str, seq: i64, problem: String| {
        Some(Break {
            site_id: site.to_string(),
            seq,
            problem,
        })
    };
    while let Some(r) = rows.next()? {
        let row = Row {
            site_id: r.get(0)?,
            seq: r.get(1)?,
            at: r.get(2)?,
            workstation: r.get(3)?,
            user_id: r.get(4)?,
            username: r.get(5)?,
            operation: r.get(6)?,
            outcome: r.get(7)?,
            patient_id: r.get(8)?,
            rows: r.get(9)?,
            detail: r.get(10)?,
            prev_hash: r.get(11)?,
        };
        let stored_hash: String = r.get(12)?;
        report.entries_checked += 1;
        let (expected_seq, expected_prev) = match &current {
            Some((site, seq, hash)) if *site == row.site_id => (seq + 1, hash.clone()),
            _ => {
                report.workstations += 1;
                (1, GENESIS.to_string())
            }
        };
        if row.seq != expected_seq {
            report.first_break = brk(
                &row.site_id,
                expected_seq,
                format!("entry {expected_seq} is missing (found {} next)", row.seq),
            );
            return Ok(report);
        }
        if row.prev_hash != expected_prev {
            report.first_break = brk(
                &row.site_id,
                row.seq,
                "does not follow the previous entry (removed or reordered)".into(),
            );
            return Ok(report);
        }
        if row.hash() != stored_hash {
            report.first_break = brk(
                &row.site_id,
                row.seq,
                "content was altered after it was written".into(),
            );
            return Ok(report);
        }
        if row.site_id == own_site {
            own_seen = (row.seq, stored_hash.clone());
        }
        current = Some((row.site_id, row.seq, stored_hash));
    }
    let (head_seq, head_hash): (i64, String) = conn.query_row(
        "SELECT audit_seq, audit_hash FROM site WHERE singleton = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if own_seen.0 != head_seq || own_seen.1 != head_hash {
        report.first_break = brk(
            own_site,
            own_seen.0 + 1,
            format!(
                "this workstation's newest entries are missing (the chain ends at {} of {head_seq})",
                own_seen.0
            ),
        );
    }
    Ok(report)
}
