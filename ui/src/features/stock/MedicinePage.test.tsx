// @vitest-environment jsdom
// A medicine's page on the real core: receiving deliveries, correcting a batch with a reason, the movements that
// result, quarantine, and a lot recall after a dispense.
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { stockOps } from "../../api/stockQueries";
import { AppRoutes } from "../../app/AppLayout";
import { signInAs } from "../../test/demoClinic";
import { renderApp, setupUser } from "../../test/render";
import { dispensedTo, stockLine } from "../../test/stock";

/** Opens a demo medicine's page as the pharmacist; returns its id. */
async function openMedicine(generic: string) {
  const staff = await signInAs("pharmacy");
  const line = await stockLine(generic);
  const view = renderApp(<AppRoutes />, { ...staff, path: `/stock/medicines/${line.medicine_id}` });
  await waitFor(() => expect(screen.getAllByTestId("batch-row").length).toBeGreaterThan(0));
  return { ...view, ...staff, medicineId: line.medicine_id };
}

function batchRow(lot: string): HTMLElement {
  const row = screen.getAllByTestId("batch-row").find((r) => r.getAttribute("data-lot") === lot);
  if (!row) throw new Error(`No batch row for lot ${lot}`);
  return row;
}

async function batchAction(lot: string, action: "batch-adjust" | "batch-quarantine" | "batch-recipients") {
  const u = setupUser();
  await u.click(within(batchRow(lot)).getByTestId("batch-actions"));
  await u.click(await screen.findByTestId(action));
}

describe("receiving a delivery", () => {
  it("without an expiry date or 'no expiry' shows the core's words beside the expiry and stores nothing", async () => {
    const u = setupUser();
    const { medicineId } = await openMedicine("timolol");
    const before = (await stockOps.batches(medicineId, true)).batches;
    await u.click(screen.getByTestId("receive-open"));
    await u.type(await screen.findByTestId("receive-lot"), "TIM-NOEXP");
    await u.type(screen.getByTestId("receive-packs"), "4");
    await u.click(screen.getByTestId("receive-submit"));
    const form = await screen.findByTestId("receive-form");
    expect(await within(form).findByText("Enter the expiry date printed on the pack, or mark it as having no expiry.")).toBeInTheDocument();
    expect(screen.getByTestId("receive-expiry")).toHaveAttribute("aria-invalid", "true");
    expect((await stockOps.batches(medicineId, true)).batches).toEqual(before);
  });

  it("of a valid lot raises on hand, shows the new batch and its receipt", async () => {
    const u = setupUser();
    const { medicineId, info } = await openMedicine("ketorolac");
    const before = await stockOps.medicine(medicineId);
    await u.click(screen.getByTestId("receive-open"));
    await u.type(await screen.findByTestId("receive-lot"), "KET-2291");
    await u.type(screen.getByTestId("receive-packs"), "7");
    const year = Number(info.today.slice(0, 4)) + 2;
    await u.type(screen.getByTestId("receive-expiry"), `${year}-06-30`);
    await u.type(screen.getByTestId("receive-supplier"), "Eye Pharma Ltd");
    await u.type(screen.getByTestId("receive-cost"), "3.20");
    await u.click(screen.getByTestId("receive-submit"));

    await waitFor(() => expect(screen.queryByTestId("receive-form")).not.toBeInTheDocument());
    const row = await waitFor(() => batchRow("KET-2291"));
    expect(within(row).getByTestId("batch-on-hand")).toHaveTextContent("7");
    expect(within(row).getByTestId("batch-state")).toHaveTextContent("Usable");
    const after = await stockOps.medicine(medicineId);
    expect(after.on_hand).toBe(before.on_hand + 7);
    await waitFor(() => expect(screen.getByTestId("medicine-on-hand")).toHaveTextContent(`${after.on_hand} packs usable`));
    const receipt = (await stockOps.movements({ medicineId })).movements[0];
    expect(receipt).toMatchObject({ kind: "receipt", quantity: 7, lot: "KET-2291", reason: "Received from Eye Pharma Ltd" });
    const stored = (await stockOps.batches(medicineId, false)).batches.find((b) => b.lot === "KET-2291");
    expect(stored).toMatchObject({ expires_on: `${year}-06-30`, cost_minor: 320, supplier: "Eye Pharma Ltd" });
    await waitFor(() => expect(screen.getAllByTestId("movement-row")[0]).toHaveAttribute("data-kind", "receipt"));
  });

  it("marked as having no expiry is received", async () => {
    const u = setupUser();
    const { medicineId } = await openMedicine("nepafenac");
    await u.click(screen.getByTestId("receive-open"));
    await u.type(await screen.findByTestId("receive-lot"), "NEP-NOEXP");
    await u.type(screen.getByTestId("receive-packs"), "2");
    await u.click(screen.getByTestId("receive-no-expiry"));
    await u.click(screen.getByTestId("receive-submit"));
    await waitFor(() => expect(batchRow("NEP-NOEXP")).toHaveTextContent("No expiry"));
    expect((await stockOps.batches(medicineId, false)).batches.find((b) => b.lot === "NEP-NOEXP")).toMatchObject({ expires_on: null, on_hand: 2 });
  });
});

