//! The spectacle prescription.

use crate::fonts::FontStyle;
use crate::layout::{INK, MUTED, SignatureSpec, TableColumn, TableSpec};

use crate::prescription::{opening, or_blank, patient_rows};
use crate::{Align, Authorisation, PrintError, RxEye, SpectacleRx};

/// Render a spectacle prescription as PDF bytes (one page on A4, A5 or Letter unless the notes
/// are very long).
pub fn spectacle_rx(doc: &SpectacleRx) -> Result<Vec<u8>, PrintError> {
    let draft = doc.authorisation == Authorisation::Draft;
    let mut page = opening(
        "Spectacle prescription",
        doc.paper,
        &doc.clinic,
        &doc.patient,
        draft,
        "it must not be used to make glasses",
    )?;
    let s = page.scale;
    let mut rows = patient_rows(&doc.patient);
    rows.push(("MRN", or_blank(&doc.patient.mrn)));
    rows.push(("Date issued", or_blank(&doc.issued_on)));
    page.key_values(&rows, FontStyle::Bold);
    page.gap(s.body * 1.2);

    let value = |title: &str| TableColumn {
        title: title.to_owned(),
        weight: 1.0,
        align: Align::Center,
    };
    let spec = TableSpec {
        columns: vec![
            TableColumn {
                title: String::new(),
                weight: 1.35,
                align: Align::Left,
            },
            value("Sphere"),
            value("Cylinder"),
            value("Axis"),
            value("ADD"),
            value("Prism"),
            value("PD"),
        ],
        size: s.body + 1.0,
        grid: true,
        zebra: false,
        first_column_bold: true,
        empty_text: None,
    };
    page.table(
        &spec,
        &[
            eye_row("OD (right)", &doc.od),
            eye_row("OS (left)", &doc.os),
        ],
    )?;
    page.gap(s.body * 0.5);

    if let Some(pd) = doc
        .binocular_pd
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let unit = if pd.ends_with("mm") { "" } else { " mm" };
        page.paragraph(
            &format!("Binocular PD: {pd}{unit}"),
            FontStyle::Regular,
            s.body,
            INK,
            0.0,
        );
    }
    if !doc.cylinder_form.trim().is_empty() {
        page.paragraph(
            &format!("Cylinder form: {}", doc.cylinder_form.trim()),
            FontStyle::Regular,
            s.small,
            MUTED,
            0.0,
        );
    }

    if let Some(notes) = doc.notes.as_deref().filter(|n| !n.trim().is_empty()) {
        page.gap(s.body * 0.9);
        page.paragraph("Lens notes", FontStyle::Bold, s.body, INK, 0.0);
        page.gap(1.0);
        page.paragraph(notes.trim(), FontStyle::Regular, s.body, INK, 0.0);
    }

    if let Some(expiry) = doc.expires_on.as_deref().filter(|e| !e.trim().is_empty()) {
        page.gap(s.body * 0.9);
        page.paragraph(
            &format!("Valid until {}", expiry.trim()),
            FontStyle::Bold,
            s.body,
            INK,
            0.0,
        );
    }

    // A draft has no signature block: nobody has put their name to it.
    if let Authorisation::Signed(p) = &doc.authorisation {
        let mut details = Vec::new();
        if let Some(spec) = p.specialization.as_deref().filter(|v| !v.trim().is_empty()) {
            details.push(spec.trim().to_owned());
        }
        if let Some(licence) = p.licence_number.as_deref().filter(|v| !v.trim().is_empty()) {
            details.push(format!("Licence no. {}", licence.trim()));
        }
        page.gap(s.body * 0.5);
        page.signature(&SignatureSpec {
            name: p.full_name.clone(),
            details,
            note: p.signature_text.clone().filter(|t| !t.trim().is_empty()),
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

fn eye_row(label: &str, eye: &RxEye) -> Vec<String> {
    [
        &eye.sphere,
        &eye.cylinder,
        &eye.axis,
        &eye.add,
        &eye.prism,
        &eye.pd,
    ]
    .into_iter()
    .fold(vec![label.to_owned()], |mut row, v| {
        row.push(or_blank(v));
        row
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_values_print_as_a_dash() {
        let eye = RxEye {
            sphere: "+1.25".into(),
            axis: " ".into(),
            ..RxEye::default()
        };
        assert_eq!(
            eye_row("OD (right)", &eye),
            ["OD (right)", "+1.25", "—", "—", "—", "—", "—"]
        );
    }

    #[test]
    fn an_empty_prescription_still_renders() {
        let pdf = spectacle_rx(&SpectacleRx::default()).expect("renders");
        assert!(pdf.starts_with(b"%PDF"));
    }
}
