// Clinic wall-clock times ("09:20") and calendar days ("2026-11-25") as the core sends them. All arithmetic
// here is on those strings' numbers, never through the browser's time zone, so a workstation set to another
// zone still shows the clinic's times.
import { parseIso, toIso } from "../../lib/dates";

/** Minutes since midnight of "HH:MM", or null when it is not a time of day. */
export function parseHm(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return null;
  return hours * 60 + minutes;
}

/** "HH:MM" of minutes since midnight (clamped to the day). */
export function formatHm(minutes: number): string {
  const clamped = Math.max(0, Math.min(24 * 60 - 1, Math.round(minutes)));
  return `${String(Math.floor(clamped / 60)).padStart(2, "0")}:${String(clamped % 60).padStart(2, "0")}`;
}

/** Whole minutes between two RFC 3339 instants (an appointment's length); 0 if either does not parse. */
export function minutesBetween(startsAt: string, endsAt: string): number {
  const start = Date.parse(startsAt);
  const end = Date.parse(endsAt);
  if (Number.isNaN(start) || Number.isNaN(end)) return 0;
  return Math.round((end - start) / 60_000);
}

function dayNumber(iso: string): number | null {
  const date = parseIso(iso);
  return date ? Date.UTC(date.year, date.month - 1, date.day) / 86_400_000 : null;
}

function fromDayNumber(day: number): string {
  const date = new Date(day * 86_400_000);
  return toIso({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
}

/** The ISO day `count` days after `iso` (before, when negative); `iso` itself if it does not parse. */
export function addDays(iso: string, count: number): string {
  const day = dayNumber(iso);
  return day === null ? iso : fromDayNumber(day + count);
}

/** 0 for Monday … 6 for Sunday, matching `Schedule.days`. */
export function weekdayIndex(iso: string): number {
  const day = dayNumber(iso) ?? 0;
  // 1970-01-01 was a Thursday (index 3).
  return (((day + 3) % 7) + 7) % 7;
}

/** The seven ISO days, Monday first, of the week holding `iso`. */
export function weekOf(iso: string): string[] {
  const monday = addDays(iso, -weekdayIndex(iso));
  return Array.from({ length: 7 }, (_, index) => addDays(monday, index));
}

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export function weekdayName(index: number): string {
  return WEEKDAYS[index] ?? "";
}

/** "Wednesday 25 November 2026": a day spelt out, unambiguous whatever the clinic's date format. */
export function longDay(iso: string): string {
  const date = parseIso(iso);
  if (!date) return iso;
  return `${weekdayName(weekdayIndex(iso))} ${date.day} ${MONTHS[date.month - 1]} ${date.year}`;
}

/** "Wed 25": a column heading in the week view. */
export function shortDay(iso: string): string {
  const date = parseIso(iso);
  if (!date) return iso;
  return `${weekdayName(weekdayIndex(iso)).slice(0, 3)} ${date.day}`;
}

/** "today", "tomorrow", "yesterday" relative to the clinic's today, else null. */
export function relativeDay(iso: string, today: string): string | null {
  const a = dayNumber(iso);
  const b = dayNumber(today);
  if (a === null || b === null) return null;
  if (a === b) return "today";
  if (a === b + 1) return "tomorrow";
  if (a === b - 1) return "yesterday";
  return null;
}
