// @vitest-environment jsdom
// The cash desk's list, the board's way to it, who sees it, and a patient's invoices on their record, on the real core.
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { billingOps } from "../../api/billingQueries";
import * as ops from "../../api/operations";
import { AppLayout, AppRoutes } from "../../app/AppLayout";
import { signInAs } from "../../test/demoClinic";
import { issuedAtBilling, paid, visitAtBilling } from "../../test/billing";
import { currentPath, renderApp, setupUser } from "../../test/render";
import { QueueBoardPage } from "../queue/QueueBoardPage";

/** The desk's row of a visit, once the list has it. */
function rowOf(visitId: string): Promise<HTMLElement> {
  return waitFor(() => {
    const found = screen.getAllByTestId("to-bill-row").find((r) => r.getAttribute("data-visit") === visitId);
    if (!found) throw new Error("not listed yet");
    return found;
  });
}

describe("the cash desk's list", () => {
  it("lists a visit at billing with its patient and opens its invoice from the keyboard", async () => {
    const u = setupUser();
    const { patient, visitId } = await visitAtBilling("Listed");
    const { location } = renderApp(<AppRoutes />, { ...(await signInAs("cashier")), path: "/billing" });
    const row = await rowOf(visitId);
    expect(row).toHaveTextContent(`${patient.first_name} ${patient.last_name}`);
    expect(row).toHaveTextContent(patient.mrn);
    expect(within(row).getByTestId("to-bill-draft-total")).toHaveTextContent("Not proposed yet");

    within(row).getByTestId("to-bill-open").focus();
    await u.keyboard("{Enter}");
    await waitFor(() => expect(currentPath(location)).toBe(`/billing/visit/${visitId}`));
    expect(await screen.findByTestId("draft-lines")).toHaveTextContent("Consultation, new patient");
  });

  it("shows the draft's total once proposed, and what is still owed once issued", async () => {
    const drafted = await visitAtBilling("Drafted");
    await billingOps.propose(drafted.visitId);
    const { visitId, invoice } = await issuedAtBilling("Owing");
    await paid(invoice.id, "card", 2000);
    renderApp(<AppRoutes />, { ...(await signInAs("cashier")), path: "/billing" });
    const draftRow = await rowOf(drafted.visitId);
    expect(within(draftRow).getByTestId("to-bill-draft-total")).toHaveTextContent("45.00");
    expect(within(draftRow).getByTestId("to-bill-balance")).toHaveTextContent("—");
    const row = await rowOf(visitId);
    expect(within(row).getByTestId("to-bill-balance")).toHaveTextContent("25.00");
  });
});

describe("the board's billing stage", () => {
  it("offers Bill on a card at billing to the cashier, and not to reception", async () => {
    const { patient, visitId } = await visitAtBilling("Boarded");
    renderApp(<QueueBoardPage />, { ...(await signInAs("cashier")), path: "/queue" });
    const card = await waitFor(() => {
      const found = screen.getAllByTestId("queue-card").find((c) => c.getAttribute("data-mrn") === patient.mrn);
      if (!found) throw new Error("not on the board yet");
      return found;
    });
    expect(card).toHaveAttribute("data-stage", "billing");
    expect(within(card).getByTestId("queue-card-bill")).toHaveAttribute("href", `/billing/visit/${visitId}`);
    for (const other of screen.getAllByTestId("queue-card").filter((c) => c.getAttribute("data-stage") !== "billing")) {
      expect(within(other).queryByTestId("queue-card-bill")).not.toBeInTheDocument();
    }
  });

  it("shows reception no Bill link", async () => {
    const { patient } = await visitAtBilling("Unbilled");
    renderApp(<QueueBoardPage />, { ...(await signInAs("reception")), path: "/queue" });
    const card = await waitFor(() => {
      const found = screen.getAllByTestId("queue-card").find((c) => c.getAttribute("data-mrn") === patient.mrn);
      if (!found) throw new Error("not on the board yet");
      return found;
    });
    expect(within(card).queryByTestId("queue-card-bill")).not.toBeInTheDocument();
  });
});

describe("who reaches the cash desk", () => {
  it("is the cashier, from the sidebar", async () => {
    renderApp(<AppLayout />, { ...(await signInAs("cashier")), path: "/billing" });
    expect(screen.getByTestId("nav-billing")).toHaveAttribute("href", "/billing");
    expect(screen.getByTestId("nav-billing")).toHaveTextContent("Cash desk");
    expect(await screen.findByTestId("cash-desk")).toBeInTheDocument();
  });

  it("is not reception: no Cash desk in the sidebar, and its screens refuse", async () => {
    const reception = await signInAs("reception");
    const first = renderApp(<AppLayout />, { ...reception, path: "/billing" });
    expect(screen.queryByTestId("nav-billing")).not.toBeInTheDocument();
    expect(screen.getByTestId("no-access")).toBeInTheDocument();
    expect(screen.queryByTestId("cash-desk")).not.toBeInTheDocument();
    first.unmount();
    renderApp(<AppLayout />, { ...reception, path: "/billing/invoice/anything" });
    expect(screen.getByTestId("no-access")).toBeInTheDocument();
    expect(screen.queryByTestId("invoice-page")).not.toBeInTheDocument();
  });
});

describe("a patient's invoices on their record", () => {
  it("lists each invoice with what was paid and is owed, and opens it", async () => {
    const u = setupUser();
    const { patient, invoice } = await issuedAtBilling("Recorded");
    await paid(invoice.id, "card", 2000);
    const { location } = renderApp(<AppRoutes />, { ...(await signInAs("cashier")), path: `/patients/${patient.id}` });
    const panel = await screen.findByTestId("patient-invoices");
    const row = await within(panel).findByTestId("patient-invoice");
    expect(row).toHaveTextContent(invoice.number ?? "?");
    expect(row).toHaveTextContent("45.00");
    expect(row).toHaveTextContent("20.00");
    expect(within(row).getByTestId("patient-invoice-balance")).toHaveTextContent("25.00");
    expect(row).toHaveTextContent("Issued");
    expect(within(panel).getByTestId("patient-balance")).toHaveTextContent("25.00");
    expect(within(panel).getByTestId("patient-credit")).toHaveTextContent("0.00");
    await u.click(within(row).getByTestId("patient-invoice-open"));
    await waitFor(() => expect(currentPath(location)).toBe(`/billing/invoice/${invoice.id}`));
  });

  it("is not shown to reception", async () => {
    const { patient } = await issuedAtBilling("Hidden");
    renderApp(<AppRoutes />, { ...(await signInAs("reception")), path: `/patients/${patient.id}` });
    expect(await screen.findByTestId("patient-name")).toBeInTheDocument();
    expect(screen.queryByTestId("patient-invoices")).not.toBeInTheDocument();
  });
});

describe("an empty cash desk", () => {
  it("says no visit is waiting once every visit at billing has moved on", async () => {
    await signInAs("cashier");
    for (const visit of (await billingOps.toBill()).visits) await ops.moveVisit(visit.visit_id, "done");
    renderApp(<AppRoutes />, { ...(await signInAs("cashier")), path: "/billing" });
    expect(await screen.findByTestId("cash-desk-empty")).toHaveTextContent("No visits waiting to be billed");
    expect(screen.queryByTestId("to-bill-row")).not.toBeInTheDocument();
  });
});
