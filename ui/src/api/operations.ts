// Thin typed helpers, one per backend operation. Vitest mocks this module.
import type { AppInfo } from "../bindings/AppInfo";
import type { Patient } from "../bindings/Patient";
import type { RegisterPatientRequest } from "../bindings/RegisterPatientRequest";
import type { RegisterPatientResponse } from "../bindings/RegisterPatientResponse";
import type { SearchPatientsRequest } from "../bindings/SearchPatientsRequest";
import type { SearchPatientsResponse } from "../bindings/SearchPatientsResponse";
import type { SetupRequest } from "../bindings/SetupRequest";
import type { UpdatePatientRequest } from "../bindings/UpdatePatientRequest";
import { call } from "./client";

export function getAppInfo(): Promise<AppInfo> {
  return call("app.info", {});
}

export function setupApp(request: SetupRequest): Promise<AppInfo> {
  return call("app.setup", request);
}

export function renameWorkstation(workstationCode: string): Promise<AppInfo> {
  return call("app.rename_workstation", { workstation_code: workstationCode });
}

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
