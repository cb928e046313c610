//! The dispensing label stuck on a medicine's box: one 70 × 36 mm label (the common size of pharmacy label rolls
//! and sheets). A long taper that does not fit runs onto a second label, which names the patient again and says
//! "Label 2 of 2".

use crate::fonts::FontStyle;
use crate::layout::{ACCENT, INK, Layout, MUTED, Scale};
use crate::{ClinicHeader, PrintError};
use serde::{Deserialize, Serialize};

/// A dispensing label, every value already formatted by the caller.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DispensingLabel {
    /// The clinic's name and phone are printed; the address is not (no room).
    pub clinic: ClinicHeader,
    pub patient_name: String,
    pub mrn: String,
    /// The medicine with its generic name in capitals: "PREDNISOLONE ACETATE 1% suspension".
    pub medicine: String,
    /// The eye and the directions in words: "1 drop in the right eye four times daily for 7 days".
    pub directions: String,
    /// The prescriber's further instructions, if any.
    pub instructions: Option<String>,
    /// "1 pack (5 mL bottle)".
    pub quantity: String,
    pub dispensed_on: String,
    /// One entry per batch handed over: "Lot PA123, expires 03/2027".
    pub lots: Vec<String>,
    /// "Discard 28 days after opening, by 30/12/2026 if opened today", for medicines with a use-within period.
    pub discard: Option<String>,
}

/// The label's width and height in millimetres.
pub const LABEL_SIZE_MM: (f32, f32) = (70.0, 36.0);

/// Printed on every label, whatever the medicine.
pub const KEEP_AWAY_FROM_CHILDREN: &str = "Keep out of the reach of children";

fn scale() -> Scale {
    const MM: f32 = 72.0 / 25.4;
    Scale {
        body: 6.4,
        small: 5.4,
        clinic: 6.0,
        title: 7.2,
        margin_x: 2.6 * MM,
        margin_top: 2.2 * MM,
        margin_bottom: 1.6 * MM,
    }
}

/// Render a dispensing label as PDF bytes.
pub fn dispensing_label(label: &DispensingLabel) -> Result<Vec<u8>, PrintError> {
    // A single label uses its full height; only when it runs over is a line kept for "Label N of M".
    let single = lay_out(label, None)?;
    if single.page_count() == 1 {
        return single.finish(None);
    }
    lay_out(label, Some("Label"))?.finish(None)
}

fn lay_out(label: &DispensingLabel, count_word: Option<&str>) -> Result<Layout, PrintError> {
    let (w, h) = LABEL_SIZE_MM;
    let mut page = Layout::with_size(w, h, scale(), count_word, "Dispensing label")?;
    let s = page.scale;
    let who = [label.patient_name.trim(), label.mrn.trim()]
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(", MRN ");
    page.set_running_head(Some(format!("{who} (continued)")));

    let clinic = [
        label.clinic.name.trim().to_owned(),
        label
            .clinic
            .phone
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| format!("Phone {p}"))
            .unwrap_or_default(),
    ]
    .into_iter()
    .filter(|t| !t.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    page.paragraph(&clinic, FontStyle::Bold, s.clinic, ACCENT, 0.0);
    page.rule(0.5, ACCENT, 1.6);
    page.paragraph(&who, FontStyle::Regular, s.body, INK, 0.0);
    page.gap(0.6);
    page.paragraph(&label.medicine, FontStyle::Bold, s.title, INK, 0.0);
    page.paragraph(&label.directions, FontStyle::Regular, s.body, INK, 0.0);
    if let Some(extra) = label
        .instructions
        .as_deref()
        .filter(|t| !t.trim().is_empty())
    {
        page.paragraph(extra, FontStyle::Regular, s.body, INK, 0.0);
    }
    page.gap(0.6);
    page.paragraph(
        &format!(
            "Quantity: {} · Dispensed {}",
            label.quantity.trim(),
            label.dispensed_on.trim()
        ),
        FontStyle::Regular,
        s.small,
        INK,
        0.0,
    );
    if !label.lots.is_empty() {
        page.paragraph(
            &label.lots.join("; "),
            FontStyle::Regular,
            s.small,
            INK,
            0.0,
        );
    }
    if let Some(discard) = label.discard.as_deref().filter(|t| !t.trim().is_empty()) {
        page.paragraph(discard, FontStyle::Bold, s.small, INK, 0.0);
    }
    page.paragraph(
        KEEP_AWAY_FROM_CHILDREN,
        FontStyle::Bold,
        s.small,
        MUTED,
        0.0,
    );
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(directions: &str) -> DispensingLabel {
        DispensingLabel {
            clinic: ClinicHeader {
                name: "Augenklinik am Fluss".into(),
                address: Some("Hauptstraße 12".into()),
                phone: Some("+49 89 1234 5678".into()),
                registration: None,
            },
            patient_name: "Zoë Łukasiewicz-Ó Briain".into(),
            mrn: "R1-000123".into(),
            medicine: "PREDNISOLONE ACETATE 1% suspension (Pred Forte)".into(),
            directions: directions.into(),
            instructions: Some("Shake the bottle well".into()),
            quantity: "1 pack of 5 mL".into(),
            dispensed_on: "02/12/2026".into(),
            lots: vec!["Lot PA123, expires 31/01/2028".into()],
            discard: Some("Discard 28 days after opening, by 30/12/2026 if opened today".into()),
        }
    }

    fn pages(bytes: &[u8]) -> Vec<String> {
        let doc = lopdf::Document::load_mem(bytes).expect("a readable PDF");
        let n = doc.get_pages().len() as u32;
        (1..=n)
            .map(|p| doc.extract_text(&[p]).unwrap_or_default())
            .collect()
    }

    #[test]
    fn a_course_fits_one_label_with_every_line() {
        let bytes = dispensing_label(&label(
            "1 drop in the right eye four times daily for 7 days",
        ))
        .expect("label");
        let pages = pages(&bytes);
        assert_eq!(pages.len(), 1, "{pages:?}");
        let text = pages[0].split_whitespace().collect::<Vec<_>>().join(" ");
        for want in [
            "Augenklinik am Fluss",
            "R1-000123",
            "PREDNISOLONE ACETATE",
            "right eye",
            "Lot PA123",
            "Discard 28 days after opening",
            KEEP_AWAY_FROM_CHILDREN,
        ] {
            assert!(text.contains(want), "missing {want:?} in {text:?}");
        }
        assert!(
            !text.contains("Label 1 of"),
            "a single label is not numbered"
        );
        assert!(!text.contains("Hauptstraße"), "no room for the address");
    }

    #[test]
    fn a_long_taper_runs_onto_a_numbered_second_label_that_names_the_patient() {
        let taper = [
            "four", "three", "twice", "once", "four", "three", "twice", "once",
        ]
        .map(|f| format!("1 drop in the left eye {f} times daily for 7 days"))
        .join(", then ");
        let pages = pages(&dispensing_label(&label(&taper)).expect("label"));
        assert!(pages.len() >= 2, "{pages:?}");
        let last = pages[pages.len() - 1]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            last.contains(&format!("Label {} of {}", pages.len(), pages.len())),
            "{last}"
        );
        assert!(last.contains("R1-000123"), "{last}");
        assert!(last.contains(KEEP_AWAY_FROM_CHILDREN), "{last}");
    }
}
