// This file was generated from the operation catalog in fovea-core. Do not edit it by hand.
import type { AppInfo } from "./AppInfo";
import type { ArchivePatientRequest } from "./ArchivePatientRequest";
import type { AuditSearchRequest } from "./AuditSearchRequest";
import type { AuditSearchResponse } from "./AuditSearchResponse";
import type { ChangePasswordRequest } from "./ChangePasswordRequest";
import type { ClinicSettings } from "./ClinicSettings";
import type { CreateUserRequest } from "./CreateUserRequest";
import type { CurrentUser } from "./CurrentUser";
import type { Empty } from "./Empty";
import type { GetPatientRequest } from "./GetPatientRequest";
import type { ListUsersRequest } from "./ListUsersRequest";
import type { Patient } from "./Patient";
import type { PatientAccessRequest } from "./PatientAccessRequest";
import type { RegisterPatientRequest } from "./RegisterPatientRequest";
import type { RegisterPatientResponse } from "./RegisterPatientResponse";
import type { RenameWorkstationRequest } from "./RenameWorkstationRequest";
import type { ResetPasswordRequest } from "./ResetPasswordRequest";
import type { SearchPatientsRequest } from "./SearchPatientsRequest";
import type { SearchPatientsResponse } from "./SearchPatientsResponse";
import type { SeedPatientsRequest } from "./SeedPatientsRequest";
import type { SetupRequest } from "./SetupRequest";
import type { SignInRequest } from "./SignInRequest";
import type { SignedIn } from "./SignedIn";
import type { UnlockRequest } from "./UnlockRequest";
import type { UpdatePatientRequest } from "./UpdatePatientRequest";
import type { UpdateUserRequest } from "./UpdateUserRequest";
import type { User } from "./User";
import type { UserIdRequest } from "./UserIdRequest";
import type { VerifyReport } from "./VerifyReport";

export type Operations = {
  "app.info": { request: Empty, response: AppInfo },
  "app.setup": { request: SetupRequest, response: AppInfo },
  "app.rename_workstation": { request: RenameWorkstationRequest, response: AppInfo },
  "auth.sign_in": { request: SignInRequest, response: SignedIn },
  "auth.session": { request: Empty, response: CurrentUser },
  "auth.sign_out": { request: Empty, response: Empty },
  "auth.lock": { request: Empty, response: Empty },
  "auth.unlock": { request: UnlockRequest, response: CurrentUser },
  "auth.change_password": { request: ChangePasswordRequest, response: Empty },
  "users.list": { request: ListUsersRequest, response: Array<User> },
  "users.create": { request: CreateUserRequest, response: User },
  "users.update": { request: UpdateUserRequest, response: User },
  "users.reset_password": { request: ResetPasswordRequest, response: Empty },
  "users.unlock": { request: UserIdRequest, response: User },
  "settings.get": { request: Empty, response: ClinicSettings },
  "settings.update": { request: ClinicSettings, response: ClinicSettings },
  "audit.search": { request: AuditSearchRequest, response: AuditSearchResponse },
  "audit.patient_access": { request: PatientAccessRequest, response: AuditSearchResponse },
  "audit.verify": { request: Empty, response: VerifyReport },
  "patients.search": { request: SearchPatientsRequest, response: SearchPatientsResponse },
  "patients.register": { request: RegisterPatientRequest, response: RegisterPatientResponse },
  "patients.get": { request: GetPatientRequest, response: Patient },
  "patients.update": { request: UpdatePatientRequest, response: Patient },
  "patients.archive": { request: ArchivePatientRequest, response: Patient },
  "demo.seed_patients": { request: SeedPatientsRequest, response: Empty },
  "demo.add_staff": { request: Empty, response: Empty },
};

export type OperationName = keyof Operations;
