//! Past examinations for a demo clinic (and for benchmarks at scale): earlier visits with a work-up typed as an
//! optometrist would, a consultation with diagnoses, signed by a doctor. Every value goes through the same
//! validation as the forms, so demo charts show exactly what the app would have stored.

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::json;

use crate::accounts::{self, Role};
use crate::dates::DateFormat;
use crate::exam::Eye;
use crate::exam::acuity::Notation;
use crate::exam::consultation::{Consultation, ConsultationInput, DiagnosisInput, FollowUpInput};
use crate::exam::record::{self, SeededExam};
use crate::exam::workup::{Workup, WorkupInput};
use crate::{Error, Fovea, Result};

const ACUITIES: &[&str] = &[
    "6/5", "6/6", "6/6", "6/6 -1", "6/7.5", "6/9", "6/9 -2", "6/12", "6/12 +1", "6/18", "6/24",
    "6/36", "6/60", "CF 1m",
];

const DIAGNOSES: &[(&str, Eye)] = &[
    ("H52.13", Eye::Ou),
    ("H52.4", Eye::Ou),
    ("H25.13", Eye::Ou),
    ("H40.013", Eye::Ou),
    ("H40.1131", Eye::Ou),
    ("H04.123", Eye::Ou),
    ("H35.3131", Eye::Ou),
    ("E11.3293", Eye::Ou),
    ("H10.13", Eye::Ou),
    ("Z96.1", Eye::Od),
];

/// Visits written per transaction.
const BATCH: usize = 500;

fn quarter(rng: &mut StdRng, lo: i32, hi: i32) -> String {
    let q = rng.random_range(lo * 4..=hi * 4);
    format!("{:+.2}", q as f64 / 4.0)
}

fn workup_input(rng: &mut StdRng) -> WorkupInput {
    let va = |rng: &mut StdRng| ACUITIES[rng.random_range(0..ACUITIES.len())].to_string();
    let eye_rx = |rng: &mut StdRng| {
        let cyl = if rng.random_bool(0.6) {
            Some(quarter(rng, -2, 0)).filter(|c| c != "+0.00")
        } else {
            None
        };
        json!({
            "sphere": quarter(rng, -6, 4),
            "axis": cyl.as_ref().map(|_| rng.random_range(1..=180).to_string()),
            "cylinder": cyl,
            "add": rng.random_bool(0.5).then(|| format!("+{:.2}", rng.random_range(4..=12) as f64 / 4.0)),
        })
    };
    let od_rx = eye_rx(rng);
    let os_rx = eye_rx(rng);
    let iop = |rng: &mut StdRng| rng.random_range(10..=27).to_string();
    let cd = |rng: &mut StdRng| format!("{:.2}", rng.random_range(4..=16) as f64 * 0.05);
    let value = json!({
        "acuity": {"od": {"sc": va(rng), "bcva": va(rng)}, "os": {"sc": va(rng), "bcva": va(rng)}},
        "refractions": [
            {"kind": "subjective", "od": od_rx, "os": os_rx},
            {"kind": "final", "od": od_rx, "os": os_rx, "pd": format!("{}", rng.random_range(56..=70))}
        ],
        "iop": {"od": iop(rng), "os": iop(rng), "method": "goldmann", "time": format!("{:02}:{:02}", rng.random_range(9..17), rng.random_range(0..60))},
        "findings": {
            "od": {"cup_disc": cd(rng), "slit_lamp": {"lids": {"status": "normal"}, "lens": {"status": "normal"}}},
            "os": {"cup_disc": cd(rng), "slit_lamp": {"lids": {"status": "normal"}, "lens": {"status": "normal"}}}
        }
    });
    serde_json::from_value(value).unwrap_or_default()
}

fn consultation_input(rng: &mut StdRng) -> ConsultationInput {
    let mut diagnoses = Vec::new();
    for _ in 0..rng.random_range(1..=2) {
        let (code, eye) = DIAGNOSES[rng.random_range(0..DIAGNOSES.len())];
        if !diagnoses.iter().any(|d: &DiagnosisInput| d.code == code) {
            diagnoses.push(DiagnosisInput {
                code: code.into(),
                eye,
                note: None,
            });
        }
    }
    ConsultationInput {
        complaint: Some("Routine review".into()),
        diagnoses,
        plan: Some("Continue; new glasses as prescribed".into()),
        follow_up: Some(FollowUpInput::Months {
            count: [3, 6, 12][rng.random_range(0..3)],
        }),
        ..Default::default()
    }
}

/// Adds `visits` past visits (over the last `years` years, each a finished visit with a signed examination) for
/// random registered patients. Returns how many examination values (charted rows) were written.
pub fn seed_history(
    fovea: &Fovea,
    visits: usize,
    years: u32,
    seed: u64,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<usize> {
    let mut rng = StdRng::seed_from_u64(seed);
    let (patients, doctors, optometrists) = fovea.read(|conn| {
        let mut stmt = conn.prepare("SELECT id FROM patients WHERE NOT archived")?;
        let patients = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let users = accounts::list(conn, false)?;
        let with = |role: Role| -> Vec<String> {
            users
                .iter()
                .filter(|u| u.roles.contains(&role))
                .map(|u| u.id.clone())
                .collect()
        };
        Ok((patients, with(Role::Doctor), with(Role::Optometrist)))
    })?;
    if patients.is_empty() || doctors.is_empty() {
        return Err(Error::conflict(
            "Add demo patients and at least one doctor first.",
        ));
    }
    let examiners = if optometrists.is_empty() {
        &doctors
    } else {
        &optometrists
    };
    let today = fovea.now().date_naive();
    let span = (years.max(1) * 365) as i64;
    let mut values = 0;
    let mut done = 0;
    while done < visits {
        let n = BATCH.min(visits - done);
        values += fovea.write(|w| {
            let mut values = 0;
            for _ in 0..n {
                let day: NaiveDate = today - Duration::days(rng.random_range(1..=span));
                let at = Utc.from_utc_datetime(
                    &day.and_hms_opt(rng.random_range(9..17), rng.random_range(0..60), 0)
                        .unwrap_or_default(),
                );
                let workup = Workup::validate(&workup_input(&mut rng), Notation::SnellenMetric)?;
                let consultation =
                    Consultation::validate(&consultation_input(&mut rng), day, DateFormat::YMD)?;
                values += record::insert_seeded(
                    w,
                    &SeededExam {
                        patient_id: &patients[rng.random_range(0..patients.len())],
                        clinic_day: day,
                        at,
                        examiner_id: &examiners[rng.random_range(0..examiners.len())],
                        doctor_id: &doctors[rng.random_range(0..doctors.len())],
                        workup: &workup,
                        consultation: &consultation,
                    },
                )?;
            }
            Ok(values)
        })?;
        done += n;
        progress(done, visits);
    }
    Ok(values)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exam::refraction::RefractionKind;

    #[test]
    fn generated_forms_pass_the_forms_own_validation() {
        let mut rng = StdRng::seed_from_u64(3);
        let day = NaiveDate::from_ymd_opt(2026, 1, 5).expect("date");
        for _ in 0..300 {
            let w = Workup::validate(&workup_input(&mut rng), Notation::SnellenMetric)
                .expect("work-up");
            assert!(w.refraction(RefractionKind::Final).is_some());
            Consultation::validate(&consultation_input(&mut rng), day, DateFormat::YMD)
                .expect("consultation");
        }
    }
}
