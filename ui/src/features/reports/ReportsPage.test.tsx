// @vitest-environment jsdom
// The reports on the real core: a visit paid in cash at the desk in the day's takings and its items, an unpaid
// invoice among the balances owed, and the cashier's closed day with its difference; and who sees them.
import { readFileSync } from "node:fs";

import { screen, waitFor, within } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";

import { billingAdminOps } from "../../api/billingAdminQueries";
import { AppLayout, AppRoutes } from "../../app/AppLayout";
import type { Invoice } from "../../bindings/Invoice";
import { signInAs } from "../../test/demoClinic";
import { issuedInvoice, paidVisit, visitAtBilling } from "../../test/paidVisits";
import { renderApp, setupUser } from "../../test/render";
import { formatDate } from "../../lib/dates";
import { formatMinor } from "../stock/money";
import { monthStart } from "./ReportsPage";

/** Where the core saved the document that the notice titled `title` is about (the test bridge opens none). */
async function savedPath(title: string): Promise<string> {
  const heading = await screen.findByText(`${title}, but it could not be opened`);
  const notice = heading.closest(".mantine-Notification-root");
  if (!(notice instanceof HTMLElement)) throw new Error(`No notice around ${title}`);
  const text = within(notice).getByText(/^The file is saved at /).textContent ?? "";
  const match = /^The file is saved at (.+?\.(?:pdf|csv))\. /.exec(text);
  if (!match?.[1]) throw new Error(`No saved path in: ${text}`);
  return match[1];
}

let paid: Invoice;
let unpaid: Invoice;
let dayNumber = "";

beforeAll(async () => {
  paid = await paidVisit("Whelan");
  unpaid = await issuedInvoice((await visitAtBilling("Keane")).visitId);
  // Counted 2.00 over, as the cashier closes the day.
  const closed = await billingAdminOps.closeDay({
    day: null,
    counted: [{ method: "cash", counted_minor: paid.paid_minor + 200 }],
    denominations: null,
    variance_reason: "A patient left their change",
  });
  dayNumber = closed.number;
});

async function openReports() {
  const admin = await signInAs("admin");
  const view = renderApp(<AppRoutes />, { ...admin, path: "/reports" });
  await screen.findByTestId("reports-page");
  return { ...view, ...admin };
}

