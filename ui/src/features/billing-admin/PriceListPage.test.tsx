// @vitest-environment jsdom
// The price list on the real core: a service added and priced, a later price from a day ahead, and the core's and
// the form's refusals beside their fields.
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { billingAdminOps } from "../../api/billingAdminQueries";
import { AppRoutes } from "../../app/AppLayout";
import { signInAs } from "../../test/demoClinic";
import { renderApp, setupUser } from "../../test/render";
import { formatDate } from "../../lib/dates";
import { addDays } from "../appointments/time";

function priceRow(code: string): HTMLElement {
  const row = screen.getAllByTestId("price-row").find((r) => r.getAttribute("data-code") === code);
  if (!row) throw new Error(`No price list row for ${code}`);
  return row;
}

async function openPriceList() {
  const admin = await signInAs("admin");
  const view = renderApp(<AppRoutes />, { ...admin, path: "/admin/prices" });
  await screen.findByTestId("price-list");
  return { ...view, ...admin };
}

describe("the price list", () => {
  it("lists the demo services with today's price and tax", async () => {
    await openPriceList();
    const row = priceRow("CONS-N");
    expect(row).toHaveTextContent("Consultation, new patient");
    expect(within(row).getByTestId("price-row-price")).toHaveTextContent("45.00");
    expect(within(row).getByTestId("price-row-tax")).toHaveTextContent("0 %");
  });

  it("adds a service, prices it from today, then shows a later price from its date without changing today's", async () => {
    const u = setupUser();
    const { info } = await openPriceList();
    await u.click(screen.getByTestId("price-list-add"));
    await u.type(await screen.findByTestId("service-code"), "tono");
    await u.type(screen.getByTestId("service-name"), "Tonometry{Enter}");

    // A new service has no price: the price form opens at once, from today.
    const amount = await screen.findByTestId("price-amount");
    expect(screen.getByTestId("price-from")).toHaveValue(formatDate(info.today, info.date_format));
    expect(screen.getByText(/Issued invoices keep the price they were issued with/)).toBeInTheDocument();
    await u.type(amount, "15.00");
    await u.clear(screen.getByTestId("price-tax"));
    await u.type(screen.getByTestId("price-tax"), "18");
    await u.click(screen.getByTestId("price-submit"));
    await waitFor(() => expect(screen.queryByTestId("price-form")).not.toBeInTheDocument());
    await waitFor(() => expect(within(priceRow("TONO")).getByTestId("price-row-price")).toHaveTextContent("15.00"));
    expect(within(priceRow("TONO")).getByTestId("price-row-tax")).toHaveTextContent("18 %");

    // From a day ahead: today's price stays, the new one shows with its date.
    const ahead = addDays(info.today, 10);
    await u.click(within(priceRow("TONO")).getByTestId("price-row-set-price"));
    const next = await screen.findByTestId("price-amount");
    await u.clear(next);
    await u.type(next, "17.50");
    await u.clear(screen.getByTestId("price-from"));
    await u.type(screen.getByTestId("price-from"), ahead);
    await u.click(screen.getByTestId("price-submit"));
    await waitFor(() => expect(screen.queryByTestId("price-form")).not.toBeInTheDocument());
    await waitFor(() => expect(within(priceRow("TONO")).getByTestId("price-row-next")).toHaveTextContent("17.50"));
    expect(within(priceRow("TONO")).getByTestId("price-row-price")).toHaveTextContent("15.00");

    await u.click(within(priceRow("TONO")).getByTestId("price-row-history"));
    const history = within(await screen.findByTestId("price-history")).getAllByTestId("price-history-row");
    expect(history.map((r) => r.getAttribute("data-from"))).toEqual([ahead, info.today]);
    expect(history[0]).toHaveTextContent("17.50");
    expect(history[0]).toHaveTextContent("From a day ahead");
    expect(history[1]).toHaveTextContent("In use today");

    const stored = (await billingAdminOps.services(false)).services.find((s) => s.code === "TONO");
    expect(stored?.price).toEqual({ price_minor: 1500, tax_rate_bp: 1800, valid_from: info.today });
    expect(stored?.prices.map((p) => p.price_minor)).toEqual([1500, 1750]);
  });

  it("says beside the field what is wrong with a price or a code, and stores nothing", async () => {
    const u = setupUser();
    await openPriceList();
    const before = (await billingAdminOps.services(true)).services.find((s) => s.code === "OCT");

    await u.click(within(priceRow("OCT")).getByTestId("price-row-set-price"));
    const amount = await screen.findByTestId("price-amount");
    await u.clear(amount);
    await u.type(amount, "sixty");
    await u.click(screen.getByTestId("price-submit"));
    expect(await screen.findByText(/Type an amount such as 12.50/)).toBeInTheDocument();
    expect(amount).toHaveAttribute("aria-invalid", "true");

    // A rate the core refuses: its own words, beside the tax rate.
    await u.clear(amount);
    await u.type(amount, "60.00");
    await u.clear(screen.getByTestId("price-tax"));
    await u.type(screen.getByTestId("price-tax"), "150{Enter}");
    expect(await screen.findByText("A tax rate is from 0 to 100 %.")).toBeInTheDocument();
    expect(screen.getByTestId("price-tax")).toHaveAttribute("aria-invalid", "true");
    await u.click(screen.getByText("Cancel"));

    // A code another service has.
    await u.click(within(priceRow("OCT")).getByTestId("price-row-edit"));
    const code = await screen.findByTestId("service-code");
    await u.clear(code);
    await u.type(code, "VF{Enter}");
    expect(await screen.findByText("Another service already has the code VF.")).toBeInTheDocument();
    expect(code).toHaveAttribute("aria-invalid", "true");

    expect((await billingAdminOps.services(true)).services.find((s) => s.code === "OCT")).toEqual(before);
  });
});
