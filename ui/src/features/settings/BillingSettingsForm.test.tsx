// @vitest-environment jsdom
// Billing's settings in Clinic settings, saved by the administrator through the real core and read back.
import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { billingAdminOps } from "../../api/billingAdminQueries";
import { signInAs } from "../../test/demoClinic";
import { renderApp, setupUser } from "../../test/render";
import { SettingsPage } from "./SettingsPage";

describe("the billing settings", () => {
  it("show the core's refusal beside the field, then save and read back what was typed", async () => {
    const u = setupUser();
    const admin = await signInAs("admin");
    const before = await billingAdminOps.settings();
    const view = renderApp(<SettingsPage />, { ...admin, path: "/admin/settings" });
    const days = await screen.findByTestId("billing-free-follow-up-days");
    expect(days).toHaveValue(String(before.free_follow_up_days));
    expect(screen.getByTestId("billing-discount-limit")).toHaveValue("10");
    expect(screen.getByTestId("billing-medicine-tax")).toHaveValue("0");

    await u.clear(days);
    await u.type(days, "400{Enter}");
    expect(await screen.findByText("Free follow-ups are within 0 to 365 days (0 turns the rule off).")).toBeInTheDocument();
    expect(days).toHaveAttribute("aria-invalid", "true");
    expect(await billingAdminOps.settings()).toEqual(before);

    await u.clear(days);
    await u.type(days, "14");
    await u.clear(screen.getByTestId("billing-discount-limit"));
    await u.type(screen.getByTestId("billing-discount-limit"), "12.5");
    await u.clear(screen.getByTestId("billing-medicine-tax"));
    await u.type(screen.getByTestId("billing-medicine-tax"), "abc");
    await u.click(screen.getByTestId("billing-settings-submit"));
    expect(await screen.findByText("Type a percentage such as 18 or 12.5.")).toBeInTheDocument();

    await u.clear(screen.getByTestId("billing-medicine-tax"));
    await u.type(screen.getByTestId("billing-medicine-tax"), "5");
    // Cheques no longer taken.
    expect(screen.getByTestId("billing-method-cheque")).toBeChecked();
    await u.click(screen.getByTestId("billing-method-cheque"));
    await u.click(screen.getByTestId("billing-settings-submit"));
    expect(await screen.findByText("Billing settings saved")).toBeInTheDocument();
    expect(await billingAdminOps.settings()).toEqual({
      free_follow_up_days: 14,
      discount_limit_bp: 1250,
      medicine_tax_bp: 500,
      payment_methods: ["cash", "card", "mobile_money", "bank_transfer"],
    });

    // Opened again, the page shows what was saved.
    view.unmount();
    renderApp(<SettingsPage />, { ...admin, path: "/admin/settings" });
    expect(await screen.findByTestId("billing-free-follow-up-days")).toHaveValue("14");
    expect(screen.getByTestId("billing-discount-limit")).toHaveValue("12.5");
    expect(screen.getByTestId("billing-medicine-tax")).toHaveValue("5");
    expect(screen.getByTestId("billing-method-cheque")).not.toBeChecked();
    expect(screen.getByTestId("billing-method-cash")).toBeChecked();
  });

  it("refuses a desk that accepts no way of paying, with the core's words", async () => {
    const u = setupUser();
    const admin = await signInAs("admin");
    const before = await billingAdminOps.settings();
    renderApp(<SettingsPage />, { ...admin, path: "/admin/settings" });
    await screen.findByTestId("billing-payment-methods");
    for (const m of before.payment_methods) await u.click(screen.getByTestId(`billing-method-${m}`));
    await u.click(screen.getByTestId("billing-settings-submit"));
    expect(await screen.findByText("Accept at least one way of paying.")).toBeInTheDocument();
    expect(await billingAdminOps.settings()).toEqual(before);
  });
});
