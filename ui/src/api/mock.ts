// A dev-only, in-memory stand-in for the Rust core, used when VITE_MOCK_API=1 (`VITE_MOCK_API=1 npx vite`)
// to look at the UI in a plain browser. It imitates the core's answers closely enough for screenshots
// and manual testing — sessions, roles, idle lock, audit — but the core stays the authority on every rule.
// Never part of a production build.
//
// Start states, chosen with the page's query string (before the #):
//   (none)        set up, 200 demo patients, staff, an audit trail, a book under way today; nobody signed in
//   ?mock=fresh   first start: the setup screen
//   ?mock=empty   set up, no patients yet, code still renameable
//   ?mock=broken  set up, but every patient search fails with a storage error
//   &as=admin     start signed in as that user (admin, reception, drokafor, dkhan, lwalsh, cmensah …)
//   &idle=1       idle lock after this many minutes (default 10)
//
// Demo accounts: admin / "correct horse battery", reception / "front desk 2026", drokafor / "see clearly 2026".
import type { AppInfo } from "../bindings/AppInfo";
import type { AuditEntry } from "../bindings/AuditEntry";
import type { ClinicSettings } from "../bindings/ClinicSettings";
import type { CurrentUser } from "../bindings/CurrentUser";
import type { ErrorCode } from "../bindings/ErrorCode";
import type { MatchKind } from "../bindings/MatchKind";
import type { OperationName, Operations } from "../bindings/operations";
import type { Patient } from "../bindings/Patient";
import type { PatientInput } from "../bindings/PatientInput";
import type { PatientSummary } from "../bindings/PatientSummary";
import type { Permission } from "../bindings/Permission";
import type { Role } from "../bindings/Role";
import type { User } from "../bindings/User";
import { ageOn, parseDateInput, parseIso, toIso } from "../lib/dates";
import { createAppointmentsMock } from "./mockAppointments";
import { demoAudit, demoPatients, demoStaff, mockUser, type MockUser } from "./mockDemo";
import { createExamsMock } from "./mockExams";
import { setSessionToken } from "./session";
import type { Transport } from "./transport";

class MockError {
  constructor(
    readonly code: ErrorCode,
    readonly message: string,
    readonly field: string | null = null,
  ) {}
}

const params = typeof window === "undefined" ? new URLSearchParams() : new URLSearchParams(window.location.search);
const mode = params.get("mock") ?? "";

function todayIso(): string {
  const now = new Date();
  return toIso({ year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() });
}

let setupDone = mode !== "fresh";
let workstationCode: string | null = mode === "fresh" ? null : "R1";
let codeLocked = false;
let settings: ClinicSettings = {
  clinic_name: "Riverside Eye Clinic",
  address: "12 River Road\nRiverside RV1 2AB",
  phone: "01 234 5678",
  currency: "EUR",
  time_zone: "Europe/Dublin",
  date_format: "DMY",
  paper_size: "A4",
  idle_lock_minutes: Number(params.get("idle")) || 10,
};

function appInfo(): AppInfo {
  return {
    version: "0.1.0-mock",
    database_path: "/home/reception/.local/share/org.fovea.app/fovea.db",
    setup_done: setupDone,
    clinic_name: setupDone ? settings.clinic_name : null,
    workstation_code: workstationCode,
    workstation_code_locked: codeLocked,
    date_format: settings.date_format,
    today: todayIso(),
  };
}

let patients: Patient[] = [];
let users: MockUser[] = [];
let auditTrail: AuditEntry[] = [];
let sequence = 0;

function nextMrn(): string {
  sequence += 1;
  return `${workstationCode ?? "R1"}-${String(sequence).padStart(6, "0")}`;
}

function ageYears(dob: string): number {
  const birth = parseIso(dob);
  const today = parseIso(todayIso());
  return birth && today ? (ageOn(birth, today)?.years ?? 0) : 0;
}

function seedDemo(count: number) {
  patients.push(...demoPatients(count, nextMrn, ageYears));
  codeLocked = count > 0;
}

if (mode !== "fresh") users = demoStaff();
const appointmentsMock = createAppointmentsMock({
  patients: () => patients,
  users: () => users,
  dateFormat: () => settings.date_format,
  error: (code, message, field = null) => new MockError(code, message, field),
});

