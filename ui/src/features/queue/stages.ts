import type { Permission } from "../../bindings/Permission";
import type { Stage } from "../../bindings/Stage";

/** The day's flow, in order. */
export const STAGES: readonly Stage[] = ["waiting_workup", "in_workup", "waiting_doctor", "with_doctor", "pharmacy", "billing", "done"];

export const STAGE_LABELS: Record<Stage, string> = {
  waiting_workup: "Waiting for work-up",
  in_workup: "In work-up",
  waiting_doctor: "Waiting for doctor",
  with_doctor: "With doctor",
  pharmacy: "Pharmacy",
  billing: "Billing",
  done: "Done",
};

/**
 * The stages a permission works in, the one acted on first leading; earlier entries lead later ones, so a doctor
 * (who may also record work-ups) sees the doctor's stages first. Reception, which checks patients in and sees them
 * through the whole flow, and administrators hold none of these and keep the flow's order.
 */
const PERMISSION_STAGES: readonly [Permission, readonly Stage[]][] = [
  ["write_consultation", ["waiting_doctor", "with_doctor"]],
  ["write_workup", ["waiting_workup", "in_workup"]],
  ["dispense", ["pharmacy"]],
  ["billing", ["billing"]],
];

/**
 * The board's columns for someone holding `permissions` (as the core reports them): the stages they work in first,
 * then every other stage in the order of the flow. Every stage appears exactly once.
 */
export function stagesFor(permissions: readonly Permission[]): Stage[] {
  const own: Stage[] = [];
  for (const [permission, stages] of PERMISSION_STAGES) {
    if (!permissions.includes(permission)) continue;
    for (const stage of stages) if (!own.includes(stage)) own.push(stage);
  }
  return [...own, ...STAGES.filter((stage) => !own.includes(stage))];
}

/** Where the one-click button sends a card; null once done. */
export function nextStage(stage: Stage): Stage | null {
  const index = STAGES.indexOf(stage);
  return index >= 0 && index < STAGES.length - 1 ? (STAGES[index + 1] ?? null) : null;
}

/** "12 min", "1 h 05 min": time in a stage, read at a glance. */
export function formatWait(minutes: number): string {
  const whole = Math.max(0, Math.floor(minutes));
  if (whole < 60) return `${whole} min`;
  return `${Math.floor(whole / 60)} h ${String(whole % 60).padStart(2, "0")} min`;
}

/** Still waiting for the doctor (before "With doctor"): a patient who can be handed to another clinician. */
export function isWaiting(card: { stage: Stage; appointment_id: string | null }): boolean {
  return card.appointment_id !== null && STAGES.indexOf(card.stage) < STAGES.indexOf("with_doctor");
}
