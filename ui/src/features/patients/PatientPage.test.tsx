// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { ApiError } from "../../api/errors";
import * as ops from "../../api/operations";
import { adminUser, currentPath, patient, receptionistUser, renderApp, setupUser } from "../../test/render";
import { chart } from "../../test/exams";
import { PatientPage } from "./PatientPage";

vi.mock("../../api/operations");

const get = vi.mocked(ops.getPatient);
const archive = vi.mocked(ops.archivePatient);
const access = vi.mocked(ops.patientAccess);

const opened = {
  id: "a1",
  at: "2024-06-15T09:30:00Z",
  workstation: "R1",
  user_id: "u-reception",
  username: "reception",
  operation: "patients.get",
  outcome: "ok" as const,
  patient_id: "p1",
  patient_name: "Ana Ruiz",
  patient_mrn: "R1-000001",
  detail: null,
};

describe("PatientPage", () => {
  beforeEach(() => {
    get.mockReset();
    archive.mockReset();
    access.mockReset().mockResolvedValue({ entries: [] });
    vi.mocked(ops.patientAppointments).mockResolvedValue({ upcoming: [], recent: [] });
  });

  it("shows the record with allergies highlighted", async () => {
    get.mockResolvedValue(
      patient({ allergies: "Penicillin", phones: ["0712 345 678", "020 7946 0958"], medical_history: "Glaucoma" }),
    );
    renderApp(<PatientPage id="p1" />, { path: "/patients/p1" });

    expect(await screen.findByTestId("patient-name")).toHaveTextContent("Ana Ruiz");
    expect(screen.getByTestId("patient-mrn")).toHaveTextContent("R1-000001");
    expect(screen.getByText(/born 07\/03\/1982/)).toBeInTheDocument();
    expect(within(screen.getByTestId("allergy-alert")).getByText("Penicillin")).toBeInTheDocument();
    expect(screen.getByText("Glaucoma")).toBeInTheDocument();
    expect(screen.getByText(/020 7946 0958/)).toBeInTheDocument();
    expect(screen.getAllByText("Not recorded").length).toBeGreaterThan(0);
    expect(get).toHaveBeenCalledWith("p1");
  });

  it("archives after confirmation", async () => {
    const user = setupUser();
    get.mockResolvedValue(patient());
    archive.mockResolvedValue(patient({ archived: true }));
    renderApp(<PatientPage id="p1" />, { path: "/patients/p1" });

    await user.click(await screen.findByTestId("archive-patient"));
    expect(await screen.findByText("Archive this patient?")).toBeInTheDocument();
    expect(archive).not.toHaveBeenCalled();
    await user.click(screen.getByTestId("confirm-archive"));

    await waitFor(() => expect(archive).toHaveBeenCalledWith("p1", true));
    expect(await screen.findByTestId("archived-badge")).toBeInTheDocument();
    expect(screen.getByTestId("restore-patient")).toBeInTheDocument();
  });

  it("says so when the patient does not exist, and goes back to search", async () => {
    const user = setupUser();
    get.mockRejectedValue(new ApiError("not_found", "No patient with this id"));
    const { location } = renderApp(<PatientPage id="nope" />, { path: "/patients/nope" });

    expect(await screen.findByText("Patient not found")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Back to search" }));
    expect(currentPath(location)).toBe("/patients");
  });
});

describe("who opened this record", () => {
  const doctor = receptionistUser({
    id: "u-doctor",
    roles: ["doctor"],
    permissions: ["signed_in", "read_patients", "write_patients", "read_clinical"],
  });

  beforeEach(() => {
    get.mockReset().mockResolvedValue(patient());
    access.mockReset();
    vi.mocked(ops.patientAppointments).mockResolvedValue({ upcoming: [], recent: [] });
    vi.mocked(ops.getChart).mockResolvedValue(chart());
  });

  it("shows administrators a collapsed list of recent access", async () => {
    const user = setupUser();
    access.mockResolvedValue({
      entries: [opened, { ...opened, id: "a2", username: "cmensah", operation: "patients.update", outcome: "denied" }],
    });
    renderApp(<PatientPage id="p1" />, { path: "/patients/p1", user: adminUser() });

    const panel = await screen.findByTestId("patient-access");
    expect(access).toHaveBeenCalledWith("p1");
    expect(panel).toHaveTextContent("by reception on R1. 2 recent entries.");
    expect(screen.getByTestId("patient-access-toggle")).toHaveAttribute("aria-expanded", "false");

    await user.click(screen.getByTestId("patient-access-toggle"));
    const rows = screen.getAllByTestId("patient-access-row");
    expect(rows).toHaveLength(2);
    expect(within(rows[0] as HTMLElement).getByText("Opened the record")).toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).getByText("Denied")).toBeInTheDocument();
  });

  it("shows it to a doctor when the core answers, and hides it when the core refuses", async () => {
    access.mockResolvedValueOnce({ entries: [opened] });
    const first = renderApp(<PatientPage id="p1" />, { path: "/patients/p1", user: doctor });
    expect(await screen.findByTestId("patient-access")).toBeInTheDocument();
    // Clinical staff see the eye chart on the patient's page.
    expect(await screen.findByTestId("chart-no-visits")).toBeInTheDocument();
    first.unmount();

    access.mockRejectedValueOnce(new ApiError("permission_denied", "Your role does not allow this."));
    renderApp(<PatientPage id="p1" />, { path: "/patients/p1", user: doctor });
    await screen.findByTestId("patient-name");
    await waitFor(() => expect(access).toHaveBeenCalledTimes(2));
    expect(screen.queryByTestId("patient-access")).not.toBeInTheDocument();
    expect(screen.queryByText("Your role does not allow this.")).not.toBeInTheDocument();
  });

  it("does not ask for other roles, and hides editing from roles that may only read", async () => {
    const cashier = receptionistUser({ roles: ["cashier"], permissions: ["signed_in", "read_patients", "billing"] });
    renderApp(<PatientPage id="p1" />, { path: "/patients/p1", user: cashier });
    expect(await screen.findByTestId("patient-name")).toHaveTextContent("Ana Ruiz");
    expect(access).not.toHaveBeenCalled();
    expect(screen.queryByTestId("patient-access")).not.toBeInTheDocument();
    expect(screen.queryByTestId("edit-patient")).not.toBeInTheDocument();
    expect(screen.queryByTestId("archive-patient")).not.toBeInTheDocument();
  });
});
