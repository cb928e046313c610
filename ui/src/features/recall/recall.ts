// The recall list's wording and the booking it starts.
import type { RecallEntry } from "../../bindings/RecallEntry";
import { parseIso } from "../../lib/dates";
import type { BookingDraft } from "../appointments/BookingModal";
import type { PatientChoice } from "../appointments/bookingForm";

function dayNumber(iso: string): number | null {
  const d = parseIso(iso);
  return d ? Math.round(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000) : null;
}

/** "due today", "due in 5 days", "3 days overdue": how far the due day is from today. */
export function dueLabel(due: string, today: string): string | null {
  const a = dayNumber(due);
  const b = dayNumber(today);
  if (a === null || b === null) return null;
  const days = a - b;
  if (days === 0) return "due today";
  if (days === 1) return "due tomorrow";
  if (days > 1) return `due in ${days} days`;
  if (days === -1) return "1 day overdue";
  return `${-days} days overdue`;
}

/** The booking form for a patient due back: on the due day, or today if that has passed. */
export function bookingDraftFor(entry: RecallEntry, patient: PatientChoice, today: string, key: number): BookingDraft {
  const { id, mrn, first_name, last_name, date_of_birth } = patient;
  return {
    key,
    date: entry.due_on < today ? today : entry.due_on,
    time: "",
    clinicianId: null,
    patient: { id, mrn, first_name, last_name, date_of_birth },
  };
}
