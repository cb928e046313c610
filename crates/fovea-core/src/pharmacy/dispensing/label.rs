//! The dispensing label of an item's latest handover: who it is for, the medicine with its generic name in
//! capitals, the eye and directions in words, what was handed over from which lot, and when to discard it.

use chrono::{DateTime, Days, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::Deserialize;
use ts_rs::TS;

use super::{packs_words, signed_prescription};
use crate::catalog::Ctx;
use crate::documents::{self, Document};
use crate::prescriptions::PrescriptionItem;
use crate::{Error, Result, clinic};
use fovea_print::DispensingLabel;

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct DispensingLabelRequest {
    pub visit_id: String,
    pub item_id: String,
}

/// "PREDNISOLONE ACETATE 1% suspension (Pred Forte)": capitals keep look-alike generic names apart.
fn medicine_line(item: &PrescriptionItem) -> String {
    let m = &item.medicine;
    let mut out = [
        m.generic_name.trim().to_uppercase(),
        m.strength.trim().to_string(),
        m.form.trim().to_string(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" ");
    if let Some(brand) = m.brand.as_deref().map(str::trim).filter(|b| !b.is_empty()) {
        out.push_str(&format!(" ({brand})"));
    }
    out
}

/// "5 mL", "3.5 g", "10 tablets" from the formulary's pack.
fn pack_words(hundredths: i64, unit: &str) -> String {
    let amount = if hundredths % 100 == 0 {
        (hundredths / 100).to_string()
    } else {
        format!("{:.2}", hundredths as f64 / 100.0)
            .trim_end_matches('0')
            .to_string()
    };
    let unit = match unit {
        "ml" => "mL",
        other => other,
    };
    format!("{amount} {unit}")
}

/// What the label needs from the formulary: the pack and the use-within period.
fn formulary(conn: &Connection, medicine_id: &str) -> Result<Option<(i64, String, Option<u32>)>> {
    Ok(conn
        .prepare_cached(
            "SELECT pack_size_hundredths, pack_unit, use_within_days FROM medicines WHERE id = ?1",
        )?
        .query_row([medicine_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?)
}

/// Renders the label of the item's latest dispensing as a PDF in the documents folder.
pub fn print_label(cx: &Ctx<'_>, req: &DispensingLabelRequest) -> Result<Document> {
    let label = cx.read(|conn| {
        let rx = signed_prescription(cx, conn, &req.visit_id)?;
        let item = rx.item(&req.item_id).ok_or_else(|| {
            Error::validation("item_id", "This item is not on the visit's prescription.")
        })?;
        let line: Option<(String, i64, String)> = conn
            .prepare_cached(
                "SELECT id, quantity, dispensed_at FROM dispense_lines
                  WHERE prescription_id = ?1 AND item_id = ?2 AND outcome = 'dispensed'
                  ORDER BY dispensed_at DESC, id DESC LIMIT 1",
            )?
            .query_row([&rx.prescription_id, &item.id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        let Some((line_id, quantity, dispensed_at)) = line else {
            return Err(Error::conflict(
                "Nothing has been dispensed for this item yet; a label is printed for what is handed over.",
            ));
        };
        let locale = clinic::locale(conn, cx.now())?;
        let fmt = |d: NaiveDate| locale.date_format.format(d);
        let tz = clinic::time_zone(conn)?;
        let dispensed_on = dispensed_at
            .parse::<DateTime<Utc>>()
            .map_err(|_| Error::storage("A dispensing record has an unreadable time."))?
            .with_timezone(&tz)
            .date_naive();
        let mut stmt = conn.prepare_cached(
            "SELECT b.lot, b.expires_on FROM stock_movements m JOIN stock_batches b ON b.id = m.batch_id
              WHERE m.dispense_id = ?1 AND m.kind = 'dispense' ORDER BY b.expires_on, b.lot",
        )?;
        let lots = stmt
            .query_map([&line_id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
            })?
            .map(|row| {
                let (lot, expires) = row?;
                let expires = match expires.map(|d| d.parse::<NaiveDate>()) {
                    None => "no expiry".to_string(),
                    Some(Ok(d)) => format!("expires {}", fmt(d)),
                    Some(Err(_)) => {
                        return Err(Error::storage(
                            "A stock batch has an unreadable expiry date.",
                        ));
                    }
                };
                Ok(format!("Lot {lot}, {expires}"))
            })
            .collect::<Result<Vec<_>>>()?;
        let stock = match &item.medicine.medicine_id {
            Some(id) => formulary(conn, id)?,
            None => None,
        };
        let quantity = match &stock {
            Some((size, unit, _)) => format!(
                "{} of {}",
                packs_words(quantity),
                pack_words(*size, unit)
            ),
            None => packs_words(quantity),
        };
        let discard = stock.as_ref().and_then(|(_, _, days)| *days).map(|days| {
            let by = dispensed_on
                .checked_add_days(Days::new(u64::from(days)))
                .map(|d| format!(", by {} if opened today", fmt(d)))
                .unwrap_or_default();
            format!(
                "Discard {days} day{} after opening{by}",
                if days == 1 { "" } else { "s" }
            )
        });
        let patient = crate::patients::load(conn, &rx.patient_id, &locale)?;
        let (clinic, _) = documents::letterhead(conn)?;
        Ok(DispensingLabel {
            clinic,
            patient_name: format!("{} {}", patient.first_name, patient.last_name),
            mrn: patient.mrn,
            medicine: medicine_line(item),
            directions: item.directions(),
            instructions: item.instructions.clone(),
            quantity,
            dispensed_on: fmt(dispensed_on),
            lots,
            discard,
        })
    })?;
    let bytes = fovea_print::dispensing_label(&label).map_err(|e| Error::storage(e.to_string()))?;
    // The MRN, never the name: file names show in recent-file lists and backups.
    documents::save(cx.fovea, &format!("Label {}", label.mrn), &bytes)
}

#[cfg(test)]
mod tests {
    use super::pack_words;

    #[test]
    fn packs_read_as_the_box_says() {
        assert_eq!(pack_words(500, "ml"), "5 mL");
        assert_eq!(pack_words(350, "g"), "3.5 g");
        assert_eq!(pack_words(1000, "tablets"), "10 tablets");
        assert_eq!(pack_words(25, "ml"), "0.25 mL");
    }
}
