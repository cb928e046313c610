// The cash drawer counted by notes and coins. The values offered are the usual ones for a currency with that many
// decimals; the cashier adds any other. The sum shown is what the count comes to, for the cashier to see as they
// type: the core adds the notes up again and records its own figure.
import { currencyMinorDigits } from "../../lib/currencies";
import { parseMinor, parseWhole } from "../stock/money";

/** A row of the count: a value (typed for an added row) and how many of it. */
export interface NoteRow {
  key: string;
  /** The value as typed ("20.00"), or fixed for an offered value. */
  value: string;
  count: string;
  custom: boolean;
}

/** Usual note and coin values, in minor units, largest first. */
export function usualValues(currency: string): number[] {
  const digits = currencyMinorDigits(currency);
  if (digits === 0) return [50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50];
  const major = [500, 200, 100, 50, 20, 10, 5, 2, 1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01];
  return major.map((v) => Math.round(v * 10 ** digits)).filter((v) => v >= 1);
}

/** One counted row, read: null value or count when the box is empty; an error when it is not a number. */
export function readRow(row: NoteRow, currency: string): { valueMinor: number | null; count: number | null; valueError: string | null; countError: string | null } {
  const value = parseMinor(row.value, currency);
  const count = parseWhole(row.count);
  return { valueMinor: value.minor, count: count.value, valueError: value.error, countError: count.error };
}

/** What the rows come to (rows not yet readable count for nothing). */
export function notesTotal(rows: readonly NoteRow[], currency: string): number {
  let sum = 0;
  for (const row of rows) {
    const { valueMinor, count } = readRow(row, currency);
    if (valueMinor !== null && count !== null) sum += valueMinor * count;
  }
  return sum;
}
