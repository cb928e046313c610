// Fixtures for the examination screen, the chart and the recall list.
import type { Chart } from "../bindings/Chart";
import type { CurrentUser } from "../bindings/CurrentUser";
import type { ExaminationView } from "../bindings/ExaminationView";
import type { RecallEntry } from "../bindings/RecallEntry";
import type { TrendPoint } from "../bindings/TrendPoint";
import type { WorkupDerived } from "../bindings/WorkupDerived";
import { patient } from "./render";

export function exam(overrides: Partial<ExaminationView> = {}): ExaminationView {
  return {
    visit_id: "v1",
    examination_id: null,
    clinic_day: "2024-06-15",
    stage: "in_workup",
    patient: patient({ allergies: "Penicillin" }),
    clinician_name: "Dr Amara Okafor",
    workup: null,
    workup_derived: null,
    workup_by_name: null,
    workup_saved_at: null,
    consultation: null,
    consultation_by_name: null,
    consultation_saved_at: null,
    signed_at: null,
    signed_by_name: null,
    addenda: [],
    previous: null,
    settings: { va_notation: "snellen_metric", cylinder_form: "minus", rx_expiry_months: 24 },
    ...overrides,
  };
}

export const noDerived: WorkupDerived = {
  acuity_od: { sc: null, cc: null, ph: null, bcva: null, near_sc: null, near_cc: null, bcva_logmar: null },
  acuity_os: { sc: null, cc: null, ph: null, bcva: null, near_sc: null, near_cc: null, bcva_logmar: null },
  refractions: [],
  iop_flags: null,
};

function clinical(base: CurrentUser, roles: CurrentUser["roles"], permissions: CurrentUser["permissions"]): CurrentUser {
  return { ...base, roles, permissions };
}

/** An optometrist: writes the work-up, reads the consultation. */
export function optometristUser(): CurrentUser {
  return clinical(
    { id: "u-optom", username: "lwalsh", full_name: "Liam Walsh", roles: [], permissions: [], idle_lock_minutes: 10 },
    ["optometrist"],
    ["signed_in", "read_patients", "read_clinical", "write_workup", "manage_appointments", "use_queue"],
  );
}

/** A doctor: writes both parts and signs. */
export function doctorUser(): CurrentUser {
  return clinical(
    { id: "u-doctor", username: "drokafor", full_name: "Dr Amara Okafor", roles: [], permissions: [], idle_lock_minutes: 10 },
    ["doctor"],
    ["signed_in", "read_patients", "write_patients", "read_clinical", "write_workup", "write_consultation", "sign_clinical", "manage_appointments", "use_queue"],
  );
}

export function trendPoint(clinic_day: string, value: number, display: string, notation_display: string | null = null): TrendPoint {
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
