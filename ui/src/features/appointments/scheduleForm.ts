// A clinician's week as the schedules form edits it. Error keys follow the request's paths with dots
// (`days.0.start`, `days.0.breaks.1`, `minutes_by_kind.new_patient`), so the core's `days[0]` lands on the row.
import type { AppointmentKind } from "../../bindings/AppointmentKind";
import type { Schedule } from "../../bindings/Schedule";
import { normalizeFieldPath, type FieldErrors } from "../../lib/formErrors";
import { BOOKABLE_KINDS } from "./kinds";
import { parseHm } from "./time";

export interface BreakForm {
  start: string;
  end: string;
}

export interface DayForm {
  working: boolean;
  start: string;
  end: string;
  breaks: BreakForm[];
}

export interface ScheduleFormValues {
  days: DayForm[];
  defaultMinutes: string;
  /** Empty = the clinician's default length. */
  byKind: Record<AppointmentKind, string>;
}

const DAY_OFF: DayForm = { working: false, start: "09:00", end: "17:00", breaks: [] };

export function scheduleToForm(schedule: Schedule): ScheduleFormValues {
  const byKind = { new_patient: "", follow_up: "", post_op: "", refraction: "", walk_in: "" } as Record<AppointmentKind, string>;
  for (const entry of schedule.minutes_by_kind) byKind[entry.kind] = String(entry.minutes);
  return {
    days: Array.from({ length: 7 }, (_, index) => {
      const day = schedule.days[index];
      return day ? { working: true, start: day.start, end: day.end, breaks: day.breaks.map((b) => ({ ...b })) } : { ...DAY_OFF };
    }),
    defaultMinutes: String(schedule.default_minutes),
    byKind,
  };
}

export function formToSchedule(values: ScheduleFormValues, clinicianId: string): Schedule {
  return {
    clinician_id: clinicianId,
    days: values.days.map((day) =>
      day.working ? { start: day.start.trim(), end: day.end.trim(), breaks: day.breaks.map((b) => ({ start: b.start.trim(), end: b.end.trim() })) } : null,
    ),
    default_minutes: Number(values.defaultMinutes.trim()),
    minutes_by_kind: BOOKABLE_KINDS.filter((kind) => values.byKind[kind].trim() !== "").map((kind) => ({
      kind,
      minutes: Number(values.byKind[kind].trim()),
    })),
  };
}

function minutesError(text: string): string | null {
  const trimmed = text.trim();
  if (!/^\d{1,3}$/.test(trimmed) || Number(trimmed) < 5 || Number(trimmed) > 240) return "5 to 240 minutes.";
  return null;
}

const TIME_HINT = "Write HH:MM, for example 09:00.";

export function validateScheduleForm(values: ScheduleFormValues): FieldErrors {
  const errors: FieldErrors = {};
  values.days.forEach((day, i) => {
    if (!day.working) return;
    const start = parseHm(day.start);
    const end = parseHm(day.end);
    if (start === null) errors[`days.${i}.start`] = TIME_HINT;
    if (end === null) errors[`days.${i}.end`] = TIME_HINT;
    if (start !== null && end !== null && end <= start) errors[`days.${i}.end`] = "The day must end after it starts.";
    day.breaks.forEach((b, j) => {
      const bs = parseHm(b.start);
      const be = parseHm(b.end);
      if (bs === null || be === null) errors[`days.${i}.breaks.${j}`] = TIME_HINT;
      else if (be <= bs) errors[`days.${i}.breaks.${j}`] = "A break must end after it starts.";
      else if (start !== null && end !== null && (bs < start || be > end)) {
        errors[`days.${i}.breaks.${j}`] = "A break must lie within the working hours.";
      }
    });
  });
  const general = minutesError(values.defaultMinutes);
  if (general) errors.default_minutes = general;
  for (const kind of BOOKABLE_KINDS) {
    if (values.byKind[kind].trim() === "") continue;
    const error = minutesError(values.byKind[kind]);
    if (error) errors[`minutes_by_kind.${kind}`] = error;
  }
  return errors;
}

/** The keys an error may be shown at for these values, from the most precise to the whole day. */
export function scheduleErrorKeys(values: ScheduleFormValues): Set<string> {
  const keys = new Set<string>(["default_minutes", "days"]);
  values.days.forEach((day, i) => {
    keys.add(`days.${i}`);
    keys.add(`days.${i}.start`);
    keys.add(`days.${i}.end`);
    day.breaks.forEach((_, j) => keys.add(`days.${i}.breaks.${j}`));
  });
  for (const kind of BOOKABLE_KINDS) keys.add(`minutes_by_kind.${kind}`);
  return keys;
}

/**
 * Where a core error about `field` shows: that field if the form has it, else the nearest enclosing one
 * (`days.2.breaks.0.start` → `days.2.breaks.0`; `days[3]` → `days.3`); null for the top of the form.
 */
export function placeScheduleError(field: string | null, keys: ReadonlySet<string>): string | null {
  if (field === null) return null;
  const parts = normalizeFieldPath(field).replace(/^schedule\./, "").split(".");
  while (parts.length > 0) {
    const key = parts.join(".");
    if (keys.has(key)) return key;
    parts.pop();
  }
  return null;
}
