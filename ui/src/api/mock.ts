// A dev-only, in-memory stand-in for the Rust core, used when VITE_MOCK_API=1 (`VITE_MOCK_API=1 npx vite`)
// to look at the UI in a plain browser. It imitates the core's answers closely enough for screenshots
// and manual testing; the core stays the authority on every rule. Never part of a production build.
//
// Start states, chosen with the page's query string (before the #):
//   (none)        set up, 200 demo patients, workstation code locked
//   ?mock=fresh   first start: the setup screen
//   ?mock=empty   set up, no patients yet, code still renameable
//   ?mock=broken  set up, but every search fails with a storage error
import type { AppInfo } from "../bindings/AppInfo";
import type { DateFormat } from "../bindings/DateFormat";
import type { ErrorCode } from "../bindings/ErrorCode";
import type { MatchKind } from "../bindings/MatchKind";
import type { OperationName, Operations } from "../bindings/operations";
import type { Patient } from "../bindings/Patient";
import type { PatientInput } from "../bindings/PatientInput";
import type { PatientSummary } from "../bindings/PatientSummary";
import type { Sex } from "../bindings/Sex";
import { ageOn, parseDateInput, parseIso, toIso } from "../lib/dates";
import type { Transport } from "./transport";

class MockError {
  constructor(
    readonly code: ErrorCode,
    readonly message: string,
    readonly field: string | null = null,
  ) {}
}

const mode = typeof window === "undefined" ? "" : (new URLSearchParams(window.location.search).get("mock") ?? "");

function todayIso(): string {
  const now = new Date();
  return toIso({ year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() });
}

const info: AppInfo = {
  version: "0.1.0-mock",
  database_path: "/home/reception/.local/share/org.fovea.app/fovea.db",
  setup_done: mode !== "fresh",
  clinic_name: mode === "fresh" ? null : "Riverside Eye Clinic",
  workstation_code: mode === "fresh" ? null : "R1",
  workstation_code_locked: false,
  date_format: "DMY",
  today: todayIso(),
};

let patients: Patient[] = [];
let sequence = 0;

// ---------------------------------------------------------------- demo data

const FIRST_FEMALE = ["Ana", "María José", "Zoë", "Amara", "Ngozi", "Priya", "Siobhán", "Chloé", "Fatima", "Grace", "Hana", "Inés", "Leila", "Mei", "Olga", "Renée"];
const FIRST_MALE = ["José", "Kwame", "Luis", "Mohammed", "Björn", "Chidi", "Dmitri", "Emeka", "François", "Hiroshi", "Ivan", "Jamal", "Kofi", "Mateo", "Omar", "Raúl"];
const LAST = ["Ruiz", "Okafor", "Müller", "Nguyễn", "Smith", "García", "Mensah", "O'Brien", "Kowalski", "Haddad", "Tanaka", "Silva", "Achebe", "Fernández", "Petrov", "Dubois", "Kariuki", "Andersson", "Osei", "Rossi"];
const HISTORY = [null, null, "Type 2 diabetes", "Hypertension", "Glaucoma suspect; father has glaucoma", "Cataract surgery OD 2019", null, "Asthma"];
const ALLERGIES = [null, null, null, null, "Penicillin", "Sulfa drugs", null, "Latex"];
const MEDICATIONS = [null, null, "Metformin 500 mg twice daily", "Timolol 0.5% OU twice daily", null, "Amlodipine 5 mg"];

function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)] as T;
}

function nextMrn(): string {
  sequence += 1;
  return `${info.workstation_code ?? "R1"}-${String(sequence).padStart(6, "0")}`;
}

function ageYears(dob: string): number {
  const birth = parseIso(dob);
  const today = parseIso(info.today);
  return birth && today ? (ageOn(birth, today)?.years ?? 0) : 0;
}

function seedDemo(count: number) {
  const next = random(42);
  const start = Date.now() - count * 3_600_000;
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
      mrn: nextMrn(),
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
  info.workstation_code_locked = count > 0;
}

