// The clinic's settings as a form: shared by the first-start screen and the Clinic settings page.
import type { ClinicSettings } from "../../bindings/ClinicSettings";
import type { DateFormat } from "../../bindings/DateFormat";
import type { PaperSize } from "../../bindings/PaperSize";
import { currencyForLocale } from "../../lib/currencies";
import type { FieldErrors } from "../../lib/formErrors";
import { browserTimeZone } from "../../lib/timeZones";

export interface ClinicFormValues {
  clinic_name: string;
  address: string;
  phone: string;
  registration: string;
  currency: string;
  time_zone: string;
  date_format: DateFormat;
  paper_size: PaperSize;
  /** A NumberInput gives a string while its text is not a number. */
  idle_lock_minutes: number | string;
  session_hours: number | string;
}

export type ClinicField = keyof ClinicFormValues;

/** In the order the form shows them (the first invalid one gets the cursor). */
export const CLINIC_FIELDS: readonly ClinicField[] = [
  "clinic_name",
  "address",
  "phone",
  "registration",
  "currency",
  "time_zone",
  "date_format",
  "paper_size",
  "idle_lock_minutes",
  "session_hours",
];

export const PAPER_SIZES: readonly PaperSize[] = ["A4", "A5", "Letter"];

export const IDLE_LOCK_DEFAULT = 10;
export const SESSION_HOURS_DEFAULT = 12;

export function isClinicField(field: string): field is ClinicField {
  return (CLINIC_FIELDS as readonly string[]).includes(field);
}

/** A new clinic: currency and time zone guessed from this computer, A4, DD/MM/YYYY, 10 idle minutes, 12-hour sessions. */
export function defaultClinicForm(): ClinicFormValues {
  return {
    clinic_name: "",
    address: "",
    phone: "",
    registration: "",
    currency: currencyForLocale(typeof navigator === "undefined" ? undefined : navigator.language),
    time_zone: browserTimeZone(),
    date_format: "DMY",
    paper_size: "A4",
    idle_lock_minutes: IDLE_LOCK_DEFAULT,
    session_hours: SESSION_HOURS_DEFAULT,
  };
}

export function settingsToForm(settings: ClinicSettings): ClinicFormValues {
  return { ...settings, address: settings.address ?? "", phone: settings.phone ?? "", registration: settings.registration ?? "" };
}

/**
 * What the form can tell before sending, keyed by field: blanks and text that is not a number. Which numbers are
 * allowed (idle minutes, session hours) is the core's rule; its message shows on the field.
 */
export function clinicFormHints(values: ClinicFormValues): FieldErrors {
  const hints: FieldErrors = {};
  if (values.clinic_name.trim() === "") hints.clinic_name = "Clinic name is required";
  if (!/^[A-Z]{3}$/.test(values.currency)) hints.currency = "Choose the currency";
  if (values.time_zone.trim() === "") hints.time_zone = "Choose the time zone";
  if (!wholeNumber(values.idle_lock_minutes)) hints.idle_lock_minutes = "Type a whole number of minutes";
  if (!wholeNumber(values.session_hours)) hints.session_hours = "Type a whole number of hours";
  return hints;
}

const wholeNumber = (value: number | string) => typeof value === "number" && Number.isInteger(value);

const blankToNull = (text: string) => (text.trim() === "" ? null : text.trim());

/** What is sent to the core. Call only when clinicFormHints found nothing. */
export function toClinicSettings(values: ClinicFormValues): ClinicSettings {
  return {
    clinic_name: values.clinic_name.trim(),
    address: blankToNull(values.address),
    phone: blankToNull(values.phone),
    registration: blankToNull(values.registration),
    currency: values.currency,
    time_zone: values.time_zone,
    date_format: values.date_format,
    paper_size: values.paper_size,
    idle_lock_minutes: Number(values.idle_lock_minutes),
    session_hours: Number(values.session_hours),
  };
}

/** A core field path as this form names it: `clinic.currency` → `currency`. */
export function clinicFieldFromPath(path: string): string {
  return path.replace(/^(clinic|settings)\./, "");
}
