//! Demo data through the catalog, so the CLI adds it as a signed-in, audited administrator.

use serde::Deserialize;
use ts_rs::TS;

use crate::catalog::{Ctx, Empty, Operation, Permission};
use crate::{Error, Result};

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SeedPatientsRequest {
    /// 1 to 10,000 per call.
    pub count: u32,
    /// The same seed gives the same patients.
    pub seed: u64,
}

pub struct SeedPatients;
impl Operation for SeedPatients {
    const NAME: &'static str = "demo.seed_patients";
    const SUMMARY: &'static str =
        "Add believable demo patients (names from many cultures, realistic ages and phones).";
    const PERMISSION: Permission = Permission::ManageSettings;
    type Request = SeedPatientsRequest;
    type Response = Empty;
    fn run(cx: &Ctx<'_>, req: SeedPatientsRequest) -> Result<Empty> {
        if !(1..=10_000).contains(&req.count) {
            return Err(Error::validation(
                "count",
                "Add 1 to 10,000 demo patients per call.",
            ));
        }
        cx.note_detail(format!("added {} demo patients", req.count));
        super::seed_patients(cx.fovea, req.count as usize, req.seed, &mut |_, _| {})?;
        Ok(Empty {})
    }
}

pub struct AddStaff;
impl Operation for AddStaff {
    const NAME: &'static str = "demo.add_staff";
    const SUMMARY: &'static str =
        "Add one demo staff account per role, with the caller's password.";
    const PERMISSION: Permission = Permission::ManageUsers;
    type Request = Empty;
    type Response = Empty;
    fn run(cx: &Ctx<'_>, _: Empty) -> Result<Empty> {
        let me = cx
            .user
            .clone()
            .ok_or_else(|| Error::permission_denied("Sign in first."))?;
        cx.note_detail("added demo staff accounts");
        cx.write(|w| {
            let phc = crate::accounts::stored_hash(w.tx(), &me.id)?;
            super::add_staff_with_hash(w, &phc)
        })?;
        Ok(Empty {})
    }
}
