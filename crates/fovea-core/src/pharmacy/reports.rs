//! What the pharmacist reads: stock on hand with its value at cost and its warnings, the alert lists, a medicine's
//! or batch's movements, which patients received a lot (a recall), and the stock list and alerts as PDFs.

use chrono::{Days, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::formulary::{Form, display_name};
use super::ledger::MovementKind;
use super::receive::{BatchState, state_of};
use crate::catalog::Ctx;
use crate::documents::{self, Document};
use crate::text::{self, Lines};
use crate::{Error, Result, clinic};
use fovea_print::{Align, Column, TableDocument};

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct StockRequest {
    /// Also medicines that are inactive or bought elsewhere and hold nothing.
    #[serde(default)]
    pub include_all: bool,
}

/// One medicine's stock.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct StockLine {
    pub medicine_id: String,
    pub medicine: String,
    pub reorder_level: i64,
    /// Packs in every batch holding stock, usable or not.
    pub on_hand: i64,
    /// Packs that may be offered today (not expired, not quarantined).
    pub usable: i64,
    /// Packs on hand × cost per pack, integer minor units (batches without a cost count as nothing).
    pub value_minor: i64,
    /// Some packs on hand have no recorded cost, so the value is short.
    pub cost_missing: bool,
    pub nearest_expiry: Option<NaiveDate>,
    pub below_reorder: bool,
    pub has_expired: bool,
    pub expiring_soon: bool,
    /// A batch whose merged movements (several workstations) sum below zero: count it.
    pub negative: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct StockResponse {
    pub today: NaiveDate,
    pub expiry_warning_days: u32,
    pub lines: Vec<StockLine>,
    pub total_value_minor: i64,
}

/// The stock list's SQL: one row per batch from the on-hand table the ledger's trigger keeps (0012), grouped per
/// medicine. `?1` today, `?2` the last day of "expiring soon".
pub const STOCK_SQL: &str = "WITH b AS (
        SELECT b.id, b.medicine_id, b.expires_on, b.quarantined, b.cost_minor, coalesce(h.on_hand, 0) AS on_hand
          FROM stock_batches b LEFT JOIN stock_batch_on_hand h ON h.batch_id = b.id)
    SELECT m.id, m.generic_name, m.strength, m.form, m.reorder_level, m.active, m.stocked,
           coalesce(sum(CASE WHEN b.on_hand > 0 THEN b.on_hand END), 0),
           coalesce(sum(CASE WHEN b.on_hand > 0 AND b.quarantined = 0
                              AND (b.expires_on IS NULL OR b.expires_on >= ?1) THEN b.on_hand END), 0),
           coalesce(sum(CASE WHEN b.on_hand > 0 THEN b.on_hand * coalesce(b.cost_minor, 0) END), 0),
           coalesce(max(b.on_hand > 0 AND b.cost_minor IS NULL), 0),
           min(CASE WHEN b.on_hand > 0 AND b.quarantined = 0 AND b.expires_on >= ?1 THEN b.expires_on END),
           coalesce(max(b.on_hand > 0 AND b.expires_on < ?1), 0),
           coalesce(max(b.on_hand > 0 AND b.quarantined = 0 AND b.expires_on >= ?1 AND b.expires_on <= ?2), 0),
           coalesce(max(b.on_hand < 0), 0)
      FROM medicines m LEFT JOIN b ON b.medicine_id = m.id
     GROUP BY m.id
     ORDER BY lower(m.generic_name), m.strength, m.id";

fn warning_end(conn: &Connection, today: NaiveDate) -> Result<(u32, NaiveDate)> {
    let days = super::settings::load(conn)?.expiry_warning_days;
    Ok((
        days,
        today
            .checked_add_days(Days::new(days.into()))
            .unwrap_or(today),
    ))
}

