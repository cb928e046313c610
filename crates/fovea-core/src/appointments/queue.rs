//! The queue board: where every patient of the day is in the flow, and for how long.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::{Map, json};
use ts_rs::TS;

use super::waiting_minutes;
use crate::catalog::{Ctx, area_operations, op};
use crate::sync::Writer;
use crate::sync::tables::VISITS;
use crate::{Error, Result, clinic};

/// Where a visit is in the day's flow, in the flow's order (so `a < b` means `a` comes before `b`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Stage {
    WaitingWorkup,
    InWorkup,
    WaitingDoctor,
    WithDoctor,
    Pharmacy,
    Billing,
    Done,
}

/// How long a patient has waited compared with the clinic's thresholds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum WaitLevel {
    Normal,
    Amber,
    Red,
}

/// Minutes in one stage before a card turns amber and red (settings `queue_amber_minutes`, `queue_red_minutes`).
pub const DEFAULT_AMBER_MINUTES: i64 = 20;
pub const DEFAULT_RED_MINUTES: i64 = 40;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct QueueCard {
    pub visit_id: String,
    pub patient_id: String,
    pub patient_name: String,
    pub patient_mrn: String,
    pub clinician_id: Option<String>,
    pub clinician_name: Option<String>,
    /// HH:MM in the clinic's time zone; none for a visit without an appointment.
    pub appointment_time: Option<String>,
    /// The appointment the visit came from (none when a clinician opened the visit without one).
    pub appointment_id: Option<String>,
    /// Its kind: a walk-in booked through the book shows as a walk-in.
    pub appointment_kind: Option<super::AppointmentKind>,
    pub stage: Stage,
    pub stage_since: String,
    pub minutes_in_stage: i64,
    pub level: WaitLevel,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct BoardRequest {
    pub clinician_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BoardResponse {
    pub date: String,
    pub amber_minutes: i64,
    pub red_minutes: i64,
    /// Longest waiting first within each stage.
    pub cards: Vec<QueueCard>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct MoveRequest {
    pub visit_id: String,
    pub stage: Stage,
}

pub fn level(minutes: i64, amber: i64, red: i64) -> WaitLevel {
    if minutes >= red {
        WaitLevel::Red
    } else if minutes >= amber {
        WaitLevel::Amber
    } else {
        WaitLevel::Normal
    }
}

fn threshold(conn: &rusqlite::Connection, key: &str, default: i64) -> Result<i64> {
    Ok(clinic::get(conn, key)?
        .and_then(|v| v.parse().ok())
        .filter(|m: &i64| *m > 0)
        .unwrap_or(default))
}

/// Today's visits in the clinic's time zone, with minutes in their stage measured at `cx.now()`.
pub fn board(cx: &Ctx<'_>, req: &BoardRequest) -> Result<BoardResponse> {
    let now = cx.now();
    cx.read(|conn| {
        let tz = clinic::time_zone(conn)?;
        let today = now.with_timezone(&tz).date_naive();
        let amber = threshold(conn, "queue_amber_minutes", DEFAULT_AMBER_MINUTES)?;
        let red = threshold(conn, "queue_red_minutes", DEFAULT_RED_MINUTES)?.max(amber);
        let mut stmt = conn.prepare_cached(
            "SELECT v.id, v.patient_id, p.first_name || ' ' || p.last_name, p.mrn, v.clinician_id, u.full_name,
                    a.starts_at, v.stage, v.stage_since, v.appointment_id, a.kind
             FROM visits v JOIN patients p ON p.id = v.patient_id
             LEFT JOIN users u ON u.id = v.clinician_id LEFT JOIN appointments a ON a.id = v.appointment_id
             WHERE v.clinic_day = ?1 AND (?2 IS NULL OR v.clinician_id = ?2)
             ORDER BY v.stage_since",
        )?;
        let rows = stmt.query_map(params![today.to_string(), req.clinician_id], |r| {
            let starts: Option<String> = r.get(6)?;
            let stage: Stage = r.get(7)?;
            let since: String = r.get(8)?;
            let appointment: (Option<String>, Option<super::AppointmentKind>) = (r.get(9)?, r.get(10)?);
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, starts, stage, since, appointment))
        })?;
        let mut cards = Vec::new();
        for row in rows {
            let (visit_id, patient_id, patient_name, patient_mrn, clinician_id, clinician_name, starts, stage, since, (appointment_id, appointment_kind)) = row?;
            let minutes = since.parse::<DateTime<Utc>>().map(|s| waiting_minutes(s, now)).unwrap_or(0);
            cards.push(QueueCard {
                visit_id,
                patient_id,
                patient_name,
                patient_mrn,
                clinician_id,
                clinician_name,
                appointment_time: starts
                    .and_then(|s| s.parse::<DateTime<Utc>>().ok())
                    .map(|s| s.with_timezone(&tz).format("%H:%M").to_string()),
                appointment_id,
                appointment_kind,
                stage,
                stage_since: since,
                minutes_in_stage: minutes,
                level: if stage == Stage::Done { WaitLevel::Normal } else { level(minutes, amber, red) },
            });
        }
        Ok(BoardResponse { date: today.to_string(), amber_minutes: amber, red_minutes: red, cards })
    })
}

/// Puts a visit in stage `to` and restarts its waiting clock. The only code that writes a visit's stage: the board
/// moves a visit anywhere (a person decides), clinical work moves it forward ([`advance_for_work`]).
pub(crate) fn set_stage(
    w: &Writer<'_>,
    visit_id: &str,
    to: Stage,
    at: DateTime<Utc>,
) -> Result<()> {
    let mut f = Map::new();
    f.insert("stage".into(), json!(to));
    f.insert(
        "stage_since".into(),
        json!(at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
    );
    f.insert("updated_at".into(), json!(w.stamp()));
    w.update(VISITS, visit_id, &f)
}

/// Clinical work done at a visit moves it on to `to` — only forward: a visit the board has already moved past
/// `to` (sent to billing early, say) stays where it is.
pub(crate) fn advance_for_work(
    w: &Writer<'_>,
    visit_id: &str,
    current: Stage,
    to: Stage,
    at: DateTime<Utc>,
) -> Result<()> {
    if current < to {
        set_stage(w, visit_id, to, at)?;
    }
    Ok(())
}

/// Moves a visit to another stage; who and when are in the audit trail, and the waiting clock restarts.
pub fn move_stage(cx: &Ctx<'_>, req: &MoveRequest) -> Result<QueueCard> {
    let patient_id = cx.write(|w| {
        let (patient_id, stage): (String, Stage) = w
            .tx()
            .query_row(
                "SELECT patient_id, stage FROM visits WHERE id = ?1",
                [&req.visit_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| Error::not_found("No such visit."))?;
        cx.note_patient(&patient_id);
        if stage != req.stage {
            set_stage(w, &req.visit_id, req.stage, cx.now())?;
        }
        Ok(patient_id)
    })?;
    let board = board(cx, &BoardRequest { clinician_id: None })?;
    board
        .cards
        .into_iter()
        .find(|c| c.visit_id == req.visit_id)
        .ok_or_else(|| {
            Error::conflict(format!(
                "The visit of patient {patient_id} is not on today's board."
            ))
        })
}

op! {
    Board = "queue.board", UseQueue,
    summary: "Today's visits by stage with minutes waiting (amber and red past the thresholds).",
    label: "Opened the queue board",
    fn(cx, req: BoardRequest) -> BoardResponse {
        board(cx, &req)
    }
}

op! {
    Move = "queue.move", UseQueue,
    summary: "Move a patient's visit to another stage of the day.",
    label: "Moved a patient on the board",
    fn(cx, req: MoveRequest) -> QueueCard {
        move_stage(cx, &req)
    }
}

// The registry lists these operations in this order (`fovea call --list`, the bindings).
area_operations! {
    Board,
    Move,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_follow_the_thresholds() {
        assert_eq!(level(0, 20, 40), WaitLevel::Normal);
        assert_eq!(level(19, 20, 40), WaitLevel::Normal);
        assert_eq!(level(20, 20, 40), WaitLevel::Amber);
        assert_eq!(level(39, 20, 40), WaitLevel::Amber);
        assert_eq!(level(40, 20, 40), WaitLevel::Red);
    }
}