describe("the reports", () => {
  it("show this month's takings by day and method, with the items invoiced", async () => {
    const { info } = await openReports();
    // This month so far unless changed.
    expect(screen.getByTestId("takings-from")).toHaveValue(formatDate(monthStart(info.today), info.date_format));
    expect(screen.getByTestId("takings-to")).toHaveValue(formatDate(info.today, info.date_format));
    const day = await waitFor(() => {
      const row = screen.getAllByTestId("takings-day").find((r) => r.getAttribute("data-day") === info.today);
      if (!row) throw new Error("No row for today yet");
      return row;
    });
    expect(within(day).getByTestId("takings-day-cash")).toHaveTextContent(formatMinor(paid.paid_minor, paid.currency));
    expect(within(day).getByTestId("takings-day-net")).toHaveTextContent(formatMinor(paid.paid_minor, paid.currency));
    const report = await billingAdminOps.takings(monthStart(info.today), info.today);
    expect(screen.getByTestId("takings-net")).toHaveTextContent(formatMinor(report.net_minor, report.currency));

    const items = screen.getAllByTestId("takings-item");
    const line = paid.lines[0];
    if (!line) throw new Error("The paid invoice has no line.");
    const item = items.find((r) => r.textContent?.includes(line.description));
    expect(item).toBeDefined();
    expect(screen.getByTestId("takings-invoiced-net")).toHaveTextContent(formatMinor(report.invoiced_net_minor, report.currency));
  });

  it("save the takings as a CSV file holding the day's cash, and as a PDF", async () => {
    const u = setupUser();
    const { info } = await openReports();
    await screen.findAllByTestId("takings-day");
    await u.click(screen.getByTestId("takings-export-csv"));
    const csv = readFileSync(await savedPath("Takings saved as CSV"), "utf8");
    expect(csv).toContain(formatDate(info.today, info.date_format));
    expect(csv).toContain(formatMinor(paid.paid_minor, paid.currency));

    await u.click(screen.getByTestId("takings-items-export-pdf"));
    expect(await savedPath("Takings by item saved as PDF")).toMatch(/\.pdf$/);
  });

  it("show what is still owed by age, and the closed days with their difference", async () => {
    const u = setupUser();
    await openReports();
    await u.click(screen.getByTestId("reports-tab-outstanding"));
    const owed = await waitFor(() => {
      const row = screen.getAllByTestId("outstanding-invoice").find((r) => r.getAttribute("data-number") === unpaid.number);
      if (!row) throw new Error("The unpaid invoice is not listed yet");
      return row;
    });
    expect(owed).toHaveTextContent("Oisin Keane");
    expect(owed).toHaveTextContent(formatMinor(unpaid.balance_minor, unpaid.currency));
    const aging = await billingAdminOps.aging(null);
    expect(screen.getByTestId("outstanding-0-30")).toHaveTextContent(formatMinor(aging.bands.days_0_30_minor, aging.currency));
    expect(screen.getByTestId("outstanding-total")).toHaveTextContent(formatMinor(aging.bands.total_minor, aging.currency));
    expect(screen.queryByTestId("outstanding-empty")).not.toBeInTheDocument();
    await u.click(screen.getByTestId("outstanding-export-csv"));
    expect(readFileSync(await savedPath("Outstanding balances saved as CSV"), "utf8")).toContain(unpaid.number ?? "");

    await u.click(screen.getByTestId("reports-tab-closed"));
    const closed = await screen.findByTestId("closed-day");
    expect(closed).toHaveAttribute("data-number", dayNumber);
    expect(closed).toHaveAttribute("data-variance", "over");
    expect(within(closed).getByTestId("closed-day-variance")).toHaveTextContent("+2.00");
    expect(closed).toHaveTextContent("A patient left their change");

    await u.click(screen.getByTestId("closed-days-export-csv"));
    expect(readFileSync(await savedPath("Closed days saved as CSV"), "utf8")).toContain(dayNumber);
    await u.click(within(closed).getByTestId("closed-day-print"));
    expect(await savedPath(`Day report ${dayNumber} saved`)).toMatch(/\.pdf$/);
  });

  it("say so when the end of the period comes before its start", async () => {
    const u = setupUser();
    const { info } = await openReports();
    const from = screen.getByTestId("takings-from");
    await u.clear(from);
    await u.type(from, `${Number(info.today.slice(0, 4)) + 1}-01-01`);
    expect(await screen.findByText("The end comes before the start.")).toBeInTheDocument();
  });
});

describe("a cashier", () => {
  it("closes their day but sees neither the reports nor the price list", async () => {
    const cashier = await signInAs("cashier");
    renderApp(<AppLayout />, { ...cashier, path: "/reports" });
    expect(await screen.findByTestId("nav-cash-day")).toBeInTheDocument();
    expect(screen.queryByTestId("nav-reports")).not.toBeInTheDocument();
    expect(screen.queryByTestId("nav-prices")).not.toBeInTheDocument();
    expect(screen.getByTestId("no-access")).toBeInTheDocument();
    expect(screen.queryByTestId("reports-page")).not.toBeInTheDocument();
  });

  it("is shown no price list at its address", async () => {
    const cashier = await signInAs("cashier");
    renderApp(<AppRoutes />, { ...cashier, path: "/admin/prices" });
    expect(await screen.findByTestId("no-access")).toBeInTheDocument();
    expect(screen.queryByTestId("price-list-page")).not.toBeInTheDocument();
  });
});
