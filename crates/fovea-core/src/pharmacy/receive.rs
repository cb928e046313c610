//! Receiving deliveries into batches, a medicine's batches and what each holds, and quarantine (a batch set aside
//! is never offered until released).

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{Map, json};
use ts_rs::TS;
use uuid::Uuid;

use super::ledger::{self, MovementKind, NewMovement};
use crate::catalog::Ctx;
use crate::sync::tables::STOCK_BATCHES;
use crate::text::{self, Lines};
use crate::{Error, Result, clinic};

/// Most packs one delivery line can bring: a typing slip guard, not a business rule.
pub const MAX_PACKS: i64 = 100_000;

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ReceiveRequest {
    pub medicine_id: String,
    pub lot: String,
    /// Required unless `no_expiry` is true.
    pub expires_on: Option<NaiveDate>,
    /// The product has no expiry date: said explicitly, never assumed from a blank.
    #[serde(default)]
    pub no_expiry: bool,
    pub supplier: Option<String>,
    /// Per pack, integer minor units.
    pub cost_minor: Option<i64>,
    pub packs: i64,
}

/// What a batch can do today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BatchState {
    Usable,
    Expired,
    Quarantined,
    Empty,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Batch {
    pub id: String,
    pub medicine_id: String,
    pub lot: String,
    pub expires_on: Option<NaiveDate>,
    pub supplier: Option<String>,
    pub cost_minor: Option<i64>,
    pub quarantined: bool,
    pub quarantine_reason: Option<String>,
    pub received_at: String,
    /// Packs: the sum of the batch's movements. Below zero only when merged movements from several workstations
    /// overdrew it; the stock list flags that.
    pub on_hand: i64,
    pub state: BatchState,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct BatchesRequest {
    pub medicine_id: String,
    /// Also batches that hold nothing.
    #[serde(default)]
    pub include_empty: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BatchesResponse {
    pub batches: Vec<Batch>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct QuarantineRequest {
    pub batch_id: String,
    /// True: set aside; false: release.
    pub quarantined: bool,
    pub reason: String,
}

/// Why the state is what it is: quarantine first (the pharmacist's decision), then expiry, then emptiness.
pub fn state_of(
    quarantined: bool,
    expires_on: Option<NaiveDate>,
    on_hand: i64,
    today: NaiveDate,
) -> BatchState {
    if on_hand <= 0 {
        BatchState::Empty
    } else if quarantined {
        BatchState::Quarantined
    } else if expires_on.is_some_and(|e| e < today) {
        BatchState::Expired
    } else {
        BatchState::Usable
    }
}

const BATCH_COLUMNS: &str = "b.id, b.medicine_id, b.lot, b.expires_on, b.supplier, b.cost_minor, b.quarantined, \
     b.quarantine_reason, b.received_at, \
     coalesce((SELECT h.on_hand FROM stock_batch_on_hand h WHERE h.batch_id = b.id), 0)";

fn date(s: Option<String>) -> Result<Option<NaiveDate>> {
    s.map(|d| {
        d.parse()
            .map_err(|_| Error::storage("A stock batch has an unreadable expiry date."))
    })
    .transpose()
}

fn batch_from_row(r: &rusqlite::Row<'_>, today: NaiveDate) -> Result<Batch> {
    let expires_on = date(r.get(3)?)?;
    let quarantined: bool = r.get(6)?;
    let on_hand: i64 = r.get(9)?;
    Ok(Batch {
        id: r.get(0)?,
        medicine_id: r.get(1)?,
        lot: r.get(2)?,
        expires_on,
        supplier: r.get(4)?,
        cost_minor: r.get(5)?,
        quarantined,
        quarantine_reason: r.get(7)?,
        received_at: r.get(8)?,
        on_hand,
        state: state_of(quarantined, expires_on, on_hand, today),
    })
}

/// One batch as it stands; `not_found` for an unknown id.
pub fn load_batch(conn: &Connection, id: &str, today: NaiveDate) -> Result<Batch> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {BATCH_COLUMNS} FROM stock_batches b WHERE b.id = ?1"
    ))?;
    let mut rows = stmt.query([id])?;
    match rows.next()? {
        Some(r) => batch_from_row(r, today),
        None => Err(Error::not_found("There is no such stock batch.")),
    }
}

/// A medicine's batches, first expiry first (no expiry last).
pub fn batches(cx: &Ctx<'_>, req: &BatchesRequest) -> Result<BatchesResponse> {
    cx.read(|conn| {
        let today = clinic::locale(conn, cx.now())?.today;
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {BATCH_COLUMNS} FROM stock_batches b WHERE b.medicine_id = ?1
              ORDER BY b.expires_on IS NULL, b.expires_on, b.received_at, b.id"
        ))?;
        let mut rows = stmt.query([&req.medicine_id])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let b = batch_from_row(r, today)?;
            if req.include_empty || b.on_hand != 0 {
                out.push(b);
            }
        }
        Ok(BatchesResponse { batches: out })
    })
}

