// Money on the stock screens: integer minor units from the core, shown and typed in the clinic's currency with as
// many decimals as its minor unit has (never assumed to be hundredths).
import { currencyMinorDigits } from "../../lib/currencies";

/** "12.50" for 1250 minor units of a two-digit currency; "1250" for a currency without a minor unit. */
export function formatMinor(minor: number, currency: string): string {
  const digits = currencyMinorDigits(currency);
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  if (digits === 0) return `${sign}${abs}`;
  const factor = 10 ** digits;
  const whole = Math.floor(abs / factor);
  const fraction = String(abs % factor).padStart(digits, "0");
  return `${sign}${whole.toLocaleString("en")}.${fraction}`;
}

/** "EUR 12.50". */
export function money(minor: number, currency: string): string {
  return `${currency} ${formatMinor(minor, currency)}`;
}

/**
 * What was typed in a money box, in minor units: null for an empty box, an error when it is not an amount with at
 * most the currency's decimals. Whether the amount is allowed is the core's to say.
 */
export function parseMinor(text: string, currency: string): { minor: number | null; error: string | null } {
  const t = text.trim().replace(/,/g, "");
  if (t === "") return { minor: null, error: null };
  const digits = currencyMinorDigits(currency);
  const match = /^(-?)(\d{1,12})(?:\.(\d*))?$/.exec(t);
  const fraction = match?.[3] ?? "";
  if (!match || fraction.length > digits) {
    return { minor: null, error: digits === 0 ? "Type a whole amount." : `Type an amount such as ${formatMinor(1250 * 10 ** (digits - 2), currency)}.` };
  }
  const minor = Number(match[2]) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
  return { minor: match[1] === "-" ? -minor : minor, error: null };
}

/** What was typed in a whole-number box: null for empty, an error when it is not a whole number. */
export function parseWhole(text: string, { signed = false }: { signed?: boolean } = {}): { value: number | null; error: string | null } {
  const t = text.trim().replace(/^\+/, "").replace(/^−/, "-");
  if (t === "") return { value: null, error: null };
  if (!(signed ? /^-?\d{1,9}$/ : /^\d{1,9}$/).test(t)) {
    return { value: null, error: signed ? "Type a whole number (negative to take packs out)." : "Type a whole number." };
  }
  return { value: Number(t), error: null };
}

/** A pack size typed as "5" or "3.5" (of its unit), in hundredths as the core stores it. */
export function parseHundredths(text: string): { value: number | null; error: string | null } {
  const t = text.trim().replace(",", ".");
  if (t === "") return { value: null, error: null };
  const match = /^(\d{1,7})(?:\.(\d{0,2}))?$/.exec(t);
  if (!match) return { value: null, error: "Type the pack size as a number, such as 5 or 3.5." };
  return { value: Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0")), error: null };
}

/** Hundredths back to the box: 500 → "5", 350 → "3.5". */
export function hundredthsText(hundredths: number): string {
  const whole = Math.floor(hundredths / 100);
  const fraction = hundredths % 100;
  if (fraction === 0) return String(whole);
  return `${whole}.${String(fraction).padStart(2, "0").replace(/0$/, "")}`;
}

/** Minor units back to the box. */
export function minorText(minor: number | null, currency: string): string {
  return minor === null ? "" : formatMinor(minor, currency).replace(/,/g, "");
}