const examsMock = createExamsMock({
  patients: () => patients,
  users: () => users,
  dateFormat: () => settings.date_format,
  visits: appointmentsMock.visits,
  error: (code, message, field = null) => new MockError(code, message, field),
});

if (mode === "") {
  seedDemo(200);
  auditTrail = demoAudit(90, users, patients);
  const live = patients.filter((p) => !p.archived).map((p) => p.id);
  appointmentsMock.seedDemo(live);
  // Past examinations for everyone on today's board (so "copy from last visit" has something to copy) and for the
  // first few patients of the list, whose charts then show trends.
  const onBoard = live.filter((id) => appointmentsMock.visits.forPatient(id).length > 0);
  examsMock.seedDemo([...new Set([...live.slice(0, 6), ...onBoard])]);
}

// ---------------------------------------------------------------- roles and sessions

const ROLE_PERMISSIONS: Record<Role, Permission[]> = {
  admin: ["manage_workstation", "read_patients", "write_patients", "manage_users", "manage_settings", "read_audit", "manage_backups", "manage_sync"],
  doctor: ["read_patients", "write_patients", "read_clinical", "write_workup", "write_consultation", "sign_clinical", "manage_appointments", "use_queue"],
  optometrist: ["read_patients", "read_clinical", "write_workup", "manage_appointments", "use_queue"],
  receptionist: ["read_patients", "write_patients", "manage_appointments", "use_queue"],
  pharmacist: ["read_patients", "use_queue", "dispense", "manage_stock"],
  cashier: ["read_patients", "use_queue", "billing"],
};

/** What each operation needs. "audit_or_doctor": read_audit, or the doctor role. */
const REQUIRES: Partial<Record<OperationName, Permission | "audit_or_doctor">> = {
  "app.info": "public",
  "app.setup": "setup",
  "app.rename_workstation": "manage_workstation",
  "auth.sign_in": "public",
  "auth.session": "signed_in",
  "auth.sign_out": "signed_in",
  "auth.lock": "signed_in",
  "auth.unlock": "signed_in",
  "auth.change_password": "signed_in",
  "users.list": "manage_users",
  "users.create": "manage_users",
  "users.update": "manage_users",
  "users.reset_password": "manage_users",
  "users.unlock": "manage_users",
  "settings.get": "signed_in",
  "settings.update": "manage_settings",
  "audit.search": "read_audit",
  "audit.patient_access": "audit_or_doctor",
  "patients.search": "read_patients",
  "patients.get": "read_patients",
  "patients.register": "write_patients",
  "patients.update": "write_patients",
  "patients.archive": "write_patients",
  "appointments.clinicians": "use_queue",
  "appointments.book": "manage_appointments",
  "appointments.set_status": "manage_appointments",
  "appointments.day": "manage_appointments",
  "appointments.range": "manage_appointments",
  "appointments.reschedule": "manage_appointments",
  "appointments.walk_in": "manage_appointments",
  "appointments.slots": "manage_appointments",
  "appointments.reminders": "manage_appointments",
  "appointments.mark_called": "manage_appointments",
  "appointments.for_patient": "manage_appointments",
  "schedules.get": "manage_appointments",
  "schedules.set": "manage_appointments",
  "schedules.set_closed_day": "manage_appointments",
  "queue.board": "use_queue",
  "queue.move": "use_queue",
  "exams.get": "read_clinical",
  "exams.check_workup": "write_workup",
  "exams.save_workup": "write_workup",
  "exams.save_consultation": "write_consultation",
  "exams.sign": "sign_clinical",
  "exams.add_addendum": "write_workup",
  "exams.start_visit": "write_workup",
  "exams.chart": "read_clinical",
  "exams.recall": "manage_appointments",
  "icd10.search": "read_clinical",
  "exam_settings.get": "signed_in",
  "exam_settings.update": "manage_settings",
  "print.spectacle_rx": "read_clinical",
  "print.reminders": "manage_appointments",
};

function permissionsOf(user: MockUser): Permission[] {
  return ["signed_in", ...new Set(user.roles.flatMap((role) => ROLE_PERMISSIONS[role]))];
}

