//! Reading and verifying the audit trail.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{AuditEntry, Filter, VerifyReport};
use crate::catalog::{area_operations, op};
use crate::clinic;
use crate::{Error, Result};

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct AuditSearchRequest {
    pub patient_id: Option<String>,
    pub user_id: Option<String>,
    /// First clinic day to include (ISO or the clinic's date format).
    pub from: Option<String>,
    /// Last clinic day to include.
    pub to: Option<String>,
    /// At most this many entries, newest first (default 200, at most 1000).
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AuditSearchResponse {
    pub entries: Vec<AuditEntry>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PatientAccessRequest {
    pub patient_id: String,
}

op! {
    Search = "audit.search", ReadAudit,
    summary: "The audit trail, newest first, filtered by patient, user and clinic days.",
    label: "Searched the audit trail",
    fn(cx, req: AuditSearchRequest) -> AuditSearchResponse {
        cx.read(|conn| {
            let locale = clinic::locale(conn, cx.now())?;
            let tz = clinic::get(conn, clinic::TIME_ZONE)?;
            let day = |field: &str, s: &Option<String>, next: bool| -> Result<Option<String>> {
                let Some(s) = s.as_deref().map(str::trim).filter(|s| !s.is_empty()) else {
                    return Ok(None);
                };
                let d = locale
                    .date_format
                    .parse(s)
                    .map_err(|m| Error::validation(field, m))?;
                let d = if next { d.succ_opt().unwrap_or(d) } else { d };
                Ok(Some(crate::time::day_start_utc(d, tz.as_deref())))
            };
            let filter = Filter {
                patient_id: req.patient_id.clone(),
                user_id: req.user_id.clone(),
                from: day("from", &req.from, false)?,
                until: day("to", &req.to, true)?,
                limit: req.limit.unwrap_or(200).clamp(1, 1000) as usize,
            };
            Ok(AuditSearchResponse {
                entries: super::search(conn, &filter)?,
            })
        })
    }
}

op! {
    PatientAccess = "audit.patient_access", ReadAudit,
    summary: "Who opened or changed one patient's record, newest first.",
    label: "Looked at who opened a record",
    fn(cx, req: PatientAccessRequest) -> AuditSearchResponse {
        let filter = Filter {
            patient_id: Some(req.patient_id),
            limit: 100,
            ..Default::default()
        };
        Ok(AuditSearchResponse {
            entries: cx.read(|conn| super::search(conn, &filter))?,
        })
    }
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct VerifyRequest {
    /// Also rebuild every replicated row from the operation log and compare it with the table (slower).
    #[serde(default)]
    pub deep: bool,
}

op! {
    Verify = "audit.verify", ReadAudit,
    summary: "Check every workstation's audit chain (and, deep, every row against the operation log); reports what is broken.",
    label: "Verified the audit trail",
    fn(cx, req: VerifyRequest) -> VerifyReport {
        cx.read(|conn| {
            // One read transaction: the chain, its recorded head and the rows are seen at one moment, so writes
            // made meanwhile by the app or another command cannot look like a broken chain.
            let snapshot = conn.unchecked_transaction()?;
            let mut report = super::verify(&snapshot, cx.fovea.site_id())?;
            if req.deep {
                report.deep = Some(super::deep::check(&snapshot)?);
            }
            Ok(report)
        })
    }
}

// The registry lists this area's operations in this order (`fovea call --list`, the bindings).
area_operations! {
    Search,
    PatientAccess,
    Verify,
}
