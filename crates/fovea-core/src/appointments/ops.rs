//! Appointment book operations.

use super::book::{self, Appointment, BookRequest, DayRequest, DayResponse, SetStatusRequest};
use crate::Result;
use crate::catalog::{Ctx, Operation, Permission};

pub struct Book;
impl Operation for Book {
    const NAME: &'static str = "appointments.book";
    const SUMMARY: &'static str =
        "Book a patient with a clinician; refuses double-booking unless overbooked with a reason.";
    const PERMISSION: Permission = Permission::ManageAppointments;
    type Request = BookRequest;
    type Response = Appointment;
    fn run(cx: &Ctx<'_>, req: BookRequest) -> Result<Appointment> {
        book::book(cx, &req)
    }
}

pub struct SetStatus;
impl Operation for SetStatus {
    const NAME: &'static str = "appointments.set_status";
    const SUMMARY: &'static str =
        "Check in (opens a visit), start, complete, cancel with a reason, or mark a no-show.";
    const PERMISSION: Permission = Permission::ManageAppointments;
    type Request = SetStatusRequest;
    type Response = Appointment;
    fn run(cx: &Ctx<'_>, req: SetStatusRequest) -> Result<Appointment> {
        book::set_status(cx, &req)
    }
}

pub struct Day;
impl Operation for Day {
    const NAME: &'static str = "appointments.day";
    const SUMMARY: &'static str =
        "A clinic day's appointments by start time, optionally for one clinician.";
    const PERMISSION: Permission = Permission::ManageAppointments;
    type Request = DayRequest;
    type Response = DayResponse;
    fn run(cx: &Ctx<'_>, req: DayRequest) -> Result<DayResponse> {
        book::day(cx, &req)
    }
}

pub struct Board;
impl Operation for Board {
    const NAME: &'static str = "queue.board";
    const SUMMARY: &'static str =
        "Today's visits by stage with minutes waiting (amber and red past the thresholds).";
    const PERMISSION: Permission = Permission::UseQueue;
    type Request = super::queue::BoardRequest;
    type Response = super::queue::BoardResponse;
    fn run(cx: &Ctx<'_>, req: Self::Request) -> Result<Self::Response> {
        super::queue::board(cx, &req)
    }
}

pub struct Move;
impl Operation for Move {
    const NAME: &'static str = "queue.move";
    const SUMMARY: &'static str = "Move a patient's visit to another stage of the day.";
    const PERMISSION: Permission = Permission::UseQueue;
    type Request = super::queue::MoveRequest;
    type Response = super::queue::QueueCard;
    fn run(cx: &Ctx<'_>, req: Self::Request) -> Result<Self::Response> {
        super::queue::move_stage(cx, &req)
    }
}

pub struct Reschedule;
impl Operation for Reschedule {
    const NAME: &'static str = "appointments.reschedule";
    const SUMMARY: &'static str =
        "Move a scheduled appointment to another time, with the same clash rule as booking.";
    const PERMISSION: Permission = Permission::ManageAppointments;
    type Request = super::book::RescheduleRequest;
    type Response = Appointment;
    fn run(cx: &Ctx<'_>, req: Self::Request) -> Result<Appointment> {
        book::reschedule(cx, &req)
    }
}

pub struct WalkIn;
impl Operation for WalkIn {
    const NAME: &'static str = "appointments.walk_in";
    const SUMMARY: &'static str = "Book a walk-in patient into now and check them in.";
    const PERMISSION: Permission = Permission::ManageAppointments;
    type Request = super::book::WalkInRequest;
    type Response = Appointment;
    fn run(cx: &Ctx<'_>, req: Self::Request) -> Result<Appointment> {
        book::walk_in(cx, &req)
    }
}

pub struct GetSchedule;
impl Operation for GetSchedule {
    const NAME: &'static str = "schedules.get";
    const SUMMARY: &'static str = "A clinician's week (the default week until one is saved).";
    const PERMISSION: Permission = Permission::ManageAppointments;
    type Request = super::schedule::ClinicianRequest;
    type Response = super::schedule::Schedule;
    fn run(cx: &Ctx<'_>, req: Self::Request) -> Result<Self::Response> {
        cx.read(|conn| super::schedule::load(conn, &req.clinician_id))
    }
}

pub struct SetSchedule;
impl Operation for SetSchedule {
    const NAME: &'static str = "schedules.set";
    const SUMMARY: &'static str =
        "Save a clinician's working hours, breaks and appointment lengths.";
    const PERMISSION: Permission = Permission::ManageAppointments;
    type Request = super::schedule::Schedule;
    type Response = super::schedule::Schedule;
    fn run(cx: &Ctx<'_>, req: Self::Request) -> Result<Self::Response> {
        super::schedule::save(cx, &req)
    }
}

