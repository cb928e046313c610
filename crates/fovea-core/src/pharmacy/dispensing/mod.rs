//! Dispensing: the pharmacy's queue of signed prescriptions, batches proposed first expiry first out, packs handed
//! over or the reason a line was not, the dispensing label, and the visit moving on to billing.
//!
//! What an item may still receive is always worked out from the append-only `dispense_lines` of its prescription,
//! never stored: two pharmacists on two workstations add lines, and the sum stays right.

pub mod label;
pub mod ops;
pub mod propose;
pub mod queue;
pub mod record;

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::catalog::Ctx;
use crate::pharmacy::BatchOnHand;
use crate::prescriptions::PrescriptionItem;
use crate::{Error, Result};

pub use label::DispensingLabelRequest;
pub use propose::{
    DispenseItemStatus, DispensingItem, DispensingRequest, DispensingSheet, ProposedBatch,
};
pub use queue::{ToDispense, ToDispenseRequest, ToDispenseResponse};
pub use record::{
    DispenseItem, DispenseRequest, DispenseResult, DispensedBatch, PatientReturnRequest,
    PatientReturnResult,
};

/// What the pharmacy did with a prescription item, as a `dispense_lines` row records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DispenseOutcome {
    Dispensed,
    NotDispensed,
}

/// Why an item was not handed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum NotDispensedReason {
    OutOfStock,
    /// The patient did not want it (cost, already has some at home).
    Declined,
    BoughtElsewhere,
    /// Said in the note.
    Other,
}

impl NotDispensedReason {
    pub fn words(self) -> &'static str {
        match self {
            NotDispensedReason::OutOfStock => "out of stock",
            NotDispensedReason::Declined => "declined by the patient",
            NotDispensedReason::BoughtElsewhere => "bought elsewhere",
            NotDispensedReason::Other => "other reason",
        }
    }
}

/// A visit's signed medication prescription, as dispensing reads it.
pub(crate) struct Signed {
    pub prescription_id: String,
    pub visit_id: String,
    pub patient_id: String,
    pub signed_at: String,
    pub signed_by: Option<String>,
    pub items: Vec<PrescriptionItem>,
}

impl Signed {
    pub fn item(&self, item_id: &str) -> Option<&PrescriptionItem> {
        self.items.iter().find(|i| i.id == item_id)
    }
}

/// Parses a stored items column; a row the core wrote is always readable, so failure is a storage fault.
pub(crate) fn parse_items(json: &str) -> Result<Vec<PrescriptionItem>> {
    serde_json::from_str(json)
        .map_err(|_| Error::storage("A medication prescription has unreadable items."))
}

/// The signed prescription of a visit. Notes the patient: whoever asks is reading their record.
pub(crate) fn signed_prescription(
    cx: &Ctx<'_>,
    conn: &Connection,
    visit_id: &str,
) -> Result<Signed> {
    let patient_id: String = conn
        .prepare_cached("SELECT patient_id FROM visits WHERE id = ?1")?
        .query_row([visit_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::not_found("There is no such visit."))?;
    cx.note_patient(&patient_id);
    let row = conn
        .prepare_cached(
            "SELECT p.id, p.items, e.signed_at, e.signed_by
               FROM medication_prescriptions p JOIN examinations e ON e.id = p.examination_id
              WHERE p.visit_id = ?1",
        )?
        .query_row([visit_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })
        .optional()?;
    let Some((prescription_id, items, signed_at, signed_by)) = row else {
        return Err(Error::not_found(
            "This visit has no medication prescription to dispense.",
        ));
    };
    let Some(signed_at) = signed_at else {
        return Err(Error::conflict(
            "The examination is not signed yet: medicines are dispensed only against a signed prescription.",
        ));
    };
    Ok(Signed {
        prescription_id,
        visit_id: visit_id.to_string(),
        patient_id,
        signed_at,
        signed_by,
        items: parse_items(&items)?,
    })
}

/// What has happened to one item so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    /// Packs handed over, over every dispensing of the item.
    pub dispensed: u32,
    /// The latest reason it was not dispensed, if it was marked so.
    pub not_dispensed: Option<NotDispensedReason>,
}

