//! The patient operations of the catalog.

use super::*;
use crate::catalog::{area_operations, op};

op! {
    Search = "patients.search", ReadPatients,
    summary: "Find patients by name fragments, MRN, phone digits or date of birth.",
    label: "Searched for patients",
    fn(cx, req: SearchPatientsRequest) -> SearchPatientsResponse {
        // A result list is not a patient's record: opening one (patients.get) is what the trail records. Auditing
        // every search-as-you-type would cost a synchronous write per keystroke pause.
        search(cx, &req)
    }
}

op! {
    Register = "patients.register", WritePatients,
    summary: "Register a patient; warns of possible duplicates unless allow_duplicate.",
    label: "Registered the patient",
    fn(cx, req: RegisterPatientRequest) -> RegisterPatientResponse {
        register(cx, &req)
    }
}

op! {
    Get = "patients.get", ReadPatients,
    summary: "A patient's demographics by id.",
    label: "Opened the record",
    fn(cx, req: GetPatientRequest) -> Patient {
        let p = get(cx, &req.id)?;
        cx.note_patient(&p.id);
        Ok(p)
    }
}

op! {
    Update = "patients.update", WritePatients,
    summary: "Edit a patient's demographics.",
    label: "Changed the record",
    fn(cx, req: UpdatePatientRequest) -> Patient {
        cx.note_patient(&req.id);
        update(cx, &req)
    }
}

op! {
    Archive = "patients.archive", WritePatients,
    summary: "Archive a patient (or restore one); patients are never deleted.",
    label: "Archived or restored the record",
    fn(cx, req: ArchivePatientRequest) -> Patient {
        cx.note_patient(&req.id);
        archive(cx, &req)
    }
}

// The registry lists this area's operations in this order (`fovea call --list`, the bindings).
area_operations! {
    Search,
    Register,
    Get,
    Update,
    Archive,
}
