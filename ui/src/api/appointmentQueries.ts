// Hooks for the appointment book, the queue board and clinician schedules. Everything about appointments
// starts with "appointments" and everything on the board with "queue", so a change invalidates each whole.
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";

import type { Appointment } from "../bindings/Appointment";
import type { AppointmentKind } from "../bindings/AppointmentKind";
import type { AppointmentStatus } from "../bindings/AppointmentStatus";
import type { BoardResponse } from "../bindings/BoardResponse";
import type { BookRequest } from "../bindings/BookRequest";
import type { CliniciansResponse } from "../bindings/CliniciansResponse";
import type { ClosedDayRequest } from "../bindings/ClosedDayRequest";
import type { DayResponse } from "../bindings/DayResponse";
import type { PatientAppointmentsResponse } from "../bindings/PatientAppointmentsResponse";
import type { QueueCard } from "../bindings/QueueCard";
import type { RangeRequest } from "../bindings/RangeRequest";
import type { RangeResponse } from "../bindings/RangeResponse";
import type { Reminder } from "../bindings/Reminder";
import type { RemindersResponse } from "../bindings/RemindersResponse";
import type { ReassignRequest } from "../bindings/ReassignRequest";
import type { ReassignResponse } from "../bindings/ReassignResponse";
import type { RescheduleRequest } from "../bindings/RescheduleRequest";
import type { Schedule } from "../bindings/Schedule";
import type { SlotsResponse } from "../bindings/SlotsResponse";
import type { Stage } from "../bindings/Stage";
import type { WalkInRequest } from "../bindings/WalkInRequest";
import type { ApiError } from "./errors";
import * as ops from "./operations";

export const appointmentKeys = {
  all: ["appointments"] as const,
  clinicians: ["appointments", "clinicians"] as const,
  day: (date: string) => ["appointments", "day", date] as const,
  range: (request: RangeRequest) => ["appointments", "range", request] as const,
  slots: (clinicianId: string, date: string, kind: AppointmentKind) => ["appointments", "slots", clinicianId, date, kind] as const,
  forPatient: (patientId: string) => ["appointments", "patient", patientId] as const,
  reminders: (date: string | null) => ["appointments", "reminders", date] as const,
  schedules: ["schedules"] as const,
  schedule: (clinicianId: string) => ["schedules", clinicianId] as const,
  queue: ["queue"] as const,
  board: (clinicianId: string | null) => ["queue", "board", clinicianId] as const,
};

/** How often the queue board asks again by itself: other workstations move patients too. */
export const BOARD_REFRESH_MS = 30_000;

