//! The medication prescription: one block per medicine, the generic name in capitals, the eye and the directions
//! in words, a taper as a dated schedule. The caller writes every value in words already (`fovea-core` owns the
//! vocabulary and never hands over OD/OS/OU or QD); this file only lays them out.

use serde::{Deserialize, Serialize};

use crate::fonts::FontStyle;
use crate::layout::{INK, MUTED, SignatureSpec, TableColumn, TableSpec};
use crate::prescription::{opening, or_blank, patient_rows};
use crate::{Align, Authorisation, ClinicHeader, Paper, PatientLine, PrintError};

/// One dated step of a taper, preformatted: "25/02/2026", "03/03/2026" (or empty: until reviewed), "1 drop four
/// times daily".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScheduleLine {
    pub from: String,
    pub to: String,
    pub dose: String,
}

/// One medicine of the prescription.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MedicationLine {
    /// The generic name; printed in capitals.
    pub generic_name: String,
    /// Trade name, printed after the generic one in brackets.
    pub brand: Option<String>,
    pub strength: String,
    pub form: String,
    /// "right eye", "both eyes"; `None` for a medicine not for an eye.
    pub eye: Option<String>,
    /// The directions in words.
    pub directions: String,
    /// The taper in dates; empty for a course of one step.
    pub schedule: Vec<ScheduleLine>,
    /// "2 (two) bottles".
    pub quantity: String,
    /// "No repeats", "2 (two) repeats".
    pub repeats: String,
    pub instructions: Option<String>,
    /// The patient buys it at another pharmacy.
    pub bought_elsewhere: bool,
}

/// A medication prescription, ready to print.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MedicationRx {
    pub clinic: ClinicHeader,
    pub paper: Paper,
    pub patient: PatientLine,
    /// The patient's postal address; may span lines.
    pub patient_address: Option<String>,
    pub authorisation: Authorisation,
    /// Date of issue, formatted.
    pub issued_on: String,
    /// Printed as "Valid until …".
    pub valid_until: Option<String>,
    pub items: Vec<MedicationLine>,
    /// Printed in the footer of every page.
    pub reference: Option<String>,
}

