// @vitest-environment jsdom
import { screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { ApiError } from "../../api/errors";
import * as ops from "../../api/operations";
import type { ClinicSettings } from "../../bindings/ClinicSettings";
import { renderApp, setupUser } from "../../test/render";
import { SettingsPage } from "./SettingsPage";

vi.mock("../../api/operations");

const saved: ClinicSettings = {
  clinic_name: "Test Eye Clinic",
  address: "12 River Road",
  phone: null,
  currency: "EUR",
  time_zone: "Europe/Dublin",
  date_format: "DMY",
  paper_size: "A4",
  idle_lock_minutes: 10,
};

describe("SettingsPage", () => {
  let user = setupUser();
  beforeEach(() => {
    user = setupUser();
    vi.mocked(ops.getSettings).mockReset().mockResolvedValue(saved);
    vi.mocked(ops.updateSettings).mockReset();
    vi.mocked(ops.getExamSettings).mockReset().mockResolvedValue({ va_notation: "snellen_metric", cylinder_form: "minus", rx_expiry_months: 24 });
    vi.mocked(ops.updateExamSettings).mockReset();
  });

  it("saves the changed settings and re-reads the session when the idle time changed", async () => {
    vi.mocked(ops.updateSettings).mockImplementation((settings) => Promise.resolve(settings));
    const { sessionCalls } = renderApp(<SettingsPage />, { path: "/admin/settings" });

    const name = await screen.findByTestId("settings-clinic-name");
    expect(name).toHaveValue("Test Eye Clinic");
    expect(screen.getByTestId("settings-address")).toHaveValue("12 River Road");
    expect(screen.getByTestId("settings-submit")).toBeDisabled();

    await user.clear(name);
    await user.type(name, "Riverside Eye Clinic");
    await user.type(screen.getByTestId("settings-phone"), "01 234 5678");
    await user.clear(screen.getByTestId("settings-address"));
    await user.click(screen.getByText("Letter"));
    await user.clear(screen.getByTestId("settings-idle-lock-minutes"));
    await user.type(screen.getByTestId("settings-idle-lock-minutes"), "15");
    await user.click(screen.getByTestId("settings-submit"));

    await waitFor(() =>
      expect(ops.updateSettings).toHaveBeenCalledWith({
        ...saved,
        clinic_name: "Riverside Eye Clinic",
        address: null,
        phone: "01 234 5678",
        paper_size: "Letter",
        idle_lock_minutes: 15,
      }),
    );
    expect(await screen.findByText("Clinic settings saved")).toBeInTheDocument();
    expect(sessionCalls).toContain("refresh");
    await waitFor(() => expect(screen.getByTestId("settings-submit")).toBeDisabled());
  });

  it("checks what it can before sending, and shows the core's field errors on their fields", async () => {
    vi.mocked(ops.updateSettings).mockRejectedValue(new ApiError("validation", "Not an ISO 4217 currency code", "currency"));
    renderApp(<SettingsPage />, { path: "/admin/settings" });

    const name = await screen.findByTestId("settings-clinic-name");
    await user.clear(name);
    await user.click(screen.getByTestId("settings-submit"));
    expect(await screen.findByText("Clinic name is required")).toBeInTheDocument();
    expect(ops.updateSettings).not.toHaveBeenCalled();

    await user.type(name, "Test Eye Clinic 2");
    await user.click(screen.getByTestId("settings-submit"));
    expect(await screen.findByText("Not an ISO 4217 currency code")).toBeInTheDocument();
    expect(screen.getByTestId("settings-currency")).toHaveAttribute("aria-invalid", "true");
  });

  it("saves the eye-examination settings: notation, printed cylinder form, prescription validity", async () => {
    vi.mocked(ops.updateExamSettings).mockImplementation(async (settings) => settings);
    renderApp(<SettingsPage />, { path: "/admin/settings" });
    const submit = await screen.findByTestId("exam-settings-submit");
    expect(submit).toBeDisabled();
    await user.click(screen.getByTestId("exam-settings-notation"));
    await user.click(await screen.findByRole("option", { name: "LogMAR (0.00, 0.18 …)" }));
    await user.click(screen.getByText("Plus cylinder"));
    const expiry = screen.getByTestId("exam-settings-expiry");
    await user.clear(expiry);
    await user.type(expiry, "61");
    await user.click(submit);
    expect(await screen.findByText("A whole number of months from 0 (no expiry printed) to 60.")).toBeInTheDocument();
    expect(ops.updateExamSettings).not.toHaveBeenCalled();
    await user.clear(expiry);
    await user.type(expiry, "12");
    await user.click(submit);
    await waitFor(() => expect(ops.updateExamSettings).toHaveBeenCalledWith({ va_notation: "logmar", cylinder_form: "plus", rx_expiry_months: 12 }));
    expect(await screen.findByText("Examination settings saved")).toBeInTheDocument();
  });
});
