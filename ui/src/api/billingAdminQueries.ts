// The clinic's side of billing: the price list, billing's settings, the cashier's day close and the reports.
// Every key starts with "billing", so a payment taken at the desk (which refreshes "billing") also refreshes the
// day's takings and the reports, and closing a day refreshes the desk, whose payments it now refuses.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import type { AgingReport } from "../bindings/AgingReport";
import type { BillingSettings } from "../bindings/BillingSettings";
import type { CashDay } from "../bindings/CashDay";
import type { CashUp } from "../bindings/CashUp";
import type { CashUpsResponse } from "../bindings/CashUpsResponse";
import type { CloseDayRequest } from "../bindings/CloseDayRequest";
import type { Document } from "../bindings/Document";
import type { ExportReportRequest } from "../bindings/ExportReportRequest";
import type { SaveServiceRequest } from "../bindings/SaveServiceRequest";
import type { Service } from "../bindings/Service";
import type { ServicesResponse } from "../bindings/ServicesResponse";
import type { SetPriceRequest } from "../bindings/SetPriceRequest";
import type { TakingsReport } from "../bindings/TakingsReport";
import { call } from "./client";
import type { ApiError } from "./errors";

/** Thin typed helpers, one per operation these screens use. */
export const billingAdminOps = {
  services: (includeInactive: boolean): Promise<ServicesResponse> => call("billing.services", { include_inactive: includeInactive }),
  saveService: (request: SaveServiceRequest): Promise<Service> => call("billing.save_service", request),
  setPrice: (request: SetPriceRequest): Promise<Service> => call("billing.set_price", request),
  settings: (): Promise<BillingSettings> => call("billing.settings", {}),
  saveSettings: (settings: BillingSettings): Promise<BillingSettings> => call("billing.save_settings", settings),
  cashDay: (day: string | null): Promise<CashDay> => call("billing.cash_day", { day }),
  closeDay: (request: CloseDayRequest): Promise<CashUp> => call("billing.close_day", request),
  cashUp: (cashUpId: string): Promise<CashUp> => call("billing.cash_up", { cash_up_id: cashUpId }),
  cashUps: (from: string, to: string): Promise<CashUpsResponse> => call("billing.cash_ups", { from, to }),
  takings: (from: string, to: string): Promise<TakingsReport> => call("billing.takings", { from, to }),
  aging: (asOf: string | null): Promise<AgingReport> => call("billing.aging", { as_of: asOf }),
  printCashUp: (cashUpId: string): Promise<Document> => call("billing.print_cash_up", { cash_up_id: cashUpId }),
  exportReport: (request: ExportReportRequest): Promise<Document> => call("billing.export_report", request),
};

export const billingAdminKeys = {
  all: ["billing"] as const,
  services: (includeInactive: boolean) => ["billing", "price_list", includeInactive] as const,
  priceList: ["billing", "price_list"] as const,
  settings: ["billing", "settings"] as const,
  cashDay: (day: string) => ["billing", "cash_day", day] as const,
  cashUps: (from: string, to: string) => ["billing", "report", "cash_ups", from, to] as const,
  takings: (from: string, to: string) => ["billing", "report", "takings", from, to] as const,
  aging: (asOf: string) => ["billing", "report", "aging", asOf] as const,
};

/** The price list by code with today's price of each service and every dated price. */
export function usePriceList(includeInactive: boolean) {
  return useQuery<ServicesResponse, ApiError>({
    queryKey: billingAdminKeys.services(includeInactive),
    queryFn: () => billingAdminOps.services(includeInactive),
    placeholderData: keepPreviousData,
  });
}

export function useSaveService() {
  const client = useQueryClient();
  return useMutation<Service, ApiError, SaveServiceRequest>({
    mutationFn: billingAdminOps.saveService,
    onSuccess: () => void client.invalidateQueries({ queryKey: billingAdminKeys.all }),
  });
}

export function useSetPrice() {
  const client = useQueryClient();
  return useMutation<Service, ApiError, SetPriceRequest>({
    mutationFn: billingAdminOps.setPrice,
    onSuccess: () => void client.invalidateQueries({ queryKey: billingAdminKeys.all }),
  });
}

export function useBillingSettings(enabled = true) {
  return useQuery<BillingSettings, ApiError>({
    queryKey: billingAdminKeys.settings,
    queryFn: () => billingAdminOps.settings(),
    enabled,
  });
}

export function useSaveBillingSettings() {
  const client = useQueryClient();
  return useMutation<BillingSettings, ApiError, BillingSettings>({
    mutationFn: billingAdminOps.saveSettings,
    onSuccess: (saved) => {
      client.setQueryData(billingAdminKeys.settings, saved);
      // Drafts at the desk follow the discount limit and the free follow-up rule.
      void client.invalidateQueries({ queryKey: billingAdminKeys.all });
    },
  });
}

/** The signed-in cashier's day at this workstation: `day` is an ISO date, or null for today. */
export function useCashDay(day: string | null) {
  return useQuery<CashDay, ApiError>({
    queryKey: billingAdminKeys.cashDay(day ?? "today"),
    queryFn: () => billingAdminOps.cashDay(day),
    placeholderData: keepPreviousData,
  });
}

export function useCloseDay() {
  const client = useQueryClient();
  return useMutation<CashUp, ApiError, CloseDayRequest>({
    mutationFn: billingAdminOps.closeDay,
    // The desk refuses payments on a closed day, and the reports list it.
    onSuccess: () => void client.invalidateQueries({ queryKey: billingAdminKeys.all }),
  });
}

export function useCashUps(from: string | null, to: string | null) {
  return useQuery<CashUpsResponse, ApiError>({
    queryKey: billingAdminKeys.cashUps(from ?? "", to ?? ""),
    queryFn: () => billingAdminOps.cashUps(from ?? "", to ?? ""),
    enabled: from !== null && to !== null,
    placeholderData: keepPreviousData,
  });
}

export function useTakings(from: string | null, to: string | null) {
  return useQuery<TakingsReport, ApiError>({
    queryKey: billingAdminKeys.takings(from ?? "", to ?? ""),
    queryFn: () => billingAdminOps.takings(from ?? "", to ?? ""),
    enabled: from !== null && to !== null,
    placeholderData: keepPreviousData,
  });
}

export function useAging(asOf: string | null) {
  return useQuery<AgingReport, ApiError>({
    queryKey: billingAdminKeys.aging(asOf ?? "today"),
    queryFn: () => billingAdminOps.aging(asOf),
    placeholderData: keepPreviousData,
  });
}

/** A closed day's report saved as a PDF. */
export function usePrintCashUp() {
  return useMutation<Document, ApiError, string>({ mutationFn: billingAdminOps.printCashUp });
}

/** A report saved as a PDF or a CSV file. */
export function useExportReport() {
  return useMutation<Document, ApiError, ExportReportRequest>({ mutationFn: billingAdminOps.exportReport });
}
