//! The examination record of a visit: what the screen shows of it (`view`), saving the work-up and the consultation,
//! signing and addenda (`write`), starting a visit from the patient page (`visit`), and the signed past visits of
//! demo clinics (`seeded`). Each save is one transaction that writes the record, its charted values, the patient's
//! place on the queue board and the appointment's status together. A signed record never changes again (the core
//! refuses, and so does a trigger); corrections are addenda shown with it.

mod seeded;
mod view;
mod visit;
mod write;

pub use seeded::{SeededExam, insert_seeded};
pub(crate) use view::parse_stored;
pub use view::{Addendum, ExaminationView, PreviousVisit, VisitRequest, refraction_input, view};
pub use visit::{StartVisitRequest, StartVisitResponse, start_visit};
pub(crate) use write::examination_for_writing;
pub use write::{
    AddendumRequest, SaveConsultationRequest, SaveWorkupRequest, SignRequest, add_addendum,
    check_workup, save_consultation, save_workup, sign,
};
