// The consultation form's state, its conversion to and from what the core takes and stores, the eye a diagnosis
// starts on, the follow-up as asked for, and where the core's field errors land.
import type { Consultation } from "../../bindings/Consultation";
import type { ConsultationInput } from "../../bindings/ConsultationInput";
import type { Eye } from "../../bindings/Eye";
import type { FollowUpInput } from "../../bindings/FollowUpInput";
import type { Icd10Code } from "../../bindings/Icd10Code";
import type { PreviousVisit } from "../../bindings/PreviousVisit";

export const EYE_CHOICES: readonly { value: Eye; label: string }[] = [
  { value: "od", label: "OD (right)" },
  { value: "os", label: "OS (left)" },
  { value: "ou", label: "OU (both)" },
  { value: "not_applicable", label: "Not applicable" },
];

export const HISTORY_FIELDS = ["ocular_history", "medical_history", "family_history"] as const;
export type HistoryField = (typeof HISTORY_FIELDS)[number];
export const TEXT_FIELDS = ["complaint", "ocular_history", "medical_history", "family_history", "findings_summary", "plan", "notes"] as const;
export type ConsultationTextField = (typeof TEXT_FIELDS)[number];

export interface DiagnosisValues {
  code: string;
  description: string;
  eye: Eye;
  note: string;
}

export type FollowUpKind = "none" | "weeks" | "months" | "date";

export interface FollowUpValues {
  kind: FollowUpKind;
  /** Weeks or months, as typed. */
  count: string;
  /** ISO day, for kind "date". */
  date: string | null;
}

export interface ConsultationValues extends Record<ConsultationTextField, string> {
  diagnoses: DiagnosisValues[];
  followUp: FollowUpValues;
  /** Sections filled by "copy from last visit" (`history`) and not edited since. */
  copied: string[];
}

export function blankConsultation(): ConsultationValues {
  return {
    complaint: "",
    ocular_history: "",
    medical_history: "",
    family_history: "",
    findings_summary: "",
    plan: "",
    notes: "",
    diagnoses: [],
    followUp: { kind: "none", count: "", date: null },
    copied: [],
  };
}

const WORD = /[^a-z0-9]+/;

/**
 * The eye a diagnosis starts on: the one its description names (`…, right eye` OD, `…, left eye` OS, `…, bilateral`
 * or both OU), else OU. The core refuses an eye that contradicts the code, so this saves a refusal.
 */
export function eyeFromDescription(description: string): Eye {
  const words = description.toLowerCase().split(WORD);
  const right = words.includes("right");
  const left = words.includes("left");
  if (words.includes("bilateral") || (right && left)) return "ou";
  if (right) return "od";
  if (left) return "os";
  return "ou";
}

/** Adds a chosen code with its eye preselected; the same code on the same eye is not added twice. */
export function addDiagnosis(values: ConsultationValues, code: Icd10Code): ConsultationValues {
  const eye = eyeFromDescription(code.description);
  if (values.diagnoses.some((d) => d.code === code.code && d.eye === eye)) return values;
  return { ...values, diagnoses: [...values.diagnoses, { code: code.code, description: code.description, eye, note: "" }] };
}

export function removeDiagnosis(values: ConsultationValues, index: number): ConsultationValues {
  return { ...values, diagnoses: values.diagnoses.filter((_, i) => i !== index) };
}

/** Fills the three histories from the last visit (only what it recorded) and marks them copied. */
export function copyHistory(values: ConsultationValues, previous: PreviousVisit): ConsultationValues {
  return {
    ...values,
    ocular_history: previous.ocular_history ?? values.ocular_history,
    medical_history: previous.medical_history ?? values.medical_history,
    family_history: previous.family_history ?? values.family_history,
    copied: values.copied.includes("history") ? values.copied : [...values.copied, "history"],
  };
}

/** Whether the last visit recorded any history to copy. */
export function hasHistory(previous: PreviousVisit | null): previous is PreviousVisit {
  return previous !== null && HISTORY_FIELDS.some((f) => (previous[f] ?? "").trim() !== "");
}

