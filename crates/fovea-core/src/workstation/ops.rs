//! Operations about the app and this workstation: what it is, first-start set-up, renaming the workstation.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::catalog::{Empty, Operation, Permission};
use crate::clinic;
use crate::dates::DateFormat;
use crate::{Error, Fovea, Result};

/// What the window shows before anything else: is this database set up, for which clinic, on which workstation.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AppInfo {
    pub version: String,
    pub database_path: String,
    pub setup_done: bool,
    pub clinic_name: Option<String>,
    pub workstation_code: Option<String>,
    /// True once the workstation has issued numbers carrying its code.
    pub workstation_code_locked: bool,
    pub date_format: DateFormat,
    /// Today in the clinic's time zone, ISO.
    pub today: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SetupRequest {
    pub clinic_name: String,
    pub workstation_code: String,
    pub date_format: DateFormat,
    /// How many sample patients to add for a demo clinic; 0 for none.
    pub demo_patients: u32,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct RenameWorkstationRequest {
    pub workstation_code: String,
}

fn app_info(fovea: &Fovea) -> Result<AppInfo> {
    fovea.read(|conn| {
        let locale = clinic::locale(conn)?;
        let clinic_name = clinic::get(conn, clinic::CLINIC_NAME)?;
        let workstation_code = super::code(conn)?;
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            database_path: fovea.path().display().to_string(),
            setup_done: clinic_name.is_some() && workstation_code.is_some(),
            clinic_name,
            workstation_code,
            workstation_code_locked: super::code_locked(conn)?,
            date_format: locale.date_format,
            today: locale.today.to_string(),
        })
    })
}

pub struct Info;
impl Operation for Info {
    const NAME: &'static str = "app.info";
    const SUMMARY: &'static str =
        "Version, database path, clinic name and workstation code; whether set-up is done.";
    const PERMISSION: Permission = Permission::Public;
    type Request = Empty;
    type Response = AppInfo;

    fn run(fovea: &Fovea, _: Empty) -> Result<AppInfo> {
        app_info(fovea)
    }
}

/// Most demo clinics are tried with a few hundred patients; the CLI seeds clinic-scale data.
const MAX_SETUP_DEMO_PATIENTS: u32 = 5_000;

pub struct Setup;
impl Operation for Setup {
    const NAME: &'static str = "app.setup";
    const SUMMARY: &'static str =
        "First start: name the clinic and this workstation, optionally add demo patients.";
    const PERMISSION: Permission = Permission::Setup;
    type Request = SetupRequest;
    type Response = AppInfo;

    fn run(fovea: &Fovea, req: SetupRequest) -> Result<AppInfo> {
        let clinic_name = req.clinic_name.trim();
        if clinic_name.is_empty() {
            return Err(Error::validation("clinic_name", "Enter the clinic's name."));
        }
        if clinic_name.chars().count() > 120 {
            return Err(Error::validation(
                "clinic_name",
                "Keep the clinic's name under 120 characters.",
            ));
        }
        let code = super::normalize_code(&req.workstation_code)?;
        if req.demo_patients > MAX_SETUP_DEMO_PATIENTS {
            return Err(Error::validation(
                "demo_patients",
                format!(
                    "At most {MAX_SETUP_DEMO_PATIENTS} demo patients here; use `fovea demo seed` for more."
                ),
            ));
        }
        if app_info(fovea)?.setup_done {
            return Err(Error::conflict("This workstation is already set up."));
        }
        fovea.write(|w| {
            super::set_code(w.tx(), &code)?;
            clinic::set(w, clinic::CLINIC_NAME, clinic_name)?;
            clinic::set(w, clinic::DATE_FORMAT, req.date_format.as_setting())
        })?;
        if req.demo_patients > 0 {
            crate::demo::seed_patients(fovea, req.demo_patients as usize, 7, &mut |_, _| {})?;
        }
        app_info(fovea)
    }
}

pub struct RenameWorkstation;
impl Operation for RenameWorkstation {
    const NAME: &'static str = "app.rename_workstation";
    const SUMMARY: &'static str =
        "Change this workstation's code, allowed until it has issued its first number.";
    const PERMISSION: Permission = Permission::ManageWorkstation;
    type Request = RenameWorkstationRequest;
    type Response = AppInfo;

    fn run(fovea: &Fovea, req: RenameWorkstationRequest) -> Result<AppInfo> {
        let code = super::normalize_code(&req.workstation_code)?;
        fovea.write(|w| super::set_code(w.tx(), &code))?;
        app_info(fovea)
    }
}
