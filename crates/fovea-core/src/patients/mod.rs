//! Patients: registration with validation and duplicate warnings, edits, archiving, and search.

pub mod ops;
mod search;
mod service;
mod types;
mod validate;

pub use search::{SearchPlan, SqlStep, plan_search, sql_steps};
pub(crate) use service::insert_patient;
pub(crate) use service::load;
pub use service::{archive, get, register, search, update};
pub use types::*;
pub(crate) use validate::phone;
pub use validate::{ValidPatient, validate};