if (mode === "") seedDemo(200);

// ---------------------------------------------------------------- rules (mirroring the core)

const fold = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

function validatePhone(phone: string, field: string) {
  if (!/^[0-9 +\-().]+$/.test(phone)) throw new MockError("validation", "Phone numbers may contain only digits, spaces and + - ( ) .", field);
  const digits = phone.replace(/\D/g, "").length;
  if (digits < 6 || digits > 20) throw new MockError("validation", "A phone number must have 6 to 20 digits", field);
}

function validInput(input: PatientInput): PatientInput {
  if (input.first_name.trim() === "") throw new MockError("validation", "First name is required", "first_name");
  if (input.last_name.trim() === "") throw new MockError("validation", "Last name is required", "last_name");
  const dob = parseDateInput(input.date_of_birth, info.date_format);
  if (!dob) throw new MockError("validation", "Date of birth is not a valid date", "date_of_birth");
  const iso = toIso(dob);
  if (iso > info.today) throw new MockError("validation", "Date of birth is in the future", "date_of_birth");
  input.phones.forEach((phone, index) => validatePhone(phone, `phones[${index}]`));
  if (input.email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email)) {
    throw new MockError("validation", "Email address is not valid", "email");
  }
  if (input.emergency_contact_phone !== null) validatePhone(input.emergency_contact_phone, "emergency_contact_phone");
  return { ...input, date_of_birth: iso };
}

function summary(patient: Patient, matched_by: MatchKind): PatientSummary {
  const { id, mrn, first_name, last_name, date_of_birth, age_years, sex, phones, archived } = patient;
  return { id, mrn, first_name, last_name, date_of_birth, age_years, sex, phones, archived, matched_by };
}

function find(id: string): Patient {
  const patient = patients.find((p) => p.id === id);
  if (!patient) throw new MockError("not_found", "No patient with this id");
  return patient;
}

function save(patient: Patient): Patient {
  patients = patients.map((p) => (p.id === patient.id ? patient : p));
  return patient;
}