/// Renders a medication prescription as PDF bytes.
pub fn medication_rx(doc: &MedicationRx) -> Result<Vec<u8>, PrintError> {
    let draft = doc.authorisation == Authorisation::Draft;
    let mut page = opening(
        "Medication prescription",
        doc.paper,
        &doc.clinic,
        &doc.patient,
        draft,
        "no medicine may be supplied on it",
    )?;
    let s = page.scale;
    let p = &doc.patient;
    let mut rows = patient_rows(p);
    if let Some(a) = doc
        .patient_address
        .as_deref()
        .filter(|a| !a.trim().is_empty())
    {
        let lines: Vec<&str> = a.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        rows.push(("Address", lines.join(", ")));
    }
    rows.push(("MRN", or_blank(&p.mrn)));
    rows.push(("Date issued", or_blank(&doc.issued_on)));
    if let Some(v) = doc.valid_until.as_deref().filter(|v| !v.trim().is_empty()) {
        rows.push(("Valid until", v.trim().to_owned()));
    }
    page.key_values(&rows, FontStyle::Bold);
    page.gap(s.body * 0.8);
    page.rule(0.5, MUTED, s.body * 0.8);

    if doc.items.is_empty() {
        page.paragraph(
            "No medicines are prescribed.",
            FontStyle::Regular,
            s.body,
            INK,
            0.0,
        );
    }
    for (n, item) in doc.items.iter().enumerate() {
        // A medicine's heading is never left alone at the foot of a page.
        page.ensure(s.body * 6.0);
        let mut heading = format!("{}. {}", n + 1, item.generic_name.trim().to_uppercase());
        for part in [&item.strength, &item.form] {
            if !part.trim().is_empty() {
                heading.push(' ');
                heading.push_str(part.trim());
            }
        }
        if let Some(b) = item.brand.as_deref().filter(|b| !b.trim().is_empty()) {
            heading.push_str(&format!(" ({})", b.trim()));
        }
        page.paragraph(&heading, FontStyle::Bold, s.body + 1.0, INK, 0.0);
        let indent = s.body * 1.6;
        if let Some(eye) = item.eye.as_deref().filter(|e| !e.trim().is_empty()) {
            let eye = eye.trim();
            let words = if eye.starts_with("both") {
                format!("For {eye}")
            } else {
                format!("For the {eye}")
            };
            page.paragraph(&words, FontStyle::Bold, s.body, INK, indent);
        }
        page.paragraph(
            &sentence(&item.directions),
            FontStyle::Regular,
            s.body,
            INK,
            indent,
        );
        if !item.schedule.is_empty() {
            page.gap(2.0);
            let col = |title: &str, weight| TableColumn {
                title: title.to_owned(),
                weight,
                align: Align::Left,
            };
            let spec = TableSpec {
                columns: vec![col("From", 1.0), col("To", 1.0), col("Dose", 2.6)],
                size: s.small + 0.5,
                grid: false,
                zebra: true,
                first_column_bold: false,
                empty_text: None,
            };
            let rows: Vec<Vec<String>> = item
                .schedule
                .iter()
                .map(|r| {
                    let to = if r.to.trim().is_empty() {
                        "until reviewed".to_owned()
                    } else {
                        r.to.clone()
                    };
                    vec![r.from.clone(), to, r.dose.clone()]
                })
                .collect();
            page.table(&spec, &rows)?;
        }
        page.gap(2.0);
        page.paragraph(
            &format!(
                "Quantity: {} · {}",
                item.quantity.trim(),
                item.repeats.trim()
            ),
            FontStyle::Regular,
            s.body,
            INK,
            indent,
        );
        if let Some(i) = item
            .instructions
            .as_deref()
            .filter(|i| !i.trim().is_empty())
        {
            page.paragraph(i.trim(), FontStyle::Regular, s.body, INK, indent);
        }
        if item.bought_elsewhere {
            page.paragraph(
                "Not supplied by the clinic: to be bought at a pharmacy.",
                FontStyle::Regular,
                s.small,
                MUTED,
                indent,
            );
        }
        page.gap(s.body * 0.8);
    }

    if let Authorisation::Signed(pr) = &doc.authorisation {
        let mut details = Vec::new();
        if let Some(spec) = pr
            .specialization
            .as_deref()
            .filter(|v| !v.trim().is_empty())
        {
            details.push(spec.trim().to_owned());
        }
        if let Some(licence) = pr
            .licence_number
            .as_deref()
            .filter(|v| !v.trim().is_empty())
        {
            details.push(format!("Licence no. {}", licence.trim()));
        }
        page.gap(s.body * 0.5);
        page.signature(&SignatureSpec {
            name: pr.full_name.clone(),
            details,
            note: pr.signature_text.clone().filter(|t| !t.trim().is_empty()),
        });
    }

    let reference = doc
        .reference
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(|r| format!("Reference: {r}"));
    page.finish(reference.as_deref())
}

/// Directions start with a capital and end with a full stop on paper.
fn sentence(text: &str) -> String {
    let t = text.trim();
    let mut chars = t.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let mut out: String = first.to_uppercase().chain(chars).collect();
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_prescription_still_renders() {
        let pdf = medication_rx(&MedicationRx::default()).expect("renders");
        assert!(pdf.starts_with(b"%PDF"));
    }

    #[test]
    fn directions_read_as_a_sentence() {
        assert_eq!(
            sentence("1 drop in the right eye"),
            "1 drop in the right eye."
        );
        assert_eq!(sentence(" a thin layer. "), "A thin layer.");
        assert_eq!(sentence(""), "");
    }
}
