// This file was generated from the operation catalog in fovea-core. Do not edit it by hand.
import type { AppInfo } from "./AppInfo";
import type { ArchivePatientRequest } from "./ArchivePatientRequest";
import type { Empty } from "./Empty";
import type { GetPatientRequest } from "./GetPatientRequest";
import type { Patient } from "./Patient";
import type { RegisterPatientRequest } from "./RegisterPatientRequest";
import type { RegisterPatientResponse } from "./RegisterPatientResponse";
import type { RenameWorkstationRequest } from "./RenameWorkstationRequest";
import type { SearchPatientsRequest } from "./SearchPatientsRequest";
import type { SearchPatientsResponse } from "./SearchPatientsResponse";
import type { SetupRequest } from "./SetupRequest";
import type { UpdatePatientRequest } from "./UpdatePatientRequest";

export type Operations = {
  "app.info": { request: Empty, response: AppInfo },
  "app.setup": { request: SetupRequest, response: AppInfo },
  "app.rename_workstation": { request: RenameWorkstationRequest, response: AppInfo },
  "patients.search": { request: SearchPatientsRequest, response: SearchPatientsResponse },
  "patients.register": { request: RegisterPatientRequest, response: RegisterPatientResponse },
  "patients.get": { request: GetPatientRequest, response: Patient },
  "patients.update": { request: UpdatePatientRequest, response: Patient },
  "patients.archive": { request: ArchivePatientRequest, response: Patient },
};

export type OperationName = keyof Operations;
