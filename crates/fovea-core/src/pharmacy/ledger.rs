//! The stock ledger's primitives, shared by receiving, adjusting, counting and dispensing: what a batch holds, which
//! batches may be offered (first expiry first out), and the one way a movement is posted.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{Map, json};
use ts_rs::TS;
use uuid::Uuid;

use crate::sync::Writer;
use crate::sync::tables::STOCK_MOVEMENTS;
use crate::{Error, Result};

/// Why stock moved. Receipts and returns from patients add; the rest take away, except adjustments, count
/// variances and reversals, which carry their own sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MovementKind {
    Receipt,
    Dispense,
    PatientReturn,
    SupplierReturn,
    Adjustment,
    CountVariance,
    ExpiryWriteOff,
    Reversal,
}

/// A movement about to be posted.
#[derive(Debug, Clone)]
pub struct NewMovement<'a> {
    pub batch_id: &'a str,
    pub kind: MovementKind,
    /// Packs: positive into stock, negative out. Never zero.
    pub quantity: i64,
    pub reason: Option<&'a str>,
    pub reverses_id: Option<&'a str>,
    pub dispense_id: Option<&'a str>,
    pub patient_id: Option<&'a str>,
    pub count_id: Option<&'a str>,
    pub by: &'a str,
}

/// A batch that may be offered, with what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BatchOnHand {
    pub batch_id: String,
    pub medicine_id: String,
    pub lot: String,
    /// `None`: received as having no expiry.
    pub expires_on: Option<NaiveDate>,
    pub on_hand: i64,
}

/// Packs in a batch now: the sum of its movements, as the ledger's trigger keeps it (0012).
pub fn batch_on_hand(conn: &Connection, batch_id: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT coalesce((SELECT on_hand FROM stock_batch_on_hand WHERE batch_id = ?1), 0)",
        )?
        .query_row([batch_id], |r| r.get(0))?)
}

/// Batches whose kept on-hand figure differs from the sum of their movements (only a change made behind Fovea's
/// back can cause one): (batch id, kept, summed).
pub fn on_hand_drift(conn: &Connection) -> Result<Vec<(String, i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT coalesce(s.batch_id, h.batch_id), coalesce(h.on_hand, 0), coalesce(s.total, 0)
           FROM (SELECT batch_id, sum(quantity) AS total FROM stock_movements GROUP BY batch_id) s
           FULL JOIN stock_batch_on_hand h ON h.batch_id = s.batch_id
          WHERE coalesce(h.on_hand, 0) <> coalesce(s.total, 0)
          ORDER BY 1",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The batches of a medicine that may be offered on `today`, first expiry first: not quarantined, not expired
/// (a batch is usable through its expiry date), holding stock. Batches without expiry come last.
pub fn offerable_batches(
    conn: &Connection,
    medicine_id: &str,
    today: NaiveDate,
) -> Result<Vec<BatchOnHand>> {
    let mut stmt = conn.prepare_cached(
        "SELECT b.id, b.lot, b.expires_on, h.on_hand
           FROM stock_batches b JOIN stock_batch_on_hand h ON h.batch_id = b.id
          WHERE b.medicine_id = ?1 AND b.quarantined = 0
            AND (b.expires_on IS NULL OR b.expires_on >= ?2)
            AND h.on_hand > 0
          ORDER BY b.expires_on IS NULL, b.expires_on, b.received_at, b.id",
    )?;
    let rows = stmt.query_map(rusqlite::params![medicine_id, today.to_string()], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, i64>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (batch_id, lot, expires, on_hand) = row?;
        let expires_on = expires
            .map(|d| {
                d.parse()
                    .map_err(|_| Error::storage("A stock batch has an unreadable expiry date."))
            })
            .transpose()?;
        out.push(BatchOnHand {
            batch_id,
            medicine_id: medicine_id.to_string(),
            lot,
            expires_on,
            on_hand,
        });
    }
    Ok(out)
}

/// The medicine a batch belongs to; `not_found` for an unknown batch.
pub fn batch_medicine(conn: &Connection, batch_id: &str) -> Result<String> {
    conn.prepare_cached("SELECT medicine_id FROM stock_batches WHERE id = ?1")?
        .query_row([batch_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::not_found("There is no such stock batch."))
}

/// Posts one movement and answers its id. Refuses a zero quantity, and any movement that would take the batch
/// below zero on this workstation (merged movements from other workstations may still do so; reports flag it).
pub fn post(w: &Writer<'_>, m: &NewMovement<'_>) -> Result<String> {
    if m.quantity == 0 {
        return Err(Error::validation(
            "quantity",
            "Enter a quantity other than zero.",
        ));
    }
    let medicine_id = batch_medicine(w.tx(), m.batch_id)?;
    if m.quantity < 0 {
        let held = batch_on_hand(w.tx(), m.batch_id)?;
        if held + m.quantity < 0 {
            return Err(Error::conflict(format!(
                "This batch holds {held} pack{}; it cannot give {}.",
                if held == 1 { "" } else { "s" },
                -m.quantity
            )));
        }
    }
    let id = Uuid::now_v7().to_string();
    let mut f = Map::new();
    f.insert("batch_id".into(), json!(m.batch_id));
    f.insert("medicine_id".into(), json!(medicine_id));
    f.insert("kind".into(), json!(m.kind));
    f.insert("quantity".into(), json!(m.quantity));
    f.insert("reason".into(), json!(m.reason));
    f.insert("reverses_id".into(), json!(m.reverses_id));
    f.insert("dispense_id".into(), json!(m.dispense_id));
    f.insert("patient_id".into(), json!(m.patient_id));
    f.insert("count_id".into(), json!(m.count_id));
    f.insert("moved_at".into(), json!(w.stamp()));
    f.insert("moved_by".into(), json!(m.by));
    f.insert("created_at".into(), json!(w.stamp()));
    w.insert(STOCK_MOVEMENTS, &id, &f)?;
    Ok(id)
}