pub struct SetClosedDay;
impl Operation for SetClosedDay {
    const NAME: &'static str = "schedules.set_closed_day";
    const SUMMARY: &'static str = "Close the clinic on a day (or reopen it).";
    const PERMISSION: Permission = Permission::ManageAppointments;
    type Request = super::schedule::ClosedDayRequest;
    type Response = crate::catalog::Empty;
    fn run(cx: &Ctx<'_>, req: Self::Request) -> Result<Self::Response> {
        super::schedule::set_closed(cx, &req)?;
        Ok(crate::catalog::Empty {})
    }
}

pub struct Slots;
impl Operation for Slots {
    const NAME: &'static str = "appointments.slots";
    const SUMMARY: &'static str = "A clinician's free slots on a day for a kind of appointment.";
    const PERMISSION: Permission = Permission::ManageAppointments;
    type Request = super::schedule::SlotsRequest;
    type Response = super::schedule::SlotsResponse;
    fn run(cx: &Ctx<'_>, req: Self::Request) -> Result<Self::Response> {
        super::schedule::free_slots(cx, &req)
    }
}

pub struct Clinicians;
impl Operation for Clinicians {
    const NAME: &'static str = "appointments.clinicians";
    const SUMMARY: &'static str =
        "The active doctors and optometrists appointments are booked with.";
    const PERMISSION: Permission = Permission::UseQueue;
    type Request = crate::catalog::Empty;
    type Response = super::lists::CliniciansResponse;
    fn run(cx: &Ctx<'_>, _req: Self::Request) -> Result<Self::Response> {
        cx.read(super::lists::clinicians)
    }
}

pub struct Range;
impl Operation for Range {
    const NAME: &'static str = "appointments.range";
    const SUMMARY: &'static str = "Appointments from one clinic day to another (at most 42 days), optionally for one clinician.";
    const PERMISSION: Permission = Permission::ManageAppointments;
    type Request = super::lists::RangeRequest;
    type Response = super::lists::RangeResponse;
    fn run(cx: &Ctx<'_>, req: Self::Request) -> Result<Self::Response> {
        super::lists::range(cx, &req)
    }
}

pub struct Reminders;
impl Operation for Reminders {
    const NAME: &'static str = "appointments.reminders";
    const SUMMARY: &'static str =
        "A day's appointments with phone numbers for reminder calls (tomorrow by default).";
    const PERMISSION: Permission = Permission::ManageAppointments;
    type Request = super::lists::RemindersRequest;
    type Response = super::lists::RemindersResponse;
    fn run(cx: &Ctx<'_>, req: Self::Request) -> Result<Self::Response> {
        super::lists::reminders(cx, &req)
    }
}

pub struct MarkCalled;
impl Operation for MarkCalled {
    const NAME: &'static str = "appointments.mark_called";
    const SUMMARY: &'static str =
        "Mark that a patient was rung about an appointment, or clear the mark.";
    const PERMISSION: Permission = Permission::ManageAppointments;
    type Request = super::lists::MarkCalledRequest;
    type Response = super::lists::Reminder;
    fn run(cx: &Ctx<'_>, req: Self::Request) -> Result<Self::Response> {
        super::lists::mark_called(cx, &req)
    }
}

pub struct ForPatient;
impl Operation for ForPatient {
    const NAME: &'static str = "appointments.for_patient";
    const SUMMARY: &'static str = "One patient's upcoming and recent appointments.";
    const PERMISSION: Permission = Permission::ManageAppointments;
    type Request = super::lists::PatientAppointmentsRequest;
    type Response = super::lists::PatientAppointmentsResponse;
    fn run(cx: &Ctx<'_>, req: Self::Request) -> Result<Self::Response> {
        super::lists::for_patient(cx, &req)
    }
}

pub struct PrintReminders;
impl Operation for PrintReminders {
    const NAME: &'static str = "print.reminders";
    const SUMMARY: &'static str =
        "Save a day's reminder call list (tomorrow by default) as a PDF in the documents folder.";
    const PERMISSION: Permission = Permission::ManageAppointments;
    type Request = super::print::PrintRemindersRequest;
    type Response = crate::documents::Document;
    fn run(cx: &Ctx<'_>, req: Self::Request) -> Result<Self::Response> {
        super::print::reminders(cx, &req)
    }
}

pub struct ClosedDays;
impl Operation for ClosedDays {
    const NAME: &'static str = "schedules.closed_days";
    const SUMMARY: &'static str =
        "The days the clinic is closed, for a year from a day (today by default).";
    const PERMISSION: Permission = Permission::UseQueue;
    type Request = super::schedule::ClosedDaysRequest;
    type Response = super::schedule::ClosedDaysResponse;
    fn run(cx: &Ctx<'_>, req: Self::Request) -> Result<Self::Response> {
        super::schedule::closed_days(cx, &req)
    }
}