function currentUser(user: MockUser): CurrentUser {
  const { id, username, full_name, roles } = user;
  return { id, username, full_name, roles, permissions: permissionsOf(user), idle_lock_minutes: settings.idle_lock_minutes };
}

function publicUser(user: MockUser): User {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { password, failures, ...rest } = user;
  return rest;
}

interface MockSession {
  userId: string;
  locked: boolean;
  lastCall: number;
  unlockFailures: number;
}

const sessions = new Map<string, MockSession>();

function openSession(user: MockUser): string {
  const token = `mock-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  sessions.set(token, { userId: user.id, locked: false, lastCall: Date.now(), unlockFailures: 0 });
  return token;
}

// `?as=admin`: start signed in, for screenshots of inner screens.
const startAs = users.find((user) => user.username === params.get("as"));
if (startAs) setSessionToken(openSession(startAs));

function audit(
  operation: string,
  outcome: AuditEntry["outcome"],
  user: MockUser | null,
  patient: Patient | null = null,
  detail: string | null = null,
  username: string | null = user?.username ?? null,
) {
  auditTrail.unshift({
    id: `a-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
    at: new Date().toISOString(),
    workstation: workstationCode ?? "R1",
    user_id: user?.id ?? null,
    username,
    operation,
    outcome,
    patient_id: patient?.id ?? null,
    patient_name: patient ? `${patient.first_name} ${patient.last_name}` : null,
    patient_mrn: patient?.mrn ?? null,
    detail,
  });
}

// ---------------------------------------------------------------- rules (mirroring the core)

const fold = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

const COMMON_PASSWORDS = ["password123", "1234567890", "qwertyuiop", "letmein123", "password1234"];

function checkPassword(password: string, username: string, field: string) {
  const length = [...password].length;
  if (length < 10) throw new MockError("validation", "A password needs at least 10 characters", field);
  if (length > 128) throw new MockError("validation", "A password can have at most 128 characters", field);
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) {
    throw new MockError("validation", "The password must not be the username", field);
  }
  if (COMMON_PASSWORDS.includes(password.toLowerCase())) {
    throw new MockError("validation", "This password is too common; choose another", field);
  }
}

function checkWorkstationCode(code: string) {
  if (!/^[A-Za-z][A-Za-z0-9]{0,3}$/.test(code)) {
    throw new MockError("validation", "Use 1 to 4 letters or digits, starting with a letter", "workstation_code");
  }
}

function checkSettings(next: ClinicSettings, prefix = "") {
  if (next.clinic_name.trim() === "") throw new MockError("validation", "Clinic name is required", `${prefix}clinic_name`);
  if (!/^[A-Z]{3}$/.test(next.currency)) throw new MockError("validation", "Not an ISO 4217 currency code", `${prefix}currency`);
  if (next.time_zone.trim() === "") throw new MockError("validation", "Time zone is required", `${prefix}time_zone`);
  if (!Number.isInteger(next.idle_lock_minutes) || next.idle_lock_minutes < 1 || next.idle_lock_minutes > 120) {
    throw new MockError("validation", "Between 1 and 120 minutes", `${prefix}idle_lock_minutes`);
  }
}

function validatePhone(phone: string, field: string) {
  if (!/^[0-9 +\-().]+$/.test(phone)) throw new MockError("validation", "Phone numbers may contain only digits, spaces and + - ( ) .", field);
  const digits = phone.replace(/\D/g, "").length;
  if (digits < 6 || digits > 20) throw new MockError("validation", "A phone number must have 6 to 20 digits", field);
}

