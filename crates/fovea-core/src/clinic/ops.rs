//! Reading and changing the clinic's settings.

use super::settings::{self, ClinicSettings};
use crate::catalog::Empty;
use crate::catalog::{area_operations, op};

op! {
    GetSettings = "settings.get", SignedIn,
    summary: "The clinic's settings.",
    label: "Read the clinic settings",
    fn(cx, _: Empty) -> ClinicSettings {
        cx.read(settings::load)
    }
}

op! {
    UpdateSettings = "settings.update", ManageSettings,
    summary: "Change the clinic's settings.",
    label: "Changed the clinic settings",
    fn(cx, req: ClinicSettings) -> ClinicSettings {
        cx.note_detail("changed clinic settings");
        cx.write(|w| settings::save(w, &req))
    }
}

// The registry lists this area's operations in this order (`fovea call --list`, the bindings).
area_operations! {
    GetSettings,
    UpdateSettings,
}
