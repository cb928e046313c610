//! The patient operations of the catalog.

use super::*;
use crate::catalog::{Operation, Permission};
use crate::{Fovea, Result};

pub struct Search;
impl Operation for Search {
    const NAME: &'static str = "patients.search";
    const SUMMARY: &'static str =
        "Find patients by name fragments, MRN, phone digits or date of birth.";
    const PERMISSION: Permission = Permission::ReadPatients;
    type Request = SearchPatientsRequest;
    type Response = SearchPatientsResponse;
    fn run(fovea: &Fovea, req: Self::Request) -> Result<Self::Response> {
        search(fovea, &req)
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
    fn run(fovea: &Fovea, req: Self::Request) -> Result<Self::Response> {
        register(fovea, &req)
    }
}

pub struct Get;
impl Operation for Get {
    const NAME: &'static str = "patients.get";
    const SUMMARY: &'static str = "A patient's demographics by id.";
    const PERMISSION: Permission = Permission::ReadPatients;
    type Request = GetPatientRequest;
    type Response = Patient;
    fn run(fovea: &Fovea, req: Self::Request) -> Result<Self::Response> {
        get(fovea, &req.id)
    }
}

pub struct Update;
impl Operation for Update {
    const NAME: &'static str = "patients.update";
    const SUMMARY: &'static str = "Edit a patient's demographics.";
    const PERMISSION: Permission = Permission::WritePatients;
    type Request = UpdatePatientRequest;
    type Response = Patient;
    fn run(fovea: &Fovea, req: Self::Request) -> Result<Self::Response> {
        update(fovea, &req)
    }
}

pub struct Archive;
impl Operation for Archive {
    const NAME: &'static str = "patients.archive";
    const SUMMARY: &'static str = "Archive a patient (or restore one); patients are never deleted.";
    const PERMISSION: Permission = Permission::WritePatients;
    type Request = ArchivePatientRequest;
    type Response = Patient;
    fn run(fovea: &Fovea, req: Self::Request) -> Result<Self::Response> {
        archive(fovea, &req)
    }
}
