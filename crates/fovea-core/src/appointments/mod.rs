//! The appointment book's rules: which status changes are allowed, when two bookings clash, and which slots a
//! clinician's working hours give on a clinic day — correct on daylight-saving change days. Pure, so every rule is
//! tested without a database; the booking services build on them.

mod book;
mod lists;
pub mod ops;
pub mod print;
pub mod queue;
mod reassign;
mod rules;
pub mod schedule;
mod slots;

pub(crate) use book::bookable;
pub use book::{
    Appointment, AppointmentKind, BookRequest, DayRequest, DayResponse, RescheduleRequest,
    SetStatusRequest, WalkInRequest,
};
pub use lists::{
    Clinician, CliniciansRequest, CliniciansResponse, MarkCalledRequest,
    PatientAppointmentsRequest, PatientAppointmentsResponse, RangeRequest, RangeResponse, Reminder,
    RemindersRequest, RemindersResponse,
};
pub(crate) use queue::advance_for_work;
pub use queue::{BoardRequest, BoardResponse, MoveRequest, QueueCard, Stage, WaitLevel, level};
pub use reassign::{
    Moving, ReassignClash, ReassignKept, ReassignRequest, ReassignResponse, plan_clashes,
};
pub use rules::{
    AppointmentStatus, Booking, check_transition, find_clash, follow_work, overlaps,
    waiting_minutes,
};
pub use schedule::{
    DayHours, FreeSlot, KindMinutes, Schedule, SlotsRequest, SlotsResponse, TimeRange,
    default_schedule,
};
pub use slots::{WorkingHours, day_slots};

/// A clinician's week as saved, or the default week (for the demo book).
pub fn schedule_of(conn: &rusqlite::Connection, clinician_id: &str) -> crate::Result<Schedule> {
    schedule::load(conn, clinician_id)
}

/// A weekday's hours as the slot arithmetic needs them.
pub fn working_hours(d: &DayHours) -> crate::Result<WorkingHours> {
    schedule::hours("days", d)
}
