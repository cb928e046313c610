//! Patients: registration with validation and duplicate warnings, edits, archiving, and search.

pub mod ops;
mod search;
mod service;
mod types;
mod validate;

pub use search::{SearchPlan, plan_search};
pub(crate) use service::insert_patient;
pub use service::{archive, get, register, search, update};
pub use types::*;
pub use validate::{ValidPatient, validate};
