// Visits billed and paid through the real core, for the day close and the reports: a walk-in seen by the demo
// doctor, moved to the cash desk by reception, then invoiced and paid at the desk by the cashier, as the core's own
// tests reach a paid invoice (crates/fovea-core/tests/core/billing.rs, `visit_at_billing`).
import { call } from "../api/client";
import * as ops from "../api/operations";
import type { Invoice } from "../bindings/Invoice";
import type { PaymentMethod } from "../bindings/PaymentMethod";
import { clinician } from "./appointments";
import { signInAs } from "./demoClinic";
import { registered } from "./patients";

/** A patient of their own, walked in to the doctor today and moved to billing. Leaves the cashier signed in. */
export async function visitAtBilling(lastName: string): Promise<{ visitId: string; patientId: string }> {
  await signInAs("reception");
  const patient = await registered({ first_name: "Oisin", last_name: lastName });
  const doctor = await clinician("doctor");
  const appointment = await ops.walkIn({ patient_id: patient.id, clinician_id: doctor.id, reason: "Red eye" });
  if (appointment.visit_id === null) throw new Error("The walk-in has no visit.");
  await ops.moveVisit(appointment.visit_id, "billing");
  await signInAs("cashier");
  return { visitId: appointment.visit_id, patientId: patient.id };
}

/** The visit's proposed invoice, issued by the cashier (who is signed in). */
export async function issuedInvoice(visitId: string): Promise<Invoice> {
  const draft = await call("billing.propose", { visit_id: visitId, replace: false });
  return call("billing.issue", { invoice_id: draft.id });
}

/**
 * A visit at billing, invoiced and paid in full by `method` at this workstation by the demo cashier, who stays
 * signed in. Answers the invoice as paid.
 */
export async function paidVisit(lastName: string, method: PaymentMethod = "cash"): Promise<Invoice> {
  const { visitId } = await visitAtBilling(lastName);
  const invoice = await issuedInvoice(visitId);
  if (invoice.balance_minor <= 0) throw new Error("The proposed invoice owes nothing: the demo price list is missing.");
  const paid = await call("billing.pay", {
    invoice_id: invoice.id,
    method,
    amount_minor: invoice.balance_minor,
    tendered_minor: null,
    reference: method === "cash" ? null : "SLIP-1",
    keep_as_credit: false,
  });
  return paid.invoice;
}
