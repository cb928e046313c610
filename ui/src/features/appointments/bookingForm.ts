// The booking form's values, checks and request. Errors are keyed by the request's field names, so the core's
// `{field}` lands on the same input as the form's own hints.
import type { AppointmentKind } from "../../bindings/AppointmentKind";
import type { BookRequest } from "../../bindings/BookRequest";
import type { RescheduleRequest } from "../../bindings/RescheduleRequest";
import type { FieldErrors } from "../../lib/formErrors";
import { parseHm } from "./time";

/** The little the book needs of a patient, whether found by search or just registered. */
export interface PatientChoice {
  id: string;
  mrn: string;
  first_name: string;
  last_name: string;
  date_of_birth: string;
}

/** When and how long: shared by booking and rescheduling. */
export interface WhenValues {
  /** ISO day, null until chosen. */
  date: string | null;
  /** HH:MM as typed. */
  time: string;
  /** Minutes as typed. */
  length: string;
}

export interface BookingValues extends WhenValues {
  patient: PatientChoice | null;
  clinicianId: string | null;
  kind: AppointmentKind;
  reason: string;
  notes: string;
}

export const BOOKING_FIELDS = ["patient_id", "clinician_id", "date", "time", "length_minutes", "reason", "notes", "overbook_reason"] as const;

export function isBookingField(path: string): boolean {
  return (BOOKING_FIELDS as readonly string[]).includes(path);
}

const MAX_REASON = 300;

/** Minutes typed into a length box, or null when it is not a whole number. */
export function parseLength(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,3}$/.test(trimmed) ? Number(trimmed) : null;
}

export function validateWhen(values: WhenValues): FieldErrors {
  const errors: FieldErrors = {};
  if (values.date === null) errors.date = "Choose a day.";
  if (values.time.trim() === "") errors.time = "Choose a time.";
  else if (parseHm(values.time) === null) errors.time = "Write the time as HH:MM, for example 09:20.";
  const length = parseLength(values.length);
  if (length === null || length < 5 || length > 240) errors.length_minutes = "An appointment lasts 5 to 240 minutes.";
  return errors;
}

export function validateBooking(values: BookingValues): FieldErrors {
  const errors: FieldErrors = {};
  if (values.patient === null) errors.patient_id = "Find the patient, or register them.";
  if (values.clinicianId === null) errors.clinician_id = "Choose a clinician.";
  Object.assign(errors, validateWhen(values));
  if (values.reason.trim().length > MAX_REASON) errors.reason = `Keep this under ${MAX_REASON} characters.`;
  return errors;
}

/** Reason required to overbook, as the core asks. */
export function validateOverbook(reason: string): string | null {
  const trimmed = reason.trim();
  if (trimmed === "") return "Say why this patient is overbooked.";
  if (trimmed.length > MAX_REASON) return `Keep this under ${MAX_REASON} characters.`;
  return null;
}

const orNull = (text: string) => (text.trim() === "" ? null : text.trim());

/** The request for valid values (validateBooking found nothing). */
export function toBookRequest(values: BookingValues, overbookReason: string | null): BookRequest {
  return {
    patient_id: values.patient?.id ?? "",
    clinician_id: values.clinicianId ?? "",
    kind: values.kind,
    date: values.date ?? "",
    time: normalizeTime(values.time),
    length_minutes: parseLength(values.length) ?? 0,
    reason: orNull(values.reason),
    notes: orNull(values.notes),
    overbook_reason: overbookReason === null ? null : orNull(overbookReason),
  };
}

export function toRescheduleRequest(id: string, values: WhenValues, overbookReason: string | null): RescheduleRequest {
  return {
    id,
    date: values.date ?? "",
    time: normalizeTime(values.time),
    length_minutes: parseLength(values.length) ?? 0,
    overbook_reason: overbookReason === null ? null : orNull(overbookReason),
  };
}

/** "9:20" → "09:20", as the core expects two-digit hours. */
export function normalizeTime(text: string): string {
  const minutes = parseHm(text);
  if (minutes === null) return text.trim();
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}
