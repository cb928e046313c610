// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

import * as ops from "../../api/operations";
import type { AuditEntry } from "../../bindings/AuditEntry";
import type { User } from "../../bindings/User";
import { renderApp, setupUser, summary } from "../../test/render";
import { AuditPage } from "./AuditPage";

vi.mock("../../api/operations");

function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: "a1",
    at: "2024-06-15T09:30:00Z",
    workstation: "R1",
    user_id: "u-reception",
    username: "reception",
    operation: "patients.get",
    outcome: "ok",
    patient_id: "p1",
    patient_name: "Ana Ruiz",
    patient_mrn: "R1-000001",
    detail: null,
    ...overrides,
  };
}

const rita: User = {
  id: "u-reception",
  username: "reception",
  full_name: "Rita Byrne",
  roles: ["receptionist"],
  active: true,
  profile: null,
  locked_until: null,
  created_at: "2026-01-05T09:00:00Z",
  updated_at: "2026-01-05T09:00:00Z",
};

const everything = { patient_id: null, user_id: null, from: null, to: null, limit: 200 };

describe("AuditPage", () => {
  let user = setupUser();
  beforeEach(() => {
    user = setupUser();
    vi.mocked(ops.searchAudit).mockReset().mockResolvedValue({
      entries: [
        entry(),
        entry({ id: "a2", operation: "patients.update", outcome: "denied", username: "cmensah", detail: "Needs write_patients" }),
        entry({ id: "a3", operation: "auth.sign_in", outcome: "failed", patient_id: null, patient_name: null, patient_mrn: null }),
      ],
    });
    vi.mocked(ops.listUsers).mockReset().mockResolvedValue([rita]);
    vi.mocked(ops.searchPatients).mockReset().mockResolvedValue({ results: [summary()], total_shown: 1 });
  });

  it("shows who did what to whom, with refusals and failures in red", async () => {
    renderApp(<AuditPage />, { path: "/admin/audit" });

    await waitFor(() => expect(screen.getAllByTestId("audit-row")).toHaveLength(3));
    expect(ops.searchAudit).toHaveBeenCalledWith(everything);
    const [opened, denied, failed] = screen.getAllByTestId("audit-row") as [HTMLElement, HTMLElement, HTMLElement];
    expect(within(opened).getByText("Opened the record")).toBeInTheDocument();
    expect(within(opened).getByRole("link", { name: "Ana Ruiz" })).toHaveAttribute("href", "/patients/p1");
    expect(within(opened).getByText("R1-000001")).toBeInTheDocument();
    expect(within(opened).getByText("reception")).toBeInTheDocument();
    expect(within(denied).getByTestId("audit-outcome")).toHaveTextContent("Denied");
    expect(within(denied).getByText("Needs write_patients")).toBeInTheDocument();
    expect(failed).toHaveAttribute("data-outcome", "failed");
    expect(within(failed).getByText("Signed in")).toBeInTheDocument();
  });

  it("builds the request from the patient, user and dates chosen", async () => {
    renderApp(<AuditPage />, { path: "/admin/audit" });
    await waitFor(() => expect(screen.getAllByTestId("audit-row")).toHaveLength(3));

    await user.click(screen.getByTestId("audit-patient"));
    await user.type(screen.getByTestId("audit-patient"), "ruiz");
    await waitFor(() => expect(ops.searchPatients).toHaveBeenCalledWith({ query: "ruiz", limit: 20, include_archived: true }));
    await user.click(await screen.findByRole("option", { name: /Ruiz, Ana · R1-000001/ }));
    await waitFor(() => expect(ops.searchAudit).toHaveBeenLastCalledWith({ ...everything, patient_id: "p1" }));

    await user.click(screen.getByTestId("audit-user"));
    await user.click(await screen.findByRole("option", { name: "Rita Byrne (reception)" }));
    await waitFor(() => expect(ops.searchAudit).toHaveBeenLastCalledWith({ ...everything, patient_id: "p1", user_id: "u-reception" }));

    await user.type(screen.getByTestId("audit-from"), "1/6/2024");
    await user.type(screen.getByTestId("audit-to"), "31/02/2024");
    await user.tab();
    expect(await screen.findByText("Type a date as DD/MM/YYYY")).toBeInTheDocument();
    await waitFor(() =>
      expect(ops.searchAudit).toHaveBeenLastCalledWith({ ...everything, patient_id: "p1", user_id: "u-reception", from: "2024-06-01" }),
    );

    await user.clear(screen.getByTestId("audit-to"));
    await user.type(screen.getByTestId("audit-to"), "2024-06-15");
    await waitFor(() =>
      expect(ops.searchAudit).toHaveBeenLastCalledWith({
        patient_id: "p1",
        user_id: "u-reception",
        from: "2024-06-01",
        to: "2024-06-15",
        limit: 200,
      }),
    );
    expect(screen.queryByText("Type a date as DD/MM/YYYY")).not.toBeInTheDocument();
  });

  it("says so when nothing matches", async () => {
    vi.mocked(ops.searchAudit).mockResolvedValue({ entries: [] });
    renderApp(<AuditPage />, { path: "/admin/audit" });
    expect(await screen.findByTestId("audit-empty")).toHaveTextContent("No entries");
  });
});
