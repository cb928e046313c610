// @vitest-environment jsdom
// The draft invoice at the cash desk, on the real core: what it proposes from the visit, lines added, changed and
// removed, discounts and their reasons, the payer, rebuilding from the visit and issuing. Every amount asserted
// here is the core's answer shown as it came.
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { billingOps } from "../../api/billingQueries";
import { call } from "../../api/client";
import { AppRoutes } from "../../app/AppLayout";
import { signInAs, type DemoStaff } from "../../test/demoClinic";
import { visitAtBilling } from "../../test/billing";
import { currentPath, renderApp, setupUser } from "../../test/render";
import { formatMinor } from "../stock/money";

async function openEditor(visitId: string, as: DemoStaff = "cashier") {
  const rendered = renderApp(<AppRoutes />, { ...(await signInAs(as)), path: `/billing/visit/${visitId}` });
  await screen.findByTestId("draft-lines");
  return rendered;
}

const lines = () => screen.getAllByTestId("draft-line");
const total = () => screen.getByTestId("total-value");

function lineOf(code: string): HTMLElement {
  const found = screen.queryAllByTestId("draft-line").find((l) => l.getAttribute("data-code") === code);
  if (!found) throw new Error(`No line ${code}`);
  return found;
}

describe("the draft invoice", () => {
  it("proposes the new patient's consultation at the price list's 45.00", async () => {
    const { patient, visitId } = await visitAtBilling("Proposed");
    await openEditor(visitId);
    expect(screen.getByTestId("invoice-patient")).toHaveTextContent(`${patient.first_name} ${patient.last_name}`);
    expect(screen.getByTestId("invoice-mrn")).toHaveTextContent(patient.mrn);
    expect(lines()).toHaveLength(1);
    const consultation = lineOf("CONS-N");
    expect(consultation).toHaveTextContent("Consultation, new patient");
    expect(within(consultation).getByTestId("line-quantity")).toHaveValue("1");
    expect(within(consultation).getByTestId("line-unit-price")).toHaveTextContent("45.00");
    expect(within(consultation).getByTestId("line-total")).toHaveTextContent("45.00");
    expect(total()).toHaveTextContent(/45\.00$/);
  });

  it("adds an OCT from the price list and shows the core's new total", async () => {
    const u = setupUser();
    const { visitId } = await visitAtBilling("Scanned");
    await openEditor(visitId);
    await u.click(screen.getByTestId("draft-add-service"));
    await u.click(await screen.findByRole("option", { name: /^OCT · Optical coherence tomography/ }));
    await waitFor(() => expect(lines()).toHaveLength(2));
    expect(within(lineOf("OCT")).getByTestId("line-total")).toHaveTextContent("60.00");
    expect(screen.getByTestId("draft-add-service")).toHaveValue("");
    await waitFor(() => expect(total()).toHaveTextContent(/105\.00$/));
    // Saved, not only shown: the core's draft has both lines.
    const draft = await billingOps.propose(visitId);
    expect(draft.totals.total_minor).toBe(10500);
  });

  it("adds a medicine from the formulary at the formulary's price", async () => {
    const u = setupUser();
    const { visitId } = await visitAtBilling("Medicated");
    const dexamethasone = (await call("pharmacy.medicines", { query: "dexamethasone", include_inactive: false, limit: null })).results.find(
      (m) => m.generic_name === "dexamethasone",
    );
    if (!dexamethasone?.price_minor) throw new Error("The demo formulary has no priced dexamethasone.");
    await openEditor(visitId);
    await u.type(screen.getByTestId("draft-add-medicine"), "dexa");
    await u.click(await screen.findByRole("option", { name: /^dexamethasone/ }));
    await waitFor(() => expect(lines()).toHaveLength(2));
    const medicine = lines()[1];
    if (!medicine) throw new Error("No medicine line");
    expect(within(medicine).getByTestId("line-description")).toHaveTextContent(/^dexamethasone/);
    const draft = await billingOps.propose(visitId);
    expect(within(medicine).getByTestId("line-unit-price")).toHaveTextContent(formatMinor(dexamethasone.price_minor, draft.currency));
    expect(draft.totals.total_minor).toBe(4500 + dexamethasone.price_minor);
    expect(total()).toHaveTextContent(formatMinor(draft.totals.total_minor, draft.currency));
  });

  it("shows the core's warning for a medicine the formulary has no price for", async () => {
    const u = setupUser();
    await signInAs("pharmacy");
    await call("pharmacy.save_medicine", {
      id: null,
      medicine: {
        generic_name: "zylopricin",
        brand: null,
        strength: "1%",
        form: "solution",
        route: "eye",
        pack_size_hundredths: 500,
        pack_unit: "ml",
        stocked: false,
        reorder_level: 0,
        price_minor: null,
        use_within_days: null,
        active: true,
      },
    });
    const { visitId } = await visitAtBilling("Unpriced");
    await openEditor(visitId);
    await u.type(screen.getByTestId("draft-add-medicine"), "zylo");
    await u.click(await screen.findByRole("option", { name: /^zylopricin/ }));
    expect(await screen.findByTestId("invoice-warnings")).toHaveTextContent("zylopricin 1% has no price in the formulary; it is billed at 0.");
    expect(total()).toHaveTextContent(/45\.00$/);
  });

  it("prices a changed quantity and shows the core's refusal of none beside the box", async () => {
    const u = setupUser();
    const { visitId } = await visitAtBilling("Counted");
    await openEditor(visitId);
    const quantity = within(lineOf("CONS-N")).getByTestId("line-quantity");
    await u.clear(quantity);
    await u.type(quantity, "2{Enter}");
    await waitFor(() => expect(total()).toHaveTextContent(/90\.00$/));
    const again = within(lineOf("CONS-N")).getByTestId("line-quantity");
    await u.clear(again);
    await u.type(again, "0{Enter}");
    expect(await within(lineOf("CONS-N")).findByText("The quantity is a whole number from 1 to 10000.")).toBeInTheDocument();
    expect(total()).toHaveTextContent(/90\.00$/);
  });

  it("asks for the discount's reason in the core's words, then gives it", async () => {
    const u = setupUser();
    const { visitId } = await visitAtBilling("Discounted");
    await openEditor(visitId);
    await u.click(within(lineOf("CONS-N")).getByTestId("line-discount"));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByTestId("discount-limit")).toHaveTextContent("Up to 10 % of a line without a manager");
    await u.type(within(dialog).getByTestId("discount-value"), "10");
    await u.click(within(dialog).getByTestId("discount-apply"));
    expect(await within(dialog).findByText("Say why the discount is given.")).toBeInTheDocument();
    expect(within(dialog).getByTestId("discount-reason")).toHaveAttribute("aria-invalid", "true");
    expect(total()).toHaveTextContent(/45\.00$/);

    await u.type(within(dialog).getByTestId("discount-reason"), "Hardship");
    await u.click(within(dialog).getByTestId("discount-apply"));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(within(lineOf("CONS-N")).getByTestId("line-discount-amount")).toHaveTextContent("−4.50 (10 %)");
    expect(within(lineOf("CONS-N")).getByTestId("line-total")).toHaveTextContent("40.50");
    expect(total()).toHaveTextContent(/40\.50$/);
  });

  it("shows the core's refusal of a cashier's discount above the clinic's limit beside the amount", async () => {
    const u = setupUser();
    const { visitId } = await visitAtBilling("Capped");
    await openEditor(visitId);
    await u.click(within(lineOf("CONS-N")).getByTestId("line-discount"));
    const dialog = await screen.findByRole("dialog");
    await u.type(within(dialog).getByTestId("discount-value"), "20");
    await u.type(within(dialog).getByTestId("discount-reason"), "Staff family");
    await u.click(within(dialog).getByTestId("discount-apply"));
    expect(await within(dialog).findByText(/^A discount above 10 % needs a manager/)).toBeInTheDocument();
    expect(within(dialog).getByTestId("discount-value")).toHaveAttribute("aria-invalid", "true");
    expect(total()).toHaveTextContent(/45\.00$/);
  });

  it("lets the administrator give more than the limit, with no limit said", async () => {
    const u = setupUser();
    const { visitId } = await visitAtBilling("Managed");
    await openEditor(visitId, "admin");
    await u.click(within(lineOf("CONS-N")).getByTestId("line-discount"));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).queryByTestId("discount-limit")).not.toBeInTheDocument();
    await u.click(within(dialog).getByText(/^Amount/));
    await u.type(within(dialog).getByTestId("discount-value"), "15");
    await u.type(within(dialog).getByTestId("discount-reason"), "Hardship{Enter}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(total()).toHaveTextContent(/30\.00$/);
  });

  it("removes a line, and rebuilds the lines from the visit after asking", async () => {
    const u = setupUser();
    const { visitId } = await visitAtBilling("Rebuilt");
    await openEditor(visitId);
    await u.click(within(lineOf("CONS-N")).getByTestId("line-remove"));
    expect(await screen.findByTestId("draft-no-lines")).toBeInTheDocument();
    expect(screen.getByTestId("draft-issue")).toBeDisabled();
    expect(total()).toHaveTextContent(/0\.00$/);

    await u.click(screen.getByTestId("draft-rebuild"));
    const dialog = await screen.findByRole("dialog");
    expect(dialog).toHaveTextContent("are lost");
    await u.click(within(dialog).getByTestId("confirm-rebuild"));
    await waitFor(() => expect(lines()).toHaveLength(1));
    expect(lineOf("CONS-N")).toHaveTextContent("45.00");
  });

  it("bills an insurer once named, and shows the core's words when the name is missing", async () => {
    const u = setupUser();
    const { visitId } = await visitAtBilling("Insured");
    await openEditor(visitId);
    await u.click(screen.getByText("An insurer or company"));
    expect(await screen.findByTestId("payer-unsaved")).toBeInTheDocument();
    expect(screen.getByTestId("draft-issue")).toBeDisabled();
    await u.click(screen.getByTestId("payer-save"));
    expect(await screen.findByText("Name the insurer or company billed.")).toBeInTheDocument();

    await u.type(screen.getByTestId("payer-name"), "Vhi Healthcare");
    await u.type(screen.getByTestId("payer-reference"), "POL-778{Enter}");
    await waitFor(() => expect(screen.getByTestId("invoice-payer")).toHaveTextContent("Billed to Vhi Healthcare · reference POL-778"));
    await waitFor(() => expect(screen.queryByTestId("payer-unsaved")).not.toBeInTheDocument());
    expect(screen.getByTestId("draft-issue")).toBeEnabled();
    const draft = await billingOps.propose(visitId);
    expect(draft.payer_kind).toBe("payer");
    expect(draft.payer_name).toBe("Vhi Healthcare");
  });

  it("issues after a confirmation that states the total, and opens the numbered invoice", async () => {
    const u = setupUser();
    const { visitId } = await visitAtBilling("Issued");
    const { location } = await openEditor(visitId);
    await u.click(screen.getByTestId("draft-issue"));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByTestId("issue-confirm-text")).toHaveTextContent(/for \w{3} 45\.00\?/);
    await u.click(within(dialog).getByTestId("confirm-issue"));
    await waitFor(() => expect(currentPath(location)).toMatch(/^\/billing\/invoice\//));
    expect(await screen.findByTestId("invoice-number")).toHaveTextContent(/^R1-\d{4}-\d{6}$/);
    expect(screen.getByTestId("invoice-status")).toHaveTextContent("Issued");
    expect(screen.getByTestId("invoice-balance")).toHaveTextContent("45.00");
  });
});
