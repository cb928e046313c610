// The pharmacy's stock: the formulary, batches, corrections, counts, reports and the pharmacy's settings. Everything
// about stock starts with "stock", so any change (a delivery, an adjustment, a count posted) refreshes every list
// at once: on hand, alerts and movements are all sums of the same ledger.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import type { AdjustRequest } from "../bindings/AdjustRequest";
import type { AlertsResponse } from "../bindings/AlertsResponse";
import type { Batch } from "../bindings/Batch";
import type { BatchesResponse } from "../bindings/BatchesResponse";
import type { Document } from "../bindings/Document";
import type { LotRecipientsResponse } from "../bindings/LotRecipientsResponse";
import type { Medicine } from "../bindings/Medicine";
import type { MovementPosted } from "../bindings/MovementPosted";
import type { MovementsResponse } from "../bindings/MovementsResponse";
import type { PharmacySettings } from "../bindings/PharmacySettings";
import type { QuarantineRequest } from "../bindings/QuarantineRequest";
import type { ReceiveRequest } from "../bindings/ReceiveRequest";
import type { ReverseRequest } from "../bindings/ReverseRequest";
import type { SaveMedicineRequest } from "../bindings/SaveMedicineRequest";
import type { SearchMedicinesRequest } from "../bindings/SearchMedicinesRequest";
import type { SearchMedicinesResponse } from "../bindings/SearchMedicinesResponse";
import type { StockCount } from "../bindings/StockCount";
import type { StockResponse } from "../bindings/StockResponse";
import { call } from "./client";
import type { ApiError } from "./errors";

/** Thin typed helpers, one per `pharmacy.*` stock operation (dispensing has its own). */
export const stockOps = {
  searchMedicines: (request: SearchMedicinesRequest): Promise<SearchMedicinesResponse> => call("pharmacy.medicines", request),
  medicine: (id: string): Promise<Medicine> => call("pharmacy.medicine", { id }),
  saveMedicine: (request: SaveMedicineRequest): Promise<Medicine> => call("pharmacy.save_medicine", request),
  receive: (request: ReceiveRequest): Promise<Batch> => call("pharmacy.receive", request),
  batches: (medicineId: string, includeEmpty: boolean): Promise<BatchesResponse> =>
    call("pharmacy.batches", { medicine_id: medicineId, include_empty: includeEmpty }),
  adjust: (request: AdjustRequest): Promise<MovementPosted> => call("pharmacy.adjust", request),
  reverse: (request: ReverseRequest): Promise<MovementPosted> => call("pharmacy.reverse", request),
  quarantine: (request: QuarantineRequest): Promise<Batch> => call("pharmacy.quarantine", request),
  startCount: (note: string | null): Promise<StockCount> => call("pharmacy.start_count", { note }),
  recordCount: (countId: string, batchId: string, counted: number): Promise<StockCount> =>
    call("pharmacy.record_count", { count_id: countId, batch_id: batchId, counted }),
  count: (countId: string): Promise<StockCount> => call("pharmacy.count", { count_id: countId }),
  postCount: (countId: string): Promise<StockCount> => call("pharmacy.post_count", { count_id: countId }),
  stock: (includeAll: boolean): Promise<StockResponse> => call("pharmacy.stock", { include_all: includeAll }),
  alerts: (): Promise<AlertsResponse> => call("pharmacy.alerts", {}),
  movements: (of: { medicineId: string } | { batchId: string }, limit: number | null = null): Promise<MovementsResponse> =>
    call(
      "pharmacy.movements",
      "medicineId" in of ? { medicine_id: of.medicineId, batch_id: null, limit } : { medicine_id: null, batch_id: of.batchId, limit },
    ),
  lotRecipients: (lot: string, medicineId: string | null): Promise<LotRecipientsResponse> =>
    call("pharmacy.lot_recipients", { lot, medicine_id: medicineId }),
  printStock: (): Promise<Document> => call("pharmacy.print_stock", {}),
  printAlerts: (): Promise<Document> => call("pharmacy.print_alerts", {}),
  settings: (): Promise<PharmacySettings> => call("pharmacy.settings", {}),
  saveSettings: (settings: PharmacySettings): Promise<PharmacySettings> => call("pharmacy.save_settings", settings),
};

export const stockKeys = {
  all: ["stock"] as const,
  list: (includeAll: boolean) => ["stock", "list", includeAll] as const,
  alerts: ["stock", "alerts"] as const,
  formulary: (query: string) => ["stock", "formulary", query] as const,
  medicine: (id: string) => ["stock", "medicine", id] as const,
  batches: (medicineId: string, includeEmpty: boolean) => ["stock", "batches", medicineId, includeEmpty] as const,
  movements: (medicineId: string) => ["stock", "movements", medicineId] as const,
  count: (countId: string) => ["stock", "count", countId] as const,
  lot: (lot: string, medicineId: string | null) => ["stock", "lot", lot, medicineId] as const,
  settings: ["pharmacy_settings"] as const,
};