/** The clinicians to book with; given a patient, their usual clinician first. */
export function useClinicians(patientId: string | null = null) {
  return useQuery<CliniciansResponse, ApiError>({
    queryKey: patientId ? [...appointmentKeys.clinicians, patientId] : appointmentKeys.clinicians,
    queryFn: () => ops.listClinicians(patientId),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

/** What a reassignment would move and where the new clinician is busy; null asks nothing. */
export function useReassignPreview(request: ReassignRequest | null) {
  return useQuery<ReassignResponse, ApiError>({
    queryKey: ["appointments", "reassign-preview", request],
    queryFn: () => ops.reassignPreview(request as ReassignRequest),
    enabled: request !== null,
    retry: false,
  });
}

export function useReassign() {
  const changed = useAppointmentsChanged();
  return useMutation<ReassignResponse, ApiError, ReassignRequest>({ mutationFn: (r) => ops.reassignAppointments(r), onSuccess: changed });
}

export function useDay(date: string) {
  return useQuery<DayResponse, ApiError>({
    queryKey: appointmentKeys.day(date),
    queryFn: () => ops.appointmentsDay(date),
    placeholderData: keepPreviousData,
  });
}

export function useRange(request: RangeRequest, enabled = true) {
  return useQuery<RangeResponse, ApiError>({
    queryKey: appointmentKeys.range(request),
    queryFn: () => ops.appointmentsRange(request),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useSlots(clinicianId: string | null, date: string | null, kind: AppointmentKind) {
  return useQuery<SlotsResponse, ApiError>({
    queryKey: appointmentKeys.slots(clinicianId ?? "", date ?? "", kind),
    queryFn: () => ops.freeSlots(clinicianId ?? "", date ?? "", kind),
    enabled: clinicianId !== null && date !== null,
  });
}

/**
 * Why each clinician-day cannot be booked (the clinic closed that day), keyed `clinicianId|date`; the core says
 * so with the free slots, and there is no list of closed days to ask for.
 */
export function useClosedReasons(pairs: readonly { clinicianId: string; date: string }[]): Map<string, string> {
  const results = useQueries({
    queries: pairs.map(({ clinicianId, date }) => ({
      queryKey: appointmentKeys.slots(clinicianId, date, "follow_up"),
      queryFn: () => ops.freeSlots(clinicianId, date, "follow_up"),
    })),
  });
  const reasons = new Map<string, string>();
  results.forEach((result, index) => {
    const pair = pairs[index];
    const reason = result.data?.closed_reason;
    if (pair && reason) reasons.set(`${pair.clinicianId}|${pair.date}`, reason);
  });
  return reasons;
}

export function usePatientAppointments(patientId: string, enabled = true) {
  return useQuery<PatientAppointmentsResponse, ApiError>({
    queryKey: appointmentKeys.forPatient(patientId),
    queryFn: () => ops.patientAppointments(patientId),
    enabled,
  });
}

export function useReminders(date: string | null) {
  return useQuery<RemindersResponse, ApiError>({
    queryKey: appointmentKeys.reminders(date),
    queryFn: () => ops.reminders(date),
    placeholderData: keepPreviousData,
  });
}

function scheduleQuery(clinicianId: string) {
  return {
    queryKey: appointmentKeys.schedule(clinicianId),
    queryFn: () => ops.getSchedule(clinicianId),
    staleTime: 60_000,
  };
}

export function useSchedule(clinicianId: string | null) {
  return useQuery<Schedule, ApiError>({ ...scheduleQuery(clinicianId ?? ""), enabled: clinicianId !== null });
}

/** The schedules of several clinicians at once, keyed by clinician id (missing while loading or failed). */
export function useSchedules(clinicianIds: readonly string[]): Map<string, Schedule> {
  const results = useQueries({ queries: clinicianIds.map((id) => scheduleQuery(id)) });
  const byId = new Map<string, Schedule>();
  results.forEach((result, index) => {
    const id = clinicianIds[index];
    if (result.data && id !== undefined) byId.set(id, result.data);
  });
  return byId;
}

export function useBoard(clinicianId: string | null) {
  return useQuery<BoardResponse, ApiError>({
    queryKey: appointmentKeys.board(clinicianId),
    queryFn: () => ops.queueBoard(clinicianId),
    refetchInterval: BOARD_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

/** After any change to an appointment: the book, the patient's list, reminders and the board may all differ. */
function useAppointmentsChanged() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: appointmentKeys.all });
    void client.invalidateQueries({ queryKey: appointmentKeys.queue });
  };
}

export function useBookAppointment() {
  const changed = useAppointmentsChanged();
  return useMutation<Appointment, ApiError, BookRequest>({ mutationFn: (r) => ops.bookAppointment(r), onSuccess: changed });
}

export function useSetAppointmentStatus() {
  const changed = useAppointmentsChanged();
  return useMutation<Appointment, ApiError, { id: string; status: AppointmentStatus; reason?: string | null }>({
    mutationFn: ({ id, status, reason }) => ops.setAppointmentStatus(id, status, reason ?? null),
    onSuccess: changed,
  });
}

export function useRescheduleAppointment() {
  const changed = useAppointmentsChanged();
  return useMutation<Appointment, ApiError, RescheduleRequest>({
    mutationFn: (r) => ops.rescheduleAppointment(r),
    onSuccess: changed,
  });
}

export function useWalkIn() {
  const changed = useAppointmentsChanged();
  return useMutation<Appointment, ApiError, WalkInRequest>({ mutationFn: (r) => ops.walkIn(r), onSuccess: changed });
}

export function useMarkCalled() {
  const changed = useAppointmentsChanged();
  return useMutation<Reminder, ApiError, { id: string; called: boolean; note: string | null }>({
    mutationFn: ({ id, called, note }) => ops.markCalled(id, called, note),
    onSuccess: changed,
  });
}

export function useMoveVisit() {
  const client = useQueryClient();
  return useMutation<QueueCard, ApiError, { visitId: string; stage: Stage }>({
    mutationFn: ({ visitId, stage }) => ops.moveVisit(visitId, stage),
    onSuccess: () => void client.invalidateQueries({ queryKey: appointmentKeys.queue }),
  });
}

export function useSetSchedule() {
  const client = useQueryClient();
  return useMutation<Schedule, ApiError, Schedule>({
    mutationFn: (s) => ops.setSchedule(s),
    onSuccess: (saved) => {
      client.setQueryData(appointmentKeys.schedule(saved.clinician_id), saved);
      // Free slots follow the schedule.
      void client.invalidateQueries({ queryKey: appointmentKeys.all });
    },
  });
}

export function useSetClosedDay() {
  const client = useQueryClient();
  return useMutation<unknown, ApiError, ClosedDayRequest>({
    mutationFn: (r) => ops.setClosedDay(r),
    onSuccess: () => void client.invalidateQueries({ queryKey: appointmentKeys.all }),
  });
}
