//! The audit trail: who did what, when, at which workstation, to which patient and rows. Append-only, replicated
//! like clinical data, and tamper-evident: every entry's hash covers its content and the previous entry of the
//! same workstation.

mod chain;
pub mod deep;
pub mod ops;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::{Map, json};
use ts_rs::TS;
use uuid::Uuid;

pub use chain::{Break, VerifyReport, verify};

use crate::Result;
use crate::sync::Writer;
use crate::sync::tables::AUDIT_LOG;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Outcome {
    Ok,
    /// Refused for lack of permission.
    Denied,
    /// Attempted and failed (a wrong password, a lockout).
    Failed,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Denied => "denied",
            Outcome::Failed => "failed",
        }
    }
}

/// Who an entry is about: the signed-in user, or the name typed at a failed sign-in.
#[derive(Debug, Clone, Default)]
pub struct Actor {
    pub user_id: Option<String>,
    pub username: Option<String>,
}

/// An entry about to be appended.
#[derive(Debug, Clone)]
pub struct NewEntry {
    pub actor: Actor,
    pub operation: String,
    pub outcome: Outcome,
    pub patient_id: Option<String>,
    /// `table:id` of every row the operation wrote.
    pub rows: Vec<String>,
    pub detail: Option<String>,
}

/// Appends `entry` to this workstation's chain inside the caller's transaction, stamped with the write's moment and
/// this workstation's identity (both from the writer: the audit trail needs nothing else of the caller).
pub fn append(w: &Writer<'_>, entry: &NewEntry) -> Result<()> {
    let conn = w.tx();
    let (last_seq, prev_hash, code): (i64, String, Option<String>) = conn.query_row(
        "SELECT audit_seq, audit_hash, code FROM site WHERE singleton = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let row = chain::Row {
        site_id: w.site_id().to_string(),
        seq: last_seq + 1,
        at: w.stamp(),
        workstation: code.unwrap_or_else(|| "-".into()),
        user_id: entry.actor.user_id.clone(),
        username: entry.actor.username.clone(),
        operation: entry.operation.clone(),
        outcome: entry.outcome.as_str().to_string(),
        patient_id: entry.patient_id.clone(),
        rows: (!entry.rows.is_empty()).then(|| json!(entry.rows).to_string()),
        detail: entry.detail.clone(),
        prev_hash,
    };
    let hash = row.hash();
    let mut f = Map::new();
    f.insert("site_id".into(), json!(row.site_id));
    f.insert("seq".into(), json!(row.seq));
    f.insert("at".into(), json!(row.at));
    f.insert("workstation".into(), json!(row.workstation));
    f.insert("user_id".into(), json!(row.user_id));
    f.insert("username".into(), json!(row.username));
    f.insert("operation".into(), json!(row.operation));
    f.insert("outcome".into(), json!(row.outcome));
    f.insert("patient_id".into(), json!(row.patient_id));
    f.insert("rows".into(), json!(row.rows));
    f.insert("detail".into(), json!(row.detail));
    f.insert("prev_hash".into(), json!(row.prev_hash));
    f.insert("hash".into(), json!(hash));
    w.insert(AUDIT_LOG, &Uuid::now_v7().to_string(), &f)?;
    conn.execute(
        "UPDATE site SET audit_seq = ?1, audit_hash = ?2 WHERE singleton = 1",
        rusqlite::params![row.seq, hash],
    )?;
    Ok(())
}

/// One entry as the audit screens show it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AuditEntry {
    pub id: String,
    pub at: String,
    pub workstation: String,
    pub user_id: Option<String>,
    pub username: Option<String>,
    pub operation: String,
    pub outcome: Outcome,
    pub patient_id: Option<String>,
    pub patient_name: Option<String>,
    pub patient_mrn: Option<String>,
    pub detail: Option<String>,
}

/// Filters for [`search`]; instants are UTC RFC 3339, inclusive start, exclusive end.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub patient_id: Option<String>,
    pub user_id: Option<String>,
    pub from: Option<String>,
    pub until: Option<String>,
    pub limit: usize,
}

/// Newest first.
pub fn search(conn: &Connection, f: &Filter) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.at, a.workstation, a.user_id, a.username, a.operation, a.outcome, a.patient_id,
                p.first_name || ' ' || p.last_name, p.mrn, a.detail
         FROM audit_log a LEFT JOIN patients p ON p.id = a.patient_id
         WHERE (?1 IS NULL OR a.patient_id = ?1) AND (?2 IS NULL OR a.user_id = ?2)
           AND (?3 IS NULL OR a.at >= ?3) AND (?4 IS NULL OR a.at < ?4)
         ORDER BY a.at DESC, a.seq DESC LIMIT ?5",
    )?;
    let rows = stmt.query_map(
        rusqlite::params![f.patient_id, f.user_id, f.from, f.until, f.limit as i64],
        |r| {
            let outcome: Outcome = r.get(6)?;
            Ok(AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                workstation: r.get(2)?,
                user_id: r.get(3)?,
                username: r.get(4)?,
                operation: r.get(5)?,
                outcome,
                patient_id: r.get(7)?,
                patient_name: r.get(8)?,
                patient_mrn: r.get(9)?,
                detail: r.get(10)?,
            })
        },
    )?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
