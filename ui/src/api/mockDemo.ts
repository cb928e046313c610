// Demo data for the dev-only mock backend (mock.ts): patients, staff and an audit trail that look
// like a small clinic's. Deterministic, so screenshots compare.
import type { AuditEntry } from "../bindings/AuditEntry";
import type { ClinicianProfile } from "../bindings/ClinicianProfile";
import type { Patient } from "../bindings/Patient";
import type { Role } from "../bindings/Role";
import type { Sex } from "../bindings/Sex";
import type { User } from "../bindings/User";
import { toIso } from "../lib/dates";

/** A user as the mock stores it: with the password the core would hash. */
export interface MockUser extends User {
  password: string;
  failures: number;
}

const FIRST_FEMALE = ["Ana", "María José", "Zoë", "Amara", "Ngozi", "Priya", "Siobhán", "Chloé", "Fatima", "Grace", "Hana", "Inés", "Leila", "Mei", "Olga", "Renée"];
const FIRST_MALE = ["José", "Kwame", "Luis", "Mohammed", "Björn", "Chidi", "Dmitri", "Emeka", "François", "Hiroshi", "Ivan", "Jamal", "Kofi", "Mateo", "Omar", "Raúl"];
const LAST = ["Ruiz", "Okafor", "Müller", "Nguyễn", "Smith", "García", "Mensah", "O'Brien", "Kowalski", "Haddad", "Tanaka", "Silva", "Achebe", "Fernández", "Petrov", "Dubois", "Kariuki", "Andersson", "Osei", "Rossi"];
const HISTORY = [null, null, "Type 2 diabetes", "Hypertension", "Glaucoma suspect; father has glaucoma", "Cataract surgery OD 2019", null, "Asthma"];
const ALLERGIES = [null, null, null, null, "Penicillin", "Sulfa drugs", null, "Latex"];
const MEDICATIONS = [null, null, "Metformin 500 mg twice daily", "Timolol 0.5% OU twice daily", null, "Amlodipine 5 mg"];

export function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

export function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)] as T;
}

/** `count` demo patients; `mrn()` numbers them, `ageYears(dob)` ages them. */
export function demoPatients(count: number, mrn: () => string, ageYears: (dob: string) => number): Patient[] {
  const next = random(42);
  const start = Date.now() - count * 3_600_000;
  const patients: Patient[] = [];
  for (let i = 0; i < count; i += 1) {
    const sex: Sex = next() < 0.5 ? "female" : "male";
    const first = pick(next, sex === "female" ? FIRST_FEMALE : FIRST_MALE);
    const last = pick(next, LAST);
    const year = 1935 + Math.floor(next() * 88);
    const dob = toIso({ year, month: 1 + Math.floor(next() * 12), day: 1 + Math.floor(next() * 28) });
    const created = new Date(start + i * 3_600_000).toISOString();
    const phone = `07${String(Math.floor(next() * 100_000_000)).padStart(8, "0")}`;
    patients.push({
      id: `demo-${i + 1}`,
      mrn: mrn(),
      first_name: first,
      last_name: last,
      date_of_birth: dob,
      age_years: ageYears(dob),
      sex,
      phones: next() < 0.3 ? [phone, `+44 20 ${String(Math.floor(next() * 100_000_000)).padStart(8, "0")}`] : [phone],
      email: next() < 0.5 ? `${first.split(" ")[0]?.toLowerCase()}.${last.toLowerCase().replace(/[^a-z]/g, "")}@example.com` : null,
      address: next() < 0.6 ? `${1 + Math.floor(next() * 200)} River Road\nRiverside` : null,
      national_id: next() < 0.4 ? `ID${Math.floor(next() * 10_000_000)}` : null,
      medical_history: pick(next, HISTORY),
      allergies: pick(next, ALLERGIES),
      current_medications: pick(next, MEDICATIONS),
      emergency_contact_name: next() < 0.5 ? `${pick(next, FIRST_FEMALE)} ${last}` : null,
      emergency_contact_phone: next() < 0.5 ? `07${String(Math.floor(next() * 100_000_000)).padStart(8, "0")}` : null,
      archived: next() < 0.04,
      created_at: created,
      updated_at: created,
    });
  }
  return patients;
}

