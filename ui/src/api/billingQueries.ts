// The cash desk: visits waiting to be billed, the draft invoice proposed from a visit and changed by the cashier,
// issuing it, payments, refunds, voids and a patient's invoices. Everything here starts with "billing", so a payment
// refreshes the desk's list, the invoice and the patient's invoices at once; paying in full also moves the visit on
// the board, so the board is asked again too. Every amount, total, change and balance is the core's.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import type { BillingSettings } from "../bindings/BillingSettings";
import type { Document } from "../bindings/Document";
import type { Invoice } from "../bindings/Invoice";
import type { PatientInvoicesResponse } from "../bindings/PatientInvoicesResponse";
import type { PayRequest } from "../bindings/PayRequest";
import type { PayResult } from "../bindings/PayResult";
import type { RefundRequest } from "../bindings/RefundRequest";
import type { SaveDraftRequest } from "../bindings/SaveDraftRequest";
import type { ServicesResponse } from "../bindings/ServicesResponse";
import type { ToBillResponse } from "../bindings/ToBillResponse";
import type { VoidRequest } from "../bindings/VoidRequest";
import { appointmentKeys } from "./appointmentQueries";
import { call } from "./client";
import type { ApiError } from "./errors";

/** Thin typed helpers, one per `billing.*` operation the cash desk uses. */
export const billingOps = {
  toBill: (): Promise<ToBillResponse> => call("billing.to_bill", {}),
  services: (includeInactive = false): Promise<ServicesResponse> => call("billing.services", { include_inactive: includeInactive }),
  settings: (): Promise<BillingSettings> => call("billing.settings", {}),
  /** The visit's draft: the open one as the cashier left it, or one built from the visit (`replace` builds it again). */
  propose: (visitId: string, replace = false): Promise<Invoice> => call("billing.propose", { visit_id: visitId, replace }),
  saveDraft: (request: SaveDraftRequest): Promise<Invoice> => call("billing.save_draft", request),
  issue: (invoiceId: string): Promise<Invoice> => call("billing.issue", { invoice_id: invoiceId }),
  invoice: (invoiceId: string): Promise<Invoice> => call("billing.invoice", { invoice_id: invoiceId }),
  void: (request: VoidRequest): Promise<Invoice> => call("billing.void", request),
  pay: (request: PayRequest): Promise<PayResult> => call("billing.pay", request),
  refund: (request: RefundRequest): Promise<Invoice> => call("billing.refund", request),
  patientInvoices: (patientId: string): Promise<PatientInvoicesResponse> => call("billing.patient_invoices", { patient_id: patientId }),
  printInvoice: (invoiceId: string): Promise<Document> => call("billing.print_invoice", { invoice: invoiceId }),
  printReceipt: (invoiceId: string): Promise<Document> => call("billing.print_receipt", { invoice: invoiceId }),
};

export const billingKeys = {
  all: ["billing"] as const,
  toBill: ["billing", "to_bill"] as const,
  services: ["billing", "services"] as const,
  settings: ["billing", "settings"] as const,
  visitDraft: (visitId: string) => ["billing", "visit", visitId] as const,
  invoice: (invoiceId: string) => ["billing", "invoice", invoiceId] as const,
  patientInvoices: (patientId: string) => ["billing", "patient", patientId] as const,
};

/** How often the desk's list asks again by itself: other desks move patients to billing. */
export const TO_BILL_REFRESH_MS = 30_000;

export function useToBill() {
  return useQuery<ToBillResponse, ApiError>({
    queryKey: billingKeys.toBill,
    queryFn: billingOps.toBill,
    refetchInterval: TO_BILL_REFRESH_MS,
  });
}

/** The price list's active services, with today's price. */
export function useBillingServices() {
  return useQuery<ServicesResponse, ApiError>({ queryKey: billingKeys.services, queryFn: () => billingOps.services(false) });
}

export function useBillingSettings() {
  return useQuery<BillingSettings, ApiError>({ queryKey: billingKeys.settings, queryFn: billingOps.settings });
}

