//! A demo clinic's pharmacy shelf: batches of the starter formulary with costs and a spread of expiries, one batch
//! already expired (to write off) and one quarantined, so the stock list and its alerts have something to show.

use chrono::Days;
use serde_json::{Map, json};
use uuid::Uuid;

use crate::pharmacy::ledger::{self, MovementKind, NewMovement};
use crate::pharmacy::starter;
use crate::sync::tables::STOCK_BATCHES;
use crate::{Error, Fovea, Result, accounts, clinic};

/// Adds the demo shelf once (nothing when the clinic already has batches). The receipts are posted as the demo
/// pharmacist (or the first user when there is none).
pub fn seed_stock(fovea: &Fovea) -> Result<()> {
    fovea.write(|w| {
        let any: bool =
            w.tx()
                .query_row("SELECT EXISTS (SELECT 1 FROM stock_batches)", [], |r| {
                    r.get(0)
                })?;
        if any {
            return Ok(());
        }
        let by = match accounts::id_by_username(w.tx(), "pharmacy")? {
            Some(id) => id,
            None => w
                .tx()
                .query_row(
                    "SELECT id FROM users ORDER BY created_at LIMIT 1",
                    [],
                    |r| r.get(0),
                )
                .map_err(|_| Error::conflict("Set up the clinic before adding demo stock."))?,
        };
        let today = clinic::locale(w.tx(), w.now())?.today;
        for n in 0..starter::len().min(12) {
            let medicine_id = starter::starter_id(n);
            for (k, (months, packs)) in [(3 + n as u64 % 5, 6), (14, 10)].into_iter().enumerate() {
                // The second medicine's first batch expired last month; the fourth's first is quarantined.
                let expired = n == 1 && k == 0;
                let expires = if expired {
                    today.checked_sub_days(Days::new(30))
                } else {
                    today.checked_add_days(Days::new(months * 30))
                }
                .unwrap_or(today);
                let id = Uuid::now_v7().to_string();
                let quarantined = n == 3 && k == 0;
                let mut f = Map::new();
                f.insert("medicine_id".into(), json!(medicine_id));
                f.insert(
                    "lot".into(),
                    json!(format!(
                        "D{:02}{}{:03}",
                        n + 1,
                        (b'A' + k as u8) as char,
                        100 + n * 7
                    )),
                );
                f.insert("expires_on".into(), json!(expires.to_string()));
                f.insert("supplier".into(), json!("Demo Ophthalmic Supplies"));
                f.insert("cost_minor".into(), json!(250 + 35 * n as i64));
                f.insert("quarantined".into(), json!(quarantined));
                f.insert(
                    "quarantine_reason".into(),
                    json!(
                        quarantined
                            .then_some("Damaged seals in the delivery; awaiting the supplier")
                    ),
                );
                f.insert("received_at".into(), json!(w.stamp()));
                f.insert("created_at".into(), json!(w.stamp()));
                f.insert("updated_at".into(), json!(w.stamp()));
                w.insert(STOCK_BATCHES, &id, &f)?;
                ledger::post(
                    w,
                    &NewMovement {
                        batch_id: &id,
                        kind: MovementKind::Receipt,
                        quantity: packs,
                        reason: Some("Demo delivery"),
                        reverses_id: None,
                        dispense_id: None,
                        patient_id: None,
                        count_id: None,
                        by: &by,
                    },
                )?;
            }
        }
        Ok(())
    })
}
