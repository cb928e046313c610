// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import * as ops from "../../api/operations";
import type { AppInfo } from "../../bindings/AppInfo";
import type { CurrentUser } from "../../bindings/CurrentUser";
import type { Patient } from "../../bindings/Patient";
import { signInAs } from "../../test/demoClinic";
import { registered } from "../../test/patients";
import { renderApp, setupUser } from "../../test/render";
import { AuditPage } from "./AuditPage";

let admin: { user: CurrentUser; info: AppInfo };
let ana: Patient;

/** `YYYY-MM-DD` as the demo clinic types dates (DD/MM/YYYY). */
const typed = (iso: string) => iso.split("-").reverse().join("/");

function dayAfter(iso: string): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

beforeAll(async () => {
  // What the trail should show: reception registers and opens a record, tries an administrator's operation
  // (refused), and someone mistypes reception's password.
  await signInAs("reception");
  ana = await registered({ first_name: "Ana", last_name: "Quintanilla" });
  await ops.getPatient(ana.id);
  await ops.listUsers(false).catch(() => undefined);
  await ops.signIn({ username: "reception", password: "not the password" }).catch(() => undefined);
  admin = await signInAs("admin");
});

describe("AuditPage", () => {
  let user = setupUser();
  beforeEach(() => {
    user = setupUser();
  });

  it("shows who did what to whom, with refusals and failures in red", async () => {
    renderApp(<AuditPage />, { ...admin, path: "/admin/audit" });

    await waitFor(() => expect(screen.getAllByTestId("audit-row").length).toBeGreaterThan(3));
    const rows = screen.getAllByTestId("audit-row");
    const opened = rows.find((r) => within(r).queryByText("Opened the record") && within(r).queryByText(ana.mrn)) as HTMLElement;
    expect(opened).toBeDefined();
    expect(within(opened).getByRole("link", { name: "Ana Quintanilla" })).toHaveAttribute("href", `/patients/${ana.id}`);
    expect(within(opened).getByText("reception")).toBeInTheDocument();

    const denied = rows.find((r) => r.dataset.outcome === "denied") as HTMLElement;
    expect(within(denied).getByTestId("audit-outcome")).toHaveTextContent("Denied");
    expect(within(denied).getByText("Listed the users")).toBeInTheDocument();
    expect(within(denied).getByText("reception")).toBeInTheDocument();

    const failed = rows.find((r) => r.dataset.outcome === "failed") as HTMLElement;
    expect(within(failed).getByText("Signed in")).toBeInTheDocument();
    expect(within(failed).getByTestId("audit-outcome")).toHaveTextContent("Failed");
  });

  it("narrows the trail to the patient, user and dates chosen", async () => {
    renderApp(<AuditPage />, { ...admin, path: "/admin/audit" });
    await waitFor(() => expect(screen.getAllByTestId("audit-row").length).toBeGreaterThan(3));

    await user.click(screen.getByTestId("audit-patient"));
    await user.type(screen.getByTestId("audit-patient"), "quintanilla");
    await user.click(await screen.findByRole("option", { name: new RegExp(`Quintanilla, Ana · ${ana.mrn}`) }));
    // Only this patient's entries: registered, then opened.
    await waitFor(() => {
      const rows = screen.getAllByTestId("audit-row");
      expect(rows.length).toBeGreaterThanOrEqual(2);
      for (const row of rows) expect(within(row).getByText(ana.mrn)).toBeInTheDocument();
    });
    expect(screen.getByText("Opened the record")).toBeInTheDocument();
    expect(screen.getByText("Registered the patient")).toBeInTheDocument();

    await user.click(screen.getByTestId("audit-user"));
    await user.click(await screen.findByRole("option", { name: "Dr Amara Okafor (doctor)" }));
    expect(await screen.findByTestId("audit-empty")).toHaveTextContent("No entries");
    await user.click(screen.getByTestId("audit-user"));
    await user.click(await screen.findByRole("option", { name: /\(reception\)$/ }));
    await waitFor(() => expect(screen.getAllByTestId("audit-row").length).toBeGreaterThanOrEqual(2));

    const today = admin.info.today;
    await user.type(screen.getByTestId("audit-from"), typed(today));
    await user.type(screen.getByTestId("audit-to"), "31/02/2024");
    await user.tab();
    expect(await screen.findByText("Type a date as DD/MM/YYYY")).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByTestId("audit-row").length).toBeGreaterThanOrEqual(2));

    await user.clear(screen.getByTestId("audit-to"));
    await user.type(screen.getByTestId("audit-to"), typed(today));
    await waitFor(() => expect(screen.getAllByTestId("audit-row").length).toBeGreaterThanOrEqual(2));
    expect(screen.queryByText("Type a date as DD/MM/YYYY")).not.toBeInTheDocument();

    // From tomorrow on, nothing has happened yet.
    await user.clear(screen.getByTestId("audit-from"));
    await user.clear(screen.getByTestId("audit-to"));
    await user.type(screen.getByTestId("audit-from"), typed(dayAfter(today)));
    expect(await screen.findByTestId("audit-empty")).toHaveTextContent("No entries");
  });

  it("checks the chains and, asked, every record against what Fovea wrote", async () => {
    renderApp(<AuditPage />, { ...admin, path: "/admin/audit" });

    await user.click(screen.getByTestId("audit-verify"));
    const quick = await screen.findByTestId("audit-integrity-result");
    expect(quick).toHaveTextContent("Intact");
    expect(quick).toHaveTextContent(/\d+ entries from 1 workstation: every chain is unbroken/);
    expect(quick).not.toHaveTextContent("records match");

    await user.click(screen.getByTestId("audit-verify-deep"));
    await waitFor(() => expect(screen.getByTestId("audit-integrity-result")).toHaveTextContent(/\d+ records match what Fovea wrote/));
    expect(screen.queryByTestId("audit-integrity-problems")).not.toBeInTheDocument();
  });
});
