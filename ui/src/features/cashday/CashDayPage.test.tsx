// @vitest-environment jsdom
// The cashier's day close on the real core: a visit paid in cash at the desk, counted short, refused without a
// reason, closed with one and numbered; cash counted by notes and coins; and a past day looked at.
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { billingAdminOps } from "../../api/billingAdminQueries";
import { AppRoutes } from "../../app/AppLayout";
import { freshClinic, signInAs } from "../../test/demoClinic";
import { paidVisit } from "../../test/paidVisits";
import { renderApp, setupUser } from "../../test/render";
import { addDays } from "../appointments/time";
import { formatMinor } from "../stock/money";

async function openDayClose() {
  const cashier = await signInAs("cashier");
  const view = renderApp(<AppRoutes />, { ...cashier, path: "/cash-day" });
  await screen.findByTestId("cash-day-methods");
  return { ...view, ...cashier };
}

function methodRow(method: string): HTMLElement {
  const row = screen.getAllByTestId("cash-day-method").find((r) => r.getAttribute("data-method") === method);
  if (!row) throw new Error(`No ${method} row on the day sheet`);
  return row;
}

describe("closing the day", () => {
  it("lists the day's cash payment, refuses a short count without a reason, then closes with one and shows the report", async () => {
    const u = setupUser();
    const invoice = await paidVisit("Brennan");
    const paid = invoice.paid_minor;
    const { info } = await openDayClose();

    const [payment] = screen.getAllByTestId("cash-day-transaction");
    expect(payment).toHaveTextContent("Oisin Brennan");
    expect(payment).toHaveTextContent(invoice.number ?? "");
    expect(payment).toHaveTextContent(formatMinor(paid, invoice.currency));
    expect(within(methodRow("cash")).getByTestId("cash-day-method-expected")).toHaveTextContent(formatMinor(paid, invoice.currency));

    // One coin short: the difference shows as it is typed.
    const cash = screen.getByTestId("close-count-cash");
    expect(cash).toHaveFocus();
    await u.type(cash, formatMinor(paid - 100, invoice.currency));
    expect(screen.getByTestId("close-variance-cash")).toHaveTextContent("-1.00");
    await u.click(screen.getByTestId("close-day-submit"));
    expect(await screen.findByText(/locks it/)).toBeInTheDocument();
    await u.click(screen.getByTestId("close-day-confirm"));
    expect(await screen.findByText("The count differs from the payments (cash -1.00); say why.")).toBeInTheDocument();
    expect(screen.getByTestId("close-reason")).toHaveAttribute("aria-invalid", "true");
    expect((await billingAdminOps.cashDay(null)).closed).toBeNull();

    await u.type(screen.getByTestId("close-reason"), "A coin given as change twice");
    await u.click(screen.getByTestId("close-day-submit"));
    await u.click(await screen.findByTestId("close-day-confirm"));

    const report = await screen.findByTestId("day-report");
    const number = `${info.workstation_code}-DAY-${info.today.slice(0, 4)}-0001`;
    expect(within(report).getByTestId("day-report-number")).toHaveTextContent(number);
    expect(within(report).getByTestId("day-report-variance")).toHaveTextContent("-1.00");
    expect(within(report).getByTestId("day-report-reason")).toHaveTextContent("A coin given as change twice");
    expect(screen.queryByTestId("close-day-form")).not.toBeInTheDocument();
    expect(screen.getByTestId("cash-day-closed-badge")).toHaveTextContent(number);
    const stored = (await billingAdminOps.cashDay(null)).closed;
    expect(stored).toMatchObject({ number, variance_minor: -100, counted_minor: paid - 100, variance_reason: "A coin given as change twice" });

    // The day report saved as a PDF (the test bridge cannot open it, and says where it is).
    await u.click(within(report).getByTestId("day-report-print"));
    expect(await screen.findByText(`Day report ${number} saved, but it could not be opened`)).toBeInTheDocument();
    expect(screen.getByText(/The file is saved at .+\.pdf\./)).toBeInTheDocument();
  });

  it("counts the cash by notes and coins, whose sum is the cash counted, and closes without a difference", async () => {
    await freshClinic();
    const u = setupUser();
    const invoice = await paidVisit("Nolan");
    expect(invoice.paid_minor).toBe(4500);
    await openDayClose();

    await u.click(screen.getByTestId("close-by-notes"));
    await u.type(screen.getByLabelText("How many of 20.00"), "2");
    await u.type(screen.getByLabelText("How many of 2.00"), "2");
    expect(screen.getByTestId("close-notes-total")).toHaveTextContent("44.00");
    expect(screen.getByTestId("close-count-cash")).toHaveValue("44.00");
    expect(screen.getByTestId("close-variance-cash")).toHaveTextContent("-1.00");
    await u.type(screen.getByLabelText("How many of 1.00"), "1");
    expect(screen.getByTestId("close-count-cash")).toHaveValue("45.00");
    expect(screen.getByTestId("close-variance-cash")).toHaveTextContent("0.00");

    await u.click(screen.getByTestId("close-day-submit"));
    await u.click(await screen.findByTestId("close-day-confirm"));
    const report = await screen.findByTestId("day-report");
    expect(within(report).getByTestId("day-report-variance")).toHaveTextContent("0.00");
    expect(report).toHaveTextContent("2 × 20.00");
    const stored = (await billingAdminOps.cashDay(null)).closed;
    expect(stored?.denominations).toEqual([
      { value_minor: 2000, count: 2 },
      { value_minor: 200, count: 2 },
      { value_minor: 100, count: 1 },
    ]);
    expect(stored?.counted_minor).toBe(4500);
  });

  it("shows another day chosen, with nothing taken on it, open to be closed late", async () => {
    const u = setupUser();
    const { info } = await openDayClose();
    // Today was closed by the test before.
    expect(await screen.findByTestId("day-report")).toBeInTheDocument();
    const yesterday = addDays(info.today, -1);
    const picker = screen.getByTestId("cash-day-date");
    await u.clear(picker);
    await u.type(picker, yesterday);
    expect(await screen.findByTestId("cash-day-no-transactions")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText(/This day was not closed/)).toBeInTheDocument());
    expect(screen.getByTestId("cash-day-open-badge")).toBeInTheDocument();
    expect(screen.getByTestId("cash-day-today")).toBeEnabled();
  });
});
