import type { Error as CoreError } from "../bindings/Error";
import type { ErrorCode } from "../bindings/ErrorCode";
import { ERROR_CODES } from "../bindings/operations";

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && (ERROR_CODES as readonly string[]).includes(value);
}

/**
 * The one error type the UI sees from the backend. Every rejection of `call`
 * is an ApiError, whatever the transport threw.
 */
export class ApiError extends Error implements CoreError {
  readonly code: ErrorCode;
  readonly field: string | null;

  constructor(code: ErrorCode, message: string, field: string | null = null) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.field = field;
  }
}

function fromObject(value: Record<string, unknown>): ApiError {
  const message =
    typeof value.message === "string" && value.message !== "" ? value.message : JSON.stringify(value);
  if (isErrorCode(value.code)) {
    const field = typeof value.field === "string" && value.field !== "" ? value.field : null;
    return new ApiError(value.code, message, field);
  }
  // A JS exception (e.g. the Tauri bridge missing) or an unexpected shape.
  return new ApiError("storage", message);
}

/**
 * Turns anything a transport may reject with into an ApiError.
 * - `{code, message, field}` from the core keeps its code and field;
 * - a string holding that JSON is parsed;
 * - any other object or exception becomes `storage` with its message;
 * - any other value becomes `storage` with its text.
 */
export function normalizeError(reason: unknown): ApiError {
  if (reason instanceof ApiError) return reason;
  if (typeof reason === "string") {
    const trimmed = reason.trim();
    if (trimmed.startsWith("{")) {
      try {
        const parsed: unknown = JSON.parse(trimmed);
        if (parsed !== null && typeof parsed === "object" && isErrorCode((parsed as Record<string, unknown>).code)) {
          return fromObject(parsed as Record<string, unknown>);
        }
      } catch {
        // Not JSON: fall through and keep the text.
      }
    }
    return new ApiError("storage", reason === "" ? "Unknown error" : reason);
  }
  if (reason !== null && typeof reason === "object") {
    return fromObject(reason as Record<string, unknown>);
  }
  return new ApiError("storage", reason === undefined ? "Unknown error" : String(reason));
}

/** Short, human wording for a code, used as a notification title. */
export function errorTitle(code: ErrorCode): string {
  switch (code) {
    case "validation":
      return "Please check the form";
    case "bad_request":
      return "The request was not understood";
    case "not_found":
      return "Not found";
    case "permission_denied":
      return "Not allowed for your role";
    case "conflict":
      return "Conflict";
    case "locked":
      return "The screen is locked";
    case "unauthenticated":
      return "Please sign in";
    case "busy":
      return "The database is busy — try again";
    case "storage":
      return "Something went wrong";
  }
}
