//! Operations about the app and this workstation: what it is, first-start set-up, renaming the workstation.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::{self, Role};
use crate::catalog::Empty;
use crate::catalog::{area_operations, op};
use crate::clinic::{self, ClinicSettings};
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

/// The first administrator, created at set-up.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct NewAdmin {
    pub username: String,
    pub full_name: String,
    pub password: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SetupRequest {
    pub clinic: ClinicSettings,
    pub workstation_code: String,
    pub admin: NewAdmin,
    /// How many sample patients to add for a demo clinic; 0 for none. A demo clinic also gets one staff
    /// account per role, all with the administrator's password.
    pub demo_patients: u32,
    /// Set up a demo clinic (also when demo patients are asked for, which adds the demo staff too): it takes demo
    /// data, now and later (`fovea demo seed`). Fixed at set-up: a real clinic never becomes one.
    #[serde(default)]
    pub demo: bool,
}

impl SetupRequest {
    /// Sets up `clinic` as workstation `workstation_code` with its first administrator, and no demo patients.
    pub fn new(clinic: ClinicSettings, workstation_code: &str, admin: NewAdmin) -> Self {
        SetupRequest {
            clinic,
            workstation_code: workstation_code.to_string(),
            admin,
            demo_patients: 0,
            demo: false,
        }
    }
}

impl NewAdmin {
    pub fn new(username: &str, full_name: &str, password: &str) -> Self {
        NewAdmin {
            username: username.to_string(),
            full_name: full_name.to_string(),
            password: password.to_string(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct RenameWorkstationRequest {
    pub workstation_code: String,
}

/// A clinic is set up once it has a workstation code and an account.
pub(crate) fn is_set_up(conn: &rusqlite::Connection) -> Result<bool> {
    Ok(super::code(conn)?.is_some() && accounts::count(conn)? > 0)
}

fn already_set_up() -> Error {
    Error::conflict("This workstation is already set up.")
}

fn app_info(fovea: &Fovea) -> Result<AppInfo> {
    fovea.read(|conn| {
        let locale = clinic::locale(conn, fovea.now())?;
        let clinic_name = clinic::get(conn, clinic::CLINIC_NAME)?;
        let workstation_code = super::code(conn)?;
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            database_path: fovea.path().display().to_string(),
            setup_done: is_set_up(conn)?,
            clinic_name,
            workstation_code,
            workstation_code_locked: super::code_locked(conn)?,
            date_format: locale.date_format,
            today: locale.today.to_string(),
        })
    })
}

op! {
    Info = "app.info", Public,
    summary: "Version, database path, clinic name and workstation code; whether set-up is done.",
    label: "Read the workstation's details",
    fn(cx, _: Empty) -> AppInfo {
        app_info(cx.fovea)
    }
}

/// Most demo clinics are tried with a few hundred patients; the CLI seeds clinic-scale data.
const MAX_SETUP_DEMO_PATIENTS: u32 = 5_000;

op! {
    Setup = "app.setup", Setup,
    summary: "First start: name the clinic and this workstation, optionally add demo patients.",
    label: "Set up the clinic",
    fn(cx, req: SetupRequest) -> AppInfo {
        let code = super::normalize_code(&req.workstation_code)?;
        if req.demo_patients > MAX_SETUP_DEMO_PATIENTS {
            return Err(Error::validation(
                "demo_patients",
                format!(
                    "At most {MAX_SETUP_DEMO_PATIENTS} demo patients here; use `fovea demo seed` for more."
                ),
            ));
        }
        if app_info(cx.fovea)?.setup_done {
            return Err(already_set_up());
        }
        let demo = req.demo || req.demo_patients > 0;
        cx.note_detail(if demo {
            format!(
                "set up a demo clinic, its administrator and demo staff, with {} demo patients",
                req.demo_patients
            )
        } else {
            "set up the clinic and its first administrator".to_string()
        });
        cx.write(|w| {
            // Asked again inside the transaction, which holds the write lock from its start: another program
            // setting up the same file at the same moment has either finished (and this one stops here) or waits.
            if is_set_up(w.tx())? {
                return Err(already_set_up());
            }
            super::set_code(w.tx(), &code)?;
            clinic::save_settings(w, &req.clinic)?;
            // Every clinic starts with the starter formulary to edit (a starting point, not advice).
            crate::pharmacy::starter::insert(w)?;
            // Before the first account: the schema accepts the flag only while the clinic has nobody yet.
            if demo {
                crate::demo::mark_demo(w)?;
            }
            let admin = (req.admin.username.as_str(), req.admin.full_name.as_str());
            accounts::create(
                w,
                admin.0,
                admin.1,
                &[Role::Admin],
                &req.admin.password,
                None,
            )
            .map_err(|e| Error {
                field: e.field.map(|f| format!("admin.{f}")),
                ..e
            })?;
            // The set-up screen's demo (demo patients) comes with one account per role to try each view.
            if req.demo_patients > 0 {
                crate::demo::add_staff(w, &req.admin.password)?;
            }
            Ok(())
        })?;
        if req.demo_patients > 0 {
            crate::demo::seed_patients(cx.fovea, req.demo_patients as usize, 7, &mut |_, _| {})?;
            crate::demo::seed_history(cx.fovea, req.demo_patients as usize, 3, 7, &mut |_, _| {})?;
            crate::demo::seed_appointments(cx.fovea, 28, 21, 7, &mut |_, _| {})?;
            crate::demo::seed_stock(cx.fovea)?;
        }
        app_info(cx.fovea)
    }
}

op! {
    RenameWorkstation = "app.rename_workstation", ManageWorkstation,
    summary: "Change this workstation's code, allowed until it has issued its first number.",
    label: "Renamed the workstation",
    fn(cx, req: RenameWorkstationRequest) -> AppInfo {
        let code = super::normalize_code(&req.workstation_code)?;
        cx.note_detail(format!("renamed the workstation {code}"));
        cx.write(|w| super::set_code(w.tx(), &code))?;
        app_info(cx.fovea)
    }
}

// The registry lists this area's operations in this order (`fovea call --list`, the bindings).
area_operations! {
    Info,
    Setup,
    RenameWorkstation,
}
