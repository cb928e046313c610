// The audit trail's filters, as typed, turned into the request the core answers.
import type { AuditSearchRequest } from "../../bindings/AuditSearchRequest";
import type { DateFormat } from "../../bindings/DateFormat";
import { datePattern, parseDateInput, toIso } from "../../lib/dates";

export interface AuditFilters {
  patientId: string | null;
  userId: string | null;
  /** As typed: the clinic's date format or ISO; empty for no bound. */
  from: string;
  to: string;
}

export const AUDIT_LIMIT = 200;

export const noAuditFilters: AuditFilters = { patientId: null, userId: null, from: "", to: "" };

export interface BuiltAuditRequest {
  request: AuditSearchRequest;
  /** Why a date cannot be used, by filter; the request is only sent when this is empty. */
  errors: Partial<Record<"from" | "to", string>>;
}

/** Dates become ISO days (both bounds inclusive, in the clinic's day); blanks mean no filter. */
export function buildAuditRequest(filters: AuditFilters, format: DateFormat): BuiltAuditRequest {
  const errors: BuiltAuditRequest["errors"] = {};
  const day = (text: string, key: "from" | "to"): string | null => {
    if (text.trim() === "") return null;
    const date = parseDateInput(text, format);
    if (date) return toIso(date);
    errors[key] = `Type a date as ${datePattern(format)}`;
    return null;
  };
  const from = day(filters.from, "from");
  const to = day(filters.to, "to");
  if (from !== null && to !== null && to < from) errors.to = "The end is before the start";
  return {
    request: { patient_id: filters.patientId, user_id: filters.userId, from, to, limit: AUDIT_LIMIT },
    errors,
  };
}
