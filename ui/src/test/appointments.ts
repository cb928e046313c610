// Appointments and visits made through the real core, for tests that need exact rows in the demo clinic's book or
// on its queue board. Book for your own patients (see patients.ts) and find the rows by their names or MRNs.
import * as ops from "../api/operations";
import type { Appointment } from "../bindings/Appointment";
import type { AppointmentKind } from "../bindings/AppointmentKind";
import type { Clinician } from "../bindings/Clinician";
import { addDays, weekdayIndex } from "../features/appointments/time";

/** A demo clinician by username ("doctor": Dr Amara Okafor, "optom": Siobhán Byrne), as the book lists them. */
export async function clinician(username: "doctor" | "optom"): Promise<Clinician> {
  const found = (await ops.listClinicians()).clinicians.find((c) => c.username === username);
  if (!found) throw new Error(`The test clinic has no clinician ${username}.`);
  return found;
}

/**
 * The first Monday-to-Friday day at least `days` days after `today`. The demo clinicians keep the core's default
 * week (Monday to Friday), and the demo book reaches 14 days ahead, so a day 30 or more ahead is empty.
 */
export function weekdayAfter(today: string, days: number): string {
  let day = addDays(today, days);
  while (weekdayIndex(day) > 4) day = addDays(day, 1);
  return day;
}

/** Books an appointment as whoever is signed in (a role that manages appointments). */
export function booked(
  patientId: string,
  clinicianId: string,
  date: string,
  time: string,
  {
    kind = "follow_up",
    length = 20,
    reason = null,
    overbook = null,
  }: { kind?: AppointmentKind; length?: number; reason?: string | null; overbook?: string | null } = {},
): Promise<Appointment> {
  return ops.bookAppointment({
    patient_id: patientId,
    clinician_id: clinicianId,
    kind,
    date,
    time,
    length_minutes: length,
    reason,
    notes: null,
    overbook_reason: overbook,
  });
}

/**
 * Books `time` today and checks the patient in, which puts them on the queue board in "Waiting for work-up".
 * Times before 09:00 are outside the demo book, so they never clash with it.
 */
export async function checkedInToday(patientId: string, clinicianId: string, today: string, time: string): Promise<Appointment> {
  const appointment = await booked(patientId, clinicianId, today, time);
  return ops.setAppointmentStatus(appointment.id, "checked_in", null);
}

/** An appointment as plain data, for pure-logic tests; component tests book one through the core (`booked`). */
export function appointment(overrides: Partial<Appointment> = {}): Appointment {
  return {
    id: "ap1",
    patient_id: "p1",
    patient_name: "Ana Ruiz",
    patient_mrn: "R1-000001",
    clinician_id: "c1",
    clinician_name: "Dr Amara Okafor",
    kind: "follow_up",
    starts_at: "2024-06-15T09:00:00.000Z",
    ends_at: "2024-06-15T09:20:00.000Z",
    clinic_day: "2024-06-15",
    start_time: "09:00",
    status: "scheduled",
    reason: "Pressure check",
    notes: null,
    overbook_reason: null,
    cancel_reason: null,
    visit_id: null,
    ...overrides,
  };
}
