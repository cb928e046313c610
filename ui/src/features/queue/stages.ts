import type { Role } from "../../bindings/Role";
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

/** The stages each role works in, the one they act on first leading. */
const ROLE_STAGES: Record<Role, readonly Stage[]> = {
  optometrist: ["waiting_workup", "in_workup"],
  doctor: ["waiting_doctor", "with_doctor"],
  pharmacist: ["pharmacy"],
  cashier: ["billing"],
  // Reception checks patients in and sees them through the whole flow, so its board keeps the flow's order.
  receptionist: ["waiting_workup"],
  admin: [],
};

/**
 * The board's columns for someone holding `roles`: their own stages first (in the order of their roles, then of
 * each role's stages), then every other stage in the order of the flow. Every stage appears exactly once.
 */
export function stagesForRoles(roles: readonly Role[]): Stage[] {
  const own: Stage[] = [];
  for (const role of roles) {
    for (const stage of ROLE_STAGES[role]) if (!own.includes(stage)) own.push(stage);
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
