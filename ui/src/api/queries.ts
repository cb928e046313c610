import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import type { AppInfo } from "../bindings/AppInfo";
import type { AuditSearchRequest } from "../bindings/AuditSearchRequest";
import type { AuditSearchResponse } from "../bindings/AuditSearchResponse";
import type { ChangePasswordRequest } from "../bindings/ChangePasswordRequest";
import type { ClinicSettings } from "../bindings/ClinicSettings";
import type { CreateUserRequest } from "../bindings/CreateUserRequest";
import type { CurrentUser } from "../bindings/CurrentUser";
import type { Patient } from "../bindings/Patient";
import type { Printers } from "../bindings/Printers";
import type { RegisterPatientRequest } from "../bindings/RegisterPatientRequest";
import type { RegisterPatientResponse } from "../bindings/RegisterPatientResponse";
import type { SearchPatientsRequest } from "../bindings/SearchPatientsRequest";
import type { SearchPatientsResponse } from "../bindings/SearchPatientsResponse";
import type { SetupRequest } from "../bindings/SetupRequest";
import type { SignInRequest } from "../bindings/SignInRequest";
import type { UpdatePatientRequest } from "../bindings/UpdatePatientRequest";
import type { UpdateUserRequest } from "../bindings/UpdateUserRequest";
import type { User } from "../bindings/User";
import type { VerifyReport } from "../bindings/VerifyReport";
import type { ApiError } from "./errors";
import * as ops from "./operations";

/** Query keys. Everything about patients starts with "patients" so one invalidation refreshes it all. */
export const queryKeys = {
  appInfo: ["app", "info"] as const,
  patients: ["patients"] as const,
  patientSearches: ["patients", "search"] as const,
  patientSearch: (request: SearchPatientsRequest) => ["patients", "search", request] as const,
  patient: (id: string) => ["patients", "detail", id] as const,
  users: ["users"] as const,
  userList: (includeInactive: boolean) => ["users", "list", includeInactive] as const,
  settings: ["settings"] as const,
  audit: ["audit"] as const,
  auditSearch: (request: AuditSearchRequest) => ["audit", "search", request] as const,
  patientAccess: (patientId: string) => ["audit", "patient", patientId] as const,
  printers: ["workstation", "printers"] as const,
};

export function useAppInfo() {
  return useQuery<AppInfo, ApiError>({
    queryKey: queryKeys.appInfo,
    queryFn: () => ops.getAppInfo(),
    staleTime: Infinity,
  });
}

export function useSetupApp() {
  const client = useQueryClient();
  return useMutation<AppInfo, ApiError, SetupRequest>({
    mutationFn: (request) => ops.setupApp(request),
    onSuccess: (info) => {
      client.setQueryData(queryKeys.appInfo, info);
      void client.invalidateQueries({ queryKey: queryKeys.patients });
    },
  });
}

/** The printers CUPS knows here, and this workstation's choice. */
export function usePrinters() {
  return useQuery<Printers, ApiError>({ queryKey: queryKeys.printers, queryFn: ops.listPrinters });
}

export function useChoosePrinter() {
  const client = useQueryClient();
  return useMutation<Printers, ApiError, string | null>({
    mutationFn: (printer) => ops.choosePrinter(printer),
    onSuccess: (printers) => client.setQueryData(queryKeys.printers, printers),
  });
}

export function useRenameWorkstation() {
  const client = useQueryClient();
  return useMutation<AppInfo, ApiError, string>({
    mutationFn: (code) => ops.renameWorkstation(code),
    onSuccess: (info) => {
      client.setQueryData(queryKeys.appInfo, info);
    },
  });
}

/** Shared by the hook and by imperative fetches (Enter pressed before the debounce fired). */
export function patientSearchQuery(request: SearchPatientsRequest) {
  return {
    queryKey: queryKeys.patientSearch(request),
    queryFn: () => ops.searchPatients(request),
  };
}

