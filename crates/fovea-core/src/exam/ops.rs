//! Examination operations: the work-up, the consultation, signing, addenda, the chart, the recall list, the
//! ICD-10 search and the clinic's eye-care settings.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::chart::{self, Chart, ChartRequest, RecallRequest, RecallResponse};
use super::icd10::{self, Icd10Code};
use super::record::{
    self, AddendumRequest, ExaminationView, SaveConsultationRequest, SaveWorkupRequest,
    SignRequest, StartVisitRequest, StartVisitResponse, VisitRequest,
};
use super::settings::{self, ExamSettings};
use super::workup::{WorkupDerived, WorkupInput};
use crate::Result;
use crate::catalog::{Ctx, Empty, Operation, Permission};

macro_rules! op {
    ($ty:ident, $name:literal, $summary:literal, $perm:ident, $req:ty, $resp:ty, $run:expr) => {
        pub struct $ty;
        impl Operation for $ty {
            const NAME: &'static str = $name;
            const SUMMARY: &'static str = $summary;
            const PERMISSION: Permission = Permission::$perm;
            type Request = $req;
            type Response = $resp;
            fn run(cx: &Ctx<'_>, req: $req) -> Result<$resp> {
                let run: fn(&Ctx<'_>, $req) -> Result<$resp> = $run;
                run(cx, req)
            }
        }
    };
}

op!(
    Get,
    "exams.get",
    "A visit's examination: work-up, consultation, signature, addenda and what carries over.",
    ReadClinical,
    VisitRequest,
    ExaminationView,
    |cx, r| record::view(cx, &r.visit_id)
);
op!(
    CheckWorkup,
    "exams.check_workup",
    "Check a work-up form without saving: the first field error, or the derived values to show.",
    WriteWorkup,
    WorkupInput,
    WorkupDerived,
    |cx, r| record::check_workup(cx, &r)
);
op!(
    SaveWorkup,
    "exams.save_workup",
    "Save the optometry work-up of a visit; the patient moves on to waiting for the doctor.",
    WriteWorkup,
    SaveWorkupRequest,
    ExaminationView,
    |cx, r| record::save_workup(cx, &r)
);
op!(
    SaveConsultation,
    "exams.save_consultation",
    "Save the doctor's consultation: history, diagnoses (ICD-10 with an eye), plan and follow-up.",
    WriteConsultation,
    SaveConsultationRequest,
    ExaminationView,
    |cx, r| record::save_consultation(cx, &r)
);
op!(
    Sign,
    "exams.sign",
    "Sign a visit's clinical record with the password; it is immutable afterwards.",
    SignClinical,
    SignRequest,
    ExaminationView,
    |cx, r| record::sign(cx, &r)
);
op!(
    AddAddendum,
    "exams.add_addendum",
    "Add a correction to a signed examination; the original stays as signed.",
    WriteWorkup,
    AddendumRequest,
    ExaminationView,
    |cx, r| record::add_addendum(cx, &r)
);
op!(
    StartVisit,
    "exams.start_visit",
    "Start an examination from the patient page (today's open visit, or a new one without an appointment).",
    WriteWorkup,
    StartVisitRequest,
    StartVisitResponse,
    |cx, r| record::start_visit(cx, &r)
);
op!(
    GetChart,
    "exams.chart",
    "A patient's chart: visits with diagnoses, acuity and pressure trends, the latest prescribed glasses.",
    ReadClinical,
    ChartRequest,
    Chart,
    |cx, r| chart::chart(cx, &r)
);
op!(
    Recall,
    "exams.recall",
    "Patients due back for follow-up between two days, and whether they have booked.",
    ManageAppointments,
    RecallRequest,
    RecallResponse,
    |cx, r| chart::recall(cx, &r)
);

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Icd10SearchRequest {
    /// A code (`H40.1`, `h401`) or words in any order (`glauc open`).
    pub query: String,
    /// 1 to 100; 20 when absent.
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Icd10SearchResponse {
    pub codes: Vec<Icd10Code>,
}

op!(
    SearchIcd10,
    "icd10.search",
    "Search the ICD-10 list shipped with Fovea by code or words.",
    ReadClinical,
    Icd10SearchRequest,
    Icd10SearchResponse,
    |_, r| {
        let limit = r.limit.unwrap_or(20).clamp(1, 100) as usize;
        Ok(Icd10SearchResponse {
            codes: icd10::search(&r.query, limit),
        })
    }
);
op!(
    GetExamSettings,
    "exam_settings.get",
    "The clinic's acuity notation, printed cylinder form and prescription validity.",
    SignedIn,
    Empty,
    ExamSettings,
    |cx, _| cx.read(settings::load)
);
op!(
    UpdateExamSettings,
    "exam_settings.update",
    "Change the clinic's acuity notation, printed cylinder form or prescription validity.",
    ManageSettings,
    ExamSettings,
    ExamSettings,
    |cx, r| {
        cx.write(|w| settings::save(w, &r))?;
        cx.read(settings::load)
    }
);
op!(
    PrintSpectacleRx,
    "print.spectacle_rx",
    "Save the spectacle prescription of a visit's final refraction as a PDF in the documents folder.",
    ReadClinical,
    super::print::SpectacleRxRequest,
    crate::documents::Document,
    |cx, r| super::print::spectacle_rx(cx, &r)
);
