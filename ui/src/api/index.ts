// The UI's only door to the backend. Components import from here; tests drive the same calls against the real core.
export { call } from "./client";
export { ApiError, errorTitle, normalizeError } from "./errors";
export * from "./operations";
export * from "./queries";
export * from "./appointmentQueries";
export * from "./examQueries";
export * from "./dispensingQueries";
export * from "./prescriptionQueries";
export * from "./stockQueries";
export * from "./billingQueries";
