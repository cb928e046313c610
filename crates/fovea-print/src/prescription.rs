//! What every prescription opens with: the clinic's letterhead, the title (marked as a draft before signing, with
//! what the draft must not be used for), a running head naming the patient on later sheets, and the patient's lines.

use crate::fonts::FontStyle;
use crate::layout::{INK, Layout};
use crate::{ClinicHeader, DRAFT_MARK, Paper, PatientLine, PrintError};

/// The draft line under the title: the watermark's colour, darker, so it reads as a warning in grey print too.
const WARNING_TEXT: printpdf::Color = printpdf::Color::Rgb(printpdf::Rgb {
    r: 0.62,
    g: 0.10,
    b: 0.10,
    icc_profile: None,
});

/// What an empty value prints as: a dash shows the field was left blank on purpose, where an empty cell could be
/// taken for a printing fault or filled in by hand.
const BLANK: &str = "—";

/// A prescription's first sheet up to the patient's lines. `draft_forbids` ends the sentence "This copy is for
/// checking only; …" ("it must not be used to make glasses").
pub(crate) fn opening(
    title: &str,
    paper: Paper,
    clinic: &ClinicHeader,
    patient: &PatientLine,
    draft: bool,
    draft_forbids: &str,
) -> Result<Layout, PrintError> {
    let heading = if draft {
        format!("{title} — {DRAFT_MARK}")
    } else {
        title.to_owned()
    };
    let mut page = Layout::new(paper, &heading)?;
    let s = page.scale;
    if draft {
        page.set_watermark(Some(DRAFT_MARK.to_owned()));
    }
    page.clinic_header(clinic);
    // If a long prescription runs onto a second sheet, that sheet must still say whose prescription it is.
    let who = [patient.full_name.trim(), patient.mrn.trim()]
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(", MRN ");
    let draft_note = if draft { " — draft, not valid" } else { "" };
    page.set_running_head(Some(format!("{title}{draft_note} — {who} (continued)")));
    page.paragraph(title, FontStyle::Bold, s.title, INK, 0.0);
    if draft {
        page.paragraph(DRAFT_MARK, FontStyle::Bold, s.body + 1.0, WARNING_TEXT, 0.0);
        page.paragraph(
            &format!(
                "The examination is not signed. This copy is for checking only; {draft_forbids}."
            ),
            FontStyle::Regular,
            s.body,
            INK,
            0.0,
        );
    }
    page.gap(s.body * 0.6);
    Ok(page)
}

/// The patient's name and date of birth with age, as the first lines of the patient block.
pub(crate) fn patient_rows(patient: &PatientLine) -> Vec<(&'static str, String)> {
    let born = match patient
        .age
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())
    {
        Some(age) if !patient.date_of_birth.trim().is_empty() => {
            format!("{} (age {age})", patient.date_of_birth.trim())
        }
        Some(age) => format!("age {age}"),
        None => patient.date_of_birth.trim().to_owned(),
    };
    vec![
        ("Patient", or_blank(&patient.full_name)),
        ("Date of birth", or_blank(&born)),
    ]
}

pub(crate) fn or_blank(value: &str) -> String {
    if value.trim().is_empty() {
        BLANK.to_owned()
    } else {
        value.trim().to_owned()
    }
}
