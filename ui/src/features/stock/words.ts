// The words the stock screens use for the core's codes. Labels only: what each kind does is the core's.
import type { AdjustKind } from "../../bindings/AdjustKind";
import type { BatchState } from "../../bindings/BatchState";
import type { Form } from "../../bindings/Form";
import type { MovementKind } from "../../bindings/MovementKind";
import type { PackUnit } from "../../bindings/PackUnit";
import type { Route } from "../../bindings/Route";

export const FORM_WORDS: Record<Form, string> = {
  solution: "Solution (drops)",
  suspension: "Suspension (drops)",
  emulsion: "Emulsion (drops)",
  ointment: "Ointment",
  gel: "Gel",
  tablet: "Tablet",
  capsule: "Capsule",
  other: "Other form",
};

export const ROUTE_WORDS: Record<Route, string> = {
  eye: "In the eye",
  oral: "By mouth",
  skin: "On the skin",
  other: "Other",
};

export const PACK_UNIT_WORDS: Record<PackUnit, string> = {
  ml: "mL",
  g: "g",
  tablets: "tablets",
  capsules: "capsules",
  units: "units",
};

export const ADJUST_KIND_WORDS: Record<AdjustKind, { label: string; help: string }> = {
  adjustment: { label: "Adjustment", help: "Packs found (type a positive number) or lost or broken (type a negative number)." },
  supplier_return: { label: "Return to the supplier", help: "Packs sent back; they leave the stock." },
  patient_return: { label: "Returned by a patient", help: "Unopened packs a patient brought back; they go back into stock." },
  expiry_write_off: { label: "Expiry write-off", help: "Takes out everything left in this expired batch." },
};

export const MOVEMENT_KIND_WORDS: Record<MovementKind, string> = {
  receipt: "Received",
  dispense: "Dispensed",
  patient_return: "Returned by a patient",
  supplier_return: "Returned to the supplier",
  adjustment: "Adjustment",
  count_variance: "Stock count",
  expiry_write_off: "Expiry write-off",
  reversal: "Reversal",
};

export const BATCH_STATE_WORDS: Record<BatchState, { label: string; color: string }> = {
  usable: { label: "Usable", color: "teal" },
  expired: { label: "Expired", color: "red" },
  quarantined: { label: "Quarantined", color: "orange" },
  empty: { label: "Empty", color: "gray" },
};

/** "1 pack", "3 packs", "−2 packs". */
export function packs(count: number): string {
  const shown = count < 0 ? `−${-count}` : String(count);
  return `${shown} pack${Math.abs(count) === 1 ? "" : "s"}`;
}
