import type { ServiceKind } from "../../bindings/ServiceKind";

/** What each kind of service is, in the order the form offers them. */
export const SERVICE_KINDS: readonly { value: ServiceKind; label: string }[] = [
  { value: "consultation_new", label: "Consultation, new patient" },
  { value: "consultation_follow_up", label: "Consultation, follow-up" },
  { value: "post_operative", label: "Post-operative review" },
  { value: "refraction", label: "Refraction" },
  { value: "test", label: "Test" },
  { value: "procedure", label: "Procedure" },
  { value: "other", label: "Other" },
];

export function kindLabel(kind: ServiceKind): string {
  return SERVICE_KINDS.find((k) => k.value === kind)?.label ?? kind;
}
