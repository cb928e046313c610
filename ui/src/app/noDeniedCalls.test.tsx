// @vitest-environment jsdom
// No screen sends a call that its user's permissions refuse: the core writes every refusal into the audit trail as
// Denied, so a screen that asks anyway fills the clinic's trail with false alarms. Each demo role opens every screen
// it can reach, on the real core, and the trail must hold no Denied entry of theirs afterwards.
import { render, screen } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";

import * as ops from "../api/operations";
import { stockOps } from "../api/stockQueries";
import type { Permission } from "../bindings/Permission";
import { issuedAtBilling, visitAtBilling } from "../test/billing";
import { type DemoStaff, signInAs, todaysTrailOf } from "../test/demoClinic";
import { App } from "./App";
import { createQueryClient, Providers } from "./Providers";

/**
 * Every screen, what it needs, and a test id it shows once there. `{patient}`, `{visit}`, `{medicine}`, `{billed}` (a
 * visit at billing) and `{invoice}` (an issued one) are filled in below.
 */
const SCREENS: { path: string; permission: Permission; shows: string }[] = [
  { path: "/patients", permission: "read_patients", shows: "patient-search" },
  { path: "/patients/{patient}", permission: "read_patients", shows: "patient-page" },
  { path: "/book", permission: "manage_appointments", shows: "book-page" },
  { path: "/book/reminders", permission: "manage_appointments", shows: "reminders-page" },
  { path: "/book/schedules", permission: "manage_appointments", shows: "schedules-page" },
  { path: "/queue", permission: "use_queue", shows: "queue-board" },
  { path: "/visits/{visit}/exam", permission: "read_clinical", shows: "exam-page" },
  { path: "/pharmacy", permission: "dispense", shows: "pharmacy-page" },
  { path: "/billing", permission: "billing", shows: "cash-desk" },
  { path: "/billing/visit/{billed}", permission: "billing", shows: "draft-lines" },
  { path: "/billing/invoice/{invoice}", permission: "billing", shows: "invoice-number" },
  { path: "/recall", permission: "manage_appointments", shows: "recall-page" },
  { path: "/stock", permission: "read_stock", shows: "stock-list" },
  { path: "/stock/medicines/{medicine}", permission: "read_stock", shows: "batch-list" },
  { path: "/stock/counts", permission: "read_stock", shows: "counts-page" },
  { path: "/cash-day", permission: "billing", shows: "cash-day-methods" },
  { path: "/reports", permission: "read_reports", shows: "takings-tab" },
  { path: "/admin/users", permission: "manage_users", shows: "users-page" },
  { path: "/admin/settings", permission: "manage_settings", shows: "settings-page" },
  { path: "/admin/prices", permission: "manage_settings", shows: "price-list-page" },
  { path: "/admin/audit", permission: "read_audit", shows: "audit-page" },
  { path: "/workstation", permission: "manage_workstation", shows: "workstation-page" },
];

const STAFF: DemoStaff[] = ["admin", "doctor", "optom", "reception", "pharmacy", "cashier"];

/** A demo patient with a signed past examination, so the patient page and the exam page have something to show. */
let patientId = "";
let visitId = "";
/** A demo medicine with batches on the shelf. */
let medicineId = "";
/** A visit waiting at the cash desk, and an issued invoice of another. */
let billedVisitId = "";
let invoiceId = "";

beforeAll(async () => {
  await signInAs("doctor");
  const recent = await ops.searchPatients({ query: "", limit: 50, include_archived: false });
  for (const candidate of recent.results) {
    const chart = await ops.getChart(candidate.id);
    const visit = chart.visits.find((v) => v.signed);
    if (visit) {
      patientId = candidate.id;
      visitId = visit.visit_id;
      break;
    }
  }
  if (!visitId) throw new Error("The demo clinic has no patient with a signed examination among the 50 newest.");
  medicineId = (await stockOps.stock(false)).lines.find((line) => line.on_hand > 0)?.medicine_id ?? "";
  if (!medicineId) throw new Error("The demo clinic has no stock on its shelf.");
  billedVisitId = (await visitAtBilling("Screens")).visitId;
  invoiceId = (await issuedAtBilling("Screened")).invoice.id;
});

/** Gives the screen's queries time to go out and come back. */
const settle = () => new Promise((done) => setTimeout(done, 400));

async function visitEveryScreen(username: DemoStaff): Promise<{ userId: string; visited: string[] }> {
  const { user } = await signInAs(username);
  window.location.hash = "";
  const result = render(
    <Providers client={createQueryClient()} env="test">
      <App />
    </Providers>,
  );
  await screen.findByTestId("app-header");
  const visited: string[] = [];
  for (const { path, permission, shows } of SCREENS) {
    if (!user.permissions.includes(permission)) continue;
    const filled = path.replace("{patient}", patientId).replace("{visit}", visitId).replace("{medicine}", medicineId)
      .replace("{billed}", billedVisitId)
      .replace("{invoice}", invoiceId);
    window.location.hash = `#${filled}`;
    await screen.findByTestId(shows, {}, { timeout: 10_000 });
    await settle();
    visited.push(path);
  }
  result.unmount();
  return { userId: user.id, visited };
}

describe("every screen a role can reach", () => {
  for (const username of STAFF) {
    it(`sends no call the core refuses, signed in as ${username}`, async () => {
      const { userId, visited } = await visitEveryScreen(username);
      expect(visited.length).toBeGreaterThan(0);

      const denied = (await todaysTrailOf(userId)).filter((e) => e.outcome === "denied").map((e) => `${e.operation}: ${e.detail ?? ""}`);
      expect(denied).toEqual([]);
    });
  }

  it("would see a refusal if a screen sent one", async () => {
    const { user } = await signInAs("cashier");
    await expect(ops.listUsers(false)).rejects.toMatchObject({ code: "permission_denied" });
    expect((await todaysTrailOf(user.id)).filter((e) => e.outcome === "denied").map((e) => e.operation)).toEqual(["users.list"]);
  });
});
