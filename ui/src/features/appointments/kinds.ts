import type { AppointmentKind } from "../../bindings/AppointmentKind";
import type { AppointmentStatus } from "../../bindings/AppointmentStatus";
import type { Schedule } from "../../bindings/Schedule";

export const KIND_LABELS: Record<AppointmentKind, string> = {
  new_patient: "New patient",
  follow_up: "Follow-up",
  post_op: "Post-op",
  refraction: "Refraction",
  walk_in: "Walk-in",
};

/** What a receptionist can book ahead; walk-ins come from the Walk-in button. */
export const BOOKABLE_KINDS: readonly AppointmentKind[] = ["new_patient", "follow_up", "post_op", "refraction"];

/** Until a schedule arrives. The core's default week uses 20 minutes. */
export const FALLBACK_MINUTES = 20;

/** The length the clinician's schedule gives this kind: its own length, else the clinician's default. */
export function lengthForKind(schedule: Schedule | undefined, kind: AppointmentKind): number {
  if (!schedule) return FALLBACK_MINUTES;
  return schedule.minutes_by_kind.find((entry) => entry.kind === kind)?.minutes ?? schedule.default_minutes;
}

export const STATUS_LABELS: Record<AppointmentStatus, string> = {
  scheduled: "Scheduled",
  checked_in: "Checked in",
  in_progress: "With clinician",
  completed: "Completed",
  cancelled: "Cancelled",
  no_show: "No-show",
};

export const STATUS_COLORS: Record<AppointmentStatus, string> = {
  scheduled: "blue",
  checked_in: "teal",
  in_progress: "violet",
  completed: "gray",
  cancelled: "gray",
  no_show: "orange",
};

/** Whether an appointment still holds its time (cancelled and no-show ones free it, as in the core). */
export function holdsSlot(status: AppointmentStatus): boolean {
  return status !== "cancelled" && status !== "no_show";
}

export interface AppointmentActions {
  checkIn: boolean;
  start: boolean;
  complete: boolean;
  cancel: boolean;
  noShow: boolean;
  reschedule: boolean;
}

/**
 * What may be done to an appointment now, following the core's transitions: scheduled → checked in → in progress
 * → completed, scheduled → cancelled or no-show. Check-in only on the appointment's day; a no-show only once its
 * day has come.
 */
export function actionsFor(appointment: { status: AppointmentStatus; clinic_day: string }, today: string): AppointmentActions {
  const scheduled = appointment.status === "scheduled";
  return {
    checkIn: scheduled && appointment.clinic_day === today,
    start: appointment.status === "checked_in",
    complete: appointment.status === "in_progress",
    cancel: scheduled,
    noShow: scheduled && appointment.clinic_day <= today,
    reschedule: scheduled,
  };
}