function validInput(input: PatientInput): PatientInput {
  if (input.first_name.trim() === "") throw new MockError("validation", "First name is required", "first_name");
  if (input.last_name.trim() === "") throw new MockError("validation", "Last name is required", "last_name");
  const dob = parseDateInput(input.date_of_birth, settings.date_format);
  if (!dob) throw new MockError("validation", "Date of birth is not a valid date", "date_of_birth");
  const iso = toIso(dob);
  if (iso > todayIso()) throw new MockError("validation", "Date of birth is in the future", "date_of_birth");
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

function findPatient(id: string): Patient {
  const patient = patients.find((p) => p.id === id);
  if (!patient) throw new MockError("not_found", "No patient with this id");
  return patient;
}

function savePatient(patient: Patient): Patient {
  patients = patients.map((p) => (p.id === patient.id ? patient : p));
  return patient;
}

function findUser(id: string): MockUser {
  const user = users.find((u) => u.id === id);
  if (!user) throw new MockError("not_found", "No user with this id");
  return user;
}

function saveUser(user: MockUser): User {
  users = users.map((u) => (u.id === user.id ? user : u));
  return publicUser(user);
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
    const date = parseDateInput(query, settings.date_format);
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

function auditSearch(request: Operations["audit.search"]["request"]) {
  const dayOf = (at: string) => {
    const date = new Date(at);
    return toIso({ year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() });
  };
  const entries = auditTrail.filter(
    (entry) =>
      (request.patient_id === null || entry.patient_id === request.patient_id) &&
      (request.user_id === null || entry.user_id === request.user_id) &&
      (request.from === null || dayOf(entry.at) >= request.from) &&
      (request.to === null || dayOf(entry.at) <= request.to),
  );
  return { entries: entries.slice(0, Math.min(request.limit ?? 200, 1000)) };
}

function checkUserFields(r: { full_name: string; roles: Role[]; profile: { licence_number: string | null } | null }) {
  if (r.full_name.trim() === "") throw new MockError("validation", "Full name is required", "full_name");
  if (r.roles.length === 0) throw new MockError("validation", "Choose at least one role", "roles");
  if (r.roles.includes("doctor") && !r.profile?.licence_number) {
    throw new MockError("validation", "A doctor's licence or registration number is required", "profile.licence_number");
  }
}

// ---------------------------------------------------------------- operations

interface Caller {
  token: string | null;
  session: MockSession | null;
  user: MockUser | null;
}

/** Checks the session and the permission, as the core does before running anything. */
function authorize(op: OperationName, token: string | null): Caller {
  const required = REQUIRES[op];
  if (required === undefined) throw new MockError("bad_request", `Unknown operation ${op}`);
  if (required === "public" || required === "setup") return { token, session: null, user: null };

  const session = token === null ? undefined : sessions.get(token);
  if (!session) throw new MockError("unauthenticated", "Please sign in.");
  const user = users.find((u) => u.id === session.userId && u.active);
  if (!user) {
    sessions.delete(token as string);
    throw new MockError("unauthenticated", "Please sign in.");
  }
  const now = Date.now();
  if (!session.locked && now - session.lastCall > settings.idle_lock_minutes * 60_000) session.locked = true;
  if (session.locked && !["auth.unlock", "auth.sign_out", "auth.lock"].includes(op)) {
    throw new MockError("locked", "The screen is locked. Unlock it to carry on.");
  }
  session.lastCall = now;

  const permissions = permissionsOf(user);
  const allowed =
    required === "audit_or_doctor"
      ? permissions.includes("read_audit") || user.roles.includes("doctor")
      : permissions.includes(required);
  if (!allowed) {
    audit(op, "denied", user, null, `Needs ${required}`);
    throw new MockError("permission_denied", "Your role does not allow this. Ask an administrator if you need it.");
  }
  return { token, session, user };
}

function handle<K extends OperationName>(op: K, request: Operations[K]["request"], caller: Caller): unknown {
  const me = caller.user as MockUser; // set for every operation that is not public
  switch (op) {
    case "app.info":
      return appInfo();
    case "app.setup": {
      const r = request as Operations["app.setup"]["request"];
      if (setupDone) throw new MockError("conflict", "This workstation is already set up");
      checkSettings(r.clinic, "clinic.");
      checkWorkstationCode(r.workstation_code);
      if (r.admin.username.trim() === "") throw new MockError("validation", "Username is required", "admin.username");
      if (r.admin.full_name.trim() === "") throw new MockError("validation", "Full name is required", "admin.full_name");
      checkPassword(r.admin.password, r.admin.username, "admin.password");
      settings = { ...r.clinic };
      workstationCode = r.workstation_code.toUpperCase();
      setupDone = true;
      users = [mockUser("u-admin", r.admin.username, r.admin.full_name, ["admin"], r.admin.password)];
      if (r.demo_patients > 0) {
        // As the core does: a demo clinic gets one account per role, with the administrator's password.
        users.push(...demoStaff().filter((u) => u.username !== r.admin.username && u.id !== "u-admin").map((u) => ({ ...u, password: r.admin.password })));
        seedDemo(r.demo_patients);
      }
      return appInfo();
    }
    case "app.rename_workstation": {
      const r = request as Operations["app.rename_workstation"]["request"];
      if (codeLocked) {
        throw new MockError("conflict", "This workstation already has records; its code can no longer change", "workstation_code");
      }
      checkWorkstationCode(r.workstation_code);
      workstationCode = r.workstation_code.toUpperCase();
      return appInfo();
    }

    case "auth.sign_in": {
      const r = request as Operations["auth.sign_in"]["request"];
      const user = users.find((u) => u.username.toLowerCase() === r.username.trim().toLowerCase());
      if (user?.locked_until && new Date(user.locked_until).getTime() > Date.now()) {
        const minutes = Math.ceil((new Date(user.locked_until).getTime() - Date.now()) / 60_000);
        throw new MockError("validation", `Too many failed attempts. Try again in ${minutes} minutes.`);
      }
      if (!user || !user.active || user.password !== r.password) {
        audit("auth.sign_in", "failed", user ?? null, null, "Wrong username or password", r.username.trim());
        if (user) {
          user.failures += 1;
          if (user.failures >= 5) {
            user.failures = 0;
            user.locked_until = new Date(Date.now() + 15 * 60_000).toISOString();
            throw new MockError("validation", "Too many failed attempts. Try again in 15 minutes.");
          }
        }
        throw new MockError("validation", "Wrong username or password.");
      }
      user.failures = 0;
      user.locked_until = null;
      audit("auth.sign_in", "ok", user);
      return { token: openSession(user), user: currentUser(user) };
    }
    case "auth.session":
      return currentUser(me);
    case "auth.sign_out":
      sessions.delete(caller.token as string);
      audit("auth.sign_out", "ok", me);
      return {};
    case "auth.lock":
      (caller.session as MockSession).locked = true;
      return {};
    case "auth.unlock": {
      const r = request as Operations["auth.unlock"]["request"];
      const session = caller.session as MockSession;
      if (r.password !== me.password) {
        session.unlockFailures += 1;
        if (session.unlockFailures >= 5) {
          sessions.delete(caller.token as string);
          throw new MockError("unauthenticated", "Too many wrong passwords. Please sign in again.");
        }
        throw new MockError("validation", "Wrong password.", "password");
      }
      session.locked = false;
      session.unlockFailures = 0;
      return currentUser(me);
    }
    case "auth.change_password": {
      const r = request as Operations["auth.change_password"]["request"];
      if (r.current_password !== me.password) throw new MockError("validation", "That is not your current password.", "current_password");
      checkPassword(r.new_password, me.username, "new_password");
      me.password = r.new_password;
      audit("auth.change_password", "ok", me);
      return {};
    }

    case "users.list": {
      const r = request as Operations["users.list"]["request"];
      return users.filter((u) => r.include_inactive || u.active).map(publicUser);
    }
    case "users.create": {
      const r = request as Operations["users.create"]["request"];
      const username = r.username.trim();
      if (username === "") throw new MockError("validation", "Username is required", "username");
      if (!/^[A-Za-z0-9._-]{2,32}$/.test(username)) {
        throw new MockError("validation", "Use 2 to 32 letters, digits, dots, hyphens or underscores", "username");
      }
      if (users.some((u) => u.username.toLowerCase() === username.toLowerCase())) {
        throw new MockError("validation", `The username ${username} is taken`, "username");
      }
      checkUserFields(r);
      checkPassword(r.password, username, "password");
      const user = mockUser(`u-${Date.now()}`, username, r.full_name.trim(), r.roles, r.password, { profile: r.profile ?? undefined });
      user.created_at = user.updated_at = new Date().toISOString();
      users.push(user);
      audit("users.create", "ok", me, null, `Added ${username}`);
      return publicUser(user);
    }
    case "users.update": {
      const r = request as Operations["users.update"]["request"];
      const user = findUser(r.id);
      checkUserFields(r);
      if (user.id === me.id && !r.active) throw new MockError("validation", "You cannot deactivate your own account", "active");
      if (user.id === me.id && !r.roles.includes("admin")) {
        throw new MockError("validation", "You cannot remove your own administrator role", "roles");
      }
      audit("users.update", "ok", me, null, `Changed ${user.username}`);
      return saveUser({ ...user, full_name: r.full_name.trim(), roles: r.roles, active: r.active, profile: r.profile, updated_at: new Date().toISOString() });
    }
    case "users.reset_password": {
      const r = request as Operations["users.reset_password"]["request"];
      const user = findUser(r.id);
      checkPassword(r.new_password, user.username, "new_password");
      audit("users.reset_password", "ok", me, null, `Reset ${user.username}`);
      saveUser({ ...user, password: r.new_password, updated_at: new Date().toISOString() });
      return {};
    }
    case "users.unlock": {
      const user = findUser((request as Operations["users.unlock"]["request"]).id);
      audit("users.unlock", "ok", me, null, `Unlocked ${user.username}`);
      return saveUser({ ...user, locked_until: null, failures: 0 });
    }

    case "settings.get":
      return settings;
    case "settings.update": {
      const r = request as Operations["settings.update"]["request"];
      checkSettings(r);
      settings = { ...r };
      audit("settings.update", "ok", me);
      return settings;
    }

    case "audit.search":
      return auditSearch(request as Operations["audit.search"]["request"]);
    case "audit.patient_access": {
      const r = request as Operations["audit.patient_access"]["request"];
      return auditSearch({ patient_id: r.patient_id, user_id: null, from: null, to: null, limit: 50 });
    }

    case "patients.search": {
      const r = request as Operations["patients.search"]["request"];
      const found = search(r);
      if (r.query.trim() !== "") audit("patients.search", "ok", me, null, `Query “${r.query.trim()}”`);
      return found;
    }
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
      codeLocked = true;
      audit("patients.register", "ok", me, patient);
      return { outcome: "registered", patient };
    }
    case "patients.get": {
      const patient = findPatient((request as Operations["patients.get"]["request"]).id);
      audit("patients.get", "ok", me, patient);
      return patient;
    }
    case "patients.update": {
      const r = request as Operations["patients.update"]["request"];
      const input = validInput(r.patient);
      const patient = savePatient({ ...findPatient(r.id), ...input, age_years: ageYears(input.date_of_birth), updated_at: new Date().toISOString() });
      audit("patients.update", "ok", me, patient);
      return patient;
    }
    case "patients.archive": {
      const r = request as Operations["patients.archive"]["request"];
      const patient = savePatient({ ...findPatient(r.id), archived: r.archived, updated_at: new Date().toISOString() });
      audit("patients.archive", "ok", me, patient, r.archived ? "Archived" : "Restored");
      return patient;
    }
    default: {
      const answer = appointmentsMock.handle(op, request, me) ?? examsMock.handle(op, request, me);
      if (answer === undefined) throw new MockError("bad_request", `The mock does not implement ${op}`);
      return answer;
    }
  }
}

/** The desktop's `open_document` in the mock: there is no viewer in a browser, so opening always succeeds. */
export const mockOpenDocument = async (path: string): Promise<void> => {
  if (!path.endsWith(".pdf")) throw { code: "bad_request", message: "This is not a document Fovea saved.", field: null };
};

const delay = (ms: number) => new Promise((resolve) => window.setTimeout(resolve, ms));

export const mockTransport: Transport = async (op, request, session) => {
  // Vitest drives the whole UI against this backend too, and needs no pretend latency.
  if (import.meta.env.MODE !== "test") await delay(op === "app.setup" ? 2500 : 60 + Math.random() * 120);
  try {
    const name = op as OperationName;
    const caller = authorize(name, session);
    // Round-trip through JSON like the real bridge, so no object is shared with the UI.
    return JSON.parse(JSON.stringify(handle(name, request as never, caller))) as unknown;
  } catch (error) {
    if (error instanceof MockError) throw { code: error.code, message: error.message, field: error.field };
    throw error;
  }
};
