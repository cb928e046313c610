//! The patient's chart (visits with their diagnoses, trends of best-corrected acuity and pressure, the latest
//! prescribed glasses) and the recall list of patients due back.

use chrono::Duration;
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::acuity::{LogMar, Notation};
use super::record::parse_stored;
use super::refraction::{Refraction, RefractionKind};
use super::settings;
use super::workup::Workup;
use crate::catalog::Ctx;
use crate::patients::Patient;
use crate::{Error, Result, clinic};

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ChartRequest {
    pub patient_id: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ChartDiagnosis {
    pub code: String,
    pub description: String,
}

/// One visit on the timeline, latest first.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ChartVisit {
    pub visit_id: String,
    pub clinic_day: String,
    pub clinician_name: Option<String>,
    pub has_workup: bool,
    pub has_consultation: bool,
    pub signed: bool,
    pub diagnoses: Vec<ChartDiagnosis>,
}

/// A point of a trend: when, the value in its unit (LogMAR, mmHg) and the text as recorded.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct TrendPoint {
    pub clinic_day: String,
    pub value: f64,
    pub display: String,
    /// The acuity in the clinic's notation (acuity only), for the tooltip.
    pub notation_display: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Trends {
    pub bcva_od: Vec<TrendPoint>,
    pub bcva_os: Vec<TrendPoint>,
    pub iop_od: Vec<TrendPoint>,
    pub iop_os: Vec<TrendPoint>,
    /// The upper end of the normal pressure band, drawn as a line.
    pub iop_limit: f64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct LatestRefraction {
    pub clinic_day: String,
    pub visit_id: String,
    pub refraction: Refraction,
    /// `-1.00 / -0.50 × 090` per eye in the clinic's printed cylinder form.
    pub od: Option<String>,
    pub os: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Chart {
    pub patient: Patient,
    pub visits: Vec<ChartVisit>,
    pub trends: Trends,
    pub latest_final_refraction: Option<LatestRefraction>,
}

/// Visits shown on the timeline; older ones are rare at the desk and stay in the record.
const TIMELINE: usize = 100;

fn series(
    conn: &Connection,
    patient_id: &str,
    quantity: &str,
    eye: &str,
    notation: Option<Notation>,
) -> Result<Vec<TrendPoint>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.clinic_day, v.value, v.display FROM exam_values v JOIN examinations e ON e.id = v.examination_id
         WHERE v.patient_id = ?1 AND v.quantity = ?2 AND v.eye = ?3 AND v.value IS NOT NULL
         ORDER BY v.measured_at",
    )?;
    let rows = stmt.query_map(params![patient_id, quantity, eye], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (day, value, display) = row?;
        let display = display.unwrap_or_default();
        out.push(match notation {
            Some(n) => TrendPoint {
                clinic_day: day,
                value: value as f64 / 100.0,
                notation_display: i32::try_from(value)
                    .ok()
                    .and_then(LogMar::from_hundredths)
                    .map(|l| l.format_as(n)),
                display,
            },
            None => TrendPoint {
                clinic_day: day,
                value: value as f64 / 10.0,
                notation_display: None,
                display,
            },
        });
    }
    Ok(out)
}

