//! Handing medicines over: packs from chosen batches (a `dispense_lines` row and one `dispense` movement per batch)
//! or the reason an item was not, all in one transaction; the visit moves on to billing once every item is
//! accounted for. And a patient bringing a dispensed pack back.

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{Map, json};
use ts_rs::TS;
use uuid::Uuid;

use super::propose::{DispensingSheet, sheet_of};
use super::{
    DispenseOutcome, NotDispensedReason, Signed, Tally, accounted_for, all_accounted_for,
    bought_elsewhere, fefo, packs_words, signed_prescription, still_allowed, tallies,
};
use crate::appointments::Stage;
use crate::appointments::queue::advance_for_work;
use crate::catalog::Ctx;
use crate::pharmacy::MovementKind;
use crate::pharmacy::ledger::{self, NewMovement, batch_on_hand, offerable_batches};
use crate::prescriptions::PrescriptionItem;
use crate::sync::Writer;
use crate::sync::tables::DISPENSE_LINES;
use crate::text::{self, Lines};
use crate::{Error, Result, clinic};

/// The most items one dispensing may carry (no prescription has more), and batches per item.
const MAX_ITEMS: usize = 50;
const MAX_BATCHES: usize = 20;
const MAX_REASON: usize = 300;

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct DispensedBatch {
    pub batch_id: String,
    pub packs: u32,
}

