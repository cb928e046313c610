// What the cash desk calls things, and the draft's lines as the core takes them back. No amount is worked out here:
// every price, total, change and balance on these screens is the core's answer.
import type { Invoice } from "../../bindings/Invoice";
import type { InvoiceLine } from "../../bindings/InvoiceLine";
import type { InvoiceStatus } from "../../bindings/InvoiceStatus";
import type { LineInput } from "../../bindings/LineInput";
import type { Payment } from "../../bindings/Payment";
import type { PaymentMethod } from "../../bindings/PaymentMethod";

export const METHOD_LABELS: Record<PaymentMethod, string> = {
  cash: "Cash",
  card: "Card",
  mobile_money: "Mobile money",
  bank_transfer: "Bank transfer",
  cheque: "Cheque",
  credit: "Patient's credit",
};

/** The methods a payment is taken by, in the order the desk offers them (credit only when the patient has some). */
export const PAYMENT_METHODS: readonly PaymentMethod[] = ["cash", "card", "mobile_money", "bank_transfer", "cheque", "credit"];

export const STATUS_LABELS: Record<InvoiceStatus, string> = {
  draft: "Draft",
  issued: "Issued",
  void: "Void",
};

export const STATUS_COLORS: Record<InvoiceStatus, string> = {
  draft: "gray",
  issued: "blue",
  void: "red",
};

/** A line as the draft sends it back to the core: what it bills, how many, and its discount. */
export function lineInput(line: InvoiceLine): LineInput {
  const source: LineInput["source"] =
    line.source.kind === "service"
      ? { kind: "service", service_id: line.source.service_id }
      : { kind: "medicine", medicine_id: line.source.medicine_id, batch_id: line.source.batch_id };
  return { source, quantity: line.quantity, discount: line.discount };
}

/** The draft's lines as they stand, to change one and send them all. */
export function lineInputs(invoice: Invoice): LineInput[] {
  return invoice.lines.map(lineInput);
}

/** What can still be refunded of a payment: its amount less the refunds the invoice lists against it. */
export function refundableOf(payment: Payment, payments: readonly Payment[]): number {
  const refunded = payments.filter((p) => p.kind === "refund" && p.refund_of === payment.id).reduce((sum, p) => sum + p.amount_minor, 0);
  return Math.max(0, payment.amount_minor - refunded);
}

/** The core's field path for a line's own field: `lines.2.quantity`. */
export function lineField(index: number, field: string): string {
  return `lines.${index}.${field}`;
}
