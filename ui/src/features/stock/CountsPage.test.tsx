// @vitest-environment jsdom
// A stock count on the real core: started, a batch counted short, the variance the core works out, and posting it.
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { stockOps } from "../../api/stockQueries";
import { AppRoutes } from "../../app/AppLayout";
import { signInAs } from "../../test/demoClinic";
import { currentPath, renderApp, setupUser } from "../../test/render";
import { stockLine } from "../../test/stock";

describe("a stock count", () => {
  it("records a batch counted short, shows the variance and posts it into stock", async () => {
    const u = setupUser();
    const staff = await signInAs("pharmacy");
    const ofloxacin = await stockLine("ofloxacin");
    const [batch] = (await stockOps.batches(ofloxacin.medicine_id, false)).batches;
    if (!batch) throw new Error("No ofloxacin batch");
    const { location } = renderApp(<AppRoutes />, { ...staff, path: "/stock/counts" });

    await u.type(await screen.findByTestId("count-note"), "Fridge shelf");
    await u.click(screen.getByTestId("count-start"));
    // The count lives at its own address: the core lists no open counts.
    await waitFor(() => expect(currentPath(location)).toMatch(/^\/stock\/counts\/[0-9a-f-]{36}$/));
    const countId = (currentPath(location) ?? "").split("/").pop() ?? "";
    expect(await screen.findByTestId("count-lines-empty")).toBeInTheDocument();
    expect(screen.getByTestId("count-post")).toBeDisabled();

    await u.click(screen.getByTestId("count-medicine"));
    await u.click(await screen.findByRole("option", { name: "ofloxacin 0.3% solution" }));
    const batchRow = await waitFor(() => {
      const row = screen.getAllByTestId("count-batch").find((r) => r.getAttribute("data-lot") === batch.lot);
      if (!row) throw new Error("batch not listed yet");
      return row;
    });
    await u.type(within(batchRow).getByTestId("count-input"), String(batch.on_hand - 1));
    await u.click(within(batchRow).getByTestId("count-record-line"));

    const line = await screen.findByTestId("count-line");
    expect(line).toHaveAttribute("data-lot", batch.lot);
    expect(within(line).getByTestId("count-variance")).toHaveTextContent("−1");
    expect((await stockOps.count(countId)).lines).toMatchObject([{ batch_id: batch.id, counted: batch.on_hand - 1, variance: -1 }]);

    await u.click(screen.getByTestId("count-post"));
    await u.click(await screen.findByTestId("count-post-confirm"));
    expect(await screen.findByTestId("count-posted")).toBeInTheDocument();
    expect(screen.queryByTestId("count-record")).not.toBeInTheDocument();

    const after = (await stockOps.batches(ofloxacin.medicine_id, false)).batches.find((b) => b.id === batch.id);
    expect(after?.on_hand).toBe(batch.on_hand - 1);
    const [variance] = (await stockOps.movements({ batchId: batch.id })).movements;
    expect(variance).toMatchObject({ kind: "count_variance", quantity: -1, reason: "Stock count" });
    expect((await stockOps.count(countId)).posted_at).not.toBeNull();
  });
});
