//! Appointment book operations.

use super::book::{self, Appointment, BookRequest, DayRequest, DayResponse, SetStatusRequest};
use crate::catalog::{area_operations, op};

op! {
    Book = "appointments.book", ManageAppointments,
    summary: "Book a patient with a clinician; refuses double-booking unless overbooked with a reason.",
    label: "Booked an appointment",
    fn(cx, req: BookRequest) -> Appointment {
        book::book(cx, &req)
    }
}

op! {
    SetStatus = "appointments.set_status", ManageAppointments,
    summary: "Check in (opens a visit), start, complete, cancel with a reason, or mark a no-show.",
    label: "Changed an appointment's status",
    fn(cx, req: SetStatusRequest) -> Appointment {
        book::set_status(cx, &req)
    }
}

op! {
    Day = "appointments.day", ManageAppointments,
    summary: "A clinic day's appointments by start time, optionally for one clinician.",
    label: "Opened the day's book",
    fn(cx, req: DayRequest) -> DayResponse {
        book::day(cx, &req)
    }
}

op! {
    Reschedule = "appointments.reschedule", ManageAppointments,
    summary: "Move a scheduled appointment to another time, with the same clash rule as booking.",
    label: "Rescheduled an appointment",
    fn(cx, req: super::book::RescheduleRequest) -> Appointment {
        book::reschedule(cx, &req)
    }
}

op! {
    WalkIn = "appointments.walk_in", ManageAppointments,
    summary: "Book a walk-in patient into now and check them in.",
    label: "Added a walk-in",
    fn(cx, req: super::book::WalkInRequest) -> Appointment {
        book::walk_in(cx, &req)
    }
}

op! {
    Slots = "appointments.slots", ManageAppointments,
    summary: "A clinician's free slots on a day for a kind of appointment.",
    label: "Looked for free slots",
    fn(cx, req: super::schedule::SlotsRequest) -> super::schedule::SlotsResponse {
        super::schedule::free_slots(cx, &req)
    }
}

op! {
    Clinicians = "appointments.clinicians", UseQueue,
    summary: "The active doctors and optometrists appointments are booked with; a patient's usual clinician first.",
    label: "Listed the clinicians",
    fn(cx, req: super::lists::CliniciansRequest) -> super::lists::CliniciansResponse {
        super::lists::clinicians_for(cx, &req)
    }
}

op! {
    Reassign = "appointments.reassign", ManageAppointments,
    summary: "Move one appointment, or a clinician's day, with the patients still waiting, to another clinician; clash rule as booking.",
    label: "Moved appointments to another clinician",
    fn(cx, req: super::reassign::ReassignRequest) -> super::reassign::ReassignResponse {
        super::reassign::reassign(cx, &req)
    }
}

op! {
    ReassignPreview = "appointments.reassign_preview", ManageAppointments,
    summary: "What appointments.reassign would move, what stays and where the new clinician is busy; changes nothing.",
    label: "Previewed moving appointments to another clinician",
    fn(cx, req: super::reassign::ReassignRequest) -> super::reassign::ReassignResponse {
        super::reassign::preview(cx, &req)
    }
}

op! {
    Range = "appointments.range", ManageAppointments,
    summary: "Appointments from one clinic day to another (at most 42 days), optionally for one clinician.",
    label: "Opened the book for several days",
    fn(cx, req: super::lists::RangeRequest) -> super::lists::RangeResponse {
        super::lists::range(cx, &req)
    }
}

op! {
    Reminders = "appointments.reminders", ManageAppointments,
    summary: "A day's appointments with phone numbers for reminder calls (tomorrow by default).",
    label: "Opened the reminder calls",
    fn(cx, req: super::lists::RemindersRequest) -> super::lists::RemindersResponse {
        super::lists::reminders(cx, &req)
    }
}

op! {
    MarkCalled = "appointments.mark_called", ManageAppointments,
    summary: "Mark that a patient was rung about an appointment, or clear the mark.",
    label: "Marked a reminder call",
    fn(cx, req: super::lists::MarkCalledRequest) -> super::lists::Reminder {
        super::lists::mark_called(cx, &req)
    }
}

op! {
    ForPatient = "appointments.for_patient", ManageAppointments,
    summary: "One patient's upcoming and recent appointments.",
    label: "Listed a patient's appointments",
    fn(cx, req: super::lists::PatientAppointmentsRequest) -> super::lists::PatientAppointmentsResponse {
        super::lists::for_patient(cx, &req)
    }
}

// The registry lists this area's operations in this order (`fovea call --list`, the bindings).
area_operations! {
    Book,
    SetStatus,
    Day,
    Reschedule,
    Reassign,
    ReassignPreview,
    WalkIn,
    Slots,
    Clinicians,
    Range,
    ForPatient,
    Reminders,
    MarkCalled,
}