/** One text field changed; editing a copied history means it is no longer as copied. */
export function setText(values: ConsultationValues, field: ConsultationTextField, text: string): ConsultationValues {
  const copied = (HISTORY_FIELDS as readonly string[]).includes(field) ? values.copied.filter((c) => c !== "history") : values.copied;
  return { ...values, [field]: text, copied };
}

/**
 * The follow-up as the core takes it. Returns `{ error }` for what can be told without asking (a count that is not a
 * whole number, a missing date); the core checks the ranges.
 */
export function followUpInput(f: FollowUpValues): { input: FollowUpInput | null; error: string | null } {
  if (f.kind === "none") return { input: null, error: null };
  if (f.kind === "date") {
    return f.date ? { input: { kind: "date", date: f.date }, error: null } : { input: null, error: "Choose the day the patient should come back." };
  }
  const text = f.count.trim();
  if (!/^\d{1,3}$/.test(text) || Number(text) === 0) {
    return { input: null, error: `Give a whole number of ${f.kind}.` };
  }
  return { input: { kind: f.kind, count: Number(text) }, error: null };
}

/** A saved follow-up back in the form: `in 3 months` is three months, `on <date>` the date the core computed. */
export function followUpFromSaved(text: string | null, on: string | null): FollowUpValues {
  const interval = text ? /^in (\d+) (week|weeks|month|months)$/.exec(text.trim()) : null;
  if (interval) return { kind: interval[2]?.startsWith("week") ? "weeks" : "months", count: interval[1] ?? "", date: null };
  if (on) return { kind: "date", count: "", date: on };
  return { kind: "none", count: "", date: null };
}

export function consultationToValues(c: Consultation | null): ConsultationValues {
  if (!c) return blankConsultation();
  return {
    complaint: c.complaint ?? "",
    ocular_history: c.ocular_history ?? "",
    medical_history: c.medical_history ?? "",
    family_history: c.family_history ?? "",
    findings_summary: c.findings_summary ?? "",
    plan: c.plan ?? "",
    notes: c.notes ?? "",
    diagnoses: c.diagnoses.map((d) => ({ code: d.code, description: d.description, eye: d.eye, note: d.note ?? "" })),
    followUp: followUpFromSaved(c.follow_up_text, c.follow_up_on),
    copied: [...c.copied],
  };
}

const orNull = (text: string): string | null => (text.trim() === "" ? null : text.trim());

/** The form as the core takes it; `followUp` is the already-checked follow-up. */
export function toConsultationInput(values: ConsultationValues, followUp: FollowUpInput | null): ConsultationInput {
  return {
    complaint: orNull(values.complaint),
    ocular_history: orNull(values.ocular_history),
    medical_history: orNull(values.medical_history),
    family_history: orNull(values.family_history),
    findings_summary: orNull(values.findings_summary),
    diagnoses: values.diagnoses.map((d) => ({ code: d.code, eye: d.eye, note: orNull(d.note) })),
    plan: orNull(values.plan),
    follow_up: followUp,
    notes: orNull(values.notes),
    copied: [...values.copied],
  };
}

/**
 * Where a field error of the core lands on the consultation form: the `data-testid` of the input to mark, or null
 * when it belongs to no field here. `followUpKind` says which follow-up input is showing.
 */
export function consultationErrorTarget(field: string, followUpKind: FollowUpKind): string | null {
  const simple: Record<string, string> = {
    complaint: "consult-complaint",
    ocular_history: "consult-ocular-history",
    medical_history: "consult-medical-history",
    family_history: "consult-family-history",
    findings_summary: "consult-findings-summary",
    plan: "consult-plan",
    notes: "consult-notes",
    diagnoses: "dx-search",
  };
  const direct = simple[field];
  if (direct) return direct;
  if (field === "follow_up") return followUpKind === "date" ? "followup-date" : "followup-count";
  const dx = /^diagnoses\.(\d+)\.(code|eye|note)$/.exec(field);
  if (dx) return `dx-${dx[2]}-${dx[1]}`;
  return null;
}
