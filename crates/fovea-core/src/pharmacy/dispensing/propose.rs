//! A visit's dispensing sheet: each item of the signed prescription with what it allows, what was handed over, and
//! the batches proposed first expiry first out for the rest of its first supply.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{
    NotDispensedReason, Signed, Tally, accounted_for, bought_elsewhere, fefo, first_supply_left,
    signed_prescription, still_allowed, tallies,
};
use crate::appointments::Stage;
use crate::catalog::Ctx;
use crate::pharmacy::BatchOnHand;
use crate::pharmacy::ledger::offerable_batches;
use crate::prescriptions::{PrescriptionItem, eye_words};
use crate::{Result, clinic};

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct DispensingRequest {
    pub visit_id: String,
}

/// Where an item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DispenseItemStatus {
    /// Some or all of the first supply is still to hand over.
    Open,
    /// The first supply is handed over (repeats may remain for later visits).
    Dispensed,
    /// Marked not dispensed, with a reason.
    NotDispensed,
    /// Not from the clinic's stock: the patient buys it elsewhere.
    BoughtElsewhere,
}

/// A batch proposed for an item, and how many packs to take from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ProposedBatch {
    pub batch_id: String,
    pub lot: String,
    pub expires_on: Option<NaiveDate>,
    pub on_hand: i64,
    pub packs: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DispensingItem {
    pub item_id: String,
    pub medicine_id: Option<String>,
    /// "prednisolone acetate 1% suspension".
    pub medicine: String,
    pub brand: Option<String>,
    /// "right eye", "both eyes"; none for a medicine not put in an eye.
    pub eye: Option<String>,
    /// In words, never abbreviations.
    pub directions: String,
    pub instructions: Option<String>,
    /// Packs of the first supply.
    pub quantity: u32,
    pub repeats: u32,
    /// quantity × (1 + repeats).
    pub packs_allowed: u32,
    pub dispensed: u32,
    pub still_allowed: u32,
    /// What is left of the first supply (what the proposal covers).
    pub first_supply_left: u32,
    pub status: DispenseItemStatus,
    pub not_dispensed_reason: Option<NotDispensedReason>,
    pub accounted_for: bool,
    /// First expiry first out over the offerable batches, covering `first_supply_left`.
    pub proposed: Vec<ProposedBatch>,
    /// Packs of the first supply the offerable stock cannot cover.
    pub short_by: u32,
    /// A stocked item with no offerable batch (only expired or quarantined stock counts as none).
    pub out_of_stock: bool,
    /// Every batch that may be offered today, first expiry first, for choosing another with a reason.
    pub offerable: Vec<BatchOnHand>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DispensingSheet {
    pub visit_id: String,
    pub patient_id: String,
    pub patient_name: String,
    pub patient_mrn: String,
    pub prescription_id: String,
    pub prescriber_name: Option<String>,
    pub signed_at: String,
    pub stage: Stage,
    pub items: Vec<DispensingItem>,
    pub all_accounted_for: bool,
}

/// One item's row of the sheet on `today`.
pub(crate) fn sheet_item(
    conn: &Connection,
    item: &PrescriptionItem,
    t: Tally,
    today: NaiveDate,
) -> Result<DispensingItem> {
    let elsewhere = bought_elsewhere(item);
    let offerable = match (&item.medicine.medicine_id, elsewhere) {
        (Some(m), false) => offerable_batches(conn, m, today)?,
        _ => Vec::new(),
    };
    let left = if elsewhere {
        0
    } else {
        first_supply_left(item, t)
    };
    let (takes, short_by) = fefo(&offerable, left);
    let proposed = takes
        .into_iter()
        .map(|(i, packs)| {
            let b = &offerable[i];
            ProposedBatch {
                batch_id: b.batch_id.clone(),
                lot: b.lot.clone(),
                expires_on: b.expires_on,
                on_hand: b.on_hand,
                packs,
            }
        })
        .collect();
    let status = if elsewhere {
        DispenseItemStatus::BoughtElsewhere
    } else if left == 0 {
        DispenseItemStatus::Dispensed
    } else if t.not_dispensed.is_some() {
        DispenseItemStatus::NotDispensed
    } else {
        DispenseItemStatus::Open
    };
    Ok(DispensingItem {
        item_id: item.id.clone(),
        medicine_id: item.medicine.medicine_id.clone(),
        medicine: item.medicine_words(),
        brand: item.medicine.brand.clone(),
        eye: eye_words(item.eye).map(String::from),
        directions: item.directions(),
        instructions: item.instructions.clone(),
        quantity: item.quantity,
        repeats: item.repeats,
        packs_allowed: item.packs_allowed(),
        dispensed: t.dispensed,
        still_allowed: still_allowed(item, t),
        first_supply_left: left,
        status,
        not_dispensed_reason: t.not_dispensed,
        accounted_for: accounted_for(item, t),
        proposed,
        short_by,
        out_of_stock: !elsewhere && offerable.is_empty(),
        offerable,
    })
}

/// The sheet of an already loaded prescription.
pub(crate) fn sheet_of(cx: &Ctx<'_>, conn: &Connection, rx: &Signed) -> Result<DispensingSheet> {
    let today = clinic::locale(conn, cx.now())?.today;
    let t = tallies(conn, &rx.prescription_id)?;
    let items = rx
        .items
        .iter()
        .map(|i| sheet_item(conn, i, t.get(&i.id).copied().unwrap_or_default(), today))
        .collect::<Result<Vec<_>>>()?;
    let (patient_name, patient_mrn, stage): (String, String, Stage) = conn
        .prepare_cached(
            "SELECT p.first_name || ' ' || p.last_name, p.mrn, v.stage
               FROM visits v JOIN patients p ON p.id = v.patient_id WHERE v.id = ?1",
        )?
        .query_row([&rx.visit_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    let prescriber_name = match &rx.signed_by {
        Some(id) => conn
            .prepare_cached("SELECT full_name FROM users WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?,
        None => None,
    };
    Ok(DispensingSheet {
        visit_id: rx.visit_id.clone(),
        patient_id: rx.patient_id.clone(),
        patient_name,
        patient_mrn,
        prescription_id: rx.prescription_id.clone(),
        prescriber_name,
        signed_at: rx.signed_at.clone(),
        stage,
        all_accounted_for: items.iter().all(|i| i.accounted_for),
        items,
    })
}

/// The dispensing sheet of a visit's signed prescription.
pub fn sheet(cx: &Ctx<'_>, req: &DispensingRequest) -> Result<DispensingSheet> {
    cx.read(|conn| {
        let rx = signed_prescription(cx, conn, &req.visit_id)?;
        sheet_of(cx, conn, &rx)
    })
}
