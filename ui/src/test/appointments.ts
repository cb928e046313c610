// Fixtures for the book, the board and the reminders.
import type { Appointment } from "../bindings/Appointment";
import type { Clinician } from "../bindings/Clinician";
import type { QueueCard } from "../bindings/QueueCard";
import type { Schedule } from "../bindings/Schedule";

export const okafor: Clinician = { id: "c1", username: "drokafor", full_name: "Dr Amara Okafor", roles: ["doctor"], specialization: "Glaucoma" };
export const walsh: Clinician = { id: "c2", username: "lwalsh", full_name: "Liam Walsh", roles: ["optometrist"], specialization: null };

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

/** Monday to Friday 09:00–17:00 with lunch, 20-minute appointments and 30 for new patients (the core's default). */
export function schedule(clinicianId: string, overrides: Partial<Schedule> = {}): Schedule {
  const day = { start: "09:00", end: "17:00", breaks: [{ start: "13:00", end: "14:00" }] };
  return {
    clinician_id: clinicianId,
    days: [day, day, day, day, day, day, null],
    default_minutes: 20,
    minutes_by_kind: [{ kind: "new_patient", minutes: 30 }],
    ...overrides,
  };
}

export function card(overrides: Partial<QueueCard> = {}): QueueCard {
  return {
    visit_id: "v1",
    patient_id: "p1",
    patient_name: "Ana Ruiz",
    patient_mrn: "R1-000001",
    clinician_id: "c1",
    clinician_name: "Dr Amara Okafor",
    appointment_time: "09:00",
    stage: "waiting_workup",
    stage_since: "2024-06-15T09:02:00.000Z",
    minutes_in_stage: 5,
    level: "normal",
    ...overrides,
  };
}
