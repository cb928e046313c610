//! Permissions: what an operation requires of its caller. Each operation declares one; roles map to sets of them.

use serde::Serialize;
use ts_rs::TS;

use crate::{Fovea, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Permission {
    /// Needed by the window before anyone signs in (what clinic is this, is it set up).
    Public,
    /// First-start set-up of an empty database.
    Setup,
    /// Change this workstation's settings.
    ManageWorkstation,
    /// Find patients and read their demographics.
    ReadPatients,
    /// Register patients and edit or archive their demographics.
    WritePatients,
}

/// Checks that the caller may use an operation requiring `permission`.
///
/// Staff accounts do not exist yet, so every caller is the workstation itself and is allowed; the accounts and
/// roles work replaces this with a check of the signed-in user's roles.
pub(crate) fn authorize(_fovea: &Fovea, _permission: Permission) -> Result<()> {
    Ok(())
}
