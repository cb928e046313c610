//! The deep check: every replicated row is rebuilt from the operation log and compared with what the table holds.
//! The core changes replicated rows only through the write path, which logs each change in the same transaction,
//! so a difference means the file was edited behind Fovea's back (an allergy changed with an SQL tool, a cashier
//! made administrator).

use std::collections::BTreeMap;

use rusqlite::Connection;
use rusqlite::types::Value as SqlValue;
use serde::Serialize;
use ts_rs::TS;

use crate::Result;
use crate::sync::tables::{REPLICATED_TABLES, ReplicatedTable};
use crate::sync::write::to_sql;

/// At most this many problems are listed; the count says how many there were.
const LISTED: usize = 50;

/// A row that does not match its log.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RowProblem {
    pub table: String,
    pub row_id: String,
    pub problem: String,
    /// The columns whose value differs from the log's.
    pub columns: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DeepReport {
    pub rows_checked: u32,
    pub problems_found: u32,
    /// The first problems, table by table.
    pub problems: Vec<RowProblem>,
}

/// Rebuilds every replicated row from the log and lists the rows that differ, were added without a log entry, or
/// were removed although the log wrote them.
pub fn check(conn: &Connection) -> Result<DeepReport> {
    let mut report = DeepReport {
        rows_checked: 0,
        problems_found: 0,
        problems: Vec::new(),
    };
    for table in REPLICATED_TABLES {
        check_table(conn, *table, &mut report)?;
    }
    // The stock list reads packs on hand from a table a trigger keeps; it must agree with the ledger it sums.
    for (batch_id, kept, summed) in crate::pharmacy::ledger::on_hand_drift(conn)? {
        note(
            &mut report,
            RowProblem {
                table: "stock_batch_on_hand".into(),
                row_id: batch_id,
                problem: format!(
                    "the batch's packs on hand say {kept} but its movements add up to {summed}: \
                     the file was edited behind Fovea's back"
                ),
                columns: vec!["on_hand".into()],
            },
        );
    }
    // The takings report reads day totals triggers keep; they must agree with the payments and invoice lines.
    for (table, day) in crate::billing::reports::day_totals_drift(conn)? {
        note(
            &mut report,
            RowProblem {
                table,
                row_id: day.clone(),
                problem: format!(
                    "the takings report's totals for {day} differ from what its payments and invoices add up to: \
                     the file was edited behind Fovea's back"
                ),
                columns: Vec::new(),
            },
        );
    }
    Ok(report)
}

fn note(report: &mut DeepReport, p: RowProblem) {
    report.problems_found += 1;
    if report.problems.len() < LISTED {
        report.problems.push(p);
    }
}

fn check_table(conn: &Connection, table: ReplicatedTable, report: &mut DeepReport) -> Result<()> {
    // Last writer wins per field, by (hlc, site), as the merge rule says; for one workstation that is log order.
    let mut expected: BTreeMap<String, BTreeMap<String, SqlValue>> = BTreeMap::new();
    let mut log = conn.prepare(
        "SELECT row_id, fields FROM oplog WHERE tbl = ?1 ORDER BY row_id, hlc, site_id, seq",
    )?;
    let mut rows = log.query([table.name])?;
    while let Some(r) = rows.next()? {
        let row_id: String = r.get(0)?;
        let fields: String = r.get(1)?;
        let entry = expected.entry(row_id.clone()).or_default();
        match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&fields) {
            Ok(map) => {
                for (k, v) in map {
                    entry.insert(k, to_sql(&v));
                }
            }
            Err(_) => note(
                report,
                RowProblem {
                    table: table.name.into(),
                    row_id,
                    problem: "its operation-log entry is unreadable".into(),
                    columns: Vec::new(),
                },
            ),
        }
    }
    let select = format!(
        "SELECT id, {} FROM {}",
        table.columns.join(", "),
        table.name
    );
    let mut stmt = conn.prepare(&select)?;
    let mut actual = stmt.query([])?;
    while let Some(r) = actual.next()? {
        report.rows_checked += 1;
        let id: String = r.get(0)?;
        let Some(logged) = expected.remove(&id) else {
            note(
                report,
                RowProblem {
                    table: table.name.into(),
                    row_id: id,
                    problem: "the row has no operation-log entry: it was added behind Fovea's back"
                        .into(),
                    columns: Vec::new(),
                },
            );
            continue;
        };
        let mut differing = Vec::new();
        for (i, col) in table.columns.iter().enumerate() {
            let stored: SqlValue = r.get(i + 1)?;
            let want = logged.get(*col).cloned().unwrap_or(SqlValue::Null);
            if !same(&stored, &want) {
                differing.push((*col).to_string());
            }
        }
        if !differing.is_empty() {
            note(
                report,
                RowProblem {
                    table: table.name.into(),
                    row_id: id,
                    problem:
                        "the row differs from what Fovea wrote: it was edited behind Fovea's back"
                            .into(),
                    columns: differing,
                },
            );
        }
    }
    for row_id in expected.into_keys() {
        note(
            report,
            RowProblem {
                table: table.name.into(),
                row_id,
                problem: "the row Fovea wrote is gone: it was deleted behind Fovea's back".into(),
                columns: Vec::new(),
            },
        );
    }
    Ok(())
}

/// SQLite gives back what was stored, but a column's affinity may have turned a whole real into an integer.
fn same(a: &SqlValue, b: &SqlValue) -> bool {
    match (a, b) {
        (SqlValue::Integer(x), SqlValue::Real(y)) | (SqlValue::Real(y), SqlValue::Integer(x)) => {
            (*x as f64) == *y
        }
        _ => a == b,
    }
}
