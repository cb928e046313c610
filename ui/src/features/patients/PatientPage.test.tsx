// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import * as ops from "../../api/operations";
import type { AppInfo } from "../../bindings/AppInfo";
import type { CurrentUser } from "../../bindings/CurrentUser";
import { freshClinic, signInAs, type DemoStaff } from "../../test/demoClinic";
import { failNextCall } from "../../test/faults";
import { registered } from "../../test/patients";
import { currentPath, renderApp, setupUser } from "../../test/render";
import { PatientPage } from "./PatientPage";

type Staff = { user: CurrentUser; info: AppInfo };

/** Renders a patient's page for `staff`, signed in as them (the last sign-in is who calls). */
async function renderPage(username: DemoStaff, id: string) {
  const staff: Staff = await signInAs(username);
  return { ...renderApp(<PatientPage id={id} />, { ...staff, path: `/patients/${id}` }), staff };
}

describe("PatientPage", () => {
  it("shows the record with allergies highlighted", async () => {
    await signInAs("reception");
    const ana = await registered({
      first_name: "Ana",
      last_name: "Quintanilla",
      date_of_birth: "1982-03-07",
      allergies: "Penicillin",
      phones: ["0712 345 678", "020 7946 0958"],
      medical_history: "Glaucoma",
    });
    await renderPage("reception", ana.id);

    expect(await screen.findByTestId("patient-name")).toHaveTextContent("Ana Quintanilla");
    expect(screen.getByTestId("patient-mrn")).toHaveTextContent(ana.mrn);
    expect(screen.getByText(/born 07\/03\/1982/)).toBeInTheDocument();
    expect(within(screen.getByTestId("allergy-alert")).getByText("Penicillin")).toBeInTheDocument();
    expect(screen.getByText("Glaucoma")).toBeInTheDocument();
    expect(screen.getByText(/020 7946 0958/)).toBeInTheDocument();
    // No email, address, national ID, medications or emergency contact were given.
    expect(screen.getAllByText("Not recorded").length).toBeGreaterThan(0);
  });

  it("archives after confirmation", async () => {
    const user = setupUser();
    await signInAs("reception");
    const luis = await registered({ first_name: "Luis", last_name: "Quintanilla" });
    await renderPage("reception", luis.id);

    await user.click(await screen.findByTestId("archive-patient"));
    expect(await screen.findByText("Archive this patient?")).toBeInTheDocument();
    expect((await ops.getPatient(luis.id)).archived).toBe(false);
    await user.click(screen.getByTestId("confirm-archive"));

    expect(await screen.findByTestId("archived-badge")).toBeInTheDocument();
    expect(screen.getByTestId("restore-patient")).toBeInTheDocument();
    expect((await ops.getPatient(luis.id)).archived).toBe(true);
  });

  it("says so when the patient does not exist, and goes back to search", async () => {
    const user = setupUser();
    const { location } = await renderPage("reception", "no-such-patient");

    expect(await screen.findByText("Patient not found")).toBeInTheDocument();
    expect(screen.getByText("No patient with this id.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Back to search" }));
    expect(currentPath(location)).toBe("/patients");
  });
});

