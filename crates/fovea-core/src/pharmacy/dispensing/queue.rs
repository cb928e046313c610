//! The pharmacy's list: today's visits at the pharmacy stage, and earlier visits whose signed prescription still
//! has a line to hand over (a patient who left while a medicine was out of stock comes back for it).

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{accounted_for, parse_items, tallies};
use crate::appointments::Stage;
use crate::catalog::Ctx;
use crate::{Result, clinic};

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ToDispenseRequest {}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ToDispense {
    pub visit_id: String,
    pub patient_id: String,
    pub patient_name: String,
    pub patient_mrn: String,
    /// The visit's clinic day (ISO).
    pub clinic_day: String,
    pub stage: Stage,
    /// None: the visit reached the pharmacy without a medication prescription.
    pub prescription_id: Option<String>,
    pub prescriber_name: Option<String>,
    /// None while the examination is unsigned (nothing can be dispensed yet).
    pub signed_at: Option<String>,
    pub lines_total: u32,
    pub lines_outstanding: u32,
    /// A visit of an earlier day with lines still to hand over.
    pub earlier: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ToDispenseResponse {
    pub date: String,
    /// Today's pharmacy stage, longest waiting first, then earlier days, most recent first.
    pub visits: Vec<ToDispense>,
}

/// One row as the two queries answer it, before the items are counted.
type Row = (
    String,
    String,
    String,
    String,
    String,
    Stage,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

const SELECT: &str =
    "SELECT v.id, v.patient_id, pt.first_name || ' ' || pt.last_name, pt.mrn, v.clinic_day,
            v.stage, p.id, p.items, e.signed_at, u.full_name
       FROM visits v JOIN patients pt ON pt.id = v.patient_id
       LEFT JOIN medication_prescriptions p ON p.visit_id = v.id
       LEFT JOIN examinations e ON e.id = p.examination_id
       LEFT JOIN users u ON u.id = e.signed_by";

fn rows(conn: &Connection, sql: &str, today: &str) -> Result<Vec<Row>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params![today], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
            r.get(7)?,
            r.get(8)?,
            r.get(9)?,
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

fn entry(conn: &Connection, row: Row, earlier: bool) -> Result<ToDispense> {
    let (
        visit_id,
        patient_id,
        patient_name,
        patient_mrn,
        clinic_day,
        stage,
        rx,
        items,
        signed_at,
        prescriber,
    ) = row;
    let (mut total, mut outstanding) = (0, 0);
    if let (Some(rx), Some(items)) = (&rx, &items) {
        let items = parse_items(items)?;
        let t = tallies(conn, rx)?;
        total = u32::try_from(items.len()).unwrap_or(u32::MAX);
        outstanding = u32::try_from(
            items
                .iter()
                .filter(|i| !accounted_for(i, t.get(&i.id).copied().unwrap_or_default()))
                .count(),
        )
        .unwrap_or(u32::MAX);
    }
    Ok(ToDispense {
        visit_id,
        patient_id,
        patient_name,
        patient_mrn,
        clinic_day,
        stage,
        prescription_id: rx,
        prescriber_name: signed_at.as_ref().and(prescriber),
        signed_at,
        lines_total: total,
        lines_outstanding: outstanding,
        earlier,
    })
}

/// The pharmacy's list for today.
pub fn to_dispense(cx: &Ctx<'_>) -> Result<ToDispenseResponse> {
    cx.read(|conn| {
        let today = clinic::locale(conn, cx.now())?.today.to_string();
        let mut visits = Vec::new();
        let todays = format!(
            "{SELECT} WHERE v.clinic_day = ?1 AND v.stage = 'pharmacy' ORDER BY v.stage_since, v.id"
        );
        for row in rows(conn, &todays, &today)? {
            visits.push(entry(conn, row, false)?);
        }
        // Narrowed in SQL to signed prescriptions with a stocked item that has neither a "not dispensed" line nor
        // its first supply handed over; the count below is the rule itself.
        let earlier = format!(
            "{SELECT} WHERE v.clinic_day < ?1 AND e.signed_at IS NOT NULL AND EXISTS (
                 SELECT 1 FROM json_each(p.items) j
                  WHERE json_extract(j.value, '$.from_stock') = 1
                    AND json_extract(j.value, '$.medicine.medicine_id') IS NOT NULL
                    AND NOT EXISTS (SELECT 1 FROM dispense_lines d
                                     WHERE d.prescription_id = p.id AND d.item_id = json_extract(j.value, '$.id')
                                       AND d.outcome = 'not_dispensed')
                    AND (SELECT coalesce(sum(d.quantity), 0) FROM dispense_lines d
                          WHERE d.prescription_id = p.id AND d.item_id = json_extract(j.value, '$.id')
                            AND d.outcome = 'dispensed') < json_extract(j.value, '$.quantity'))
             ORDER BY v.clinic_day DESC, v.id"
        );
        for row in rows(conn, &earlier, &today)? {
            let e = entry(conn, row, true)?;
            if e.lines_outstanding > 0 {
                visits.push(e);
            }
        }
        Ok(ToDispenseResponse {
            date: today,
            visits,
        })
    })
}
