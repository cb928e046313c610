//! Examination operations: the work-up, the consultation, signing, addenda, the chart, the recall list, the
//! ICD-10 search and the clinic's eye-care settings.

use super::chart::{self, Chart, ChartRequest, RecallRequest, RecallResponse};
use super::record::{
    self, AddendumRequest, ExaminationView, SaveConsultationRequest, SaveWorkupRequest,
    SignRequest, StartVisitRequest, StartVisitResponse, VisitRequest,
};
use super::workup::{WorkupDerived, WorkupInput};
use crate::catalog::{area_operations, op};

op! {
    Get = "exams.get", ReadClinical,
    summary: "A visit's examination: work-up, consultation, signature, addenda and what carries over.",
    label: "Opened the examination",
    fn(cx, r: VisitRequest) -> ExaminationView {
        record::view(cx, &r.visit_id)
    }
}
op! {
    CheckWorkup = "exams.check_workup", WriteWorkup,
    summary: "Check a work-up form without saving: the first field error, or the derived values to show.",
    label: "Checked a work-up form",
    fn(cx, r: WorkupInput) -> WorkupDerived {
        record::check_workup(cx, &r)
    }
}
op! {
    SaveWorkup = "exams.save_workup", WriteWorkup,
    summary: "Save the optometry work-up of a visit; the patient moves on to waiting for the doctor.",
    label: "Saved the work-up",
    fn(cx, r: SaveWorkupRequest) -> ExaminationView {
        record::save_workup(cx, &r)
    }
}
op! {
    SaveConsultation = "exams.save_consultation", WriteConsultation,
    summary: "Save the doctor's consultation: history, diagnoses (ICD-10 with an eye), plan and follow-up.",
    label: "Saved the consultation",
    fn(cx, r: SaveConsultationRequest) -> ExaminationView {
        record::save_consultation(cx, &r)
    }
}
op! {
    Sign = "exams.sign", SignClinical,
    summary: "Sign a visit's clinical record with the password; it is immutable afterwards.",
    label: "Signed the examination",
    fn(cx, r: SignRequest) -> ExaminationView {
        record::sign(cx, &r)
    }
}
op! {
    AddAddendum = "exams.add_addendum", WriteWorkup,
    summary: "Add a correction to a signed examination; the original stays as signed.",
    label: "Added an addendum",
    fn(cx, r: AddendumRequest) -> ExaminationView {
        record::add_addendum(cx, &r)
    }
}
op! {
    StartVisit = "exams.start_visit", WriteWorkup,
    summary: "Start an examination from the patient page (today's open visit, or a new one without an appointment).",
    label: "Started a visit",
    fn(cx, r: StartVisitRequest) -> StartVisitResponse {
        record::start_visit(cx, &r)
    }
}
op! {
    GetChart = "exams.chart", ReadClinical,
    summary: "A patient's chart: visits with diagnoses, acuity and pressure trends, the latest prescribed glasses.",
    label: "Opened the chart",
    fn(cx, r: ChartRequest) -> Chart {
        chart::chart(cx, &r)
    }
}
op! {
    Recall = "exams.recall", ManageAppointments,
    summary: "Patients due back for follow-up between two days, and whether they have booked.",
    label: "Opened the recall list",
    fn(cx, r: RecallRequest) -> RecallResponse {
        chart::recall(cx, &r)
    }
}

// The registry lists this area's operations in this order (`fovea call --list`, the bindings).
area_operations! {
    StartVisit,
    Get,
    CheckWorkup,
    SaveWorkup,
    SaveConsultation,
    Sign,
    AddAddendum,
    GetChart,
    Recall,
}
