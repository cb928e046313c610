//! Operations of this area (declared with `op!`, listed below in catalog order).

use super::label::{DispensingLabelRequest, print_label};
use super::propose::{DispensingRequest, DispensingSheet, sheet};
use super::queue::{ToDispenseRequest, ToDispenseResponse, to_dispense};
use super::record::{
    DispenseRequest, DispenseResult, PatientReturnRequest, PatientReturnResult, dispense,
    return_from_patient,
};
use crate::catalog::{area_operations, op};

op! {
    ToDispense = "pharmacy.to_dispense", Dispense,
    summary: "Today's visits at the pharmacy, and earlier visits with signed prescriptions still to hand over.",
    label: "Opened the pharmacy's list",
    fn(cx, _req: ToDispenseRequest) -> ToDispenseResponse {
        to_dispense(cx)
    }
}

op! {
    Dispensing = "pharmacy.dispensing", Dispense,
    summary: "A visit's signed prescription to dispense: what each item allows, what was handed over, batches proposed first expiry first out.",
    label: "Opened a prescription to dispense",
    fn(cx, req: DispensingRequest) -> DispensingSheet {
        sheet(cx, &req)
    }
}

op! {
    Dispense = "pharmacy.dispense", Dispense,
    summary: "Hand over packs from chosen batches, or record why an item was not; the visit moves to billing once every item is accounted for.",
    label: "Dispensed medicines",
    fn(cx, req: DispenseRequest) -> DispenseResult {
        dispense(cx, &req)
    }
}

op! {
    ReturnFromPatient = "pharmacy.return_from_patient", Dispense,
    summary: "Take back packs a patient returns, into the batch they were dispensed from.",
    label: "Took back a returned medicine",
    fn(cx, req: PatientReturnRequest) -> PatientReturnResult {
        return_from_patient(cx, &req)
    }
}

op! {
    PrintLabel = "pharmacy.print_label", Dispense,
    summary: "Save the dispensing label of an item's latest handover as a PDF in the documents folder.",
    label: "Printed a dispensing label",
    fn(cx, req: DispensingLabelRequest) -> crate::documents::Document {
        print_label(cx, &req)
    }
}

// The registry lists these operations in this order (`fovea call --list`, the bindings).
area_operations! {
    ToDispense,
    Dispensing,
    Dispense,
    ReturnFromPatient,
    PrintLabel,
}