export function mockUser(
  id: string,
  username: string,
  full_name: string,
  roles: Role[],
  password: string,
  extra: { profile?: ClinicianProfile; active?: boolean; locked_until?: string | null } = {},
): MockUser {
  const created = "2026-01-05T09:00:00Z";
  return {
    id,
    username,
    full_name,
    roles,
    active: extra.active ?? true,
    profile: extra.profile ?? null,
    locked_until: extra.locked_until ?? null,
    created_at: created,
    updated_at: created,
    password,
    failures: 0,
  };
}

/**
 * The demo clinic's staff. Sign in as `admin` / `correct horse battery` or `reception` / `front desk 2026`
 * (the doctor: `drokafor` / `see clearly 2026`).
 */
export function demoStaff(): MockUser[] {
  return [
    mockUser("u-admin", "admin", "Mary O'Connor", ["admin"], "correct horse battery"),
    mockUser("u-reception", "reception", "Rita Byrne", ["receptionist"], "front desk 2026"),
    mockUser("u-doctor", "drokafor", "Dr Amara Okafor", ["doctor"], "see clearly 2026", {
      profile: {
        specialization: "Glaucoma",
        licence_number: "IMC 412345",
        signature_text: "Dr Amara Okafor MB BCh FRCOphth\nConsultant Ophthalmologist",
      },
    }),
    mockUser("u-doctor2", "dkhan", "Dr Farah Khan", ["doctor"], "lens clear 2026", {
      profile: { specialization: "Cataract and refractive surgery", licence_number: "IMC 398765", signature_text: null },
    }),
    mockUser("u-optom", "lwalsh", "Liam Walsh", ["optometrist"], "refraction 2026", {
      profile: { specialization: "Contact lenses", licence_number: "CORU OP123", signature_text: null },
    }),
    mockUser("u-pharm", "cmensah", "Chidi Mensah", ["pharmacist", "cashier"], "dispense 2026", {
      locked_until: new Date(Date.now() + 12 * 60_000).toISOString(),
    }),
    mockUser("u-old", "jmurphy", "John Murphy", ["receptionist"], "gone fishing 2025", { active: false }),
  ];
}

const OPERATIONS: readonly [string, number][] = [
  ["patients.get", 0.55],
  ["patients.update", 0.12],
  ["patients.search", 0.13],
  ["patients.register", 0.05],
  ["auth.sign_in", 0.15],
];

/** About `count` audit entries over the past week, newest first. */
export function demoAudit(count: number, staff: readonly MockUser[], patients: readonly Patient[]): AuditEntry[] {
  const next = random(7);
  const active = staff.filter((user) => user.active);
  const entries: AuditEntry[] = [];
  let at = Date.now() - 4 * 60_000;
  for (let i = 0; i < count; i += 1) {
    at -= Math.floor(next() * 3 * 3_600_000);
    const user = pick(next, active);
    let roll = next();
    let operation = "patients.get";
    for (const [name, weight] of OPERATIONS) {
      if (roll < weight) {
        operation = name;
        break;
      }
      roll -= weight;
    }
    const patient = operation.startsWith("patients.") && operation !== "patients.search" ? pick(next, patients) : null;
    let outcome: AuditEntry["outcome"] = "ok";
    let detail: string | null = null;
    if (operation === "patients.update" && user.roles.every((role) => role === "pharmacist" || role === "cashier" || role === "optometrist")) {
      outcome = "denied";
      detail = "Role does not allow write_patients";
    } else if (operation === "auth.sign_in" && next() < 0.25) {
      outcome = "failed";
      detail = "Wrong password";
    } else if (operation === "patients.search") {
      detail = `Query “${pick(next, ["ruiz", "okafor", "0712", "R1-0000", "smith"])}”`;
    }
    entries.push({
      id: `a-demo-${i}`,
      at: new Date(at).toISOString(),
      workstation: pick(next, ["R1", "R1", "R1", "R2", "C1"]),
      user_id: user.id,
      username: user.username,
      operation,
      outcome,
      patient_id: patient?.id ?? null,
      patient_name: patient ? `${patient.first_name} ${patient.last_name}` : null,
      patient_mrn: patient?.mrn ?? null,
      detail,
    });
  }
  return entries;
}
