// The UI's only door to the backend. Components import from here; tests mock ./operations.
export { call } from "./client";
export { ApiError, errorTitle, normalizeError } from "./errors";
export * from "./operations";
export * from "./queries";
export * from "./appointmentQueries";
export * from "./examQueries";
