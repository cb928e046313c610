//! Fovea's core: every rule, query, permission and audit step of the product. The desktop app and the `fovea` CLI
//! are two thin front doors onto [`Fovea::call`], which dispatches through the operation [`catalog`].

pub mod accounts;
pub mod appointments;
pub mod audit;
pub mod billing;
pub mod catalog;
pub mod clinic;
pub mod dates;
pub mod demo;
pub mod documents;
mod error;
pub mod exam;
mod fovea;
pub mod money;
pub mod patients;
pub mod pharmacy;
pub mod prescriptions;
pub mod storage;
pub mod sync;
pub(crate) mod text;
pub mod time;
pub mod workstation;

pub use error::{Error, ErrorCode, Result};
pub use fovea::Fovea;

use std::path::PathBuf;

/// The desktop app's identifier; also names its data directory, so the app and the CLI find the same database.
pub const APP_IDENTIFIER: &str = "org.fovea.desktop";

/// Where the database lives when nothing says otherwise: `FOVEA_DB`, else `<OS app-data dir>/org.fovea.desktop/fovea.db`
/// (on Linux `~/.local/share/org.fovea.desktop/fovea.db`).
pub fn default_db_path() -> Result<PathBuf> {
    if let Some(p) = std::env::var_os("FOVEA_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let base = dirs::data_dir()
        .ok_or_else(|| Error::storage("Cannot find the user's data directory; set FOVEA_DB."))?;
    Ok(base.join(APP_IDENTIFIER).join("fovea.db"))
}