/// Every item's tally for a prescription, by item id (items with no line yet are absent).
pub(crate) fn tallies(conn: &Connection, prescription_id: &str) -> Result<HashMap<String, Tally>> {
    let mut stmt = conn.prepare_cached(
        "SELECT item_id, outcome, quantity, reason FROM dispense_lines
          WHERE prescription_id = ?1 ORDER BY dispensed_at, id",
    )?;
    let rows = stmt.query_map([prescription_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, DispenseOutcome>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, Option<NotDispensedReason>>(3)?,
        ))
    })?;
    let mut out: HashMap<String, Tally> = HashMap::new();
    for row in rows {
        let (item, outcome, quantity, reason) = row?;
        let t = out.entry(item).or_default();
        match outcome {
            DispenseOutcome::Dispensed => {
                let q = u32::try_from(quantity).unwrap_or(u32::MAX);
                t.dispensed = t.dispensed.saturating_add(q);
            }
            DispenseOutcome::NotDispensed => {
                t.not_dispensed = reason.or(Some(NotDispensedReason::Other))
            }
        }
    }
    Ok(out)
}

/// Items the patient buys elsewhere: prescribed as such, or a medicine the formulary does not list. They are
/// accounted for from the start and never take stock.
pub(crate) fn bought_elsewhere(item: &PrescriptionItem) -> bool {
    !item.from_stock || item.medicine.medicine_id.is_none()
}

/// Packs that may still be handed over: the first supply and every repeat, less what was.
pub(crate) fn still_allowed(item: &PrescriptionItem, t: Tally) -> u32 {
    item.packs_allowed().saturating_sub(t.dispensed)
}

/// What is left of the first supply (the quantity written), never more than may still be handed over.
pub(crate) fn first_supply_left(item: &PrescriptionItem, t: Tally) -> u32 {
    item.quantity
        .saturating_sub(t.dispensed)
        .min(still_allowed(item, t))
}

/// The line needs nothing more today: its first supply is handed over, it was marked not dispensed, or it is
/// bought elsewhere. (Repeats are supplied on later visits and do not keep the visit waiting.)
pub(crate) fn accounted_for(item: &PrescriptionItem, t: Tally) -> bool {
    bought_elsewhere(item) || t.not_dispensed.is_some() || first_supply_left(item, t) == 0
}

/// Whether every item of a prescription is accounted for.
pub(crate) fn all_accounted_for(items: &[PrescriptionItem], t: &HashMap<String, Tally>) -> bool {
    items
        .iter()
        .all(|i| accounted_for(i, t.get(&i.id).copied().unwrap_or_default()))
}

/// First expiry first out: `packs` taken from `batches` (already in FEFO order) as (index, packs), and how many
/// packs the batches could not cover.
pub(crate) fn fefo(batches: &[BatchOnHand], packs: u32) -> (Vec<(usize, u32)>, u32) {
    let mut left = packs;
    let mut takes = Vec::new();
    for (i, b) in batches.iter().enumerate() {
        if left == 0 {
            break;
        }
        let held = u32::try_from(b.on_hand.max(0)).unwrap_or(u32::MAX);
        let take = held.min(left);
        if take > 0 {
            takes.push((i, take));
            left -= take;
        }
    }
    (takes, left)
}

/// "1 pack", "3 packs".
pub(crate) fn packs_words(n: impl Into<i64>) -> String {
    let n = n.into();
    if n == 1 {
        "1 pack".into()
    } else {
        format!("{n} packs")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn batch(id: &str, on_hand: i64) -> BatchOnHand {
        BatchOnHand {
            batch_id: id.into(),
            medicine_id: "m".into(),
            lot: id.into(),
            expires_on: NaiveDate::from_ymd_opt(2030, 1, 1),
            on_hand,
        }
    }

    #[test]
    fn fefo_takes_the_first_batches_and_splits() {
        let b = [batch("a", 2), batch("b", 0), batch("c", 5)];
        assert_eq!(fefo(&b, 1), (vec![(0, 1)], 0));
        assert_eq!(fefo(&b, 4), (vec![(0, 2), (2, 2)], 0));
        assert_eq!(fefo(&b, 9), (vec![(0, 2), (2, 5)], 2));
        assert_eq!(fefo(&[], 3), (vec![], 3));
        assert_eq!(fefo(&b, 0), (vec![], 0));
    }
}