/// Receives packs of one lot. The same lot and expiry of the same medicine adds to its batch; otherwise a new batch
/// is made. Refuses an expiry already past, a missing expiry not declared as "no expiry", and zero packs.
pub fn receive(cx: &Ctx<'_>, req: &ReceiveRequest) -> Result<Batch> {
    let by = cx
        .user
        .as_ref()
        .ok_or_else(|| Error::permission_denied("Sign in first."))?
        .id
        .clone();
    let lot = text::one_line_collapsed("lot", "The lot number", &req.lot, 60)?
        .ok_or_else(|| Error::validation("lot", "Enter the lot (batch) number from the pack."))?;
    let supplier = text::optional(
        "supplier",
        "The supplier",
        req.supplier.as_deref(),
        120,
        Lines::One,
    )?;
    if !(1..=MAX_PACKS).contains(&req.packs) {
        return Err(Error::validation(
            "packs",
            format!("Enter the number of packs received, 1 to {MAX_PACKS}."),
        ));
    }
    if req
        .cost_minor
        .is_some_and(|c| !(0..=1_000_000_000).contains(&c))
    {
        return Err(Error::validation(
            "cost_minor",
            "The cost per pack cannot be negative.",
        ));
    }
    let expires_on = match (req.expires_on, req.no_expiry) {
        (Some(_), true) => {
            return Err(Error::validation(
                "no_expiry",
                "Give either an expiry date or \"no expiry\", not both.",
            ));
        }
        (None, false) => {
            return Err(Error::validation(
                "expires_on",
                "Enter the expiry date printed on the pack, or mark it as having no expiry.",
            ));
        }
        (e, _) => e,
    };
    let id = cx.write(|w| {
        let today = clinic::locale(w.tx(), w.now())?.today;
        if let Some(e) = expires_on
            && e < today
        {
            return Err(Error::validation(
                "expires_on",
                "This expiry date has passed; expired stock is not received.",
            ));
        }
        let active: Option<bool> = w
            .tx()
            .prepare_cached("SELECT active FROM medicines WHERE id = ?1")?
            .query_row([&req.medicine_id], |r| r.get(0))
            .optional()?;
        match active {
            None => return Err(Error::not_found("There is no such medicine.")),
            Some(false) => {
                return Err(Error::conflict(
                    "This medicine is inactive; make it active in the formulary before receiving it.",
                ));
            }
            Some(true) => {}
        }
        let expiry_text = expires_on.map(|e| e.to_string());
        let existing: Option<String> = w
            .tx()
            .prepare_cached(
                "SELECT id FROM stock_batches WHERE medicine_id = ?1 AND lot = ?2 AND expires_on IS ?3
                 ORDER BY received_at, id LIMIT 1",
            )?
            .query_row(rusqlite::params![req.medicine_id, lot, expiry_text], |r| {
                r.get(0)
            })
            .optional()?;
        let batch_id = match existing {
            Some(id) => id,
            None => {
                let id = Uuid::now_v7().to_string();
                let mut f = Map::new();
                f.insert("medicine_id".into(), json!(req.medicine_id));
                f.insert("lot".into(), json!(lot));
                f.insert("expires_on".into(), json!(expiry_text));
                f.insert("supplier".into(), json!(supplier));
                f.insert("cost_minor".into(), json!(req.cost_minor));
                f.insert("quarantined".into(), json!(false));
                f.insert("received_at".into(), json!(w.stamp()));
                f.insert("created_at".into(), json!(w.stamp()));
                f.insert("updated_at".into(), json!(w.stamp()));
                w.insert(STOCK_BATCHES, &id, &f)?;
                id
            }
        };
        let reason = supplier.as_ref().map(|s| format!("Received from {s}"));
        ledger::post(
            w,
            &NewMovement {
                batch_id: &batch_id,
                kind: MovementKind::Receipt,
                quantity: req.packs,
                reason: reason.as_deref(),
                reverses_id: None,
                dispense_id: None,
                patient_id: None,
                count_id: None,
                by: &by,
            },
        )?;
        Ok(batch_id)
    })?;
    cx.read(|conn| load_batch(conn, &id, clinic::locale(conn, cx.now())?.today))
}

/// Sets a batch aside (never offered while set) or releases it, with the reason kept in the audit trail.
pub fn quarantine(cx: &Ctx<'_>, req: &QuarantineRequest) -> Result<Batch> {
    let reason = text::optional("reason", "The reason", Some(&req.reason), 500, Lines::One)?
        .ok_or_else(|| {
            Error::validation(
                "reason",
                if req.quarantined {
                    "Say why this batch is set aside."
                } else {
                    "Say why this batch may be used again."
                },
            )
        })?;
    cx.note_detail(format!(
        "{}: {reason}",
        if req.quarantined {
            "quarantined"
        } else {
            "released"
        }
    ));
    cx.write(|w| {
        ledger::batch_medicine(w.tx(), &req.batch_id)?;
        let mut f = Map::new();
        f.insert("quarantined".into(), json!(req.quarantined));
        f.insert(
            "quarantine_reason".into(),
            json!(req.quarantined.then_some(&reason)),
        );
        f.insert("updated_at".into(), json!(w.stamp()));
        w.update(STOCK_BATCHES, &req.batch_id, &f)
    })?;
    cx.read(|conn| load_batch(conn, &req.batch_id, clinic::locale(conn, cx.now())?.today))
}
