//! Stock counts. Each line records what was counted and when; posting compares it with the ledger as it stood at
//! that moment, so packs dispensed or received while the count was going on are neither lost nor counted twice.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{Map, json};
use ts_rs::TS;
use uuid::Uuid;

use super::formulary::{Form, display_name};
use super::ledger::{self, MovementKind, NewMovement};
use crate::catalog::Ctx;
use crate::sync::tables::{STOCK_COUNT_LINES, STOCK_COUNTS};
use crate::text::{self, Lines};
use crate::{Error, Result};

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct StartCountRequest {
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct RecordCountRequest {
    pub count_id: String,
    pub batch_id: String,
    /// Packs on the shelf.
    pub counted: i64,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct CountRequest {
    pub count_id: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CountLine {
    pub batch_id: String,
    pub medicine_id: String,
    pub medicine: String,
    pub lot: String,
    pub counted: i64,
    pub counted_at: String,
    /// The ledger's on hand at `counted_at`.
    pub on_hand_at_count: i64,
    /// counted − on_hand_at_count: what posting the count will move.
    pub variance: i64,
}

/// A count sheet.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct StockCount {
    pub id: String,
    pub note: Option<String>,
    pub started_at: String,
    pub posted_at: Option<String>,
    pub lines: Vec<CountLine>,
}

fn by(cx: &Ctx<'_>) -> Result<String> {
    Ok(cx
        .user
        .as_ref()
        .ok_or_else(|| Error::permission_denied("Sign in first."))?
        .id
        .clone())
}

/// The packs a batch held at `at` (every movement stamped at or before it, from any workstation).
pub fn on_hand_at(conn: &Connection, batch_id: &str, at: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT coalesce(sum(quantity), 0) FROM stock_movements WHERE batch_id = ?1 AND moved_at <= ?2",
        )?
        .query_row([batch_id, at], |r| r.get(0))?)
}

/// Whether a count is open; `not_found` for an unknown one.
fn is_open(conn: &Connection, count_id: &str) -> Result<bool> {
    conn.prepare_cached("SELECT posted_at IS NULL FROM stock_counts WHERE id = ?1")?
        .query_row([count_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::not_found("There is no such stock count."))
}

pub fn start(cx: &Ctx<'_>, req: &StartCountRequest) -> Result<StockCount> {
    let note = text::optional("note", "The note", req.note.as_deref(), 500, Lines::Many)?;
    let by = by(cx)?;
    let id = cx.write(|w| {
        let id = Uuid::now_v7().to_string();
        let mut f = Map::new();
        f.insert("note".into(), json!(note));
        f.insert("started_at".into(), json!(w.stamp()));
        f.insert("started_by".into(), json!(by));
        f.insert("created_at".into(), json!(w.stamp()));
        f.insert("updated_at".into(), json!(w.stamp()));
        w.insert(STOCK_COUNTS, &id, &f)?;
        Ok(id)
    })?;
    cx.read(|conn| sheet(conn, &id))
}

/// Records a batch's counted packs, stamped now; counting the same batch again replaces its line.
pub fn record(cx: &Ctx<'_>, req: &RecordCountRequest) -> Result<StockCount> {
    if !(0..=super::receive::MAX_PACKS).contains(&req.counted) {
        return Err(Error::validation(
            "counted",
            "Enter the packs counted (zero or more).",
        ));
    }
    let by = by(cx)?;
    cx.write(|w| {
        if !is_open(w.tx(), &req.count_id)? {
            return Err(Error::conflict(
                "This count has been posted; start a new count.",
            ));
        }
        ledger::batch_medicine(w.tx(), &req.batch_id)?;
        let mut f = Map::new();
        f.insert("count_id".into(), json!(req.count_id));
        f.insert("batch_id".into(), json!(req.batch_id));
        f.insert("counted".into(), json!(req.counted));
        f.insert("counted_at".into(), json!(w.stamp()));
        f.insert("counted_by".into(), json!(by));
        w.upsert(
            STOCK_COUNT_LINES,
            &format!("{}/{}", req.count_id, req.batch_id),
            &f,
        )
    })?;
    cx.read(|conn| sheet(conn, &req.count_id))
}

/// The count sheet: each line with what the ledger held when it was counted.
pub fn sheet(conn: &Connection, count_id: &str) -> Result<StockCount> {
    let head = conn
        .prepare_cached("SELECT note, started_at, posted_at FROM stock_counts WHERE id = ?1")?
        .query_row([count_id], |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })
        .optional()?
        .ok_or_else(|| Error::not_found("There is no such stock count."))?;
    let mut stmt = conn.prepare_cached(
        "SELECT l.batch_id, b.medicine_id, m.generic_name, m.strength, m.form, b.lot, l.counted, l.counted_at
           FROM stock_count_lines l JOIN stock_batches b ON b.id = l.batch_id JOIN medicines m ON m.id = b.medicine_id
          WHERE l.count_id = ?1 ORDER BY lower(m.generic_name), m.strength, b.expires_on, b.lot",
    )?;
    let rows = stmt
        .query_map([count_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                display_name(
                    &r.get::<_, String>(2)?,
                    &r.get::<_, String>(3)?,
                    r.get::<_, Form>(4)?,
                ),
                r.get::<_, String>(5)?,
                r.get::<_, i64>(6)?,
                r.get::<_, String>(7)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut lines = Vec::new();
    for (batch_id, medicine_id, medicine, lot, counted, counted_at) in rows {
        let on_hand_at_count = on_hand_at(conn, &batch_id, &counted_at)?;
        lines.push(CountLine {
            variance: counted - on_hand_at_count,
            batch_id,
            medicine_id,
            medicine,
            lot,
            counted,
            counted_at,
            on_hand_at_count,
        });
    }
    Ok(StockCount {
        id: count_id.to_string(),
        note: head.0,
        started_at: head.1,
        posted_at: head.2,
        lines,
    })
}

/// Posts each line's variance (counted − on hand as of its counted_at) as a count_variance movement, keeping every
/// movement made after the line was counted, and closes the count.
pub fn post(cx: &Ctx<'_>, req: &CountRequest) -> Result<StockCount> {
    let by = by(cx)?;
    cx.write(|w| {
        if !is_open(w.tx(), &req.count_id)? {
            return Err(Error::conflict("This count has already been posted."));
        }
        let count = sheet(w.tx(), &req.count_id)?;
        if count.lines.is_empty() {
            return Err(Error::conflict(
                "Nothing has been counted yet; record at least one batch before posting.",
            ));
        }
        for line in count.lines.iter().filter(|l| l.variance != 0) {
            ledger::post(
                w,
                &NewMovement {
                    batch_id: &line.batch_id,
                    kind: MovementKind::CountVariance,
                    quantity: line.variance,
                    reason: Some("Stock count"),
                    reverses_id: None,
                    dispense_id: None,
                    patient_id: None,
                    count_id: Some(&req.count_id),
                    by: &by,
                },
            )
            .map_err(|e| {
                Error::conflict(format!(
                    "{} lot {}: {} Count it again.",
                    line.medicine, line.lot, e.message
                ))
            })?;
        }
        let mut f = Map::new();
        f.insert("posted_at".into(), json!(w.stamp()));
        f.insert("posted_by".into(), json!(by));
        f.insert("updated_at".into(), json!(w.stamp()));
        w.update(STOCK_COUNTS, &req.count_id, &f)
    })?;
    cx.read(|conn| sheet(conn, &req.count_id))
}
