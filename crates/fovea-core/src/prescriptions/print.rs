//! The printed medication prescription. Like the spectacle prescription, it prints as a draft (marked not valid,
//! no signature block) until the examination is signed; then the prescriber is the doctor who signed. Everything
//! on paper is in words: the eye, the dose and frequency, a taper as dated steps, the quantity.

use chrono::{Days, NaiveDate};
use serde::Deserialize;
use ts_rs::TS;

use super::item::{PrescriptionItem, eye_words};
use super::record::{lines_and_warnings, stored, visit_facts};
use crate::catalog::Ctx;
use crate::clinic;
use crate::documents::{self, Document};
use crate::{Error, Result};
use fovea_print::{
    Authorisation, MedicationLine, MedicationRx, PatientLine, Prescriber, ScheduleLine,
};

/// Days a medication prescription may be dispensed after it is issued (common practice; no setting yet).
pub const VALIDITY_DAYS: u64 = 30;

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct MedicationRxRequest {
    pub visit_id: String,
}

/// 1 to 99 in words, for quantities that must not be altered by adding a digit.
pub fn number_words(n: u32) -> String {
    const ONES: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 10] = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    match n {
        0..=19 => ONES[n as usize].to_string(),
        20..=99 if n.is_multiple_of(10) => TENS[(n / 10) as usize].to_string(),
        20..=99 => format!("{}-{}", TENS[(n / 10) as usize], ONES[(n % 10) as usize]),
        _ => n.to_string(),
    }
}

/// "1 (one) bottle", "2 (two) tubes": the pack named from the form.
fn quantity_words(item: &PrescriptionItem) -> String {
    let (one, many) = match item.medicine.form.as_str() {
        "solution" | "suspension" | "emulsion" => ("bottle", "bottles"),
        "ointment" | "gel" => ("tube", "tubes"),
        _ => ("pack", "packs"),
    };
    let q = item.quantity;
    format!(
        "{q} ({}) {}",
        number_words(q),
        if q == 1 { one } else { many }
    )
}

fn repeats_words(r: u32) -> String {
    match r {
        0 => "No repeats".into(),
        1 => "1 (one) repeat".into(),
        r => format!("{r} ({}) repeats", number_words(r)),
    }
}

fn prescriber(conn: &rusqlite::Connection, user_id: &str) -> Result<Prescriber> {
    let u = crate::accounts::load(conn, user_id)?;
    let profile = u.profile.unwrap_or_default();
    Ok(Prescriber {
        full_name: u.full_name,
        specialization: profile.specialization,
        licence_number: profile.licence_number,
        signature_text: profile.signature_text,
    })
}

/// Renders the visit's medication prescription as a PDF in the documents folder.
pub fn medication_rx(cx: &Ctx<'_>, req: &MedicationRxRequest) -> Result<Document> {
    let doc = cx.read(|conn| {
        let v = visit_facts(conn, &req.visit_id)?;
        cx.note_patient(&v.patient_id);
        let s = stored(conn, &req.visit_id)?
            .filter(|s| !s.items.is_empty())
            .ok_or_else(|| {
                Error::conflict("This visit has no medication prescription to print.")
            })?;
        let locale = clinic::locale(conn, cx.now())?;
        let patient = crate::patients::load(conn, &v.patient_id, &locale)?;
        let (lines, _) = lines_and_warnings(conn, &v.patient_id, v.clinic_day, &s.items)?;
        let authorisation = match &s.signed_by {
            None => Authorisation::Draft,
            Some(signer) => Authorisation::Signed(prescriber(conn, signer)?),
        };
        let (clinic, paper) = documents::letterhead(conn)?;
        let fmt = |d: NaiveDate| locale.date_format.format(d);
        let dob = patient
            .date_of_birth
            .parse::<NaiveDate>()
            .map(fmt)
            .unwrap_or(patient.date_of_birth.clone());
        let items = lines
            .iter()
            .map(|l| {
                let i = &l.item;
                // A single fixed step is already all in the directions; a taper (or a course that runs on) gets
                // its dates.
                let schedule = if l.schedule.rows.len() > 1 {
                    l.schedule
                        .rows
                        .iter()
                        .map(|r| ScheduleLine {
                            from: fmt(r.from),
                            to: r.to.map(fmt).unwrap_or_default(),
                            dose: format!("{} {}", r.step.dose.words(), r.step.frequency.words()),
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                MedicationLine {
                    generic_name: i.medicine.generic_name.clone(),
                    brand: i.medicine.brand.clone(),
                    strength: i.medicine.strength.clone(),
                    form: i.medicine.form.clone(),
                    eye: eye_words(i.eye).map(String::from),
                    directions: l.directions.clone(),
                    schedule,
                    quantity: quantity_words(i),
                    repeats: repeats_words(i.repeats),
                    instructions: i.instructions.clone(),
                    bought_elsewhere: !i.from_stock,
                }
            })
            .collect();
        Ok(MedicationRx {
            clinic,
            paper,
            patient: PatientLine {
                full_name: format!("{} {}", patient.first_name, patient.last_name),
                date_of_birth: dob,
                age: Some(format!("{} years", patient.age_years)),
                mrn: patient.mrn.clone(),
            },
            patient_address: patient.address.clone(),
            authorisation,
            issued_on: fmt(v.clinic_day),
            valid_until: v
                .clinic_day
                .checked_add_days(Days::new(VALIDITY_DAYS))
                .map(fmt),
            items,
            reference: Some(format!("{} · visit of {}", patient.mrn, fmt(v.clinic_day))),
        })
    })?;
    let bytes = fovea_print::medication_rx(&doc).map_err(|e| Error::storage(e.to_string()))?;
    documents::save(
        cx.fovea,
        // The MRN and the kind, never the patient's name: file names show in recent-file lists and backups.
        &if doc.authorisation == Authorisation::Draft {
            format!("Medication Rx draft {}", doc.patient.mrn)
        } else {
            format!("Medication Rx {}", doc.patient.mrn)
        },
        &bytes,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_words() {
        assert_eq!(number_words(1), "one");
        assert_eq!(number_words(12), "twelve");
        assert_eq!(number_words(40), "forty");
        assert_eq!(number_words(99), "ninety-nine");
    }
}
