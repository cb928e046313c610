import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import type { AppInfo } from "../bindings/AppInfo";
import type { Patient } from "../bindings/Patient";
import type { RegisterPatientRequest } from "../bindings/RegisterPatientRequest";
import type { RegisterPatientResponse } from "../bindings/RegisterPatientResponse";
import type { SearchPatientsRequest } from "../bindings/SearchPatientsRequest";
import type { SearchPatientsResponse } from "../bindings/SearchPatientsResponse";
import type { SetupRequest } from "../bindings/SetupRequest";
import type { UpdatePatientRequest } from "../bindings/UpdatePatientRequest";
import type { ApiError } from "./errors";
import * as ops from "./operations";

/** Query keys. Everything about patients starts with "patients" so one invalidation refreshes it all. */
export const queryKeys = {
  appInfo: ["app", "info"] as const,
  patients: ["patients"] as const,
  patientSearches: ["patients", "search"] as const,
  patientSearch: (request: SearchPatientsRequest) => ["patients", "search", request] as const,
  patient: (id: string) => ["patients", "detail", id] as const,
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

export function useSearchPatients(request: SearchPatientsRequest) {
  return useQuery<SearchPatientsResponse, ApiError>({
    ...patientSearchQuery(request),
    placeholderData: keepPreviousData,
  });
}

export function usePatient(id: string) {
  return useQuery<Patient, ApiError>({
    queryKey: queryKeys.patient(id),
    queryFn: () => ops.getPatient(id),
  });
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
