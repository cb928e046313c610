// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { ApiError } from "../../api/errors";
import * as ops from "../../api/operations";
import { currentPath, patient, renderApp, setupUser } from "../../test/render";
import { PatientPage } from "./PatientPage";

vi.mock("../../api/operations");

const get = vi.mocked(ops.getPatient);
const archive = vi.mocked(ops.archivePatient);

describe("PatientPage", () => {
  beforeEach(() => {
    get.mockReset();
    archive.mockReset();
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
