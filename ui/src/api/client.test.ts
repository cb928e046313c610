import { beforeEach, describe, expect, it, vi } from "vitest";

import { call } from "./client";
import { ApiError, normalizeError } from "./errors";
import { tauriTransport } from "./tauri";

vi.mock("./tauri", () => ({ tauriTransport: vi.fn() }));

const transport = vi.mocked(tauriTransport);

describe("normalizeError", () => {
  it("keeps the core's code, message and field", () => {
    const error = normalizeError({ code: "validation", message: "First name is required", field: "first_name" });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "validation", message: "First name is required", field: "first_name" });
  });

  it("treats a missing or empty field as null", () => {
    expect(normalizeError({ code: "conflict", message: "Locked" }).field).toBeNull();
    expect(normalizeError({ code: "not_found", message: "No such patient", field: "" }).field).toBeNull();
    expect(normalizeError({ code: "not_found", message: "No such patient", field: null }).field).toBeNull();
  });

  it("turns a string rejection into a storage error with the text", () => {
    expect(normalizeError("database is locked")).toMatchObject({ code: "storage", message: "database is locked", field: null });
  });

  it("parses a JSON string carrying the error shape", () => {
    expect(normalizeError('{"code":"locked","message":"Screen locked","field":null}')).toMatchObject({
      code: "locked",
      message: "Screen locked",
    });
  });

  it("turns exceptions and unknown shapes into storage errors", () => {
    expect(normalizeError(new TypeError("window.__TAURI_INTERNALS__ is undefined"))).toMatchObject({
      code: "storage",
      message: "window.__TAURI_INTERNALS__ is undefined",
    });
    expect(normalizeError({ code: "exploded", message: "Boom" })).toMatchObject({ code: "storage", message: "Boom" });
    expect(normalizeError(42)).toMatchObject({ code: "storage", message: "42" });
    expect(normalizeError(undefined)).toMatchObject({ code: "storage", message: "Unknown error" });
  });

  it("returns an ApiError unchanged", () => {
    const error = new ApiError("permission_denied", "Not allowed");
    expect(normalizeError(error)).toBe(error);
  });
});

describe("call", () => {
  beforeEach(() => {
    transport.mockReset();
  });

  it("sends the operation and its request, and resolves with the response", async () => {
    transport.mockResolvedValue({ results: [], total_shown: 0 });
    const response = await call("patients.search", { query: "ana", limit: 10, include_archived: false });
    expect(transport).toHaveBeenCalledWith("patients.search", { query: "ana", limit: 10, include_archived: false });
    expect(response).toEqual({ results: [], total_shown: 0 });
  });

  it("rejects with an ApiError whatever the transport rejected with", async () => {
    transport.mockRejectedValueOnce({ code: "not_found", message: "No patient", field: null });
    await expect(call("patients.get", { id: "x" })).rejects.toMatchObject({ name: "ApiError", code: "not_found" });

    transport.mockRejectedValueOnce("disk I/O error");
    const error = await call("app.info", {}).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "storage", message: "disk I/O error" });
  });
});
