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
