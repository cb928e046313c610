//! The shapes of patient data as they cross the front doors.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Sex {
    Female,
    Male,
    Other,
    Unknown,
}

impl Sex {
    pub fn as_str(self) -> &'static str {
        match self {
            Sex::Female => "female",
            Sex::Male => "male",
            Sex::Other => "other",
            Sex::Unknown => "unknown",
        }
    }
}

/// What a receptionist types to register or edit a patient. Empty optional texts are stored as absent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PatientInput {
    pub first_name: String,
    pub last_name: String,
    /// ISO `YYYY-MM-DD` or the clinic's date format.
    pub date_of_birth: String,
    pub sex: Sex,
    pub phones: Vec<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub national_id: Option<String>,
    pub medical_history: Option<String>,
    pub allergies: Option<String>,
    pub current_medications: Option<String>,
    pub emergency_contact_name: Option<String>,
    pub emergency_contact_phone: Option<String>,
    /// The doctor or optometrist booking proposes first; an active clinician, or none.
    #[serde(default)]
    pub usual_clinician_id: Option<String>,
}

/// A patient's record. Dates are ISO; `age_years` is on today's date in the clinic's time zone.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Patient {
    pub id: String,
    pub mrn: String,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: String,
    pub age_years: i32,
    pub sex: Sex,
    pub phones: Vec<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub national_id: Option<String>,
    pub medical_history: Option<String>,
    pub allergies: Option<String>,
    pub current_medications: Option<String>,
    pub emergency_contact_name: Option<String>,
    pub emergency_contact_phone: Option<String>,
    pub usual_clinician_id: Option<String>,
    pub usual_clinician_name: Option<String>,
    pub archived: bool,
    pub created_at: String,
    pub updated_at: String,
}

/// Why a search result matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MatchKind {
    Mrn,
    Phone,
    DateOfBirth,
    Name,
}

/// One row of a search result or of a duplicate warning.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PatientSummary {
    pub id: String,
    pub mrn: String,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: String,
    pub age_years: i32,
    pub sex: Sex,
    pub phones: Vec<String>,
    pub archived: bool,
    pub matched_by: MatchKind,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SearchPatientsRequest {
    /// Name fragments in any order, an MRN, phone digits (the last 6 or more suffice) or a date of birth.
    /// Empty: the most recently registered patients.
    pub query: String,
    /// At most this many results (default 50, at most 200).
    pub limit: Option<u32>,
    pub include_archived: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SearchPatientsResponse {
    pub results: Vec<PatientSummary>,
    pub total_shown: u32,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct RegisterPatientRequest {
    pub patient: PatientInput,
    /// Register even though patients with the same name and date of birth, or the same phone, exist.
    pub allow_duplicate: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "outcome", rename_all = "snake_case")]
#[ts(export)]
// Built once per request and serialized straight away; boxing would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum RegisterPatientResponse {
    Registered {
        patient: Patient,
    },
    /// Nothing was registered: these patients look like the same person. Re-send with `allow_duplicate` to
    /// register anyway.
    PossibleDuplicates {
        candidates: Vec<PatientSummary>,
    },
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct GetPatientRequest {
    pub id: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct UpdatePatientRequest {
    pub id: String,
    pub patient: PatientInput,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ArchivePatientRequest {
    pub id: String,
    /// True to archive, false to bring an archived patient back.
    pub archived: bool,
}
