//! Starting an examination from the patient page.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use ts_rs::TS;
use uuid::Uuid;

use super::write::*;
use crate::appointments::Stage;
use crate::catalog::Ctx;
use crate::sync::tables::VISITS;
use crate::{Error, Result, clinic};

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct StartVisitRequest {
    pub patient_id: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct StartVisitResponse {
    pub visit_id: String,
    /// False when the patient already had an open visit today, which is returned instead.
    pub created: bool,
}

/// Starts an examination from the patient page: today's open visit if there is one, else a new visit without an
/// appointment, seen by the caller, straight into the work-up.
pub fn start_visit(cx: &Ctx<'_>, req: &StartVisitRequest) -> Result<StartVisitResponse> {
    let me = user_id(cx)?;
    cx.note_patient(&req.patient_id);
    cx.write(|w| {
        let conn = w.tx();
        let tz = clinic::time_zone(conn)?;
        let today = cx.now().with_timezone(&tz).date_naive().to_string();
        let archived: Option<bool> = conn
            .query_row(
                "SELECT archived FROM patients WHERE id = ?1",
                [&req.patient_id],
                |r| r.get(0),
            )
            .optional()?;
        match archived {
            None => return Err(Error::not_found("No such patient.")),
            Some(true) => {
                return Err(Error::conflict(
                    "This patient is archived; restore them first.",
                ));
            }
            Some(false) => {}
        }
        let open: Option<String> = conn
            .query_row(
                "SELECT id FROM visits WHERE patient_id = ?1 AND clinic_day = ?2 AND stage <> 'done'
                 ORDER BY checked_in_at DESC LIMIT 1",
                params![req.patient_id, today],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(visit_id) = open {
            return Ok(StartVisitResponse {
                visit_id,
                created: false,
            });
        }
        let id = Uuid::now_v7().to_string();
        let now = instant(cx);
        let mut v = Map::new();
        v.insert("patient_id".into(), json!(req.patient_id));
        v.insert("appointment_id".into(), Value::Null);
        v.insert("clinician_id".into(), json!(me));
        v.insert("clinic_day".into(), json!(today));
        v.insert("stage".into(), json!(Stage::InWorkup));
        v.insert("stage_since".into(), json!(now));
        v.insert("checked_in_at".into(), json!(now));
        v.insert("created_at".into(), json!(now));
        v.insert("updated_at".into(), json!(now));
        w.insert(VISITS, &id, &v)?;
        Ok(StartVisitResponse {
            visit_id: id,
            created: true,
        })
    })
}
