// Patients made through the real core, for tests that need someone in particular in the demo clinic.
import * as ops from "../api/operations";
import type { Patient } from "../bindings/Patient";
import type { PatientInput } from "../bindings/PatientInput";

/** A complete registration form with only the names and the date of birth filled. */
export function patientInput(overrides: Partial<PatientInput> = {}): PatientInput {
  return {
    first_name: "Ana",
    last_name: "Ruiz",
    date_of_birth: "1982-03-07",
    sex: "female",
    phones: [],
    email: null,
    address: null,
    national_id: null,
    medical_history: null,
    allergies: null,
    current_medications: null,
    emergency_contact_name: null,
    emergency_contact_phone: null,
    usual_clinician_id: null,
    ...overrides,
  };
}

/** Registers a patient as whoever is signed in (duplicates allowed) and returns the stored record. */
export async function registered(overrides: Partial<PatientInput> = {}): Promise<Patient> {
  const answer = await ops.registerPatient({ patient: patientInput(overrides), allow_duplicate: true });
  if (answer.outcome !== "registered") throw new Error("The core did not register the test patient.");
  return answer.patient;
}

/** A date of birth `months` months before `today` (YYYY-MM-DD), for patients of a known age. */
export function bornMonthsBefore(today: string, months: number): string {
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, 28)).padStart(2, "0")}`;
}