/// The chart of one patient (audited as an access to the record).
pub fn chart(cx: &Ctx<'_>, req: &ChartRequest) -> Result<Chart> {
    cx.note_patient(&req.patient_id);
    cx.read(|conn| {
        let locale = clinic::locale(conn, cx.now())?;
        let settings = settings::load(conn)?;
        let patient = crate::patients::load(conn, &req.patient_id, &locale)?;
        let mut stmt = conn.prepare_cached(
            "SELECT v.id, v.clinic_day, u.full_name, e.workup IS NOT NULL, e.consultation, e.signed_at IS NOT NULL
             FROM visits v LEFT JOIN users u ON u.id = v.clinician_id
             LEFT JOIN examinations e ON e.visit_id = v.id
             WHERE v.patient_id = ?1 ORDER BY v.checked_in_at DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![req.patient_id, TIMELINE as i64], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<bool>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<bool>>(5)?,
            ))
        })?;
        let mut visits = Vec::new();
        for row in rows {
            let (visit_id, clinic_day, clinician_name, workup, consultation, signed) = row?;
            let c: Option<super::consultation::Consultation> = parse_stored(&consultation)?;
            visits.push(ChartVisit {
                visit_id,
                clinic_day,
                clinician_name,
                has_workup: workup.unwrap_or(false),
                has_consultation: c.is_some(),
                signed: signed.unwrap_or(false),
                diagnoses: c
                    .map(|c| {
                        c.diagnoses
                            .into_iter()
                            .map(|d| ChartDiagnosis {
                                code: d.code,
                                description: d.description,
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            });
        }
        let n = Some(settings.va_notation);
        let trends = Trends {
            bcva_od: series(conn, &req.patient_id, "bcva", "od", n)?,
            bcva_os: series(conn, &req.patient_id, "bcva", "os", n)?,
            iop_od: series(conn, &req.patient_id, "iop", "od", None)?,
            iop_os: series(conn, &req.patient_id, "iop", "os", None)?,
            iop_limit: 21.0,
        };
        Ok(Chart {
            patient,
            visits,
            trends,
            latest_final_refraction: latest_final(conn, &req.patient_id, settings.cylinder_form)?,
        })
    })
}

fn latest_final(
    conn: &Connection,
    patient_id: &str,
    form: super::refraction::CylinderForm,
) -> Result<Option<LatestRefraction>> {
    // A final refraction is in most work-ups that have one at all; reading the latest few is enough.
    let mut stmt = conn.prepare_cached(
        "SELECT visit_id, clinic_day, workup FROM examinations
         WHERE patient_id = ?1 AND workup IS NOT NULL ORDER BY clinic_day DESC, created_at DESC LIMIT 20",
    )?;
    let rows = stmt.query_map([patient_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })?;
    for row in rows {
        let (visit_id, clinic_day, workup) = row?;
        let Some(w) = parse_stored::<Workup>(&workup)? else {
            continue;
        };
        if let Some(r) = w.refraction(RefractionKind::Final) {
            let show = |e: &Option<super::refraction::EyeRefraction>| {
                e.as_ref().map(|e| {
                    e.in_form(form)
                        .sphero_cylinder(super::refraction::ZeroStyle::Plano)
                })
            };
            return Ok(Some(LatestRefraction {
                clinic_day,
                visit_id,
                od: show(&r.od),
                os: show(&r.os),
                refraction: *r,
            }));
        }
    }
    Ok(None)
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct RecallRequest {
    /// First and last due day (ISO or the clinic's format); default: from four weeks ago to four weeks ahead.
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RecallEntry {
    pub patient_id: String,
    pub patient_name: String,
    pub patient_mrn: String,
    pub phones: Vec<String>,
    pub due_on: String,
    /// How it was asked for (`in 3 months`) and by whom.
    pub follow_up_text: Option<String>,
    pub last_seen_on: String,
    pub clinician_name: Option<String>,
    /// The next live booking after the examination, from today on, if the patient already has one.
    pub booked_on: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RecallResponse {
    pub from: String,
    pub to: String,
    pub entries: Vec<RecallEntry>,
}

/// Patients whose latest examination asked them back between two days, with whether they have booked.
pub fn recall(cx: &Ctx<'_>, req: &RecallRequest) -> Result<RecallResponse> {
    cx.read(|conn| {
        let locale = clinic::locale(conn, cx.now())?;
        let tz = clinic::time_zone(conn)?;
        let today = cx.now().with_timezone(&tz).date_naive();
        let day = |field: &str, s: &Option<String>, default| match s
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(s) => locale
                .date_format
                .parse(s)
                .map_err(|m| Error::validation(field, m)),
            None => Ok(default),
        };
        let from = day("from", &req.from, today - Duration::weeks(4))?;
        let to = day("to", &req.to, today + Duration::weeks(4))?;
        if to < from {
            return Err(Error::validation("to", "The last day comes before the first."));
        }
        if to - from > Duration::days(366) {
            return Err(Error::validation("to", "Show at most a year at a time."));
        }
        // Only each patient's latest examination counts: a later visit replaces the earlier request.
        let mut stmt = conn.prepare_cached(
            "SELECT p.id, p.first_name || ' ' || p.last_name, p.mrn, p.phones, e.follow_up_on,
                    json_extract(e.consultation, '$.follow_up_text'), e.clinic_day, u.full_name,
                    (SELECT min(a.clinic_day) FROM appointments a WHERE a.patient_id = p.id AND a.clinic_day >= ?3
                        AND a.clinic_day > e.clinic_day
                        AND a.status IN ('scheduled', 'checked_in', 'in_progress'))
             FROM examinations e JOIN patients p ON p.id = e.patient_id
             LEFT JOIN users u ON u.id = e.consultation_by
             WHERE e.follow_up_on BETWEEN ?1 AND ?2 AND NOT p.archived
               AND NOT EXISTS (SELECT 1 FROM examinations later WHERE later.patient_id = e.patient_id
                               AND later.clinic_day > e.clinic_day)
             ORDER BY e.follow_up_on, p.last_name, p.first_name",
        )?;
        let rows = stmt.query_map(
            params![from.to_string(), to.to_string(), today.to_string()],
            |r| {
                let phones: String = r.get(3)?;
                Ok(RecallEntry {
                    patient_id: r.get(0)?,
                    patient_name: r.get(1)?,
                    patient_mrn: r.get(2)?,
                    phones: serde_json::from_str(&phones).unwrap_or_default(),
                    due_on: r.get(4)?,
                    follow_up_text: r.get(5)?,
                    last_seen_on: r.get(6)?,
                    clinician_name: r.get(7)?,
                    booked_on: r.get(8)?,
                })
            },
        )?;
        Ok(RecallResponse {
            from: from.to_string(),
            to: to.to_string(),
            entries: rows.collect::<rusqlite::Result<Vec<_>>>()?,
        })
    })
}
