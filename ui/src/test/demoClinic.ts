// The demo clinic every UI test runs on (seeded once by bridge.global.ts, copied per test file by setup.ts), and
// signing in to it as one of its staff. The accounts are the core's demo staff (fovea-core/src/demo/mod.rs).
import { bridgeConfig, configureBridge, newScratchClinic } from "../api/http";
import * as ops from "../api/operations";
import { clearSessionToken } from "../api/session";
import type { AppInfo } from "../bindings/AppInfo";
import type { AuditEntry } from "../bindings/AuditEntry";
import type { CurrentUser } from "../bindings/CurrentUser";

/** The fixed seed: the same patients, book and history on every run. */
export const DEMO_SEED = 7;
/** Every demo account's password. */
export const DEMO_PASSWORD = "demo clinic 2026";

/** The demo clinic's staff, by the username each signs in with. */
export type DemoStaff = "admin" | "doctor" | "optom" | "reception" | "pharmacy" | "cashier";

/** Signs in to the test clinic as `username` and returns what a screen needs to render. */
export async function signInAs(username: DemoStaff): Promise<{ user: CurrentUser; info: AppInfo }> {
  const user = await ops.signIn({ username, password: DEMO_PASSWORD });
  const info = await ops.getAppInfo();
  return { user, info };
}

/**
 * Moves this test file onto a new copy of the demo clinic, signed out: for a test that needs the seeded state
 * untouched by the tests before it. With `empty`, onto a database never set up (the first-start screens).
 */
export async function freshClinic({ empty = false }: { empty?: boolean } = {}): Promise<void> {
  const current = bridgeConfig();
  if (current === null) throw new Error("The bridge is not configured (see src/test/setup.ts).");
  configureBridge({ ...current, db: await newScratchClinic({ empty }) });
  clearSessionToken();
}

/** Today's audit entries of one user, read as the administrator (who stays signed in afterwards). */
export async function todaysTrailOf(userId: string): Promise<AuditEntry[]> {
  const { info } = await signInAs("admin");
  const trail = await ops.searchAudit({ patient_id: null, user_id: userId, from: info.today, to: null, limit: 1000 });
  return trail.entries;
}