/** Stock on hand per medicine, with value at cost and the core's flags. */
export function useStockList(includeAll = false) {
  return useQuery<StockResponse, ApiError>({
    queryKey: stockKeys.list(includeAll),
    queryFn: () => stockOps.stock(includeAll),
    placeholderData: keepPreviousData,
  });
}

export function useStockAlerts() {
  return useQuery<AlertsResponse, ApiError>({ queryKey: stockKeys.alerts, queryFn: () => stockOps.alerts() });
}

/** The formulary, searched by the core (name prefixes, accents ignored), inactive medicines included. */
export function useStockFormulary(query: string) {
  const trimmed = query.trim();
  return useQuery<SearchMedicinesResponse, ApiError>({
    queryKey: stockKeys.formulary(trimmed),
    queryFn: () => stockOps.searchMedicines({ query: trimmed, include_inactive: true, limit: 500 }),
    placeholderData: keepPreviousData,
  });
}

export function useStockMedicine(id: string) {
  return useQuery<Medicine, ApiError>({ queryKey: stockKeys.medicine(id), queryFn: () => stockOps.medicine(id) });
}

export function useStockBatches(medicineId: string | null, includeEmpty: boolean) {
  return useQuery<BatchesResponse, ApiError>({
    queryKey: stockKeys.batches(medicineId ?? "", includeEmpty),
    queryFn: () => stockOps.batches(medicineId ?? "", includeEmpty),
    enabled: medicineId !== null,
    placeholderData: keepPreviousData,
  });
}

export function useStockMovements(medicineId: string) {
  return useQuery<MovementsResponse, ApiError>({
    queryKey: stockKeys.movements(medicineId),
    queryFn: () => stockOps.movements({ medicineId }),
  });
}

export function useStockCount(countId: string) {
  return useQuery<StockCount, ApiError>({ queryKey: stockKeys.count(countId), queryFn: () => stockOps.count(countId) });
}

/** Who received a lot; asked only when the pharmacist opens the recall. */
export function useLotRecipients(lot: string | null, medicineId: string | null) {
  return useQuery<LotRecipientsResponse, ApiError>({
    queryKey: stockKeys.lot(lot ?? "", medicineId),
    queryFn: () => stockOps.lotRecipients(lot ?? "", medicineId),
    enabled: lot !== null,
  });
}

/** After any write to stock: every stock list, alert and sheet is a sum of the same ledger. */
function useStockChanged() {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: stockKeys.all });
}

export function useSaveStockMedicine() {
  const changed = useStockChanged();
  return useMutation<Medicine, ApiError, SaveMedicineRequest>({ mutationFn: stockOps.saveMedicine, onSuccess: changed });
}

export function useReceiveStock() {
  const changed = useStockChanged();
  return useMutation<Batch, ApiError, ReceiveRequest>({ mutationFn: stockOps.receive, onSuccess: changed });
}

export function useAdjustStock() {
  const changed = useStockChanged();
  return useMutation<MovementPosted, ApiError, AdjustRequest>({ mutationFn: stockOps.adjust, onSuccess: changed });
}

export function useReverseMovement() {
  const changed = useStockChanged();
  return useMutation<MovementPosted, ApiError, ReverseRequest>({ mutationFn: stockOps.reverse, onSuccess: changed });
}

export function useQuarantineBatch() {
  const changed = useStockChanged();
  return useMutation<Batch, ApiError, QuarantineRequest>({ mutationFn: stockOps.quarantine, onSuccess: changed });
}

export function useStartCount() {
  return useMutation<StockCount, ApiError, string | null>({ mutationFn: stockOps.startCount });
}

export function useRecordCount() {
  const client = useQueryClient();
  return useMutation<StockCount, ApiError, { countId: string; batchId: string; counted: number }>({
    mutationFn: ({ countId, batchId, counted }) => stockOps.recordCount(countId, batchId, counted),
    onSuccess: (sheet) => client.setQueryData(stockKeys.count(sheet.id), sheet),
  });
}

export function usePostCount() {
  const changed = useStockChanged();
  return useMutation<StockCount, ApiError, string>({ mutationFn: stockOps.postCount, onSuccess: changed });
}

export function usePrintStock() {
  return useMutation<Document, ApiError, undefined>({ mutationFn: () => stockOps.printStock() });
}

export function usePrintStockAlerts() {
  return useMutation<Document, ApiError, undefined>({ mutationFn: () => stockOps.printAlerts() });
}

export function usePharmacySettings() {
  return useQuery<PharmacySettings, ApiError>({ queryKey: stockKeys.settings, queryFn: () => stockOps.settings() });
}

export function useSavePharmacySettings() {
  const client = useQueryClient();
  return useMutation<PharmacySettings, ApiError, PharmacySettings>({
    mutationFn: stockOps.saveSettings,
    onSuccess: (saved) => {
      client.setQueryData(stockKeys.settings, saved);
      // "Expiring soon" on the stock list and its alerts follows the warning days.
      void client.invalidateQueries({ queryKey: stockKeys.all });
    },
  });
}