/// Stock on hand per medicine with its value at cost and its flags; active stocked medicines always, others only
/// while they hold (or owe) stock. Negative stock is flagged, never hidden.
pub fn stock_list(conn: &Connection, today: NaiveDate, include_all: bool) -> Result<StockResponse> {
    let (days, end) = warning_end(conn, today)?;
    let mut stmt = conn.prepare_cached(STOCK_SQL)?;
    let mut rows = stmt.query([today.to_string(), end.to_string()])?;
    let mut lines = Vec::new();
    while let Some(r) = rows.next()? {
        let (active, stocked): (bool, bool) = (r.get(5)?, r.get(6)?);
        let on_hand: i64 = r.get(7)?;
        let negative: bool = r.get(14)?;
        let listed = include_all || (active && stocked) || on_hand != 0 || negative;
        if !listed {
            continue;
        }
        let reorder_level: i64 = r.get(4)?;
        let usable: i64 = r.get(8)?;
        let nearest: Option<String> = r.get(11)?;
        lines.push(StockLine {
            medicine_id: r.get(0)?,
            medicine: display_name(
                &r.get::<_, String>(1)?,
                &r.get::<_, String>(2)?,
                r.get::<_, Form>(3)?,
            ),
            reorder_level,
            on_hand,
            usable,
            value_minor: r.get(9)?,
            cost_missing: r.get(10)?,
            nearest_expiry: nearest.and_then(|d| d.parse().ok()),
            below_reorder: active && stocked && reorder_level > 0 && usable < reorder_level,
            has_expired: r.get(12)?,
            expiring_soon: r.get(13)?,
            negative,
        });
    }
    Ok(StockResponse {
        today,
        expiry_warning_days: days,
        total_value_minor: lines.iter().map(|l| l.value_minor).sum(),
        lines,
    })
}

pub fn stock(cx: &Ctx<'_>, req: &StockRequest) -> Result<StockResponse> {
    cx.read(|conn| stock_list(conn, clinic::locale(conn, cx.now())?.today, req.include_all))
}

/// A batch on an alert list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AlertBatch {
    pub batch_id: String,
    pub medicine_id: String,
    pub medicine: String,
    pub lot: String,
    pub expires_on: Option<NaiveDate>,
    pub on_hand: i64,
    pub state: BatchState,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AlertsResponse {
    pub today: NaiveDate,
    pub expiry_warning_days: u32,
    /// Stocked medicines whose usable packs are below their reorder level.
    pub below_reorder: Vec<StockLine>,
    /// Batches past their expiry that still hold packs (to write off).
    pub expired: Vec<AlertBatch>,
    /// Usable batches expiring within the warning days.
    pub expiring: Vec<AlertBatch>,
    /// Batches whose merged movements sum below zero.
    pub negative: Vec<AlertBatch>,
}

pub fn alerts_list(conn: &Connection, today: NaiveDate) -> Result<AlertsResponse> {
    let list = stock_list(conn, today, false)?;
    let (days, end) = warning_end(conn, today)?;
    let mut stmt = conn.prepare_cached(
        "SELECT b.id, b.medicine_id, m.generic_name, m.strength, m.form, b.lot, b.expires_on, b.quarantined, s.on_hand
           FROM stock_batch_on_hand s
           JOIN stock_batches b ON b.id = s.batch_id JOIN medicines m ON m.id = b.medicine_id
          WHERE s.on_hand < 0 OR (s.on_hand > 0 AND b.expires_on <= ?1)
          ORDER BY b.expires_on, lower(m.generic_name), b.lot",
    )?;
    let mut rows = stmt.query([end.to_string()])?;
    let (mut expired, mut expiring, mut negative) = (Vec::new(), Vec::new(), Vec::new());
    while let Some(r) = rows.next()? {
        let expires_on: Option<NaiveDate> =
            r.get::<_, Option<String>>(6)?.and_then(|d| d.parse().ok());
        let quarantined: bool = r.get(7)?;
        let on_hand: i64 = r.get(8)?;
        let a = AlertBatch {
            batch_id: r.get(0)?,
            medicine_id: r.get(1)?,
            medicine: display_name(
                &r.get::<_, String>(2)?,
                &r.get::<_, String>(3)?,
                r.get::<_, Form>(4)?,
            ),
            lot: r.get(5)?,
            expires_on,
            on_hand,
            state: state_of(quarantined, expires_on, on_hand, today),
        };
        if on_hand < 0 {
            negative.push(a);
        } else if expires_on.is_some_and(|e| e < today) {
            expired.push(a);
        } else if !quarantined {
            expiring.push(a);
        }
    }
    Ok(AlertsResponse {
        today,
        expiry_warning_days: days,
        below_reorder: list.lines.into_iter().filter(|l| l.below_reorder).collect(),
        expired,
        expiring,
        negative,
    })
}

