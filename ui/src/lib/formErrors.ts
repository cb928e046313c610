import type { ApiError } from "../api";

export type FieldErrors = Record<string, string>;

/**
 * Normalizes a field path from the core to the form's key: drops a request wrapper
 * (`patient.first_name` → `first_name`) and writes list indexes with dots
 * (`phones[1]` → `phones.1`).
 */
export function normalizeFieldPath(field: string): string {
  return field
    .trim()
    .replace(/\[(\d+)\]/g, ".$1")
    .replace(/^patient\./, "");
}

/**
 * Where to show an error from the core: the form field it names, if the form has it.
 * Returns null when the error belongs to no field on this form (show it for the whole form).
 * `isField` says whether a normalized path is a field of this form.
 */
export function fieldErrorFromApi(
  error: ApiError,
  isField: (path: string) => boolean,
): { field: string; message: string } | null {
  if (error.field === null) return null;
  const field = normalizeFieldPath(error.field);
  return isField(field) ? { field, message: error.message } : null;
}

/** A copy of `errors` without the fields `drop` selects (the same object when nothing is dropped). */
export function withoutFields(errors: FieldErrors, drop: (field: string) => boolean): FieldErrors {
  const keys = Object.keys(errors);
  if (!keys.some(drop)) return errors;
  return Object.fromEntries(Object.entries(errors).filter(([field]) => !drop(field)));
}
