// Thin typed helpers, one per backend operation. Vitest mocks this module.
import type { AppInfo } from "../bindings/AppInfo";
import type { AuditSearchRequest } from "../bindings/AuditSearchRequest";
import type { AuditSearchResponse } from "../bindings/AuditSearchResponse";
import type { ChangePasswordRequest } from "../bindings/ChangePasswordRequest";
import type { ClinicSettings } from "../bindings/ClinicSettings";
import type { CreateUserRequest } from "../bindings/CreateUserRequest";
import type { CurrentUser } from "../bindings/CurrentUser";
import type { Patient } from "../bindings/Patient";
import type { RegisterPatientRequest } from "../bindings/RegisterPatientRequest";
import type { RegisterPatientResponse } from "../bindings/RegisterPatientResponse";
import type { SearchPatientsRequest } from "../bindings/SearchPatientsRequest";
import type { SearchPatientsResponse } from "../bindings/SearchPatientsResponse";
import type { SetupRequest } from "../bindings/SetupRequest";
import type { SignInRequest } from "../bindings/SignInRequest";
import type { UpdatePatientRequest } from "../bindings/UpdatePatientRequest";
import type { UpdateUserRequest } from "../bindings/UpdateUserRequest";
import type { User } from "../bindings/User";
import { call } from "./client";

// ---------------------------------------------------------------- app

export function getAppInfo(): Promise<AppInfo> {
  return call("app.info", {});
}

export function setupApp(request: SetupRequest): Promise<AppInfo> {
  return call("app.setup", request);
}

export function renameWorkstation(workstationCode: string): Promise<AppInfo> {
  return call("app.rename_workstation", { workstation_code: workstationCode });
}

// ---------------------------------------------------------------- session

/** Signs in and keeps the session token inside src/api; callers get only the user. */
export async function signIn(request: SignInRequest): Promise<CurrentUser> {
  const signedIn = await call("auth.sign_in", request);
  return signedIn.user;
}

/** Who is signed in (also tells the core the user is still at the keyboard). */
export function getSession(): Promise<CurrentUser> {
  return call("auth.session", {});
}

export async function signOut(): Promise<void> {
  await call("auth.sign_out", {});
}

export async function lockSession(): Promise<void> {
  await call("auth.lock", {});
}

export function unlockSession(password: string): Promise<CurrentUser> {
  return call("auth.unlock", { password });
}

export async function changePassword(request: ChangePasswordRequest): Promise<void> {
  await call("auth.change_password", request);
}

// ---------------------------------------------------------------- users

export function listUsers(includeInactive: boolean): Promise<User[]> {
  return call("users.list", { include_inactive: includeInactive });
}

export function createUser(request: CreateUserRequest): Promise<User> {
  return call("users.create", request);
}

export function updateUser(request: UpdateUserRequest): Promise<User> {
  return call("users.update", request);
}

export async function resetPassword(id: string, newPassword: string): Promise<void> {
  await call("users.reset_password", { id, new_password: newPassword });
}

export function unlockUser(id: string): Promise<User> {
  return call("users.unlock", { id });
}

// ---------------------------------------------------------------- settings and audit

export function getSettings(): Promise<ClinicSettings> {
  return call("settings.get", {});
}

export function updateSettings(settings: ClinicSettings): Promise<ClinicSettings> {
  return call("settings.update", settings);
}

export function searchAudit(request: AuditSearchRequest): Promise<AuditSearchResponse> {
  return call("audit.search", request);
}

export function patientAccess(patientId: string): Promise<AuditSearchResponse> {
  return call("audit.patient_access", { patient_id: patientId });
}

// ---------------------------------------------------------------- patients

export function searchPatients(request: SearchPatientsRequest): Promise<SearchPatientsResponse> {
  return call("patients.search", request);
}

export function registerPatient(request: RegisterPatientRequest): Promise<RegisterPatientResponse> {
  return call("patients.register", request);
}

export function getPatient(id: string): Promise<Patient> {
  return call("patients.get", { id });
}

export function updatePatient(request: UpdatePatientRequest): Promise<Patient> {
  return call("patients.update", request);
}

export function archivePatient(id: string, archived: boolean): Promise<Patient> {
  return call("patients.archive", { id, archived });
}
