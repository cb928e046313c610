// The dispensing sheet's form: what the pharmacist chose per line, the request it sends, and where the core's
// answer to it belongs. No rule lives here: what may be handed over, from which batch and why is the core's to say.
import type { ApiError } from "../../api";
import type { DispenseItem } from "../../bindings/DispenseItem";
import type { DispensingItem } from "../../bindings/DispensingItem";
import type { DispensingSheet } from "../../bindings/DispensingSheet";
import type { NotDispensedReason } from "../../bindings/NotDispensedReason";
import type { FieldErrors } from "../../lib/formErrors";

/** Hand packs over now, record why not, or leave the line for another day. */
export type LineMode = "dispense" | "not_dispensed" | "later";

export interface LineDraft {
  mode: LineMode;
  /** Packs typed per offerable batch, by batch id ("" for none). */
  packs: Record<string, number | "">;
  otherBatchReason: string;
  notDispensed: NotDispensedReason | null;
  note: string;
}

export type SheetDraft = Record<string, LineDraft>;

export const NOT_DISPENSED_REASONS: { value: NotDispensedReason; label: string }[] = [
  { value: "out_of_stock", label: "Out of stock" },
  { value: "declined", label: "Declined by the patient" },
  { value: "bought_elsewhere", label: "Bought elsewhere" },
  { value: "other", label: "Other reason (say why in the note)" },
];

export function reasonLabel(reason: NotDispensedReason): string {
  return NOT_DISPENSED_REASONS.find((r) => r.value === reason)?.label ?? reason;
}

/** "right eye" → "Right eye". */
export function capitalized(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "1 pack", "3 packs". */
export function packs(n: number): string {
  return n === 1 ? "1 pack" : `${n} packs`;
}

/** The lines still to deal with: the only ones the form offers. */
export function openItems(sheet: DispensingSheet): DispensingItem[] {
  return sheet.items.filter((item) => item.status === "open");
}

/** The form as the core proposes it: its batches and packs; a line with no usable stock marked out of stock. */
export function initialDraft(sheet: DispensingSheet): SheetDraft {
  const draft: SheetDraft = {};
  for (const item of openItems(sheet)) {
    const packs: Record<string, number | ""> = {};
    for (const batch of item.offerable) packs[batch.batch_id] = "";
    for (const proposed of item.proposed) packs[proposed.batch_id] = proposed.packs;
    draft[item.item_id] = {
      mode: item.out_of_stock ? "not_dispensed" : "dispense",
      packs,
      otherBatchReason: "",
      notDispensed: item.out_of_stock ? "out_of_stock" : null,
      note: "",
    };
  }
  return draft;
}

const trimmedOrNull = (text: string) => (text.trim() === "" ? null : text.trim());

/** One line of the request, and the batches it names in the order sent (to place errors on their row). */
export interface SentLine {
  itemId: string;
  batchIds: string[];
}

/** The request's items (lines left for later are not sent), with what each names. */
export function dispenseItems(sheet: DispensingSheet, draft: SheetDraft): { items: DispenseItem[]; sent: SentLine[] } {
  const items: DispenseItem[] = [];
  const sent: SentLine[] = [];
  for (const item of openItems(sheet)) {
    const line = draft[item.item_id];
    if (!line || line.mode === "later") continue;
    if (line.mode === "dispense") {
      const batches = item.offerable
        .map((b) => ({ batch_id: b.batch_id, packs: line.packs[b.batch_id] }))
        .filter((b): b is { batch_id: string; packs: number } => typeof b.packs === "number" && b.packs !== 0);
      items.push({ item_id: item.item_id, batches, other_batch_reason: trimmedOrNull(line.otherBatchReason), not_dispensed: null, note: null });
      sent.push({ itemId: item.item_id, batchIds: batches.map((b) => b.batch_id) });
    } else {
      items.push({ item_id: item.item_id, batches: null, other_batch_reason: null, not_dispensed: line.notDispensed, note: trimmedOrNull(line.note) });
      sent.push({ itemId: item.item_id, batchIds: [] });
    }
  }
  return { items, sent };
}

/** Keys of the inline errors on the sheet. */
export const errorKey = {
  line: (itemId: string) => `${itemId}:line`,
  batches: (itemId: string) => `${itemId}:batches`,
  batch: (itemId: string, batchId: string) => `${itemId}:batch:${batchId}`,
  otherBatchReason: (itemId: string) => `${itemId}:other_batch_reason`,
  notDispensed: (itemId: string) => `${itemId}:not_dispensed`,
  note: (itemId: string) => `${itemId}:note`,
};

/**
 * Where the core's error about a dispensing belongs on the sheet (`items.1.batches.0.packs` → that batch's row of
 * that line), or null when it names no line of the form (shown for the whole form).
 */
export function sheetFieldError(error: ApiError, sent: SentLine[]): FieldErrors | null {
  const match = error.field === null ? null : /^items\.(\d+)(?:\.(.+))?$/.exec(error.field);
  if (!match) return null;
  const line = sent[Number(match[1])];
  if (!line) return null;
  const rest = match[2] ?? "";
  const batch = /^batches\.(\d+)\.(packs|batch_id)$/.exec(rest);
  let key: string;
  if (batch) {
    const batchId = line.batchIds[Number(batch[1])];
    key = batchId ? errorKey.batch(line.itemId, batchId) : errorKey.batches(line.itemId);
  } else if (rest === "batches") key = errorKey.batches(line.itemId);
  else if (rest === "other_batch_reason") key = errorKey.otherBatchReason(line.itemId);
  else if (rest === "not_dispensed") key = errorKey.notDispensed(line.itemId);
  else if (rest === "note") key = errorKey.note(line.itemId);
  else key = errorKey.line(line.itemId);
  return { [key]: error.message };
}
