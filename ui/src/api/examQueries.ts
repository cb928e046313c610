// Hooks for the examination screen, the patient's chart, the recall list, the ICD-10 search and the clinic's eye-care
// settings. Everything about examinations starts with "exams", so a save refreshes the screen, the chart and the
// recall list at once; a save also moves the patient on the queue board.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import type { Chart } from "../bindings/Chart";
import type { ConsultationInput } from "../bindings/ConsultationInput";
import type { Document } from "../bindings/Document";
import type { ExaminationView } from "../bindings/ExaminationView";
import type { ExamSettings } from "../bindings/ExamSettings";
import type { Icd10SearchResponse } from "../bindings/Icd10SearchResponse";
import type { RecallResponse } from "../bindings/RecallResponse";
import type { StartVisitResponse } from "../bindings/StartVisitResponse";
import type { WorkupDerived } from "../bindings/WorkupDerived";
import type { WorkupInput } from "../bindings/WorkupInput";
import { appointmentKeys } from "./appointmentQueries";
import { normalizeError, type ApiError } from "./errors";
import * as ops from "./operations";

export const examKeys = {
  all: ["exams"] as const,
  exam: (visitId: string) => ["exams", "visit", visitId] as const,
  check: (input: WorkupInput) => ["exams", "check", input] as const,
  chart: (patientId: string) => ["exams", "chart", patientId] as const,
  recall: (from: string | null, to: string | null) => ["exams", "recall", from, to] as const,
  icd10: (query: string) => ["icd10", query] as const,
  settings: ["exam_settings"] as const,
};

export function useExam(visitId: string) {
  return useQuery<ExaminationView, ApiError>({
    queryKey: examKeys.exam(visitId),
    queryFn: () => ops.getExam(visitId),
    // The form keeps what was typed; a refetch must not look like a change under the examiner's hands.
    staleTime: Infinity,
  });
}

/** What checking a work-up gave: the derived values of every valid part, and the field errors of the others. */
export interface WorkupCheck {
  derived: WorkupDerived | null;
  errors: ApiError[];
}

/**
 * Checks the (already debounced) work-up form with the core. The core answers with the first field error only; each
 * error's part is taken out with `withoutField` and the rest checked again, so every invalid part is reported and
 * every valid part still gets its derived values. A validation error is an answer here, not a failure.
 */
export function useWorkupCheck(input: WorkupInput, enabled: boolean, withoutField: (input: WorkupInput, field: string) => WorkupInput | null) {
  return useQuery<WorkupCheck, ApiError>({
    queryKey: examKeys.check(input),
    queryFn: async () => {
      const errors: ApiError[] = [];
      let current: WorkupInput | null = input;
      // Bounded: each round removes one part of the form.
      for (let round = 0; round < 12 && current !== null; round += 1) {
        try {
          return { derived: await ops.checkWorkup(current), errors };
        } catch (reason) {
          const error = normalizeError(reason);
          if (error.code !== "validation") throw error;
          errors.push(error);
          current = error.field === null ? null : withoutField(current, error.field);
        }
      }
      return { derived: null, errors };
    },
    enabled,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    gcTime: 60_000,
  });
}

function useExamSaved() {
  const client = useQueryClient();
  return (view: ExaminationView) => {
    client.setQueryData(examKeys.exam(view.visit_id), view);
    void client.invalidateQueries({ queryKey: examKeys.chart(view.patient.id) });
    void client.invalidateQueries({ queryKey: ["exams", "recall"] });
    // Saving and signing move the patient along the board, and the appointment with it.
    void client.invalidateQueries({ queryKey: appointmentKeys.queue });
    void client.invalidateQueries({ queryKey: appointmentKeys.all });
  };
}

export function useSaveWorkup() {
  const saved = useExamSaved();
  return useMutation<ExaminationView, ApiError, { visitId: string; workup: WorkupInput }>({
    mutationFn: ({ visitId, workup }) => ops.saveWorkup(visitId, workup),
    onSuccess: saved,
  });
}

export function useSaveConsultation() {
  const saved = useExamSaved();
  return useMutation<ExaminationView, ApiError, { visitId: string; consultation: ConsultationInput }>({
    mutationFn: ({ visitId, consultation }) => ops.saveConsultation(visitId, consultation),
    onSuccess: saved,
  });
}

export function useSignExam() {
  const saved = useExamSaved();
  return useMutation<ExaminationView, ApiError, { visitId: string; password: string }>({
    mutationFn: ({ visitId, password }) => ops.signExam(visitId, password),
    onSuccess: saved,
  });
}

export function useAddAddendum() {
  const saved = useExamSaved();
  return useMutation<ExaminationView, ApiError, { visitId: string; text: string }>({
    mutationFn: ({ visitId, text }) => ops.addAddendum(visitId, text),
    onSuccess: saved,
  });
}

export function useStartVisit() {
  const client = useQueryClient();
  return useMutation<StartVisitResponse, ApiError, string>({
    mutationFn: (patientId) => ops.startVisit(patientId),
    onSuccess: (_response, patientId) => {
      void client.invalidateQueries({ queryKey: examKeys.chart(patientId) });
      void client.invalidateQueries({ queryKey: appointmentKeys.queue });
    },
  });
}

export function useChart(patientId: string, enabled = true) {
  return useQuery<Chart, ApiError>({
    queryKey: examKeys.chart(patientId),
    queryFn: () => ops.getChart(patientId),
    enabled,
  });
}

export function useRecall(from: string | null, to: string | null) {
  return useQuery<RecallResponse, ApiError>({
    queryKey: examKeys.recall(from, to),
    queryFn: () => ops.recall(from, to),
    placeholderData: keepPreviousData,
  });
}

/** ICD-10 codes for an (already debounced) query; nothing is asked for a blank one. */
export function useIcd10Search(query: string) {
  const trimmed = query.trim();
  return useQuery<Icd10SearchResponse, ApiError>({
    queryKey: examKeys.icd10(trimmed),
    queryFn: () => ops.searchIcd10(trimmed, 30),
    enabled: trimmed !== "",
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
}

export function useExamSettings(enabled = true) {
  return useQuery<ExamSettings, ApiError>({
    queryKey: examKeys.settings,
    queryFn: () => ops.getExamSettings(),
    enabled,
  });
}

export function useUpdateExamSettings() {
  const client = useQueryClient();
  return useMutation<ExamSettings, ApiError, ExamSettings>({
    mutationFn: (settings) => ops.updateExamSettings(settings),
    onSuccess: (saved) => {
      client.setQueryData(examKeys.settings, saved);
      // Acuities and prescriptions on open screens are shown in the clinic's notation and form.
      void client.invalidateQueries({ queryKey: examKeys.all });
    },
  });
}

export function usePrintSpectacleRx() {
  return useMutation<Document, ApiError, { visitId: string; notes: string | null }>({
    mutationFn: ({ visitId, notes }) => ops.printSpectacleRx(visitId, notes),
  });
}

export function usePrintReminders() {
  return useMutation<Document, ApiError, string | null>({
    mutationFn: (date) => ops.printReminders(date),
  });
}
