import { describe, expect, it } from "vitest";

import type { CurrentUser } from "../bindings/CurrentUser";
import { initialSession, SESSION_ENDED, sessionReducer, type SessionState } from "./sessionState";

// The reducer only keeps and compares users; any two will do.
function user(username: string): CurrentUser {
  return { id: `u-${username}`, username, full_name: username, roles: [], permissions: ["signed_in"], idle_lock_minutes: 10 };
}
const admin = user("admin");
const active: SessionState = { status: "active", user: admin };
const locked: SessionState = { status: "locked", user: admin, switching: false };

describe("sessionReducer", () => {
  it("signs in quietly at start when the core has no session, and says why when one ends later", () => {
    expect(sessionReducer(initialSession, { type: "auth_error", code: "unauthenticated" })).toEqual({ status: "signed_out", notice: null });
    expect(sessionReducer(active, { type: "auth_error", code: "unauthenticated" })).toEqual({ status: "signed_out", notice: SESSION_ENDED });
    expect(sessionReducer(locked, { type: "auth_error", code: "unauthenticated" })).toEqual({ status: "signed_out", notice: SESSION_ENDED });
  });

  it("locks an active session once, keeping who it belongs to", () => {
    expect(sessionReducer(active, { type: "auth_error", code: "locked" })).toEqual(locked);
    expect(sessionReducer(locked, { type: "auth_error", code: "locked" })).toBe(locked);
    expect(sessionReducer(active, { type: "lock", switching: true })).toEqual({ ...locked, switching: true });
    const signedOut: SessionState = { status: "signed_out", notice: null };
    expect(sessionReducer(signedOut, { type: "auth_error", code: "locked" })).toBe(signedOut);
  });

  it("takes a refreshed user only when it is the same person", () => {
    const renamed = { ...admin, full_name: "Mary Byrne" };
    expect(sessionReducer(locked, { type: "refreshed", user: renamed })).toEqual({ ...locked, user: renamed });
    expect(sessionReducer(active, { type: "refreshed", user: user("reception") })).toBe(active);
  });

  it("unlocks only a locked session", () => {
    expect(sessionReducer(locked, { type: "unlocked", user: admin })).toEqual(active);
    const signedOut: SessionState = { status: "signed_out", notice: null };
    expect(sessionReducer(signedOut, { type: "unlocked", user: admin })).toBe(signedOut);
  });
});
