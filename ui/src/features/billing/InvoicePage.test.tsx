// @vitest-environment jsdom
// An issued invoice at the cash desk, on the real core: payments by cash with change, by card in part, a transfer
// without its number, refunds within what was paid, voids with a reason, and a draft sent back to its editor.
import { existsSync } from "node:fs";

import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { billingAdminOps } from "../../api/billingAdminQueries";
import { billingOps } from "../../api/billingQueries";
import { AppRoutes } from "../../app/AppLayout";
import { signInAs, type DemoStaff } from "../../test/demoClinic";
import { issuedAtBilling, paid, visitAtBilling } from "../../test/billing";
import { currentPath, renderApp, setupUser } from "../../test/render";

async function openInvoice(invoiceId: string, as: DemoStaff = "cashier") {
  const rendered = renderApp(<AppRoutes />, { ...(await signInAs(as)), path: `/billing/invoice/${invoiceId}` });
  await screen.findByTestId("invoice-number");
  return rendered;
}

describe("taking payment", () => {
  it("takes 50.00 of cash against 45.00, says the change to give and that it is paid in full", async () => {
    const u = setupUser();
    const { invoice } = await issuedAtBilling("Cashed");
    await openInvoice(invoice.id);
    expect(screen.getByTestId("invoice-number")).toHaveTextContent(invoice.number ?? "?");
    expect(screen.getByTestId("invoice-balance")).toHaveTextContent("45.00");
    expect(screen.getByTestId("payment-amount")).toHaveValue("45.00");
    await u.type(screen.getByTestId("payment-tendered"), "50{Enter}");

    const result = await screen.findByTestId("payment-result");
    expect(within(result).getByTestId("payment-change")).toHaveTextContent(/^Change to give: \w{3} 5\.00$/);
    expect(result).toHaveTextContent("the visit is done");
    expect(await screen.findByTestId("invoice-paid-in-full")).toHaveTextContent("Paid in full");
    expect(screen.queryByTestId("invoice-balance")).not.toBeInTheDocument();
    expect(screen.queryByTestId("payment-form")).not.toBeInTheDocument();
    const [row] = screen.getAllByTestId("invoice-payment");
    expect(row).toHaveAttribute("data-method", "cash");
    expect(row).toHaveTextContent("45.00");
    expect(row).toHaveTextContent("50.00");
    expect(row).toHaveTextContent("5.00");
  });

  it("takes part of the balance by card and leaves the rest owed, offered as the next amount", async () => {
    const u = setupUser();
    const { invoice } = await issuedAtBilling("Carded");
    await openInvoice(invoice.id);
    await u.click(screen.getByText("Card"));
    expect(screen.queryByTestId("payment-tendered")).not.toBeInTheDocument();
    await u.clear(screen.getByTestId("payment-amount"));
    await u.type(screen.getByTestId("payment-amount"), "20");
    await u.type(screen.getByTestId("payment-reference"), "SLIP 4411");
    await u.click(screen.getByTestId("payment-submit"));

    await waitFor(() => expect(screen.getByTestId("invoice-balance")).toHaveTextContent("25.00"));
    expect(screen.queryByTestId("invoice-paid-in-full")).not.toBeInTheDocument();
    expect(screen.queryByTestId("payment-change")).not.toBeInTheDocument();
    expect(screen.getByTestId("invoice-paid")).toHaveTextContent("20.00");
    const [row] = screen.getAllByTestId("invoice-payment");
    expect(row).toHaveAttribute("data-method", "card");
    expect(row).toHaveTextContent("SLIP 4411");
    expect(screen.getByTestId("payment-amount")).toHaveValue("25.00");
  });

  it("shows the core's demand for a transfer's number beside the reference, and takes nothing", async () => {
    const u = setupUser();
    const { invoice } = await issuedAtBilling("Transferred");
    await openInvoice(invoice.id);
    await u.click(screen.getByText("Bank transfer"));
    await u.click(screen.getByTestId("payment-submit"));
    expect(await screen.findByText("Give the transfer or cheque number.")).toBeInTheDocument();
    expect(screen.getByTestId("payment-reference")).toHaveAttribute("aria-invalid", "true");
    expect((await billingOps.invoice(invoice.id)).paid_minor).toBe(0);
  });

  it("shows the core's refusal of more than is owed beside the amount", async () => {
    const u = setupUser();
    const { invoice } = await issuedAtBilling("Overpaid");
    await openInvoice(invoice.id);
    await u.clear(screen.getByTestId("payment-amount"));
    await u.type(screen.getByTestId("payment-amount"), "60{Enter}");
    expect(await screen.findByText(/^Only 45\.00 is owed/)).toBeInTheDocument();
    expect(screen.getByTestId("payment-amount")).toHaveAttribute("aria-invalid", "true");
  });

  it("keeps an overpayment as the patient's credit when asked", async () => {
    const u = setupUser();
    const { invoice } = await issuedAtBilling("Credited");
    await openInvoice(invoice.id);
    await u.clear(screen.getByTestId("payment-amount"));
    await u.type(screen.getByTestId("payment-amount"), "50");
    await u.click(screen.getByTestId("payment-keep-credit"));
    await u.click(screen.getByTestId("payment-submit"));
    expect(await screen.findByTestId("payment-credit-kept")).toHaveTextContent(/5\.00 kept as the patient's credit/);
    expect(await screen.findByTestId("invoice-paid-in-full")).toBeInTheDocument();
    expect(screen.getByTestId("invoice-patient-credit")).toHaveTextContent("5.00");
  });
});

describe("refunds and voids", () => {
  it("are not offered to the cashier", async () => {
    const { invoice } = await issuedAtBilling("Plain");
    await paid(invoice.id, "card", 2000);
    await openInvoice(invoice.id);
    expect(screen.getAllByTestId("invoice-payment")).toHaveLength(1);
    expect(screen.queryByTestId("payment-refund")).not.toBeInTheDocument();
    expect(screen.queryByTestId("invoice-void-open")).not.toBeInTheDocument();
  });

  it("refuse a refund above what was paid beside the amount, then refund within it", async () => {
    const u = setupUser();
    const { invoice } = await issuedAtBilling("Refunded");
    await paid(invoice.id, "card", 2000);
    await openInvoice(invoice.id, "admin");
    await u.click(screen.getByTestId("payment-refund"));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByTestId("refund-amount")).toHaveValue("20.00");
    expect(within(dialog).getByTestId("refund-method")).toHaveValue("Card");
    await u.clear(within(dialog).getByTestId("refund-amount"));
    await u.type(within(dialog).getByTestId("refund-amount"), "30");
    await u.type(within(dialog).getByTestId("refund-reason"), "Charged twice");
    await u.click(within(dialog).getByTestId("refund-submit"));
    expect(await within(dialog).findByText("At most 20.00 of this payment can still be refunded.")).toBeInTheDocument();
    expect(within(dialog).getByTestId("refund-amount")).toHaveAttribute("aria-invalid", "true");
    expect((await billingOps.invoice(invoice.id)).paid_minor).toBe(2000);

    await u.clear(within(dialog).getByTestId("refund-amount"));
    await u.type(within(dialog).getByTestId("refund-amount"), "5{Enter}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    await waitFor(() => expect(screen.getByTestId("invoice-balance")).toHaveTextContent("30.00"));
    const refund = screen.getAllByTestId("invoice-payment").find((r) => r.getAttribute("data-kind") === "refund");
    expect(refund).toHaveTextContent("Charged twice");
    expect(refund).toHaveTextContent("−5.00");
  });

  it("void an unpaid invoice only with a reason", async () => {
    const u = setupUser();
    const { invoice } = await issuedAtBilling("Voided");
    await openInvoice(invoice.id, "admin");
    await u.click(screen.getByTestId("invoice-void-open"));
    const dialog = await screen.findByRole("dialog");
    await u.click(within(dialog).getByTestId("void-submit"));
    expect(await within(dialog).findByText("Say why the invoice is void.")).toBeInTheDocument();
    await u.type(within(dialog).getByTestId("void-reason"), "Billed the wrong patient{Enter}");
    expect(await screen.findByTestId("invoice-void")).toHaveTextContent("Billed the wrong patient");
    expect(screen.getByTestId("invoice-status")).toHaveTextContent("Void");
    expect(screen.queryByTestId("payment-form")).not.toBeInTheDocument();
    expect(screen.queryByTestId("invoice-void-open")).not.toBeInTheDocument();
  });

  it("refuse to void while a payment stands, in the core's words", async () => {
    const u = setupUser();
    const { invoice } = await issuedAtBilling("Standing");
    await paid(invoice.id, "cash", 1000);
    await openInvoice(invoice.id, "admin");
    await u.click(screen.getByTestId("invoice-void-open"));
    const dialog = await screen.findByRole("dialog");
    await u.type(within(dialog).getByTestId("void-reason"), "Mistake{Enter}");
    expect(await within(dialog).findByTestId("void-error")).toHaveTextContent("refund them before voiding it");
    expect((await billingOps.invoice(invoice.id)).status).toBe("issued");
  });
});

describe("printing", () => {
  it("saves the invoice as a PDF, and the receipt once something is paid", async () => {
    const u = setupUser();
    const { invoice } = await issuedAtBilling("Printed");
    await openInvoice(invoice.id);
    expect(screen.queryByTestId("invoice-print-receipt")).not.toBeInTheDocument();
    await u.click(screen.getByTestId("invoice-print"));
    // Outside the desktop app nothing opens the file; the notice says where it is.
    const notice = await screen.findByText(/^The file is saved at (\S+\.pdf)\./);
    const path = /saved at (\S+\.pdf)\./.exec(notice.textContent ?? "")?.[1] ?? "";
    expect(path).toContain(invoice.number ?? "?");
    expect(existsSync(path)).toBe(true);

    await u.type(screen.getByTestId("payment-tendered"), "50{Enter}");
    await u.click(await screen.findByTestId("payment-print-receipt"));
    const receipt = await waitFor(() => {
      const found = screen.getAllByText(/^The file is saved at (\S+\.pdf)\./).find((n) => /receipt/.test(n.textContent ?? ""));
      if (!found) throw new Error("no receipt yet");
      return found;
    });
    const receiptPath = /saved at (\S+\.pdf)\./.exec(receipt.textContent ?? "")?.[1] ?? "";
    expect(existsSync(receiptPath)).toBe(true);
    expect(screen.getByTestId("invoice-print-receipt")).toBeInTheDocument();
  });
});

describe("an invoice still a draft", () => {
  it("opens its visit's editor", async () => {
    const { visitId } = await visitAtBilling("Drafty");
    const draft = await billingOps.propose(visitId);
    const { location } = renderApp(<AppRoutes />, { ...(await signInAs("cashier")), path: `/billing/invoice/${draft.id}` });
    await waitFor(() => expect(currentPath(location)).toBe(`/billing/visit/${visitId}`));
    expect(await screen.findByTestId("draft-lines")).toBeInTheDocument();
  });

  it("a visit already invoiced opens its invoice rather than a second draft", async () => {
    const { visitId, invoice } = await issuedAtBilling("Twice");
    const { location } = renderApp(<AppRoutes />, { ...(await signInAs("cashier")), path: `/billing/visit/${visitId}` });
    await waitFor(() => expect(currentPath(location)).toBe(`/billing/invoice/${invoice.id}`));
    expect(await screen.findByTestId("invoice-number")).toHaveTextContent(invoice.number ?? "?");
  });
});

describe("the ways of paying", () => {
  // Last: it changes the clinic's settings for the rest of this file (and puts them back).
  it("offers only what the clinic accepts, credit only when the patient has some", async () => {
    await signInAs("admin");
    const before = await billingAdminOps.settings();
    await billingAdminOps.saveSettings({ ...before, payment_methods: ["cash", "card"] });
    try {
      const { invoice } = await issuedAtBilling("Methods");
      await openInvoice(invoice.id);
      const offered = () =>
        within(screen.getByTestId("payment-method"))
          .getAllByRole("radio")
          .map((r) => r.getAttribute("value"));
      await waitFor(() => expect(offered()).toEqual(["cash", "card"]));
    } finally {
      await signInAs("admin");
      await billingAdminOps.saveSettings(before);
    }
  });
});
