//! The patient operations of the catalog.

use super::*;
use crate::Result;
use crate::catalog::{Ctx, Operation, Permission};

pub struct Search;
impl Operation for Search {
    const NAME: &'static str = "patients.search";
    const SUMMARY: &'static str =
        "Find patients by name fragments, MRN, phone digits or date of birth.";
    const PERMISSION: Permission = Permission::ReadPatients;
    type Request = SearchPatientsRequest;
    type Response = SearchPatientsResponse;
    fn run(cx: &Ctx<'_>, req: Self::Request) -> Result<Self::Response> {
        // A result list is not a patient's record: opening one (patients.get) is what the trail records. Auditing
        // every search-as-you-type would cost a synchronous write per keystroke pause.
        search(cx, &req)
    }
}

pub struct Register;
impl Operation for Register {
    const NAME: &'static str = "patients.register";
    const SUMMARY: &'static str =
        "Register a patient; warns of possible duplicates unless allow_duplicate.";
    const PERMISSION: Permission = Permission::WritePatients;
    type Request = RegisterPatientRequest;
    type Response = RegisterPatientResponse;
    fn run(cx: &Ctx<'_>, req: Self::Request) -> Result<Self::Response> {
        register(cx, &req)
    }
}

pub struct Get;
impl Operation for Get {
    const NAME: &'static str = "patients.get";
    const SUMMARY: &'static str = "A patient's demographics by id.";
    const PERMISSION: Permission = Permission::ReadPatients;
    type Request = GetPatientRequest;
    type Response = Patient;
    fn run(cx: &Ctx<'_>, req: Self::Request) -> Result<Self::Response> {
        let p = get(cx, &req.id)?;
        cx.note_patient(&p.id);
        Ok(p)
    }
}

pub struct Update;
impl Operation for Update {
    const NAME: &'static str = "patients.update";
    const SUMMARY: &'static str = "Edit a patient's demographics.";
    const PERMISSION: Permission = Permission::WritePatients;
    type Request = UpdatePatientRequest;
    type Response = Patient;
    fn run(cx: &Ctx<'_>, req: Self::Request) -> Result<Self::Response> {
        cx.note_patient(&req.id);
        update(cx, &req)
    }
}

pub struct Archive;
impl Operation for Archive {
    const NAME: &'static str = "patients.archive";
    const SUMMARY: &'static str = "Archive a patient (or restore one); patients are never deleted.";
    const PERMISSION: Permission = Permission::WritePatients;
    type Request = ArchivePatientRequest;
    type Response = Patient;
    fn run(cx: &Ctx<'_>, req: Self::Request) -> Result<Self::Response> {
        cx.note_patient(&req.id);
        archive(cx, &req)
    }
}
