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
    /// "Discard 28 days after opening (opened today: by 30/12/2026)", for medicines with a use-within period.
    pub discard: Option<String>,
}

/// The label's width and height in millimetres.
pub const LABEL_SIZE_MM: (f32, f32) = (70.0, 36.0);

/// Printed on every label, whatever the medicine.
pub const KEEP_AWAY_FROM_CHILDREN: &str = "Keep out of the reach of children";

fn scale() -> Scale {
    const MM: f32 = 72.0 / 25.4;
    Scale {
        body: 7.0,
        small: 5.6,
        clinic: 6.4,
        title: 8.0,
        margin_x: 3.0 * MM,
        margin_top: 2.6 * MM,
        margin_bottom: 2.0 * MM,
    }
}

/// Render a dispensing label as PDF bytes.
pub fn dispensing_label(label: &DispensingLabel) -> Result<Vec<u8>, PrintError> {
    let (w, h) = LABEL_SIZE_MM;
    let mut page = Layout::with_size(w, h, scale(), "Label", "Dispensing label")?;
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
    page.rule(0.6, ACCENT, 2.0);
    page.paragraph(&who, FontStyle::Regular, s.body, INK, 0.0);
    page.gap(0.8);
    page.paragraph(&label.medicine, FontStyle::Bold, s.title, INK, 0.0);
    page.paragraph(&label.directions, FontStyle::Regular, s.body, INK, 0.0);
    if let Some(extra) = label
        .instructions
        .as_deref()
        .filter(|t| !t.trim().is_empty())
    {
        page.paragraph(extra, FontStyle::Regular, s.body, INK, 0.0);
    }
    page.gap(0.8);
    page.paragraph(
        &format!(
            "Quantity: {}   Dispensed {}",
            label.quantity.trim(),
            label.dispensed_on.trim()
        ),
        FontStyle::Regular,
        s.small,
        INK,
        0.0,
    );
    if !label.lots.is_empty() {
        page.paragraph(&label.lots.join("; "), FontStyle::Regular, s.small, INK, 0.0);
    }
    if let Some(discard) = label.discard.as_deref().filter(|t| !t.trim().is_empty()) {
        page.paragraph(discard, FontStyle::Bold, s.small, INK, 0.0);
    }
    page.paragraph(KEEP_AWAY_FROM_CHILDREN, FontStyle::Bold, s.small, MUTED, 0.0);
    page.finish(None)
}
