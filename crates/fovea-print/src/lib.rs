//! Fovea's printed documents, as PDF bytes.
//!
//! This crate knows nothing of the database or of clinical rules. `fovea-core` formats every
//! value the way the clinic wants it (dates in the clinic's format, dioptres as `+1.25`, axis as
//! `090`) and hands plain structs to the functions here, which only lay them out:
//!
//! - [`spectacle_rx`]: a spectacle prescription ([`SpectacleRx`]), one page on A4, A5 or Letter;
//! - [`medication_rx`]: a medication prescription ([`MedicationRx`]), medicines with their directions and
//!   tapers in words, across as many pages as it needs;
//! - [`dispensing_label`]: a 70 × 36 mm dispensing label ([`DispensingLabel`]);
//! - [`bill`]: an invoice or a receipt ([`BillDocument`]) with its lines, totals, payments and balance;
//! - [`table`]: a titled list ([`TableDocument`]) such as tomorrow's reminder calls or a recall
//!   list, across as many pages as it needs with the header row repeated.
//!
//! Text is set in the embedded DejaVu Sans (see `fonts/LICENSE-DejaVu.txt`), subset per document,
//! so names from any European language print as typed and extract correctly from the PDF.
//! Characters the font lacks (emoji) print as `?` rather than failing the document.

mod fonts;
mod invoice;
mod label;
mod layout;
mod medication;
mod prescription;
mod spectacle;
mod table;

use serde::{Deserialize, Serialize};

pub use invoice::{BillDocument, BillKind, BillLine, BillPayment, bill};
pub use label::{DispensingLabel, KEEP_AWAY_FROM_CHILDREN, LABEL_SIZE_MM, dispensing_label};
pub use medication::{MedicationLine, MedicationRx, ScheduleLine, medication_rx};
pub use spectacle::spectacle_rx;
pub use table::table;

/// Paper sizes a clinic prints on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Paper {
    /// 210 × 297 mm (595.28 × 841.89 pt).
    #[default]
    A4,
    /// 148 × 210 mm (419.53 × 595.28 pt), the usual prescription pad size.
    A5,
    /// US Letter, 215.9 × 279.4 mm (612 × 792 pt).
    Letter,
}

impl Paper {
    /// Width and height in millimetres.
    pub fn size_mm(self) -> (f32, f32) {
        match self {
            Paper::A4 => (210.0, 297.0),
            Paper::A5 => (148.0, 210.0),
            Paper::Letter => (215.9, 279.4),
        }
    }

    /// Width and height in PDF points (1/72 inch).
    pub fn size_pt(self) -> (f32, f32) {
        let (w, h) = self.size_mm();
        (w * 72.0 / 25.4, h * 72.0 / 25.4)
    }
}

/// The clinic's letterhead, from clinic settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClinicHeader {
    /// Printed large and bold at the top.
    pub name: String,
    /// Postal address; may span several lines separated by `\n`.
    pub address: Option<String>,
    /// Phone number as the clinic writes it.
    pub phone: Option<String>,
    /// Registration details the law asks invoices to carry (company or tax number), printed small under the phone.
    #[serde(default)]
    pub registration: Option<String>,
}

/// Who a document is for.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PatientLine {
    /// Full name as registered, printed exactly (accents included).
    pub full_name: String,
    /// Date of birth, already formatted.
    pub date_of_birth: String,
    /// Age as the clinic writes it (`"64"` or `"64 years"`); printed as "(age …)" after the
    /// date of birth.
    pub age: Option<String>,
    /// Medical record number, e.g. `R1-000123`.
    pub mrn: String,
}

/// Who signs a prescription.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Prescriber {
    /// Printed in bold under the signature line.
    pub full_name: String,
    /// E.g. "Consultant ophthalmologist" or "Optometrist".
    pub specialization: Option<String>,
    /// Printed as "Licence no. …".
    pub licence_number: Option<String>,
    /// A line printed small under the prescriber, e.g. "Signed electronically on 12/03/2026".
    pub signature_text: Option<String>,
}

