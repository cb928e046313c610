// Medication prescriptions written in the consultation: the visit's prescription, its vocabulary, the clinic's taper
// templates, the formulary search the medicine picker uses, and the printout. Keys start with "exams" so whatever
// refreshes an examination refreshes its prescription too.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import type { Document } from "../bindings/Document";
import type { PrescriptionItemInput } from "../bindings/PrescriptionItemInput";
import type { PrescriptionView } from "../bindings/PrescriptionView";
import type { PrescriptionVocabulary } from "../bindings/PrescriptionVocabulary";
import type { SaveTaperTemplateRequest } from "../bindings/SaveTaperTemplateRequest";
import type { SearchMedicinesResponse } from "../bindings/SearchMedicinesResponse";
import type { TaperTemplate } from "../bindings/TaperTemplate";
import { call } from "./client";
import type { ApiError } from "./errors";

// ---------------------------------------------------------------- typed helpers

export function getPrescription(visitId: string): Promise<PrescriptionView> {
  return call("prescriptions.get", { visit_id: visitId });
}

export function savePrescription(visitId: string, items: PrescriptionItemInput[]): Promise<PrescriptionView> {
  return call("prescriptions.save", { visit_id: visitId, items });
}

export function getPrescriptionVocabulary(): Promise<PrescriptionVocabulary> {
  return call("prescriptions.vocabulary", {});
}

export function listTaperTemplates(includeInactive = false): Promise<TaperTemplate[]> {
  return call("prescriptions.templates", { include_inactive: includeInactive });
}

export function saveTaperTemplate(request: SaveTaperTemplateRequest): Promise<TaperTemplate> {
  return call("prescriptions.save_template", request);
}

export function printMedicationRx(visitId: string): Promise<Document> {
  return call("prescriptions.print", { visit_id: visitId });
}

export function searchMedicines(query: string, limit: number | null = 20): Promise<SearchMedicinesResponse> {
  return call("pharmacy.medicines", { query, include_inactive: false, limit });
}

// ---------------------------------------------------------------- hooks

export const prescriptionKeys = {
  prescription: (visitId: string) => ["exams", "prescription", visitId] as const,
  vocabulary: ["prescription_vocabulary"] as const,
  templates: ["taper_templates"] as const,
  medicines: (query: string) => ["pharmacy", "medicines", "search", query] as const,
};

export function usePrescription(visitId: string, enabled = true) {
  return useQuery<PrescriptionView, ApiError>({
    queryKey: prescriptionKeys.prescription(visitId),
    queryFn: () => getPrescription(visitId),
    enabled,
  });
}

export function useSavePrescription() {
  const client = useQueryClient();
  return useMutation<PrescriptionView, ApiError, { visitId: string; items: PrescriptionItemInput[] }>({
    mutationFn: ({ visitId, items }) => savePrescription(visitId, items),
    onSuccess: (view) => client.setQueryData(prescriptionKeys.prescription(view.visit_id), view),
  });
}

export function usePrescriptionVocabulary() {
  return useQuery<PrescriptionVocabulary, ApiError>({
    queryKey: prescriptionKeys.vocabulary,
    queryFn: () => getPrescriptionVocabulary(),
    staleTime: Infinity,
  });
}

export function useTaperTemplates(enabled = true) {
  return useQuery<TaperTemplate[], ApiError>({
    queryKey: prescriptionKeys.templates,
    queryFn: () => listTaperTemplates(false),
    enabled,
  });
}

export function useSaveTaperTemplate() {
  const client = useQueryClient();
  return useMutation<TaperTemplate, ApiError, SaveTaperTemplateRequest>({
    mutationFn: (request) => saveTaperTemplate(request),
    onSuccess: () => void client.invalidateQueries({ queryKey: prescriptionKeys.templates }),
  });
}

export function usePrintMedicationRx() {
  return useMutation<Document, ApiError, string>({
    mutationFn: (visitId) => printMedicationRx(visitId),
  });
}

/** Formulary medicines for an (already debounced) query, each with what the pharmacy has of it today. */
export function useMedicineSearch(query: string, enabled: boolean) {
  const trimmed = query.trim();
  return useQuery<SearchMedicinesResponse, ApiError>({
    queryKey: prescriptionKeys.medicines(trimmed),
    queryFn: () => searchMedicines(trimmed, 20),
    enabled: enabled && trimmed !== "",
    placeholderData: keepPreviousData,
  });
}
