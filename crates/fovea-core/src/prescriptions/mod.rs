//! Medication prescriptions: written by the doctor in the consultation, several items each with its eye, dose,
//! frequency, duration or taper, quantity and repeats; signed with the examination and sealed with it.
//!
//! `item` is the stored shape; `validate` turns what the doctor types into items; `record` reads and saves the
//! visit's prescription; `taper` lays a course out in dates and counts days of supply; `warnings` says what to check
//! (allergies, duplicates, a bottle that will not last); `templates` are the clinic's tapers; `print` is the paper.

pub mod item;
pub mod ops;
pub mod print;
pub mod record;
pub mod taper;
pub mod templates;
pub mod validate;
pub mod warnings;

pub use item::{Dose, DoseUnit, Frequency, PrescribedMedicine, PrescriptionItem, Step, eye_words};
pub use record::{PrescriptionLine, PrescriptionView};
pub use validate::PrescriptionItemInput;
pub use warnings::{PrescriptionWarning, PrescriptionWarningKind};