/// Whether a prescription may be used: only a signed record makes one. A draft prints so the clinician can check it,
/// marked across every page and in its title as not valid, with no signature block.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Authorisation {
    /// The examination is not signed yet (what a prescription is until someone signs it).
    #[default]
    Draft,
    /// Signed, by this prescriber.
    Signed(Prescriber),
}

/// The words a draft carries, in its title and across each page.
pub const DRAFT_MARK: &str = "DRAFT — NOT VALID AS A PRESCRIPTION";

/// One eye's row of a spectacle prescription. Every value is preformatted (`+1.25`, `090`,
/// `2.0 BI`, `32.0`); an empty string prints as "—".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RxEye {
    /// Sphere in dioptres, e.g. `+1.25`, `-0.50` or `plano`.
    pub sphere: String,
    /// Cylinder in dioptres.
    pub cylinder: String,
    /// Axis in degrees, three digits.
    pub axis: String,
    /// Near addition.
    pub add: String,
    /// Prism with its base, e.g. `2.0 BI`.
    pub prism: String,
    /// Monocular pupillary distance in mm.
    pub pd: String,
}

/// A spectacle prescription, ready to print.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SpectacleRx {
    /// Letterhead.
    pub clinic: ClinicHeader,
    /// Paper to lay out for.
    pub paper: Paper,
    /// The patient.
    pub patient: PatientLine,
    /// Whether the prescription is valid, and who issued it.
    pub authorisation: Authorisation,
    /// Date of issue, formatted.
    pub issued_on: String,
    /// Printed as "Valid until …" when given.
    pub expires_on: Option<String>,
    /// Right eye.
    pub od: RxEye,
    /// Left eye.
    pub os: RxEye,
    /// Binocular PD, e.g. `64` or `64/61` (distance/near); printed with "mm".
    pub binocular_pd: Option<String>,
    /// The cylinder form the values are written in, e.g. "minus cylinder"; printed small under
    /// the table.
    pub cylinder_form: String,
    /// Lens notes (lens type, coatings, tint…); may be long and contain newlines.
    pub notes: Option<String>,
    /// Visit or document number, printed in the footer of every page.
    pub reference: Option<String>,
}

/// A generic titled list, e.g. tomorrow's reminder calls or a recall list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TableDocument {
    /// Letterhead (first page; later pages carry a one-line running head).
    pub clinic: ClinicHeader,
    /// Paper to lay out for.
    pub paper: Paper,
    /// Document title.
    pub title: String,
    /// A line under the title, e.g. the date range or filter.
    pub subtitle: Option<String>,
    /// Columns, left to right; at least one.
    pub columns: Vec<Column>,
    /// Cells, row by row. A short row is padded with empty cells; a row longer than
    /// `columns` is an error.
    pub rows: Vec<Vec<String>>,
    /// Printed in the table when `rows` is empty, e.g. "No calls due tomorrow."
    pub empty_text: String,
    /// Printed in the footer of every page, e.g. "Printed 12/03/2026 17:05 by reception".
    pub footer_note: Option<String>,
}

/// A column of a [`TableDocument`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    /// Header text.
    pub title: String,
    /// Relative width: the table fills the page width in proportion to the columns' weights.
    /// Must be a positive number.
    pub width: f32,
    /// Alignment of the header and cells (numbers and times read best right-aligned).
    pub align: Align,
}

/// Horizontal alignment inside a table cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Align {
    /// Flush left (text).
    #[default]
    Left,
    /// Flush right (numbers, amounts).
    Right,
    /// Centred (short codes).
    Center,
}

/// A document could not be produced. The message says why, in words a user can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct PrintError(String);

impl PrintError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paper_sizes_in_points() {
        let close = |(w, h): (f32, f32), (ew, eh): (f32, f32)| {
            (w - ew).abs() < 0.01 && (h - eh).abs() < 0.01
        };
        assert!(close(Paper::A4.size_pt(), (595.2756, 841.8898)));
        assert!(close(Paper::A5.size_pt(), (419.5276, 595.2756)));
        assert!(close(Paper::Letter.size_pt(), (612.0, 792.0)));
    }

    #[test]
    fn error_displays_its_message() {
        let e = PrintError::new("no columns");
        assert_eq!(e.to_string(), "no columns");
        assert_eq!(e.message(), "no columns");
    }
}
