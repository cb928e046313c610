// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { ApiError } from "../api/errors";
import * as ops from "../api/operations";
import { currentPath, renderApp, setupUser, testInfo } from "../test/render";
import { App } from "./App";
import { AppLayout } from "./AppLayout";

vi.mock("../api/operations");

describe("first start", () => {
  beforeEach(() => {
    vi.mocked(ops.getAppInfo).mockReset();
    vi.mocked(ops.setupApp).mockReset();
    vi.mocked(ops.searchPatients).mockReset();
  });

  it("shows only the setup screen, shows field errors inline, then opens the app", async () => {
    const user = setupUser();
    const fresh = { ...testInfo, setup_done: false, clinic_name: null, workstation_code: null, workstation_code_locked: false };
    vi.mocked(ops.getAppInfo).mockResolvedValue(fresh);
    vi.mocked(ops.searchPatients).mockResolvedValue({ results: [], total_shown: 0 });
    vi.mocked(ops.setupApp)
      .mockRejectedValueOnce(new ApiError("validation", "Workstation code R1 is reserved", "workstation_code"))
      .mockResolvedValueOnce({ ...testInfo, clinic_name: "Riverside Eye Clinic" });
    renderApp(<App />);

    expect(await screen.findByTestId("setup-form")).toBeInTheDocument();
    expect(screen.queryByTestId("app-header")).not.toBeInTheDocument();
    expect(screen.getByTestId("setup-workstation-code")).toHaveValue("R1");

    await user.click(screen.getByTestId("setup-submit"));
    expect(await screen.findByText("Clinic name is required")).toBeInTheDocument();
    expect(ops.setupApp).not.toHaveBeenCalled();

    await user.type(screen.getByTestId("setup-clinic-name"), "Riverside Eye Clinic");
    await user.click(screen.getByTestId("setup-demo"));
    await user.click(screen.getByTestId("setup-submit"));
    expect(await screen.findByText("Workstation code R1 is reserved")).toBeInTheDocument();
    expect(ops.setupApp).toHaveBeenCalledWith({
      clinic_name: "Riverside Eye Clinic",
      workstation_code: "R1",
      date_format: "DMY",
      demo_patients: 200,
    });

    await user.clear(screen.getByTestId("setup-workstation-code"));
    await user.type(screen.getByTestId("setup-workstation-code"), "r2");
    await user.click(screen.getByTestId("setup-submit"));
    await waitFor(() => expect(ops.setupApp).toHaveBeenLastCalledWith(expect.objectContaining({ workstation_code: "R2" })));
    expect(await screen.findByTestId("app-header")).toHaveTextContent("Riverside Eye Clinic");
  });

  it("shows why the app could not start", async () => {
    vi.mocked(ops.getAppInfo).mockRejectedValue(new ApiError("storage", "database is newer than this version of Fovea"));
    renderApp(<App />);
    expect(await screen.findByText("Fovea could not start")).toBeInTheDocument();
    expect(screen.getByText("database is newer than this version of Fovea")).toBeInTheDocument();
  });
});

describe("app shell", () => {
  it("shows the clinic and workstation, and Ctrl+K goes to the search from anywhere", async () => {
    vi.mocked(ops.searchPatients).mockResolvedValue({ results: [], total_shown: 0 });
    const { location } = renderApp(<AppLayout />, { path: "/workstation" });

    expect(screen.getByTestId("app-header")).toHaveTextContent("Test Eye Clinic");
    expect(screen.getByTestId("workstation-badge")).toHaveTextContent("R1");
    expect(screen.getByTestId("workstation-page")).toBeInTheDocument();
    expect(screen.getByTestId("workstation-locked")).toBeInTheDocument();

    fireEvent.keyDown(document.documentElement, { key: "k", ctrlKey: true });
    await waitFor(() => expect(currentPath(location)).toBe("/patients"));
    await waitFor(() => expect(screen.getByTestId("patient-search")).toHaveFocus());

    fireEvent.keyDown(screen.getByTestId("patient-search"), { key: "n", code: "KeyN", ctrlKey: true });
    expect(await screen.findByTestId("patient-form")).toBeInTheDocument();
  });
});
