// The pharmacy's dispensing: the list of signed prescriptions to hand over, a visit's dispensing sheet, handing
// packs over (or saying why not), a patient bringing packs back, and the dispensing label. Everything here starts
// with "pharmacy", so one dispensing refreshes the list and the sheet at once; it also moves the visit on the board.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import type { DispenseRequest } from "../bindings/DispenseRequest";
import type { DispenseResult } from "../bindings/DispenseResult";
import type { DispensingSheet } from "../bindings/DispensingSheet";
import type { Document } from "../bindings/Document";
import type { PatientReturnRequest } from "../bindings/PatientReturnRequest";
import type { PatientReturnResult } from "../bindings/PatientReturnResult";
import type { ToDispenseResponse } from "../bindings/ToDispenseResponse";
import { appointmentKeys } from "./appointmentQueries";
import { call } from "./client";
import type { ApiError } from "./errors";

// ---------------------------------------------------------------- operations

export function toDispense(): Promise<ToDispenseResponse> {
  return call("pharmacy.to_dispense", {});
}

export function dispensingSheet(visitId: string): Promise<DispensingSheet> {
  return call("pharmacy.dispensing", { visit_id: visitId });
}

export function dispense(request: DispenseRequest): Promise<DispenseResult> {
  return call("pharmacy.dispense", request);
}

export function returnFromPatient(request: PatientReturnRequest): Promise<PatientReturnResult> {
  return call("pharmacy.return_from_patient", request);
}

export function printDispensingLabel(visitId: string, itemId: string): Promise<Document> {
  return call("pharmacy.print_label", { visit_id: visitId, item_id: itemId });
}

// ---------------------------------------------------------------- hooks

export const dispensingKeys = {
  all: ["pharmacy"] as const,
  toDispense: ["pharmacy", "to_dispense"] as const,
  sheet: (visitId: string) => ["pharmacy", "sheet", visitId] as const,
};

/** How often the list asks again by itself: doctors sign prescriptions on other workstations. */
export const TO_DISPENSE_REFRESH_MS = 30_000;

export function useToDispense() {
  return useQuery<ToDispenseResponse, ApiError>({
    queryKey: dispensingKeys.toDispense,
    queryFn: toDispense,
    refetchInterval: TO_DISPENSE_REFRESH_MS,
  });
}

export function useDispensingSheet(visitId: string) {
  return useQuery<DispensingSheet, ApiError>({
    queryKey: dispensingKeys.sheet(visitId),
    queryFn: () => dispensingSheet(visitId),
    retry: false,
  });
}

function useDispensingChanged() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: dispensingKeys.all });
    void client.invalidateQueries({ queryKey: appointmentKeys.queue });
  };
}

/** Records a dispensing; the answer carries the sheet as it now stands. */
export function useDispense() {
  const client = useQueryClient();
  const changed = useDispensingChanged();
  return useMutation<DispenseResult, ApiError, DispenseRequest>({
    mutationFn: dispense,
    onSuccess: (result) => {
      client.setQueryData(dispensingKeys.sheet(result.sheet.visit_id), result.sheet);
      changed();
    },
  });
}

export function useReturnFromPatient() {
  const changed = useDispensingChanged();
  return useMutation<PatientReturnResult, ApiError, PatientReturnRequest>({
    mutationFn: returnFromPatient,
    onSuccess: changed,
  });
}

export function usePrintDispensingLabel() {
  return useMutation<Document, ApiError, { visitId: string; itemId: string }>({
    mutationFn: ({ visitId, itemId }) => printDispensingLabel(visitId, itemId),
  });
}