export function useSearchPatients(request: SearchPatientsRequest, enabled = true) {
  return useQuery<SearchPatientsResponse, ApiError>({
    ...patientSearchQuery(request),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Shared by the hook and by imperative fetches (a booking started from a list that has only the patient's id). */
export function patientQuery(id: string) {
  return {
    queryKey: queryKeys.patient(id),
    queryFn: () => ops.getPatient(id),
  };
}

export function usePatient(id: string) {
  return useQuery<Patient, ApiError>(patientQuery(id));
}

function usePatientWritten() {
  const client = useQueryClient();
  return (patient: Patient) => {
    // The response is the stored record: no need to fetch it again, but every list may have changed.
    client.setQueryData(queryKeys.patient(patient.id), patient);
    void client.invalidateQueries({ queryKey: queryKeys.patientSearches });
    // The first record locks the workstation code, so AppInfo may have changed too.
    void client.invalidateQueries({ queryKey: queryKeys.appInfo });
  };
}

export function useRegisterPatient() {
  const written = usePatientWritten();
  return useMutation<RegisterPatientResponse, ApiError, RegisterPatientRequest>({
    mutationFn: (request) => ops.registerPatient(request),
    onSuccess: (response) => {
      if (response.outcome === "registered") written(response.patient);
    },
  });
}

export function useUpdatePatient() {
  const written = usePatientWritten();
  return useMutation<Patient, ApiError, UpdatePatientRequest>({
    mutationFn: (request) => ops.updatePatient(request),
    onSuccess: written,
  });
}

export function useArchivePatient() {
  const written = usePatientWritten();
  return useMutation<Patient, ApiError, { id: string; archived: boolean }>({
    mutationFn: ({ id, archived }) => ops.archivePatient(id, archived),
    onSuccess: written,
  });
}

// ---------------------------------------------------------------- session

export function useSignIn() {
  return useMutation<CurrentUser, ApiError, SignInRequest>({ mutationFn: (request) => ops.signIn(request) });
}

export function useUnlockSession() {
  return useMutation<CurrentUser, ApiError, string>({ mutationFn: (password) => ops.unlockSession(password) });
}

export function useChangePassword() {
  return useMutation<unknown, ApiError, ChangePasswordRequest>({ mutationFn: (request) => ops.changePassword(request) });
}

// ---------------------------------------------------------------- users

export function useUsers(includeInactive = true, enabled = true) {
  return useQuery<User[], ApiError>({
    queryKey: queryKeys.userList(includeInactive),
    queryFn: () => ops.listUsers(includeInactive),
    enabled,
  });
}

function useUserWritten() {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: queryKeys.users });
}

export function useCreateUser() {
  const written = useUserWritten();
  return useMutation<User, ApiError, CreateUserRequest>({
    mutationFn: (request) => ops.createUser(request),
    onSuccess: written,
  });
}

export function useUpdateUser() {
  const written = useUserWritten();
  return useMutation<User, ApiError, UpdateUserRequest>({
    mutationFn: (request) => ops.updateUser(request),
    onSuccess: written,
  });
}

export function useResetPassword() {
  const written = useUserWritten();
  return useMutation<unknown, ApiError, { id: string; newPassword: string }>({
    mutationFn: ({ id, newPassword }) => ops.resetPassword(id, newPassword),
    onSuccess: written,
  });
}

export function useUnlockUser() {
  const written = useUserWritten();
  return useMutation<User, ApiError, string>({
    mutationFn: (id) => ops.unlockUser(id),
    onSuccess: written,
  });
}

// ---------------------------------------------------------------- settings

export function useSettings() {
  return useQuery<ClinicSettings, ApiError>({
    queryKey: queryKeys.settings,
    queryFn: () => ops.getSettings(),
  });
}

export function useUpdateSettings() {
  const client = useQueryClient();
  return useMutation<ClinicSettings, ApiError, ClinicSettings>({
    mutationFn: (settings) => ops.updateSettings(settings),
    onSuccess: (saved) => {
      client.setQueryData(queryKeys.settings, saved);
      // The clinic's name and date format live in AppInfo too.
      void client.invalidateQueries({ queryKey: queryKeys.appInfo });
    },
  });
}

// ---------------------------------------------------------------- audit

export function useAuditSearch(request: AuditSearchRequest) {
  return useQuery<AuditSearchResponse, ApiError>({
    queryKey: queryKeys.auditSearch(request),
    queryFn: () => ops.searchAudit(request),
    placeholderData: keepPreviousData,
  });
}

/** Checks the trail's chains and, deep, every record against the operation log; on demand, never cached. */
export function useVerifyAudit() {
  return useMutation<VerifyReport, ApiError, boolean>({ mutationFn: (deep) => ops.verifyAudit(deep) });
}

export function usePatientAccess(patientId: string, enabled: boolean) {
  return useQuery<AuditSearchResponse, ApiError>({
    queryKey: queryKeys.patientAccess(patientId),
    queryFn: () => ops.patientAccess(patientId),
    enabled,
  });
}