/// One item of a dispensing: either the batches handed over, or `not_dispensed` and why.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct DispenseItem {
    pub item_id: String,
    #[serde(default)]
    pub batches: Option<Vec<DispensedBatch>>,
    /// Needed when the batches are not the ones proposed first expiry first out.
    #[serde(default)]
    pub other_batch_reason: Option<String>,
    #[serde(default)]
    pub not_dispensed: Option<NotDispensedReason>,
    /// With `not_dispensed`; required for `other`.
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct DispenseRequest {
    pub visit_id: String,
    pub items: Vec<DispenseItem>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DispenseResult {
    /// The `dispense_lines` rows written, in the request's order.
    pub line_ids: Vec<String>,
    /// Every item was accounted for and the visit went on to billing.
    pub moved_to_billing: bool,
    pub sheet: DispensingSheet,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PatientReturnRequest {
    pub dispense_line_id: String,
    pub batch_id: String,
    pub packs: u32,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PatientReturnResult {
    pub movement_id: String,
    /// What the batch holds after the return.
    pub batch_on_hand: i64,
}

/// A batch as the checks need it.
struct BatchRow {
    medicine_id: String,
    lot: String,
    expires_on: Option<NaiveDate>,
    quarantined: bool,
    quarantine_reason: Option<String>,
}

fn batch_row(conn: &Connection, batch_id: &str) -> Result<Option<BatchRow>> {
    let row = conn
        .prepare_cached(
            "SELECT medicine_id, lot, expires_on, quarantined, quarantine_reason FROM stock_batches WHERE id = ?1",
        )?
        .query_row([batch_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, bool>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })
        .optional()?;
    row.map(
        |(medicine_id, lot, expires, quarantined, quarantine_reason)| {
            let expires_on = expires
                .map(|d| {
                    d.parse()
                        .map_err(|_| Error::storage("A stock batch has an unreadable expiry date."))
                })
                .transpose()?;
            Ok(BatchRow {
                medicine_id,
                lot,
                expires_on,
                quarantined,
                quarantine_reason,
            })
        },
    )
    .transpose()
}

fn user_id(cx: &Ctx<'_>) -> Result<String> {
    cx.user
        .as_ref()
        .map(|u| u.id.clone())
        .ok_or_else(|| Error::permission_denied("Sign in first."))
}

/// Checks one item's batches against the rules and answers them as (batch id, packs), in the request's order.
#[allow(clippy::too_many_arguments)]
fn checked_batches(
    conn: &Connection,
    field: &str,
    item: &PrescriptionItem,
    t: Tally,
    batches: &[DispensedBatch],
    other_reason: Option<&str>,
    today: NaiveDate,
    fmt: &dyn Fn(NaiveDate) -> String,
) -> Result<Vec<(String, u32)>> {
    let name = item.medicine_words();
    let Some(medicine_id) = item
        .medicine
        .medicine_id
        .as_deref()
        .filter(|_| item.from_stock)
    else {
        return Err(Error::validation(
            format!("{field}.batches"),
            format!("{name} is bought elsewhere; it is not dispensed from the clinic's stock."),
        ));
    };
    if batches.is_empty() {
        return Err(Error::validation(
            format!("{field}.batches"),
            "Choose at least one batch to dispense from.",
        ));
    }
    text::at_most(&format!("{field}.batches"), batches, MAX_BATCHES, "batches")?;
    let mut seen = HashSet::new();
    let mut total: u32 = 0;
    for (j, b) in batches.iter().enumerate() {
        let bf = format!("{field}.batches.{j}");
        if !seen.insert(b.batch_id.as_str()) {
            return Err(Error::validation(
                format!("{bf}.batch_id"),
                "This batch is listed twice; give its packs once.",
            ));
        }
        if b.packs == 0 {
            return Err(Error::validation(
                format!("{bf}.packs"),
                "Enter at least one pack.",
            ));
        }
        total = total.saturating_add(b.packs);
        let Some(row) = batch_row(conn, &b.batch_id)? else {
            return Err(Error::validation(
                format!("{bf}.batch_id"),
                "There is no such stock batch.",
            ));
        };
        if row.medicine_id != medicine_id {
            return Err(Error::validation(
                format!("{bf}.batch_id"),
                format!("Batch {} is not {name}.", row.lot),
            ));
        }
        if row.quarantined {
            let why = row
                .quarantine_reason
                .as_deref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default();
            return Err(Error::validation(
                format!("{bf}.batch_id"),
                format!(
                    "Batch {} is quarantined{why}; it cannot be dispensed.",
                    row.lot
                ),
            ));
        }
        if let Some(exp) = row.expires_on.filter(|e| *e < today) {
            return Err(Error::validation(
                format!("{bf}.batch_id"),
                format!(
                    "Batch {} expired on {}; it cannot be dispensed.",
                    row.lot,
                    fmt(exp)
                ),
            ));
        }
        let held = batch_on_hand(conn, &b.batch_id)?;
        if i64::from(b.packs) > held {
            return Err(Error::validation(
                format!("{bf}.packs"),
                format!("Batch {} holds {}.", row.lot, packs_words(held)),
            ));
        }
    }
    let allowed = still_allowed(item, t);
    if total > allowed {
        return Err(Error::validation(
            format!("{field}.batches"),
            format!(
                "At most {} of {name} may still be dispensed: {} prescribed ({} with {} repeat{}), {} already dispensed.",
                packs_words(allowed),
                packs_words(item.packs_allowed()),
                packs_words(item.quantity),
                item.repeats,
                if item.repeats == 1 { "" } else { "s" },
                packs_words(t.dispensed),
            ),
        ));
    }
    // Another batch than first expiry first out is the pharmacist's call, but it is said why.
    let offerable = offerable_batches(conn, medicine_id, today)?;
    let (takes, _) = fefo(&offerable, total);
    let proposed: BTreeMap<&str, u32> = takes
        .iter()
        .map(|(i, p)| (offerable[*i].batch_id.as_str(), *p))
        .collect();
    let chosen: BTreeMap<&str, u32> = batches
        .iter()
        .map(|b| (b.batch_id.as_str(), b.packs))
        .collect();
    if chosen != proposed && other_reason.is_none() {
        let lots = takes
            .iter()
            .map(|(i, p)| format!("{} from lot {}", packs_words(*p), offerable[*i].lot))
            .collect::<Vec<_>>()
            .join(", ");
        return Err(Error::validation(
            format!("{field}.other_batch_reason"),
            format!("First expiry first out proposes {lots}; say why other batches are dispensed."),
        ));
    }
    Ok(batches
        .iter()
        .map(|b| (b.batch_id.clone(), b.packs))
        .collect())
}

/// Writes one `dispense_lines` row and answers its id.
#[allow(clippy::too_many_arguments)]
fn insert_line(
    w: &Writer<'_>,
    rx: &Signed,
    item_id: &str,
    outcome: DispenseOutcome,
    quantity: u32,
    reason: Option<NotDispensedReason>,
    note: Option<&str>,
    by: &str,
) -> Result<String> {
    let id = Uuid::now_v7().to_string();
    let mut f = Map::new();
    f.insert("prescription_id".into(), json!(rx.prescription_id));
    f.insert("item_id".into(), json!(item_id));
    f.insert("visit_id".into(), json!(rx.visit_id));
    f.insert("patient_id".into(), json!(rx.patient_id));
    f.insert("outcome".into(), json!(outcome));
    f.insert("quantity".into(), json!(quantity));
    f.insert("reason".into(), json!(reason));
    f.insert("note".into(), json!(note));
    f.insert("dispensed_at".into(), json!(w.stamp()));
    f.insert("dispensed_by".into(), json!(by));
    f.insert("created_at".into(), json!(w.stamp()));
    w.insert(DISPENSE_LINES, &id, &f)?;
    Ok(id)
}

/// Records a dispensing of a visit's signed prescription: nothing is written unless every item passes.
pub fn dispense(cx: &Ctx<'_>, req: &DispenseRequest) -> Result<DispenseResult> {
    let by = user_id(cx)?;
    if req.items.is_empty() {
        return Err(Error::validation(
            "items",
            "Give at least one item dispensed or not dispensed.",
        ));
    }
    text::at_most("items", &req.items, MAX_ITEMS, "items")?;
    cx.write(|w| {
        let conn: &Connection = w.tx();
        let rx = signed_prescription(cx, conn, &req.visit_id)?;
        let locale = clinic::locale(conn, cx.now())?;
        let fmt = |d: NaiveDate| locale.date_format.format(d);
        let mut t = tallies(conn, &rx.prescription_id)?;
        let mut seen = HashSet::new();
        let mut line_ids = Vec::new();
        for (i, d) in req.items.iter().enumerate() {
            let field = format!("items.{i}");
            let Some(item) = rx.item(&d.item_id) else {
                return Err(Error::validation(
                    format!("{field}.item_id"),
                    "This item is not on the visit's prescription.",
                ));
            };
            if !seen.insert(d.item_id.as_str()) {
                return Err(Error::validation(
                    format!("{field}.item_id"),
                    "This item is listed twice; give it once.",
                ));
            }
            let tally = t.get(&item.id).copied().unwrap_or_default();
            let name = item.medicine_words();
            let other_reason = text::optional(
                &format!("{field}.other_batch_reason"),
                "The reason for another batch",
                d.other_batch_reason.as_deref(),
                MAX_REASON,
                Lines::One,
            )?;
            let note = text::optional(
                &format!("{field}.note"),
                "The note",
                d.note.as_deref(),
                MAX_REASON,
                Lines::One,
            )?;
            match (&d.batches, d.not_dispensed) {
                (Some(_), Some(_)) => {
                    return Err(Error::validation(
                        field,
                        "Give either the batches dispensed or the reason it was not dispensed, not both.",
                    ));
                }
                (None, None) => {
                    return Err(Error::validation(
                        field,
                        "Give the batches dispensed or the reason it was not dispensed.",
                    ));
                }
                (Some(batches), None) => {
                    if note.is_some() {
                        return Err(Error::validation(
                            format!("{field}.note"),
                            "A note goes with an item not dispensed; give the reason for another batch instead.",
                        ));
                    }
                    let takes = checked_batches(
                        conn,
                        &field,
                        item,
                        tally,
                        batches,
                        other_reason.as_deref(),
                        locale.today,
                        &fmt,
                    )?;
                    let total: u32 = takes.iter().map(|(_, p)| *p).sum();
                    let line = insert_line(
                        w,
                        &rx,
                        &item.id,
                        DispenseOutcome::Dispensed,
                        total,
                        None,
                        other_reason.as_deref(),
                        &by,
                    )?;
                    for (batch_id, packs) in &takes {
                        ledger::post(
                            w,
                            &NewMovement {
                                batch_id,
                                kind: MovementKind::Dispense,
                                quantity: -i64::from(*packs),
                                reason: None,
                                reverses_id: None,
                                dispense_id: Some(&line),
                                patient_id: Some(&rx.patient_id),
                                count_id: None,
                                by: &by,
                            },
                        )?;
                    }
                    t.entry(item.id.clone()).or_default().dispensed =
                        tally.dispensed.saturating_add(total);
                    line_ids.push(line);
                }
                (None, Some(reason)) => {
                    if other_reason.is_some() {
                        return Err(Error::validation(
                            format!("{field}.other_batch_reason"),
                            "A reason for another batch goes with batches dispensed.",
                        ));
                    }
                    if bought_elsewhere(item) {
                        return Err(Error::validation(
                            format!("{field}.not_dispensed"),
                            format!("{name} is bought elsewhere; there is nothing to record."),
                        ));
                    }
                    if accounted_for(item, tally) {
                        return Err(Error::validation(
                            format!("{field}.not_dispensed"),
                            format!(
                                "{name} is already accounted for ({} dispensed{}).",
                                packs_words(tally.dispensed),
                                tally
                                    .not_dispensed
                                    .map(|r| format!(", marked not dispensed: {}", r.words()))
                                    .unwrap_or_default()
                            ),
                        ));
                    }
                    if reason == NotDispensedReason::Other && note.is_none() {
                        return Err(Error::validation(
                            format!("{field}.note"),
                            "Say why it was not dispensed.",
                        ));
                    }
                    let line = insert_line(
                        w,
                        &rx,
                        &item.id,
                        DispenseOutcome::NotDispensed,
                        0,
                        Some(reason),
                        note.as_deref(),
                        &by,
                    )?;
                    t.entry(item.id.clone()).or_default().not_dispensed = Some(reason);
                    line_ids.push(line);
                }
            }
        }
        let mut moved_to_billing = false;
        if all_accounted_for(&rx.items, &t) {
            let stage: Stage = conn
                .prepare_cached("SELECT stage FROM visits WHERE id = ?1")?
                .query_row([&rx.visit_id], |r| r.get(0))?;
            if stage < Stage::Billing {
                advance_for_work(w, &rx.visit_id, stage, Stage::Billing, cx.now())?;
                moved_to_billing = true;
            }
        }
        let sheet = sheet_of(cx, conn, &rx)?;
        Ok(DispenseResult {
            line_ids,
            moved_to_billing,
            sheet,
        })
    })
}

/// A patient brings back packs of a dispensed item: they go back into the batch they came from. The dispensing
/// record stays as it was (the line is not reopened); the movement names the line and the patient.
pub fn return_from_patient(
    cx: &Ctx<'_>,
    req: &PatientReturnRequest,
) -> Result<PatientReturnResult> {
    let by = user_id(cx)?;
    let reason = text::optional(
        "reason",
        "The reason",
        Some(&req.reason),
        MAX_REASON,
        Lines::One,
    )?
    .ok_or_else(|| Error::validation("reason", "Say why the patient returned it."))?;
    if req.packs == 0 {
        return Err(Error::validation("packs", "Enter at least one pack."));
    }
    cx.write(|w| {
        let conn: &Connection = w.tx();
        let (patient_id, outcome): (String, DispenseOutcome) = conn
            .prepare_cached("SELECT patient_id, outcome FROM dispense_lines WHERE id = ?1")?
            .query_row([&req.dispense_line_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or_else(|| Error::not_found("There is no such dispensing record."))?;
        cx.note_patient(&patient_id);
        if outcome != DispenseOutcome::Dispensed {
            return Err(Error::validation(
                "dispense_line_id",
                "Nothing was handed over on this line, so nothing can come back.",
            ));
        }
        let (given, back): (i64, i64) = conn
            .prepare_cached(
                "SELECT coalesce(-sum(CASE WHEN kind = 'dispense' THEN quantity END), 0),
                        coalesce(sum(CASE WHEN kind = 'patient_return' THEN quantity END), 0)
                   FROM stock_movements WHERE dispense_id = ?1 AND batch_id = ?2",
            )?
            .query_row([&req.dispense_line_id, &req.batch_id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        if given == 0 {
            return Err(Error::validation(
                "batch_id",
                "This line was not dispensed from that batch.",
            ));
        }
        let open = given - back;
        if i64::from(req.packs) > open {
            return Err(Error::validation(
                "packs",
                format!(
                    "{} of this batch {} handed over on this line and not yet returned.",
                    packs_words(open),
                    if open == 1 { "was" } else { "were" }
                ),
            ));
        }
        let movement_id = ledger::post(
            w,
            &NewMovement {
                batch_id: &req.batch_id,
                kind: MovementKind::PatientReturn,
                quantity: i64::from(req.packs),
                reason: Some(&reason),
                reverses_id: None,
                dispense_id: Some(&req.dispense_line_id),
                patient_id: Some(&patient_id),
                count_id: None,
                by: &by,
            },
        )?;
        Ok(PatientReturnResult {
            movement_id,
            batch_on_hand: batch_on_hand(conn, &req.batch_id)?,
        })
    })
}
