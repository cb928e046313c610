//! Reading and changing the clinic's settings.

use super::settings::{self, ClinicSettings};
use crate::Result;
use crate::catalog::{Ctx, Empty, Operation, Permission};

pub struct GetSettings;
impl Operation for GetSettings {
    const NAME: &'static str = "settings.get";
    const SUMMARY: &'static str = "The clinic's settings.";
    const PERMISSION: Permission = Permission::SignedIn;
    type Request = Empty;
    type Response = ClinicSettings;
    fn run(cx: &Ctx<'_>, _: Empty) -> Result<ClinicSettings> {
        cx.read(settings::load)
    }
}

pub struct UpdateSettings;
impl Operation for UpdateSettings {
    const NAME: &'static str = "settings.update";
    const SUMMARY: &'static str = "Change the clinic's settings.";
    const PERMISSION: Permission = Permission::ManageSettings;
    type Request = ClinicSettings;
    type Response = ClinicSettings;
    fn run(cx: &Ctx<'_>, req: ClinicSettings) -> Result<ClinicSettings> {
        cx.note_detail("changed clinic settings");
        cx.write(|w| settings::save(w, &req))
    }
}
