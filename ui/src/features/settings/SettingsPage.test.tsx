// @vitest-environment jsdom
import { screen, waitFor } from "@testing-library/react";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import * as ops from "../../api/operations";
import type { AppInfo } from "../../bindings/AppInfo";
import type { CurrentUser } from "../../bindings/CurrentUser";
import { freshClinic, signInAs } from "../../test/demoClinic";
import { renderApp, setupUser } from "../../test/render";
import { SettingsPage } from "./SettingsPage";

let admin: { user: CurrentUser; info: AppInfo };

beforeAll(async () => {
  admin = await signInAs("admin");
});

describe("SettingsPage", () => {
  let user = setupUser();
  beforeEach(async () => {
    user = setupUser();
    await freshClinic();
    admin = await signInAs("admin");
  });

  it("saves the changed settings and re-reads the session when the idle time changed", async () => {
    const before = await ops.getSettings();
    const { sessionCalls } = renderApp(<SettingsPage />, { ...admin, path: "/admin/settings" });

    const name = await screen.findByTestId("settings-clinic-name");
    expect(name).toHaveValue(before.clinic_name);
    expect(screen.getByTestId("settings-address")).toHaveValue(before.address ?? "");
    expect(screen.getByTestId("settings-submit")).toBeDisabled();

    await user.clear(name);
    await user.type(name, "Riverside Eye Clinic");
    await user.type(screen.getByTestId("settings-phone"), "01 234 5678");
    await user.clear(screen.getByTestId("settings-registration"));
    await user.type(screen.getByTestId("settings-registration"), "VAT no. IE 6543210K");
    await user.clear(screen.getByTestId("settings-address"));
    await user.click(screen.getByText("Letter"));
    await user.clear(screen.getByTestId("settings-idle-lock-minutes"));
    await user.type(screen.getByTestId("settings-idle-lock-minutes"), "15");
    await user.click(screen.getByTestId("settings-submit"));

    expect(await screen.findByText("Clinic settings saved")).toBeInTheDocument();
    expect(await ops.getSettings()).toEqual({
      ...before,
      clinic_name: "Riverside Eye Clinic",
      address: null,
      phone: "01 234 5678",
      registration: "VAT no. IE 6543210K",
      paper_size: "Letter",
      idle_lock_minutes: 15,
    });
    expect(sessionCalls).toContain("refresh");
    await waitFor(() => expect(screen.getByTestId("settings-submit")).toBeDisabled());
  });

  it("checks what it can before sending, and shows the core's field errors on their fields", async () => {
    const before = await ops.getSettings();
    renderApp(<SettingsPage />, { ...admin, path: "/admin/settings" });

    const name = await screen.findByTestId("settings-clinic-name");
    await user.clear(name);
    await user.click(screen.getByTestId("settings-submit"));
    expect(await screen.findByText("Clinic name is required")).toBeInTheDocument();

    await user.type(name, "Test Eye Clinic 2");
    await user.type(screen.getByTestId("settings-phone"), "ext 42");
    await user.click(screen.getByTestId("settings-submit"));
    expect(await screen.findByText("A phone number can hold digits, spaces and + - ( ) . only, not “e”.")).toBeInTheDocument();
    expect(screen.getByTestId("settings-phone")).toHaveAttribute("aria-invalid", "true");

    // How long a session may last is the core's rule, shown on its field.
    await user.clear(screen.getByTestId("settings-phone"));
    const hours = screen.getByTestId("settings-session-hours");
    await user.clear(hours);
    await user.type(hours, "25");
    await user.click(screen.getByTestId("settings-submit"));
    expect(await screen.findByText("End sessions after 1 to 24 hours.")).toBeInTheDocument();
    expect(screen.getByTestId("settings-session-hours")).toHaveAttribute("aria-invalid", "true");
    // Refused as a whole: not even the valid name was saved.
    expect(await ops.getSettings()).toEqual(before);
  });

  it("saves the eye-examination settings: notation, printed cylinder form, prescription validity and issuer", async () => {
    renderApp(<SettingsPage />, { ...admin, path: "/admin/settings" });
    const submit = await screen.findByTestId("exam-settings-submit");
    expect(submit).toBeDisabled();
    await user.click(screen.getByTestId("exam-settings-notation"));
    await user.click(await screen.findByRole("option", { name: "LogMAR (0.00, 0.18 …)" }));
    await user.click(screen.getByText("Plus cylinder"));
    const expiry = screen.getByTestId("exam-settings-expiry");
    await user.clear(expiry);
    await user.type(expiry, "two years");
    await user.click(submit);
    expect(await screen.findByText("Type a whole number of months (0 for no expiry printed).")).toBeInTheDocument();
    // The limit is the core's: 61 months is refused there, at the field.
    await user.clear(expiry);
    await user.type(expiry, "61");
    await user.click(submit);
    expect(await screen.findByText("A prescription is valid for at most 60 months (0 for no expiry).")).toBeInTheDocument();
    expect(await ops.getExamSettings()).toMatchObject({ va_notation: "snellen_metric", rx_expiry_months: 24 });

    await user.clear(expiry);
    await user.type(expiry, "12");
    expect(screen.getByTestId("exam-settings-rx-by-optometrist")).not.toBeChecked();
    await user.click(screen.getByTestId("exam-settings-rx-by-optometrist"));
    await user.click(submit);
    expect(await screen.findByText("Examination settings saved")).toBeInTheDocument();
    expect(await ops.getExamSettings()).toEqual({
      va_notation: "logmar",
      cylinder_form: "plus",
      rx_expiry_months: 12,
      spectacle_rx_by_optometrist: true,
    });
  });
});
