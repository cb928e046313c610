// @vitest-environment jsdom
// The stock list and its alerts on the real core's demo shelf, and who may change stock.
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { stockOps } from "../../api/stockQueries";
import { AppRoutes } from "../../app/AppLayout";
import { signInAs, type DemoStaff } from "../../test/demoClinic";
import { renderApp, setupUser } from "../../test/render";
import { stockLine } from "../../test/stock";

async function open(who: DemoStaff, path = "/stock") {
  const staff = await signInAs(who);
  return { ...renderApp(<AppRoutes />, { ...staff, path }), ...staff };
}

function rowOf(medicineId: string): HTMLElement {
  const row = screen.getAllByTestId("stock-row").find((r) => r.getAttribute("data-medicine") === medicineId);
  if (!row) throw new Error(`No stock row for ${medicineId}`);
  return row;
}

describe("the stock list", () => {
  it("shows the demo shelf with on hand, and the expired moxifloxacin batch among the alerts", async () => {
    await open("pharmacy");
    const moxi = await stockLine("moxifloxacin");
    await waitFor(() => expect(screen.getAllByTestId("stock-row").length).toBeGreaterThanOrEqual(12));
    const row = rowOf(moxi.medicine_id);
    expect(row).toHaveTextContent("moxifloxacin 0.5% solution");
    // Both demo batches are on hand; only the later one may be offered.
    expect(within(row).getByTestId("stock-row-on-hand")).toHaveTextContent(String(moxi.on_hand));
    expect(within(row).getByTestId("stock-row-usable")).toHaveTextContent(String(moxi.usable));
    expect(moxi.usable).toBeLessThan(moxi.on_hand);
    expect(within(row).getByTestId("stock-flag-expired")).toHaveTextContent("Expired stock");

    const expired = await screen.findByTestId("alerts-expired");
    const items = within(expired).getAllByTestId("alert-item");
    expect(items.map((i) => i.getAttribute("data-lot"))).toContain("D02A107");
    expect(items.find((i) => i.getAttribute("data-lot") === "D02A107")).toHaveTextContent("moxifloxacin 0.5% solution");
    // The usable batch of the same medicine is not an expired alert.
    expect(items.map((i) => i.getAttribute("data-lot"))).not.toContain("D02B107");
    // The quarantined prednisolone batch is on hand but not usable.
    const pred = await stockLine("prednisolone acetate");
    expect(within(rowOf(pred.medicine_id)).getByTestId("stock-row-usable")).toHaveTextContent(String(pred.usable));
    expect(pred.usable).toBeLessThan(pred.on_hand);
  });

  it("finds medicines by the start of their name through the core's search", async () => {
    const u = setupUser();
    await open("pharmacy");
    await screen.findAllByTestId("stock-row");
    await u.type(screen.getByTestId("stock-search"), "timo");
    await waitFor(() => expect(screen.getAllByTestId("stock-row").map((r) => r.textContent)).toEqual([expect.stringContaining("timolol 0.5% solution")]));
    await u.clear(screen.getByTestId("stock-search"));
    await u.type(screen.getByTestId("stock-search"), "zzzz");
    expect(await screen.findByTestId("stock-empty")).toHaveTextContent("No medicine matches");
  });

  it("lets a cashier and a doctor read stock, but not receive, correct or add a medicine", async () => {
    for (const who of ["cashier", "doctor"] as const) {
      const view = await open(who);
      await waitFor(() => expect(screen.getAllByTestId("stock-row").length).toBeGreaterThanOrEqual(12));
      expect(screen.queryByTestId("stock-new-medicine")).not.toBeInTheDocument();
      view.unmount();

      const timolol = await stockLine("timolol");
      const page = await open(who, `/stock/medicines/${timolol.medicine_id}`);
      await waitFor(() => expect(screen.getAllByTestId("batch-row").length).toBeGreaterThan(0));
      expect(screen.getByTestId("medicine-title")).toHaveTextContent("timolol 0.5%");
      expect(screen.queryByTestId("receive-open")).not.toBeInTheDocument();
      expect(screen.queryByTestId("medicine-edit")).not.toBeInTheDocument();
      expect(screen.queryByTestId("batch-actions")).not.toBeInTheDocument();
      expect(screen.queryByTestId("movement-reverse")).not.toBeInTheDocument();
      page.unmount();
    }
    // The pharmacist, who keeps the stock, has them.
    const timolol = await stockLine("timolol");
    await open("pharmacy", `/stock/medicines/${timolol.medicine_id}`);
    expect(await screen.findByTestId("receive-open")).toBeInTheDocument();
    expect(screen.getByTestId("medicine-edit")).toBeInTheDocument();
  });

  it("adds a medicine to the formulary and opens its page; a duplicate is refused beside the name", async () => {
    const u = setupUser();
    const view = await open("pharmacy");
    await u.click(await screen.findByTestId("stock-new-medicine"));
    await u.type(await screen.findByTestId("medicine-generic"), "netarsudil");
    await u.type(screen.getByTestId("medicine-strength"), "0.02%");
    await u.clear(screen.getByTestId("medicine-pack-size"));
    await u.type(screen.getByTestId("medicine-pack-size"), "2.5");
    await u.clear(screen.getByTestId("medicine-reorder"));
    await u.type(screen.getByTestId("medicine-reorder"), "3");
    await u.type(screen.getByTestId("medicine-price"), "41.50");
    await u.click(screen.getByTestId("medicine-save"));
    expect(await screen.findByTestId("medicine-title")).toHaveTextContent("netarsudil 0.02%");
    const saved = (await stockOps.searchMedicines({ query: "netarsudil", include_inactive: true, limit: 5 })).results;
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ strength: "0.02%", form: "solution", pack_size_hundredths: 250, pack_unit: "ml", reorder_level: 3, price_minor: 4150 });
    view.unmount();

    await open("pharmacy");
    await u.click(await screen.findByTestId("stock-new-medicine"));
    await u.type(await screen.findByTestId("medicine-generic"), "Netarsudil");
    await u.type(screen.getByTestId("medicine-strength"), "0.02 %");
    await u.click(screen.getByTestId("medicine-save"));
    expect(await screen.findByText(/The formulary already has netarsudil 0.02% \(solution\)/)).toBeInTheDocument();
    expect((await stockOps.searchMedicines({ query: "netarsudil", include_inactive: true, limit: 5 })).results).toHaveLength(1);
  });
});