pub fn alerts(cx: &Ctx<'_>) -> Result<AlertsResponse> {
    cx.read(|conn| alerts_list(conn, clinic::locale(conn, cx.now())?.today))
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct MovementsRequest {
    /// One of the two: every batch of a medicine, or one batch.
    pub medicine_id: Option<String>,
    pub batch_id: Option<String>,
    /// Newest first; 200 unless given (at most 2,000).
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Movement {
    pub id: String,
    pub batch_id: String,
    pub lot: String,
    pub kind: MovementKind,
    pub quantity: i64,
    pub reason: Option<String>,
    pub reverses_id: Option<String>,
    /// Set when a later reversal undid this movement.
    pub reversed_by: Option<String>,
    /// Whether `pharmacy.reverse` accepts it: not a reversal, not reversed already, not part of a dispensing (packs
    /// handed to a patient come back through a return on the dispensing sheet).
    pub reversible: bool,
    pub moved_at: String,
    pub moved_by: String,
    pub moved_by_name: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct MovementsResponse {
    pub movements: Vec<Movement>,
}

/// A medicine's or a batch's movements, newest first, with who moved stock and why. Which patient received a
/// dispense is left to the lot recall, which is audited as a read of each patient.
pub fn movements(cx: &Ctx<'_>, req: &MovementsRequest) -> Result<MovementsResponse> {
    let limit = req.limit.unwrap_or(200).clamp(1, 2000);
    let (column, id) = match (&req.medicine_id, &req.batch_id) {
        (Some(m), None) => ("medicine_id", m),
        (None, Some(b)) => ("batch_id", b),
        _ => {
            return Err(Error::validation(
                "medicine_id",
                "Give either a medicine or a batch.",
            ));
        }
    };
    cx.read(|conn| {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT s.id, s.batch_id, b.lot, s.kind, s.quantity, s.reason, s.reverses_id,
                    (SELECT r.id FROM stock_movements r WHERE r.reverses_id = s.id),
                    s.moved_at, s.moved_by, coalesce(u.full_name, s.moved_by), s.dispense_id IS NOT NULL
               FROM stock_movements s JOIN stock_batches b ON b.id = s.batch_id
               LEFT JOIN users u ON u.id = s.moved_by
              WHERE s.{column} = ?1 ORDER BY s.moved_at DESC, s.id DESC LIMIT ?2"
        ))?;
        let movements = stmt
            .query_map(rusqlite::params![id, limit], |r| {
                let kind: MovementKind = r.get(3)?;
                let reversed_by: Option<String> = r.get(7)?;
                let of_a_dispensing: bool = r.get(11)?;
                Ok(Movement {
                    id: r.get(0)?,
                    batch_id: r.get(1)?,
                    lot: r.get(2)?,
                    reversible: kind != MovementKind::Reversal
                        && reversed_by.is_none()
                        && !of_a_dispensing,
                    kind,
                    quantity: r.get(4)?,
                    reason: r.get(5)?,
                    reverses_id: r.get(6)?,
                    reversed_by,
                    moved_at: r.get(8)?,
                    moved_by: r.get(9)?,
                    moved_by_name: r.get(10)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(MovementsResponse { movements })
    })
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct LotRecipientsRequest {
    pub lot: String,
    /// Only this medicine's batches of the lot (lot numbers of two makers may collide).
    pub medicine_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct LotRecipient {
    pub patient_id: String,
    pub patient_name: String,
    pub mrn: String,
    pub medicine: String,
    pub lot: String,
    /// The clinic day of the first dispense from the lot to this patient.
    pub first_received_on: NaiveDate,
    /// Packs kept: dispensed, less returns and reversed dispenses.
    pub packs: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct LotRecipientsResponse {
    pub recipients: Vec<LotRecipient>,
}

/// Which patients received lot X (a recall): each patient with the packs they kept. Audited with the lot and the
/// number of patients, and as a read of the patient when there is one.
pub fn lot_recipients(cx: &Ctx<'_>, req: &LotRecipientsRequest) -> Result<LotRecipientsResponse> {
    let lot = text::optional("lot", "The lot", Some(&req.lot), 60, Lines::One)?
        .ok_or_else(|| Error::validation("lot", "Enter the lot number to trace."))?;
    let recipients = cx.read(|conn| {
        let tz = clinic::get(conn, clinic::TIME_ZONE)?;
        let mut stmt = conn.prepare_cached(
            "SELECT p.id, p.first_name || ' ' || p.last_name, p.mrn, m.generic_name, m.strength, m.form, b.lot,
                    min(s.moved_at), -sum(s.quantity)
               FROM stock_movements s JOIN stock_batches b ON b.id = s.batch_id
               JOIN medicines m ON m.id = b.medicine_id JOIN patients p ON p.id = s.patient_id
              WHERE b.lot = ?1 AND (?2 IS NULL OR b.medicine_id = ?2) AND s.patient_id IS NOT NULL
              GROUP BY p.id, b.id
              ORDER BY min(s.moved_at), p.mrn",
        )?;
        let rows = stmt
            .query_map(rusqlite::params![lot, req.medicine_id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    display_name(&r.get::<_, String>(3)?, &r.get::<_, String>(4)?, r.get::<_, Form>(5)?),
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, i64>(8)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut out = Vec::new();
        for (patient_id, patient_name, mrn, medicine, lot, first, packs) in rows {
            let at: chrono::DateTime<chrono::Utc> = first
                .parse()
                .map_err(|_| Error::storage("A stock movement has an unreadable time."))?;
            out.push(LotRecipient {
                patient_id,
                patient_name,
                mrn,
                medicine,
                lot,
                first_received_on: crate::time::today_in(tz.as_deref(), at),
                packs,
            });
        }
        Ok(out)
    })?;
    if let [only] = recipients.as_slice() {
        cx.note_patient(&only.patient_id);
    }
    let mrns: Vec<&str> = recipients.iter().map(|r| r.mrn.as_str()).collect();
    cx.note_detail(format!(
        "traced lot {lot}: {} patient{} ({})",
        recipients.len(),
        if recipients.len() == 1 { "" } else { "s" },
        mrns.join(", ")
    ));
    Ok(LotRecipientsResponse { recipients })
}

fn col(title: &str, width: f32, align: Align) -> Column {
    Column {
        title: title.into(),
        width,
        align,
    }
}

fn expiry_words(d: Option<NaiveDate>, f: crate::dates::DateFormat) -> String {
    d.map(|d| f.format(d)).unwrap_or_else(|| "no expiry".into())
}

fn save_table(cx: &Ctx<'_>, doc: &TableDocument, stem: &str) -> Result<Document> {
    let bytes = fovea_print::table(doc).map_err(|e| Error::storage(e.to_string()))?;
    documents::save(cx.fovea, stem, &bytes)
}

/// The stock list as a PDF.
pub fn print_stock(cx: &Ctx<'_>) -> Result<Document> {
    let (doc, day) = cx.read(|conn| {
        let locale = clinic::locale(conn, cx.now())?;
        let list = stock_list(conn, locale.today, false)?;
        let (clinic, paper) = documents::letterhead(conn)?;
        let day = locale.date_format.format(locale.today);
        let cur = crate::money::clinic_currency(conn)?;
        let money = |minor: i64| cur.grouped(minor);
        let flags = |l: &StockLine| {
            [
                (l.negative, "NEGATIVE: count it"),
                (l.has_expired, "expired stock"),
                (l.expiring_soon, "expiring soon"),
                (l.below_reorder, "below reorder level"),
            ]
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, w)| *w)
            .collect::<Vec<_>>()
            .join(", ")
        };
        let rows = list
            .lines
            .iter()
            .map(|l| {
                vec![
                    l.medicine.clone(),
                    l.on_hand.to_string(),
                    l.usable.to_string(),
                    l.reorder_level.to_string(),
                    l.nearest_expiry
                        .map(|d| locale.date_format.format(d))
                        .unwrap_or_default(),
                    format!(
                        "{}{}",
                        money(l.value_minor),
                        if l.cost_missing { " *" } else { "" }
                    ),
                    flags(l),
                ]
            })
            .collect();
        let doc = TableDocument {
            clinic,
            paper,
            title: "Stock on hand".into(),
            subtitle: Some(format!(
                "{day}; value at cost {} (* some packs without a cost)",
                money(list.total_value_minor)
            )),
            columns: vec![
                col("Medicine", 2.6, Align::Left),
                col("On hand", 0.8, Align::Right),
                col("Usable", 0.8, Align::Right),
                col("Reorder at", 0.8, Align::Right),
                col("Next expiry", 1.1, Align::Left),
                col("Value", 1.0, Align::Right),
                col("Warnings", 2.0, Align::Left),
            ],
            rows,
            empty_text: "No medicines in stock.".into(),
            footer_note: Some(format!("Stock on hand, {day}")),
        };
        Ok((doc, day))
    })?;
    save_table(cx, &doc, &format!("Stock on hand {day}"))
}

/// The alerts (negative, expired, expiring, below reorder level) as a PDF.
pub fn print_alerts(cx: &Ctx<'_>) -> Result<Document> {
    let (doc, day) = cx.read(|conn| {
        let locale = clinic::locale(conn, cx.now())?;
        let a = alerts_list(conn, locale.today)?;
        let (clinic, paper) = documents::letterhead(conn)?;
        let day = locale.date_format.format(locale.today);
        let f = locale.date_format;
        let mut rows = Vec::new();
        for (what, list) in [
            ("Negative: count it", &a.negative),
            ("Expired: write off", &a.expired),
            ("Expiring soon", &a.expiring),
        ] {
            for b in list {
                rows.push(vec![
                    what.to_string(),
                    b.medicine.clone(),
                    b.lot.clone(),
                    expiry_words(b.expires_on, f),
                    b.on_hand.to_string(),
                ]);
            }
        }
        for l in &a.below_reorder {
            rows.push(vec![
                "Below reorder level".into(),
                l.medicine.clone(),
                String::new(),
                String::new(),
                format!("{} (reorder at {})", l.usable, l.reorder_level),
            ]);
        }
        let doc = TableDocument {
            clinic,
            paper,
            title: "Stock alerts".into(),
            subtitle: Some(format!(
                "{day}; expiring within {} days",
                a.expiry_warning_days
            )),
            columns: vec![
                col("Alert", 1.5, Align::Left),
                col("Medicine", 2.6, Align::Left),
                col("Lot", 1.2, Align::Left),
                col("Expiry", 1.1, Align::Left),
                col("Packs", 1.4, Align::Right),
            ],
            rows,
            empty_text: "No stock alerts.".into(),
            footer_note: Some(format!("Stock alerts, {day}")),
        };
        Ok((doc, day))
    })?;
    save_table(cx, &doc, &format!("Stock alerts {day}"))
}
