// The patient form's model: values as typed, client-side hints, and conversion to the API shape.
// The hints mirror the core's rules so people learn of a mistake before submitting; the core's
// field errors stay authoritative.
import type { DateFormat } from "../../bindings/DateFormat";
import type { Patient } from "../../bindings/Patient";
import type { PatientInput } from "../../bindings/PatientInput";
import type { Sex } from "../../bindings/Sex";
import { compareDates, datePattern, formatDate, parseDateInput, parseIso, toIso } from "../../lib/dates";
import type { FieldErrors } from "../../lib/formErrors";

export interface PatientFormValues {
  first_name: string;
  last_name: string;
  date_of_birth: string;
  sex: Sex;
  phones: string[];
  email: string;
  address: string;
  national_id: string;
  medical_history: string;
  allergies: string;
  current_medications: string;
  emergency_contact_name: string;
  emergency_contact_phone: string;
  /** The clinician booking proposes first; "" for none. */
  usual_clinician_id: string;
}

export type PatientTextField = Exclude<keyof PatientFormValues, "sex" | "phones">;

export const emptyPatientForm: PatientFormValues = {
  first_name: "",
  last_name: "",
  date_of_birth: "",
  sex: "unknown",
  phones: [""],
  email: "",
  address: "",
  national_id: "",
  medical_history: "",
  allergies: "",
  current_medications: "",
  emergency_contact_name: "",
  emergency_contact_phone: "",
  usual_clinician_id: "",
};

/** Whether a normalized error path names a field of this form (`phones.N` included). */
export function isPatientField(path: string): boolean {
  return path in emptyPatientForm || /^phones\.\d+$/.test(path);
}

export interface ValidationContext {
  dateFormat: DateFormat;
  today: string; // ISO, clinic time zone
}

const PHONE_CHARS = /^[0-9 +\-().]*$/;
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Hint for one phone number, or null when it looks acceptable (or is empty). */
export function phoneHint(phone: string): string | null {
  const value = phone.trim();
  if (value === "") return null;
  if (!PHONE_CHARS.test(value)) return "Use only digits, spaces and + - ( ) .";
  const digits = value.replace(/\D/g, "").length;
  if (digits < 6 || digits > 20) return "A phone number has 6 to 20 digits";
  return null;
}

/** Hint for the date of birth, or null when it is a plausible date. */
export function dateOfBirthHint(text: string, context: ValidationContext): string | null {
  if (text.trim() === "") return "Date of birth is required";
  const date = parseDateInput(text, context.dateFormat);
  if (!date) return `Enter a real date as ${datePattern(context.dateFormat)}`;
  const today = parseIso(context.today);
  if (today) {
    if (compareDates(date, today) > 0) return "Date of birth cannot be in the future";
    const oldest = { ...today, year: today.year - 130 };
    if (compareDates(date, oldest) < 0) return "Date of birth cannot be more than 130 years ago";
  }
  return null;
}

/** All client-side hints for the form, keyed by field (`phones.N` for a phone number). */
export function validatePatientForm(values: PatientFormValues, context: ValidationContext): FieldErrors {
  const errors: FieldErrors = {};
  if (values.first_name.trim() === "") errors.first_name = "First name is required";
  if (values.last_name.trim() === "") errors.last_name = "Last name is required";
  const dob = dateOfBirthHint(values.date_of_birth, context);
  if (dob) errors.date_of_birth = dob;
  values.phones.forEach((phone, index) => {
    const hint = phoneHint(phone);
    if (hint) errors[`phones.${index}`] = hint;
  });
  const email = values.email.trim();
  if (email !== "" && !EMAIL_SHAPE.test(email)) errors.email = "This does not look like an email address";
  const emergencyPhone = phoneHint(values.emergency_contact_phone);
  if (emergencyPhone) errors.emergency_contact_phone = emergencyPhone;
  return errors;
}

function optional(text: string): string | null {
  const value = text.trim();
  return value === "" ? null : value;
}

/**
 * The request body. Dates that parse are sent as ISO; anything else is sent as typed so
 * that the core answers with its own message. Blank phone rows are dropped.
 */
export function toPatientInput(values: PatientFormValues, dateFormat: DateFormat): PatientInput {
  const dob = parseDateInput(values.date_of_birth, dateFormat);
  return {
    first_name: values.first_name.trim(),
    last_name: values.last_name.trim(),
    date_of_birth: dob ? toIso(dob) : values.date_of_birth.trim(),
    sex: values.sex,
    phones: values.phones.map((phone) => phone.trim()).filter((phone) => phone !== ""),
    email: optional(values.email),
    address: optional(values.address),
    national_id: optional(values.national_id),
    medical_history: optional(values.medical_history),
    allergies: optional(values.allergies),
    current_medications: optional(values.current_medications),
    emergency_contact_name: optional(values.emergency_contact_name),
    emergency_contact_phone: optional(values.emergency_contact_phone),
    usual_clinician_id: optional(values.usual_clinician_id),
  };
}

/** The form prefilled from a stored patient (for editing). */
export function patientToForm(patient: Patient, dateFormat: DateFormat): PatientFormValues {
  return {
    first_name: patient.first_name,
    last_name: patient.last_name,
    date_of_birth: formatDate(patient.date_of_birth, dateFormat),
    sex: patient.sex,
    phones: patient.phones.length > 0 ? [...patient.phones] : [""],
    email: patient.email ?? "",
    address: patient.address ?? "",
    national_id: patient.national_id ?? "",
    medical_history: patient.medical_history ?? "",
    allergies: patient.allergies ?? "",
    current_medications: patient.current_medications ?? "",
    emergency_contact_name: patient.emergency_contact_name ?? "",
    emergency_contact_phone: patient.emergency_contact_phone ?? "",
    usual_clinician_id: patient.usual_clinician_id ?? "",
  };
}

/**
 * A new form prefilled from what was typed into the search box: a date goes to the date of
 * birth, a phone-like string to the first phone, and words to the names ("Last, First",
 * a single word as the last name, otherwise the last word as the last name).
 */
export function prefillFromSearch(query: string, dateFormat: DateFormat): Partial<PatientFormValues> {
  const text = query.trim().replace(/\s+/g, " ");
  if (text === "") return {};
  const date = parseDateInput(text, dateFormat);
  if (date) return { date_of_birth: formatDate(toIso(date), dateFormat) };
  if (/^[0-9 +\-().]+$/.test(text)) return { phones: [text] };
  if (/\d/.test(text)) return {}; // an MRN or something else that is not a name
  const comma = text.indexOf(",");
  if (comma >= 0) {
    return { last_name: text.slice(0, comma).trim(), first_name: text.slice(comma + 1).trim() };
  }
  const words = text.split(" ");
  if (words.length === 1) return { last_name: text };
  return { first_name: words.slice(0, -1).join(" "), last_name: words[words.length - 1] ?? "" };
}
