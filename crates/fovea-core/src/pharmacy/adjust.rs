//! Corrections to stock, always as new movements with a reason: adjustments, returns, expiry write-offs, and the
//! reversal of one movement (posted once, never itself reversed). Nothing edits a quantity.

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::ledger::{self, MovementKind, NewMovement};
use super::receive::{Batch, load_batch};
use crate::catalog::Ctx;
use crate::text::{self, Lines};
use crate::{Error, Result, clinic};

/// What the pharmacist is recording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AdjustKind {
    /// Packs found (+) or lost, broken (−).
    Adjustment,
    /// Packs sent back to the supplier (taken out).
    SupplierReturn,
    /// Unopened packs a patient brought back (put in).
    PatientReturn,
    /// The whole remainder of an expired batch, taken out.
    ExpiryWriteOff,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct AdjustRequest {
    pub batch_id: String,
    pub kind: AdjustKind,
    /// Packs. An adjustment carries its sign; returns give a positive count; a write-off takes none (the whole
    /// remainder).
    pub quantity: Option<i64>,
    pub reason: String,
    /// For a patient return: who brought it back (lot recalls).
    pub patient_id: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ReverseRequest {
    pub movement_id: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct MovementPosted {
    pub movement_id: String,
    pub batch: Batch,
}

fn required_reason(reason: &str) -> Result<String> {
    text::optional("reason", "The reason", Some(reason), 500, Lines::One)?
        .ok_or_else(|| Error::validation("reason", "Say why the stock is changed."))
}

fn by(cx: &Ctx<'_>) -> Result<String> {
    Ok(cx
        .user
        .as_ref()
        .ok_or_else(|| Error::permission_denied("Sign in first."))?
        .id
        .clone())
}

fn positive(q: Option<i64>) -> Result<i64> {
    match q {
        Some(q) if (1..=super::receive::MAX_PACKS).contains(&q) => Ok(q),
        _ => Err(Error::validation(
            "quantity",
            "Enter the number of packs (more than zero).",
        )),
    }
}

/// Posts one correction. Refuses a missing reason, a zero quantity, taking out more than the batch holds, and a
/// write-off of a batch that has not expired.
pub fn adjust(cx: &Ctx<'_>, req: &AdjustRequest) -> Result<MovementPosted> {
    let reason = required_reason(&req.reason)?;
    let by = by(cx)?;
    if req.patient_id.is_some() && req.kind != AdjustKind::PatientReturn {
        return Err(Error::validation(
            "patient_id",
            "Only a patient return names a patient.",
        ));
    }
    if let Some(p) = &req.patient_id {
        cx.note_patient(p);
    }
    let id = cx.write(|w| {
        let today = clinic::locale(w.tx(), w.now())?.today;
        let batch = load_batch(w.tx(), &req.batch_id, today)?;
        let (kind, quantity) = match req.kind {
            AdjustKind::Adjustment => match req.quantity {
                Some(q) if q != 0 && q.abs() <= super::receive::MAX_PACKS => {
                    (MovementKind::Adjustment, q)
                }
                _ => {
                    return Err(Error::validation(
                        "quantity",
                        "Enter the packs found (positive) or missing (negative).",
                    ));
                }
            },
            AdjustKind::SupplierReturn => (MovementKind::SupplierReturn, -positive(req.quantity)?),
            AdjustKind::PatientReturn => (MovementKind::PatientReturn, positive(req.quantity)?),
            AdjustKind::ExpiryWriteOff => {
                if req.quantity.is_some() {
                    return Err(Error::validation(
                        "quantity",
                        "A write-off takes the whole remainder of the batch; leave the quantity empty.",
                    ));
                }
                if batch.expires_on.is_none_or(|e| e >= today) {
                    return Err(Error::conflict(
                        "This batch has not expired; correct it with an adjustment instead.",
                    ));
                }
                if batch.on_hand <= 0 {
                    return Err(Error::conflict(
                        "This batch holds nothing to write off.",
                    ));
                }
                (MovementKind::ExpiryWriteOff, -batch.on_hand)
            }
        };
        if let Some(p) = &req.patient_id {
            let known: bool = w
                .tx()
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM patients WHERE id = ?1)")?
                .query_row([p], |r| r.get(0))?;
            if !known {
                return Err(Error::not_found("There is no such patient."));
            }
        }
        ledger::post(
            w,
            &NewMovement {
                batch_id: &req.batch_id,
                kind,
                quantity,
                reason: Some(&reason),
                reverses_id: None,
                dispense_id: None,
                patient_id: req.patient_id.as_deref(),
                count_id: None,
                by: &by,
            },
        )
    })?;
    posted(cx, id, &req.batch_id)
}

fn posted(cx: &Ctx<'_>, movement_id: String, batch_id: &str) -> Result<MovementPosted> {
    let batch =
        cx.read(|conn| load_batch(conn, batch_id, clinic::locale(conn, cx.now())?.today))?;
    Ok(MovementPosted { movement_id, batch })
}

/// Posts the opposite of one movement. A movement is reversed at most once, a reversal is never reversed, and a
/// reversal that would take the batch below zero is refused like any other movement.
pub fn reverse(cx: &Ctx<'_>, req: &ReverseRequest) -> Result<MovementPosted> {
    let reason = required_reason(&req.reason)?;
    let by = by(cx)?;
    let (id, batch_id) = cx.write(|w| {
        let original = w
            .tx()
            .prepare_cached(
                "SELECT batch_id, kind, quantity, dispense_id, patient_id FROM stock_movements WHERE id = ?1",
            )?
            .query_row([&req.movement_id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, MovementKind>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                ))
            })
            .optional()?
            .ok_or_else(|| Error::not_found("There is no such stock movement."))?;
        let (batch_id, kind, quantity, dispense_id, patient_id) = original;
        if kind == MovementKind::Reversal {
            return Err(Error::conflict(
                "A reversal cannot itself be reversed; post an adjustment with a reason instead.",
            ));
        }
        // Undoing stock alone would leave the prescription counting packs the patient never took home.
        if dispense_id.is_some() {
            return Err(Error::conflict(
                "Packs handed to a patient are not reversed here: record a return from the patient on the \
                 visit's dispensing sheet, so the prescription's record stays right.",
            ));
        }
        let reversed: bool = w
            .tx()
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM stock_movements WHERE reverses_id = ?1)")?
            .query_row([&req.movement_id], |r| r.get(0))?;
        if reversed {
            return Err(Error::conflict("This movement has already been reversed."));
        }
        if let Some(p) = &patient_id {
            cx.note_patient(p);
        }
        let id = ledger::post(
            w,
            &NewMovement {
                batch_id: &batch_id,
                kind: MovementKind::Reversal,
                quantity: -quantity,
                reason: Some(&reason),
                reverses_id: Some(&req.movement_id),
                dispense_id: None,
                patient_id: patient_id.as_deref(),
                count_id: None,
                by: &by,
            },
        )?;
        Ok((id, batch_id))
    })?;
    posted(cx, id, &batch_id)
}