describe("correcting a batch", () => {
  it("posts an adjustment with its reason, lowering on hand, and lists it among the movements", async () => {
    const u = setupUser();
    const { medicineId } = await openMedicine("fluorometholone");
    const batch = (await stockOps.batches(medicineId, false)).batches.find((b) => b.state === "usable");
    if (!batch) throw new Error("No usable fluorometholone batch");
    await batchAction(batch.lot, "batch-adjust");
    // Without a reason the core refuses, beside the reason.
    await u.type(await screen.findByTestId("adjust-quantity"), "-2");
    await u.click(screen.getByTestId("adjust-submit"));
    expect(await screen.findByText("Say why the stock is changed.")).toBeInTheDocument();
    await u.type(screen.getByTestId("adjust-reason"), "Two bottles broken in the fridge");
    await u.click(screen.getByTestId("adjust-submit"));

    await waitFor(() => expect(within(batchRow(batch.lot)).getByTestId("batch-on-hand")).toHaveTextContent(String(batch.on_hand - 2)));
    const movement = await waitFor(() => {
      const row = screen.getAllByTestId("movement-row")[0];
      expect(row).toHaveAttribute("data-kind", "adjustment");
      return row as HTMLElement;
    });
    expect(movement).toHaveTextContent("Two bottles broken in the fridge");
    expect(movement).toHaveTextContent("−2");
    const stored = (await stockOps.batches(medicineId, false)).batches.find((b) => b.id === batch.id);
    expect(stored?.on_hand).toBe(batch.on_hand - 2);
  });

  it("reverses a movement with a reason, once", async () => {
    const u = setupUser();
    await signInAs("pharmacy");
    const medicineId = (await stockLine("bimatoprost")).medicine_id;
    const batch = (await stockOps.batches(medicineId, false)).batches.find((b) => b.state === "usable");
    if (!batch) throw new Error("No usable bimatoprost batch");
    await stockOps.adjust({ batch_id: batch.id, kind: "adjustment", quantity: 1, reason: "Found behind the shelf", patient_id: null });
    await openMedicine("bimatoprost");
    await waitFor(() => expect(screen.getAllByTestId("movement-row")[0]).toHaveAttribute("data-kind", "adjustment"));
    await u.click(within(screen.getAllByTestId("movement-row")[0] as HTMLElement).getByTestId("movement-reverse"));
    await u.type(await screen.findByTestId("reverse-reason"), "Counted twice");
    await u.click(screen.getByTestId("reverse-submit"));
    await waitFor(() => expect(screen.getAllByTestId("movement-row")[0]).toHaveAttribute("data-kind", "reversal"));
    const rows = screen.getAllByTestId("movement-row");
    expect(rows[1]).toHaveTextContent("reversed");
    expect(within(rows[0] as HTMLElement).queryByTestId("movement-reverse")).not.toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).queryByTestId("movement-reverse")).not.toBeInTheDocument();
    expect((await stockOps.batches(medicineId, false)).batches.find((b) => b.id === batch.id)?.on_hand).toBe(batch.on_hand);
  });

  it("quarantines a batch with a reason, so it is no longer usable", async () => {
    const u = setupUser();
    const { medicineId } = await openMedicine("latanoprost");
    const batch = (await stockOps.batches(medicineId, false)).batches.find((b) => b.state === "usable");
    if (!batch) throw new Error("No usable latanoprost batch");
    await batchAction(batch.lot, "batch-quarantine");
    await u.type(await screen.findByTestId("quarantine-reason"), "Supplier recall notice");
    await u.click(screen.getByTestId("quarantine-submit"));
    await waitFor(() => expect(batchRow(batch.lot)).toHaveAttribute("data-state", "quarantined"));
    expect(batchRow(batch.lot)).toHaveTextContent("Supplier recall notice");
  });
});

describe("a lot recall", () => {
  it("lists the patient who received a lot, after a dispense", async () => {
    await signInAs("pharmacy");
    const dex = await stockLine("dexamethasone");
    const { patient, lots } = await dispensedTo(dex.medicine_id, "Ferreira-Lotrecall");
    // First expiry first out: the batch about seven months from expiry.
    expect(lots).toEqual(["D05A128"]);
    await openMedicine("dexamethasone");
    await batchAction("D05A128", "batch-recipients");
    const list = await screen.findByTestId("lot-recipients");
    const rows = within(list).getAllByTestId("lot-recipient");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveAttribute("data-mrn", patient.mrn);
    expect(rows[0]).toHaveTextContent("Iris Ferreira-Lotrecall");
    expect(rows[0]).toHaveTextContent("dexamethasone 0.1% solution");

    // The later lot went to nobody.
    await setupUser().keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByTestId("lot-recipients")).not.toBeInTheDocument());
    await batchAction("D05B128", "batch-recipients");
    expect(await screen.findByTestId("lot-recipients-empty")).toHaveTextContent("No packs of lot D05B128");
  });
});
