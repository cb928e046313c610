// Examinations made through the real core, for the examination screen, the chart and the recall list: a visit
// started for a patient, a work-up, a consultation and a signature saved as the staff allowed to do each would.
import * as ops from "../api/operations";
import type { Chart } from "../bindings/Chart";
import type { ConsultationInput } from "../bindings/ConsultationInput";
import type { EyeRefractionInput } from "../bindings/EyeRefractionInput";
import type { ExaminationView } from "../bindings/ExaminationView";
import type { RecallEntry } from "../bindings/RecallEntry";
import type { RefractionInput } from "../bindings/RefractionInput";
import type { TrendPoint } from "../bindings/TrendPoint";
import type { WorkupInput } from "../bindings/WorkupInput";
import { addDays } from "../features/appointments/time";
import { DEMO_PASSWORD, signInAs } from "./demoClinic";
import type { IopInput } from "../bindings/IopInput";
import type { Patient } from "../bindings/Patient";
import { patientInput } from "./patients";

/** One eye of a refraction with only sphere, cylinder and axis typed. */
export function rxEye(
  sphere: string | null,
  cylinder: string | null = null,
  axis: string | null = null,
): EyeRefractionInput {
  return { sphere, cylinder, axis, add: null, prism: null, prism_base: null, pd: null };
}

/** A work-up form with nothing typed, then `overrides`. */
export function workupInput(overrides: Partial<WorkupInput> = {}): WorkupInput {
  return {
    acuity: {
      od: { sc: null, cc: null, ph: null, bcva: null, near_sc: null, near_cc: null },
      os: { sc: null, cc: null, ph: null, bcva: null, near_sc: null, near_cc: null },
    },
    refractions: [],
    iop: null,
    findings: { od: null, os: null },
    notes: null,
    copied: [],
    ...overrides,
  };
}

/** A final refraction of both eyes, with the binocular PD. */
/** Pressures measured in both eyes (Goldmann, 09:30), as the work-up form sends them. */
export function iopInput(od: string, os: string): IopInput {
  return {
    od,
    os,
    method: "goldmann",
    time: "09:30",
    od_not_recordable: false,
    od_not_recordable_reason: null,
    os_not_recordable: false,
    os_not_recordable_reason: null,
  };
}

export function finalRx(od: EyeRefractionInput, os: EyeRefractionInput, pd: string | null = null): RefractionInput {
  return { kind: "final", od, os, pd };
}

/** A consultation form with nothing typed, then `overrides`. */
export function consultationInput(overrides: Partial<ConsultationInput> = {}): ConsultationInput {
  return {
    complaint: null,
    ocular_history: null,
    medical_history: null,
    family_history: null,
    findings_summary: null,
    diagnoses: [],
    plan: null,
    follow_up: null,
    notes: null,
    copied: [],
    ...overrides,
  };
}

/**
 * Starts today's examination of a patient from their record, as the signed-in clinician (who becomes the visit's
 * clinician); the visit opens in the work-up. Returns the visit's id.
 */
export async function startedVisit(patientId: string): Promise<string> {
  const started = await ops.startVisit(patientId);
  if (!started.created) throw new Error("The patient already had an open visit today.");
  return started.visit_id;
}

/** Signs the visit's record as the signed-in doctor, with their password typed again. */
export function signed(visitId: string): Promise<ExaminationView> {
  return ops.signExam(visitId, DEMO_PASSWORD);
}

/** Closes a visit on the board (as the signed-in user), so that the patient's next examination is a new visit. */
export async function finished(visitId: string): Promise<void> {
  await ops.moveVisit(visitId, "done");
}

/** A visit of the demo clinic's past week: a patient who attended and was not examined (the book has no record). */
export interface PastVisit {
  patientId: string;
  visitId: string;
  clinicDay: string;
  clinicianName: string;
}

const taken = new Set<string>();

/**
 * A finished visit of a demo patient `daysBack` days or more before `today` (at most a week, as far as the demo book
 * goes) whose chart holds that visit only, with nothing recorded: a past day that examinations can then be saved
 * on, as a doctor finishing the notes does. `accept` can refuse a patient (one with bookings ahead, say). Each
 * patient is handed out once per test file. Leaves the doctor signed in.
 */
export async function pastVisit(
  today: string,
  { daysBack = 1, accept }: { daysBack?: number; accept?: (patientId: string) => Promise<boolean> } = {},
): Promise<PastVisit> {
  await signInAs("doctor");
  for (let back = daysBack; back <= 7; back++) {
    const day = addDays(today, -back);
    for (const a of (await ops.appointmentsDay(day)).appointments) {
      if (a.status !== "completed" || a.visit_id === null || taken.has(a.patient_id)) continue;
      const chart = await ops.getChart(a.patient_id);
      const [only, ...more] = chart.visits;
      if (chart.patient.archived || more.length > 0 || only?.visit_id !== a.visit_id) continue;
      if (only.has_workup || only.has_consultation) continue;
      if (accept && !(await accept(a.patient_id))) continue;
      taken.add(a.patient_id);
      return { patientId: a.patient_id, visitId: a.visit_id, clinicDay: day, clinicianName: a.clinician_name };
    }
  }
  throw new Error(`The demo book has no unexamined attendance from ${daysBack} to 7 days before ${today}.`);
}

// Plain values of the core's types, for tests of pure display logic (chart series, recall wording) that call no
// operation at all.

export function trendPoint(
  clinic_day: string,
  value: number,
  display: string,
  notation_display: string | null = null,
): TrendPoint {
  return { clinic_day, value, display, notation_display };
}

export function chart(overrides: Partial<Chart> = {}): Chart {
  return {
    patient: patient(),
    visits: [],
    trends: { bcva_od: [], bcva_os: [], iop_od: [], iop_os: [], iop_limit: 21 },
    latest_final_refraction: null,
    ...overrides,
  };
}

export function recallEntry(overrides: Partial<RecallEntry> = {}): RecallEntry {
  return {
    patient_id: "p1",
    patient_name: "Ana Ruiz",
    patient_mrn: "R1-000001",
    phones: ["0712 345 678"],
    due_on: "2024-06-20",
    follow_up_text: "in 3 months",
    last_seen_on: "2024-03-20",
    clinician_name: "Dr Amara Okafor",
    booked_on: null,
    ...overrides,
  };
}

/** A patient record as plain data, for pure-logic tests (chart series); component tests register one through the core. */
export function patient(overrides: Partial<Patient> = {}): Patient {
  return {
    ...patientInput({ phones: ["0712 345 678"] }),
    usual_clinician_name: null,
    id: "p1",
    mrn: "R1-000001",
    age_years: 42,
    archived: false,
    created_at: "2024-06-01T09:00:00Z",
    updated_at: "2024-06-01T09:00:00Z",
    ...overrides,
  };
}
