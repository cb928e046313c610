import { render, type RenderResult } from "@testing-library/react";
import userEvent, { PointerEventsCheckLevel } from "@testing-library/user-event";
import type { ReactElement } from "react";
import { Router } from "wouter";
import { memoryLocation } from "wouter/memory-location";

import { ClinicProvider } from "../app/clinic";
import { createQueryClient, Providers } from "../app/Providers";
import { SessionContext, type SessionValue } from "../app/session";
import { ShellProvider } from "../app/shell";
import type { AppInfo } from "../bindings/AppInfo";
import type { CurrentUser } from "../bindings/CurrentUser";
import type { Patient } from "../bindings/Patient";
import type { PatientSummary } from "../bindings/PatientSummary";

// Deprecated, all of what follows up to renderApp: made-up clinic info, users and records from before the UI tests ran
// on the real core. Converted tests sign in as demo staff (signInAs in demoClinic.ts), pass its `{user, info}` to
// renderApp, and make the records they need through the core (patients.ts). These stay only while files not yet
// converted import them (or lean on renderApp's defaults); delete each once nothing under src/ uses it.

/** @deprecated Pass the `info` from signInAs to renderApp. */
const testInfo: AppInfo = {
  version: "0.1.0",
  database_path: "/tmp/fovea-test.db",
  setup_done: true,
  clinic_name: "Test Eye Clinic",
  workstation_code: "R1",
  workstation_code_locked: true,
  date_format: "DMY",
  today: "2024-06-15",
};

/** @deprecated Sign in as a demo user with signInAs. (An administrator who is also a receptionist.) */
export function adminUser(overrides: Partial<CurrentUser> = {}): CurrentUser {
  return {
    id: "u-admin",
    username: "admin",
    full_name: "Mary O'Connor",
    roles: ["admin", "receptionist"],
    permissions: [
      "signed_in",
      "manage_workstation",
      "read_patients",
      "write_patients",
      "manage_users",
      "manage_settings",
      "read_audit",
      "manage_appointments",
      "use_queue",
    ],
    idle_lock_minutes: 10,
    ...overrides,
  };
}

/** @deprecated Sign in as the demo receptionist with signInAs("reception"). */
export function receptionistUser(overrides: Partial<CurrentUser> = {}): CurrentUser {
  return {
    id: "u-reception",
    username: "reception",
    full_name: "Rita Byrne",
    roles: ["receptionist"],
    permissions: ["signed_in", "read_patients", "write_patients", "manage_appointments", "use_queue"],
    idle_lock_minutes: 10,
    ...overrides,
  };
}

/** @deprecated Register the patient through the core (registered() in patients.ts) and search for them. */
export function summary(overrides: Partial<PatientSummary> = {}): PatientSummary {
  return {
    id: "p1",
    mrn: "R1-000001",
    first_name: "Ana",
    last_name: "Ruiz",
    date_of_birth: "1982-03-07",
    age_years: 42,
    sex: "female",
    phones: ["0712 345 678"],
    archived: false,
    matched_by: "name",
    ...overrides,
  };
}

/** @deprecated Register the patient through the core (registered() in patients.ts). */
export function patient(overrides: Partial<Patient> = {}): Patient {
  return {
    id: "p1",
    mrn: "R1-000001",
    first_name: "Ana",
    last_name: "Ruiz",
    date_of_birth: "1982-03-07",
    age_years: 42,
    sex: "female",
    phones: ["0712 345 678"],
    email: null,
    address: null,
    national_id: null,
    medical_history: null,
    allergies: null,
    current_medications: null,
    emergency_contact_name: null,
    emergency_contact_phone: null,
    archived: false,
    created_at: "2024-06-01T09:00:00Z",
    updated_at: "2024-06-01T09:00:00Z",
    ...overrides,
  };
}

/**
 * Renders inside everything a page needs (theme, a fresh query cache, clinic info, a signed-in
 * user, the shell with its patient form, and an in-memory router). Pass the `{ user, info }` that
 * signInAs returned, for the user the calls are made as; the made-up defaults are deprecated.
 * `location.history` records navigation; `sessionCalls` the session actions, which only count their calls.
 */
export function renderApp(
  ui: ReactElement,
  { path = "/patients", info = testInfo, user = adminUser() }: { path?: string; info?: AppInfo; user?: CurrentUser } = {},
) {
  const location = memoryLocation({ path, record: true });
  const client = createQueryClient();
  const calls: string[] = [];
  const session: SessionValue = {
    user,
    locked: false,
    lock: () => calls.push("lock"),
    switchUser: () => calls.push("switchUser"),
    signOut: () => calls.push("signOut"),
    refresh: () => calls.push("refresh"),
  };
  const result: RenderResult = render(
    <Providers client={client} env="test">
      <ClinicProvider info={info}>
        <SessionContext.Provider value={session}>
          <Router hook={location.hook}>
            <ShellProvider>{ui}</ShellProvider>
          </Router>
        </SessionContext.Provider>
      </ClinicProvider>
    </Providers>,
  );
  return { ...result, location, client, sessionCalls: calls };
}

/** The path the app is on now. */
export function currentPath(location: { history: string[] }): string | undefined {
  return location.history[location.history.length - 1];
}

/**
 * A user-event instance. The pointer-events check walks computed styles of every ancestor,
 * which is slow in jsdom with Mantine's style tags and tells us nothing (no CSS is loaded).
 */
export function setupUser() {
  return userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
}
