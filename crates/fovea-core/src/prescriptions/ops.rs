//! Operations of this area (declared with `op!`, listed below in catalog order).
//!
//! Reading a prescription needs `ReadClinical` (doctors and optometrists): it is part of the clinical record. The
//! pharmacist, who has no clinical access, reads the lines to dispense through the dispensing operations.

use super::print::{self, MedicationRxRequest};
use super::record::{self, PrescriptionRequest, PrescriptionView, SavePrescriptionRequest};
use super::templates::{self, SaveTaperTemplateRequest, TaperTemplate, TaperTemplatesRequest};
use super::validate::{self, PrescriptionVocabulary};
use crate::catalog::{Empty, area_operations, op};

op! {
    Get = "prescriptions.get", ReadClinical,
    summary: "A visit's medication prescription: lines with directions, dated schedules, days of supply, warnings.",
    label: "Opened the medication prescription",
    fn(cx, r: PrescriptionRequest) -> PrescriptionView {
        record::get(cx, &r)
    }
}
op! {
    Save = "prescriptions.save", WriteConsultation,
    summary: "Save a visit's medication prescription (replaces the draft's lines; refused once signed).",
    label: "Saved the medication prescription",
    fn(cx, r: SavePrescriptionRequest) -> PrescriptionView {
        record::save(cx, &r)
    }
}
op! {
    GetVocabulary = "prescriptions.vocabulary", SignedIn,
    summary: "The frequencies (words and accepted abbreviations), dose units and forms a prescription uses.",
    label: "Read the prescription vocabulary",
    fn(_cx, _r: Empty) -> PrescriptionVocabulary {
        Ok(validate::vocabulary())
    }
}
op! {
    Templates = "prescriptions.templates", ReadClinical,
    summary: "The clinic's taper templates (active ones unless asked for all); the screen copies their steps.",
    label: "Listed the taper templates",
    fn(cx, r: TaperTemplatesRequest) -> Vec<TaperTemplate> {
        templates::templates(cx, &r)
    }
}
op! {
    SaveTemplate = "prescriptions.save_template", WriteConsultation,
    summary: "Add or change a taper template: name, suggested medicine, steps; inactive retires it.",
    label: "Saved a taper template",
    fn(cx, r: SaveTaperTemplateRequest) -> TaperTemplate {
        templates::save_template(cx, &r)
    }
}
op! {
    Print = "prescriptions.print", ReadClinical,
    summary: "Save a visit's medication prescription as a PDF in the documents folder (a draft until signed).",
    label: "Printed a medication prescription",
    fn(cx, r: MedicationRxRequest) -> crate::documents::Document {
        print::medication_rx(cx, &r)
    }
}

// The registry lists this area's operations in this order (`fovea call --list`, the bindings).
area_operations! {
    Get,
    Save,
    GetVocabulary,
    Templates,
    SaveTemplate,
    Print,
}
