//! Medication prescriptions: written by the doctor in the consultation, several items each with its eye, dose,
//! frequency, duration or taper, quantity and repeats; signed with the examination and sealed with it.

pub mod item;

pub use item::{Dose, DoseUnit, Frequency, PrescribedMedicine, PrescriptionItem, Step, eye_words};
pub mod ops;
