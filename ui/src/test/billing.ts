// Visits and invoices made through the real core for the cash desk's tests: a walk-in sent to billing by the front
// desk (as the core's own tests do), its draft proposed and issued, and payments taken, as the cashier would.
import * as ops from "../api/operations";
import { billingOps } from "../api/billingQueries";
import type { Invoice } from "../bindings/Invoice";
import type { Patient } from "../bindings/Patient";
import type { PaymentMethod } from "../bindings/PaymentMethod";
import { clinician } from "./appointments";
import { signInAs } from "./demoClinic";
import { registered } from "./patients";

/**
 * A new patient of their own, registered by reception as a walk-in for the doctor and sent straight to billing on
 * the board (a walk-in bills a new consultation). Leaves the cashier signed in.
 */
export async function visitAtBilling(lastName: string): Promise<{ patient: Patient; visitId: string }> {
  await signInAs("reception");
  const patient = await registered({ first_name: "Bea", last_name: lastName });
  const doctor = await clinician("doctor");
  const walkIn = await ops.walkIn({ patient_id: patient.id, clinician_id: doctor.id, reason: "Red eye" });
  if (walkIn.visit_id === null) throw new Error("The walk-in opened no visit.");
  await ops.moveVisit(walkIn.visit_id, "billing");
  await signInAs("cashier");
  return { patient, visitId: walkIn.visit_id };
}

/** [`visitAtBilling`] with its proposed draft issued as it stands, by the cashier (who stays signed in). */
export async function issuedAtBilling(lastName: string): Promise<{ patient: Patient; visitId: string; invoice: Invoice }> {
  const { patient, visitId } = await visitAtBilling(lastName);
  const draft = await billingOps.propose(visitId);
  const invoice = await billingOps.issue(draft.id);
  return { patient, visitId, invoice };
}

/** A payment taken on an invoice by whoever is signed in; answers the invoice as it now stands. */
export async function paid(invoiceId: string, method: PaymentMethod, amountMinor: number): Promise<Invoice> {
  const result = await billingOps.pay({ invoice_id: invoiceId, method, amount_minor: amountMinor, tendered_minor: null, reference: null, keep_as_credit: false });
  return result.invoice;
}