function search(request: Operations["patients.search"]["request"]) {
  if (mode === "broken") throw new MockError("storage", "database disk image is malformed (mock)");
  const limit = request.limit ?? 50;
  const pool = patients.filter((p) => request.include_archived || !p.archived);
  const query = request.query.trim();
  let results: PatientSummary[];
  if (query === "") {
    results = [...pool].sort((a, b) => b.created_at.localeCompare(a.created_at)).map((p) => summary(p, "name"));
  } else {
    const exact = pool.filter((p) => p.mrn.toLowerCase() === query.toLowerCase()).map((p) => summary(p, "mrn"));
    const date = parseDateInput(query, info.date_format);
    const digits = query.replace(/\D/g, "");
    const tokens = fold(query).split(/[\s,]+/).filter(Boolean);
    const rest = pool.filter((p) => !exact.some((e) => e.id === p.id));
    if (date) {
      results = rest.filter((p) => p.date_of_birth === toIso(date)).map((p) => summary(p, "date_of_birth"));
    } else if (/^[0-9 +\-().]+$/.test(query) && digits.length >= 6) {
      results = rest
        .filter((p) => p.phones.some((phone) => phone.replace(/\D/g, "").endsWith(digits)))
        .map((p) => summary(p, "phone"));
    } else {
      const partial = rest.filter((p) => p.mrn.toLowerCase().includes(query.toLowerCase())).map((p) => summary(p, "mrn"));
      const byName = rest
        .filter((p) => !partial.some((e) => e.id === p.id))
        .filter((p) => {
          const words = fold(`${p.first_name} ${p.last_name}`).split(/[\s'-]+/);
          return tokens.every((token) => words.some((word) => word.startsWith(token)));
        })
        .sort((a, b) => fold(a.last_name).localeCompare(fold(b.last_name)) || fold(a.first_name).localeCompare(fold(b.first_name)))
        .map((p) => summary(p, "name"));
      results = [...partial, ...byName];
    }
    results = [...exact, ...results];
  }
  const shown = results.slice(0, limit);
  return { results: shown, total_shown: shown.length };
}

function handle<K extends OperationName>(op: K, request: Operations[K]["request"]): unknown {
  switch (op) {
    case "app.info":
      return { ...info };
    case "app.setup": {
      const r = request as Operations["app.setup"]["request"];
      if (info.setup_done) throw new MockError("conflict", "This workstation is already set up");
      if (r.clinic_name.trim() === "") throw new MockError("validation", "Clinic name is required", "clinic_name");
      if (!/^[A-Za-z][A-Za-z0-9]{0,3}$/.test(r.workstation_code)) {
        throw new MockError("validation", "Use 1 to 4 letters or digits, starting with a letter", "workstation_code");
      }
      Object.assign(info, {
        setup_done: true,
        clinic_name: r.clinic_name.trim(),
        workstation_code: r.workstation_code.toUpperCase(),
        date_format: r.date_format satisfies DateFormat,
      });
      seedDemo(r.demo_patients);
      return { ...info };
    }
    case "app.rename_workstation": {
      const r = request as Operations["app.rename_workstation"]["request"];
      if (info.workstation_code_locked) {
        throw new MockError("conflict", "This workstation already has records; its code can no longer change", "workstation_code");
      }
      if (!/^[A-Za-z][A-Za-z0-9]{0,3}$/.test(r.workstation_code)) {
        throw new MockError("validation", "Use 1 to 4 letters or digits, starting with a letter", "workstation_code");
      }
      info.workstation_code = r.workstation_code.toUpperCase();
      return { ...info };
    }
    case "patients.search":
      return search(request as Operations["patients.search"]["request"]);
    case "patients.register": {
      const r = request as Operations["patients.register"]["request"];
      const input = validInput(r.patient);
      if (!r.allow_duplicate) {
        const candidates = patients.filter(
          (p) =>
            fold(p.last_name) === fold(input.last_name) &&
            (p.date_of_birth === input.date_of_birth || fold(p.first_name) === fold(input.first_name)),
        );
        if (candidates.length > 0) {
          return { outcome: "possible_duplicates", candidates: candidates.map((p) => summary(p, "name")) };
        }
      }
      const now = new Date().toISOString();
      const patient: Patient = {
        ...input,
        id: `new-${Date.now()}`,
        mrn: nextMrn(),
        age_years: ageYears(input.date_of_birth),
        archived: false,
        created_at: now,
        updated_at: now,
      };
      patients.push(patient);
      info.workstation_code_locked = true;
      return { outcome: "registered", patient };
    }
    case "patients.get":
      return find((request as Operations["patients.get"]["request"]).id);
    case "patients.update": {
      const r = request as Operations["patients.update"]["request"];
      const input = validInput(r.patient);
      return save({ ...find(r.id), ...input, age_years: ageYears(input.date_of_birth), updated_at: new Date().toISOString() });
    }
    case "patients.archive": {
      const r = request as Operations["patients.archive"]["request"];
      return save({ ...find(r.id), archived: r.archived, updated_at: new Date().toISOString() });
    }
    default:
      throw new MockError("bad_request", `Unknown operation ${op}`);
  }
}

const delay = (ms: number) => new Promise((resolve) => window.setTimeout(resolve, ms));

export const mockTransport: Transport = async (op, request) => {
  await delay(op === "app.setup" ? 2500 : 60 + Math.random() * 120);
  try {
    // Round-trip through JSON like the real bridge, so no object is shared with the UI.
    return JSON.parse(JSON.stringify(handle(op as OperationName, request as never))) as unknown;
  } catch (error) {
    if (error instanceof MockError) throw { code: error.code, message: error.message, field: error.field };
    throw error;
  }
};
