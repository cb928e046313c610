// Dates as the clinic reads and types them. Everything crossing the API is ISO (YYYY-MM-DD);
// only what a person sees or types uses the clinic's DateFormat.
import type { DateFormat } from "../bindings/DateFormat";

export interface CalendarDate {
  year: number;
  month: number; // 1–12
  day: number; // 1–31
}

export const DATE_FORMATS: readonly DateFormat[] = ["DMY", "MDY", "YMD"];

/** The pattern shown to people, e.g. as an input placeholder. */
export function datePattern(format: DateFormat): string {
  switch (format) {
    case "DMY":
      return "DD/MM/YYYY";
    case "MDY":
      return "MM/DD/YYYY";
    case "YMD":
      return "YYYY-MM-DD";
  }
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isRealDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

export function toIso(date: CalendarDate): string {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

function make(year: number, month: number, day: number): CalendarDate | null {
  return isRealDate(year, month, day) ? { year, month, day } : null;
}

/** Strict ISO date (YYYY-MM-DD, optionally followed by a time part, which is ignored). */
export function parseIso(text: string): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(text.trim());
  if (!match) return null;
  return make(Number(match[1]), Number(match[2]), Number(match[3]));
}

/**
 * Parses what a person typed: ISO always, and the clinic's own format with `/`, `.` or `-`
 * as separator (one-digit day and month allowed) or as eight digits without separators.
 * Returns null when the text is not a real calendar date.
 */
export function parseDateInput(text: string, format: DateFormat): CalendarDate | null {
  const value = text.trim();
  if (value === "") return null;

  const ymd = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value);
  if (ymd) return make(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]));

  if (format === "YMD") {
    const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
    return compact ? make(Number(compact[1]), Number(compact[2]), Number(compact[3])) : null;
  }

  const parts =
    /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(value);
  if (!parts) return null;
  const first = Number(parts[1]);
  const second = Number(parts[2]);
  const year = Number(parts[3]);
  return format === "DMY" ? make(year, second, first) : make(year, first, second);
}

/** Formats an ISO date in the clinic's format; text that is not an ISO date is returned as is. */
export function formatDate(iso: string, format: DateFormat): string {
  const date = parseIso(iso);
  if (!date) return iso;
  const d = pad(date.day, 2);
  const m = pad(date.month, 2);
  const y = pad(date.year, 4);
  switch (format) {
    case "DMY":
      return `${d}/${m}/${y}`;
    case "MDY":
      return `${m}/${d}/${y}`;
    case "YMD":
      return `${y}-${m}-${d}`;
  }
}

/** Compares two calendar dates: negative if a is earlier. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

export interface Age {
  years: number;
  months: number; // whole months in total
  days: number; // whole days in total
}

/** Age on `today` of someone born on `birth`; null if born after today. */
export function ageOn(birth: CalendarDate, today: CalendarDate): Age | null {
  if (compareDates(birth, today) > 0) return null;
  const beforeBirthday = today.month < birth.month || (today.month === birth.month && today.day < birth.day);
  const years = today.year - birth.year - (beforeBirthday ? 1 : 0);
  const months = (today.year - birth.year) * 12 + (today.month - birth.month) - (today.day < birth.day ? 1 : 0);
  const days = Math.round(
    (Date.UTC(today.year, today.month - 1, today.day) - Date.UTC(birth.year, birth.month - 1, birth.day)) /
      86_400_000,
  );
  return { years, months, days };
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? "" : "s"}`;
}

/** "42 years"; under two years old in months ("18 months"), under a month in days. */
export function describeAge(age: Age): string {
  if (age.years >= 2) return plural(age.years, "year");
  if (age.months >= 1) return plural(age.months, "month");
  return plural(age.days, "day");
}

/** describeAge for two ISO dates; null if either does not parse or birth is after today. */
export function describeAgeIso(birthIso: string, todayIso: string): string | null {
  const birth = parseIso(birthIso);
  const today = parseIso(todayIso);
  if (!birth || !today) return null;
  const age = ageOn(birth, today);
  return age ? describeAge(age) : null;
}

/** An instant (e.g. created_at) as local date and time in the clinic's date format. */
export function formatInstant(instant: string, format: DateFormat): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  const day = toIso({ year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() });
  return `${formatDate(day, format)} ${pad(date.getHours(), 2)}:${pad(date.getMinutes(), 2)}`;
}
