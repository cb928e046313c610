import { beforeEach, describe, expect, it, vi } from "vitest";

import { BUSY_RETRY_DELAYS_MS, call, openDocumentFile } from "./client";
import { ApiError, normalizeError } from "./errors";
import { configureBridge } from "./http";
import { signIn } from "./operations";
import { clearSessionToken } from "./session";
import { tauriOpenDocument, tauriTransport } from "./tauri";

vi.mock("./tauri", () => ({ tauriTransport: vi.fn(), tauriOpenDocument: vi.fn() }));

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

const signedIn = {
  token: "t-1",
  user: {
    id: "u1",
    username: "admin",
    full_name: "Mary O'Connor",
    roles: ["admin"],
    permissions: ["signed_in", "manage_users"],
    idle_lock_minutes: 10,
  },
};

describe("call", () => {
  beforeEach(() => {
    transport.mockReset();
    clearSessionToken();
    // These tests are about the desktop transport; the test set-up points every file at the bridge.
    configureBridge(null);
  });

  it("sends the operation, its request and no session before sign-in, and resolves with the response", async () => {
    transport.mockResolvedValue({ results: [], total_shown: 0 });
    const response = await call("patients.search", { query: "ana", limit: 10, include_archived: false });
    expect(transport).toHaveBeenCalledWith("patients.search", { query: "ana", limit: 10, include_archived: false }, null);
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

  it("tries again, waiting longer each time, while the database is busy, and succeeds when it frees", async () => {
    vi.useFakeTimers();
    try {
      const busy = { code: "busy", message: "The database is busy with another program; try again in a moment.", field: null };
      transport.mockRejectedValueOnce(busy).mockRejectedValueOnce(busy).mockResolvedValueOnce({ ok: true });
      const answer = call("patients.get", { id: "x" });
      await vi.advanceTimersByTimeAsync((BUSY_RETRY_DELAYS_MS[0] ?? 0) - 1);
      expect(transport).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(transport).toHaveBeenCalledTimes(2);
      await vi.advanceTimersByTimeAsync(BUSY_RETRY_DELAYS_MS[1] ?? 0);
      await expect(answer).resolves.toEqual({ ok: true });
      expect(transport).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it("reports busy after the last try, and never retries any other failure", async () => {
    vi.useFakeTimers();
    try {
      const busy = { code: "busy", message: "The database is busy", field: null };
      transport.mockRejectedValue(busy);
      const answer = call("patients.get", { id: "x" }).catch((reason: unknown) => reason);
      await vi.advanceTimersByTimeAsync(BUSY_RETRY_DELAYS_MS.reduce((a, b) => a + b, 0));
      expect(await answer).toMatchObject({ name: "ApiError", code: "busy" });
      expect(transport).toHaveBeenCalledTimes(BUSY_RETRY_DELAYS_MS.length + 1);

      transport.mockReset();
      transport.mockRejectedValueOnce({ code: "locked", message: "Locked", field: null });
      await expect(call("auth.session", {})).rejects.toMatchObject({ code: "locked" });
      expect(transport).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("the session token", () => {
  beforeEach(() => {
    transport.mockReset();
    clearSessionToken();
    // These tests are about the desktop transport; the test set-up points every file at the bridge.
    configureBridge(null);
  });

  it("is kept from a sign-in, sent with every call, and never given to the caller", async () => {
    transport.mockResolvedValueOnce(signedIn);
    const user = await signIn({ username: "admin", password: "correct horse battery" });
    expect(user).toEqual(signedIn.user);
    expect(JSON.stringify(user)).not.toContain("t-1");
    expect(transport).toHaveBeenLastCalledWith("auth.sign_in", { username: "admin", password: "correct horse battery" }, null);

    transport.mockResolvedValueOnce({ results: [], total_shown: 0 });
    await call("patients.search", { query: "", limit: 1, include_archived: false });
    expect(transport).toHaveBeenLastCalledWith("patients.search", expect.anything(), "t-1");
  });

  it("is dropped by sign-out, even when sign-out fails", async () => {
    transport.mockResolvedValueOnce(signedIn);
    await call("auth.sign_in", { username: "admin", password: "x" });
    transport.mockRejectedValueOnce({ code: "storage", message: "disk I/O error", field: null });
    await expect(call("auth.sign_out", {})).rejects.toMatchObject({ code: "storage" });
    expect(transport).toHaveBeenLastCalledWith("auth.sign_out", {}, "t-1");

    transport.mockResolvedValueOnce({});
    await call("app.info", {});
    expect(transport).toHaveBeenLastCalledWith("app.info", {}, null);
  });

  it("is dropped when the core says the session is gone, but kept while it is only locked", async () => {
    transport.mockResolvedValueOnce(signedIn);
    await call("auth.sign_in", { username: "admin", password: "x" });

    transport.mockRejectedValueOnce({ code: "locked", message: "Locked", field: null });
    await expect(call("auth.session", {})).rejects.toMatchObject({ code: "locked" });
    transport.mockResolvedValueOnce(signedIn.user);
    await call("auth.unlock", { password: "x" });
    expect(transport).toHaveBeenLastCalledWith("auth.unlock", { password: "x" }, "t-1");

    transport.mockRejectedValueOnce({ code: "unauthenticated", message: "Please sign in", field: null });
    await expect(call("auth.session", {})).rejects.toMatchObject({ code: "unauthenticated" });
    transport.mockResolvedValueOnce({});
    await call("app.info", {});
    expect(transport).toHaveBeenLastCalledWith("app.info", {}, null);
  });

  it("survives a late unauthenticated answer about a session another sign-in replaced", async () => {
    transport.mockResolvedValueOnce(signedIn);
    await call("auth.sign_in", { username: "admin", password: "x" });

    let reject: (reason: unknown) => void = () => {};
    transport.mockImplementationOnce(() => new Promise((_, no) => (reject = no)));
    const old = call("patients.get", { id: "p1" });
    await Promise.resolve();
    await Promise.resolve();
    transport.mockResolvedValueOnce({ ...signedIn, token: "t-2" });
    await call("auth.sign_in", { username: "reception", password: "y" });
    reject({ code: "unauthenticated", message: "Please sign in", field: null });
    await expect(old).rejects.toMatchObject({ code: "unauthenticated" });

    transport.mockResolvedValueOnce({});
    await call("app.info", {});
    expect(transport).toHaveBeenLastCalledWith("app.info", {}, "t-2");
  });
});

describe("openDocumentFile", () => {
  it("opens through the desktop command and passes its refusal on as an ApiError", async () => {
    const open = vi.mocked(tauriOpenDocument);
    open.mockResolvedValueOnce(undefined);
    await expect(openDocumentFile("/docs/a.pdf")).resolves.toBeUndefined();
    expect(open).toHaveBeenCalledWith("/docs/a.pdf");
    open.mockRejectedValueOnce({ code: "bad_request", message: "This is not a document Fovea saved." });
    await expect(openDocumentFile("/etc/passwd")).rejects.toMatchObject({ code: "bad_request", message: "This is not a document Fovea saved." });
  });
});
