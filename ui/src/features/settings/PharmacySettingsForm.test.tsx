// @vitest-environment jsdom
// The pharmacy's settings in Clinic settings, saved by the administrator through the real core.
import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { stockOps } from "../../api/stockQueries";
import { signInAs } from "../../test/demoClinic";
import { renderApp, setupUser } from "../../test/render";
import { PharmacySettingsSection } from "./PharmacySettingsForm";

describe("the pharmacy settings", () => {
  it("show the core's refusal beside the field, then save the expiry warning days the stock alerts use", async () => {
    const u = setupUser();
    const admin = await signInAs("admin");
    const before = await stockOps.settings();
    renderApp(<PharmacySettingsSection />, { ...admin, path: "/admin/settings" });
    const days = await screen.findByTestId("pharmacy-expiry-days");
    expect(days).toHaveValue(String(before.expiry_warning_days));
    expect(screen.getByTestId("pharmacy-drops-per-ml")).toHaveValue(String(before.drops_per_ml));

    await u.clear(days);
    await u.type(days, "400");
    await u.click(screen.getByTestId("pharmacy-settings-submit"));
    expect(await screen.findByText("Warn of expiry 1 to 365 days ahead.")).toBeInTheDocument();
    expect(await stockOps.settings()).toEqual(before);

    await u.clear(screen.getByTestId("pharmacy-expiry-days"));
    await u.type(screen.getByTestId("pharmacy-expiry-days"), "300");
    await u.click(screen.getByTestId("pharmacy-settings-submit"));
    expect(await screen.findByText("Pharmacy settings saved")).toBeInTheDocument();
    expect(await stockOps.settings()).toEqual({ ...before, expiry_warning_days: 300 });
    // The demo dexamethasone batch about seven months from expiry is now within the warning.
    await signInAs("pharmacy");
    const alerts = await stockOps.alerts();
    expect(alerts.expiry_warning_days).toBe(300);
    await waitFor(() => expect(alerts.expiring.map((a) => a.lot)).toContain("D05A128"));
  });
});