/**
 * The visit's draft invoice. Proposing answers the open draft unchanged when there is one, so asking again is safe;
 * it is still asked only once per visit opened (the editor keeps the answers of its own saves here).
 */
export function useVisitDraft(visitId: string) {
  return useQuery<Invoice, ApiError>({
    queryKey: billingKeys.visitDraft(visitId),
    queryFn: () => billingOps.propose(visitId, false),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

export function useInvoice(invoiceId: string) {
  return useQuery<Invoice, ApiError>({
    queryKey: billingKeys.invoice(invoiceId),
    queryFn: () => billingOps.invoice(invoiceId),
    retry: false,
  });
}

export function usePatientInvoices(patientId: string | null) {
  return useQuery<PatientInvoicesResponse, ApiError>({
    queryKey: billingKeys.patientInvoices(patientId ?? ""),
    queryFn: () => billingOps.patientInvoices(patientId ?? ""),
    enabled: patientId !== null,
  });
}

/** Keeps an invoice the core answered where every screen reads it, and asks the lists again. */
function useInvoiceAnswered() {
  const client = useQueryClient();
  return (invoice: Invoice) => {
    client.setQueryData(billingKeys.invoice(invoice.id), invoice);
    if (invoice.visit_id !== null && invoice.status === "draft") client.setQueryData(billingKeys.visitDraft(invoice.visit_id), invoice);
    void client.invalidateQueries({ queryKey: billingKeys.toBill });
    void client.invalidateQueries({ queryKey: billingKeys.patientInvoices(invoice.patient_id) });
  };
}

/** Builds the draft again from the visit (the cashier's changes are lost). */
export function useRebuildDraft() {
  const answered = useInvoiceAnswered();
  return useMutation<Invoice, ApiError, string>({ mutationFn: (visitId) => billingOps.propose(visitId, true), onSuccess: answered });
}

export function useSaveDraft() {
  const answered = useInvoiceAnswered();
  return useMutation<Invoice, ApiError, SaveDraftRequest>({ mutationFn: billingOps.saveDraft, onSuccess: answered });
}

export function useIssueInvoice() {
  const client = useQueryClient();
  const answered = useInvoiceAnswered();
  return useMutation<Invoice, ApiError, string>({
    mutationFn: billingOps.issue,
    onSuccess: (invoice) => {
      answered(invoice);
      // The draft is no more; a visit opened again asks the core what it now holds.
      if (invoice.visit_id !== null) client.removeQueries({ queryKey: billingKeys.visitDraft(invoice.visit_id) });
      // Billed to a payer, or owing nothing, the visit is done.
      void client.invalidateQueries({ queryKey: appointmentKeys.queue });
    },
  });
}

export function useVoidInvoice() {
  const client = useQueryClient();
  const answered = useInvoiceAnswered();
  return useMutation<Invoice, ApiError, VoidRequest>({
    mutationFn: billingOps.void,
    onSuccess: (invoice) => {
      answered(invoice);
      if (invoice.visit_id !== null) client.removeQueries({ queryKey: billingKeys.visitDraft(invoice.visit_id) });
    },
  });
}

export function usePay() {
  const client = useQueryClient();
  const answered = useInvoiceAnswered();
  return useMutation<PayResult, ApiError, PayRequest>({
    mutationFn: billingOps.pay,
    onSuccess: (result) => {
      answered(result.invoice);
      if (result.moved_to_done) void client.invalidateQueries({ queryKey: appointmentKeys.queue });
    },
  });
}

export function useRefund() {
  const answered = useInvoiceAnswered();
  return useMutation<Invoice, ApiError, RefundRequest>({ mutationFn: billingOps.refund, onSuccess: answered });
}

/** The issued invoice as a PDF, saved in the documents folder. */
export function usePrintInvoice() {
  return useMutation<Document, ApiError, string>({ mutationFn: billingOps.printInvoice });
}

/** The receipt for what was paid on an invoice, as a PDF. */
export function usePrintReceipt() {
  return useMutation<Document, ApiError, string>({ mutationFn: billingOps.printReceipt });
}