describe("who opened this record", () => {
  it("shows administrators a collapsed list of recent access", async () => {
    const user = setupUser();
    await signInAs("reception");
    const zoe = await registered({ first_name: "Zoë", last_name: "Quintanilla" });
    await ops.getPatient(zoe.id);
    const { staff } = await renderPage("admin", zoe.id);

    const panel = await screen.findByTestId("patient-access");
    // Newest first: the administrator's own opening of the page, then the receptionist's, then the registration.
    // The page also reads the invoices (an administrator may bill) at the same moment as it asks for this list, so
    // that read is listed when it reached the core first.
    expect(panel).toHaveTextContent(new RegExp(`by admin on ${staff.info.workstation_code}\\. [34] recent entries\\.`));
    expect(screen.getByTestId("patient-access-toggle")).toHaveAttribute("aria-expanded", "false");

    await user.click(screen.getByTestId("patient-access-toggle"));
    expect(screen.getByTestId("patient-access-toggle")).toHaveAttribute("aria-expanded", "true");
    const rows = screen.getAllByTestId("patient-access-row");
    const entries = rows.map((r) => `${within(r).getByText(/^(Opened|Registered) /).textContent} by ${within(r).getByText(/^(admin|reception)/).textContent}`);
    const admin = entries.slice(0, entries.length - 2);
    expect(admin.map((e) => e.replace(/ by admin.*/, "")).sort()).toEqual(
      entries.length === 4 ? ["Opened a patient's invoices", "Opened the record"] : ["Opened the record"],
    );
    expect(admin.every((e) => / by admin/.test(e))).toBe(true);
    expect(entries.at(-2)).toMatch(/^Opened the record by reception/);
    expect(entries.at(-1)).toMatch(/^Registered the patient by reception/);
    // Every one succeeded, so none carries an outcome badge.
    expect(within(panel).queryByTestId("audit-outcome")).not.toBeInTheDocument();
  });

  it("hides the panel, not the page, when the core refuses to say", async () => {
    await signInAs("reception");
    const zoe = await registered({ first_name: "Zoë", last_name: "Quintanilla" });
    // An administrator whose role was taken away a moment ago: the core refuses then, not on demand.
    failNextCall("audit.patient_access", "permission_denied", "Your role does not allow this (audit.patient_access).");
    const { client, unmount } = await renderPage("admin", zoe.id);

    expect(await screen.findByTestId("patient-name")).toHaveTextContent("Zoë Quintanilla");
    await waitFor(() => expect(client.isFetching()).toBe(0));
    expect(screen.queryByTestId("patient-access")).not.toBeInTheDocument();
    expect(screen.queryByText(/Your role does not allow this/)).not.toBeInTheDocument();

    // The next time the core answers, the panel is there.
    unmount();
    await renderPage("admin", zoe.id);
    expect(await screen.findByTestId("patient-access")).toBeInTheDocument();
  });

  it("shows a doctor the eye chart and no access panel", async () => {
    await signInAs("reception");
    const zoe = await registered({ first_name: "Zoë", last_name: "Quintanilla" });
    const { client } = await renderPage("doctor", zoe.id);

    expect(await screen.findByTestId("patient-name")).toHaveTextContent("Zoë Quintanilla");
    // Clinical staff see the eye chart on the patient's page.
    expect(await screen.findByTestId("chart-no-visits")).toBeInTheDocument();
    await waitFor(() => expect(client.isFetching()).toBe(0));
    expect(screen.queryByTestId("patient-access")).not.toBeInTheDocument();
    expect(screen.getByTestId("edit-patient")).toBeInTheDocument();
  });

  it("asks only users who may read the audit trail, so opening a record leaves no refusal in it", async () => {
    await freshClinic();
    await signInAs("reception");
    const zoe = await registered({ first_name: "Zoë", last_name: "Quintanilla" });
    const opened: CurrentUser[] = [];
    for (const username of ["doctor", "reception", "cashier"] as const) {
      const { client, staff, unmount } = await renderPage(username, zoe.id);
      expect(await screen.findByTestId("patient-name")).toHaveTextContent("Zoë Quintanilla");
      await waitFor(() => expect(client.isFetching()).toBe(0));
      expect(screen.queryByTestId("patient-access")).not.toBeInTheDocument();
      opened.push(staff.user);
      unmount();
    }

    await signInAs("admin");
    for (const staff of opened) {
      const { entries } = await ops.searchAudit({ patient_id: null, user_id: staff.id, from: null, to: null, limit: 1000 });
      // The trail saw this user open the record...
      const opening = entries.find((e) => e.operation === "patients.get" && e.patient_id === zoe.id);
      expect(opening?.outcome).toBe("ok");
      // ...and no call of theirs was refused.
      expect(entries.filter((e) => e.outcome === "denied")).toEqual([]);
    }
  });

  it("hides editing from roles that may only read patients", async () => {
    await signInAs("reception");
    const zoe = await registered({ first_name: "Zoë", last_name: "Quintanilla" });
    await renderPage("cashier", zoe.id);

    expect(await screen.findByTestId("patient-name")).toHaveTextContent("Zoë Quintanilla");
    expect(screen.queryByTestId("patient-access")).not.toBeInTheDocument();
    expect(screen.queryByTestId("edit-patient")).not.toBeInTheDocument();
    expect(screen.queryByTestId("archive-patient")).not.toBeInTheDocument();
  });
});
