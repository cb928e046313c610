// Currencies a clinic is likely to bill in, as ISO 4217 codes, and a sensible default for this computer.

export const COMMON_CURRENCIES: readonly string[] = [
  "EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "ISK", "PLN", "CZK", "HUF", "RON", "BGN", "RSD", "TRY", "UAH",
  "CAD", "AUD", "NZD", "JPY", "CNY", "HKD", "SGD", "KRW", "INR", "PKR", "BDT", "LKR", "NPR", "IDR", "MYR", "THB",
  "PHP", "VND", "AED", "SAR", "QAR", "KWD", "BHD", "OMR", "JOD", "ILS", "EGP", "MAD", "TND", "DZD", "NGN", "GHS",
  "KES", "UGX", "TZS", "RWF", "ETB", "ZAR", "XOF", "XAF", "BRL", "MXN", "ARS", "CLP", "COP", "PEN",
];

const EURO_AREA = ["AT", "BE", "CY", "DE", "EE", "ES", "FI", "FR", "GR", "HR", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PT", "SI", "SK"];
const CFA_WEST = ["BJ", "BF", "CI", "GW", "ML", "NE", "SN", "TG"];
const CFA_CENTRAL = ["CM", "CF", "TD", "CG", "GQ", "GA"];

const BY_REGION: Record<string, string> = {
  ...Object.fromEntries(EURO_AREA.map((region) => [region, "EUR"])),
  ...Object.fromEntries(CFA_WEST.map((region) => [region, "XOF"])),
  ...Object.fromEntries(CFA_CENTRAL.map((region) => [region, "XAF"])),
  US: "USD", GB: "GBP", CH: "CHF", LI: "CHF", SE: "SEK", NO: "NOK", DK: "DKK", IS: "ISK", PL: "PLN", CZ: "CZK",
  HU: "HUF", RO: "RON", BG: "BGN", RS: "RSD", TR: "TRY", UA: "UAH", CA: "CAD", AU: "AUD", NZ: "NZD", JP: "JPY",
  CN: "CNY", HK: "HKD", SG: "SGD", KR: "KRW", IN: "INR", PK: "PKR", BD: "BDT", LK: "LKR", NP: "NPR", ID: "IDR",
  MY: "MYR", TH: "THB", PH: "PHP", VN: "VND", AE: "AED", SA: "SAR", QA: "QAR", KW: "KWD", BH: "BHD", OM: "OMR",
  JO: "JOD", IL: "ILS", EG: "EGP", MA: "MAD", TN: "TND", DZ: "DZD", NG: "NGN", GH: "GHS", KE: "KES", UG: "UGX",
  TZ: "TZS", RW: "RWF", ET: "ETB", ZA: "ZAR", BR: "BRL", MX: "MXN", AR: "ARS", CL: "CLP", CO: "COP", PE: "PEN",
};

/** The currency of the region in a BCP 47 locale such as "en-IE" (or "fr", taken as France); "EUR" when unknown. */
export function currencyForLocale(locale: string | undefined): string {
  if (!locale) return "EUR";
  try {
    const region = new Intl.Locale(locale).maximize().region;
    return (region && BY_REGION[region]) || "EUR";
  } catch {
    return "EUR";
  }
}

/** "EUR — Euro"; just the code where the name is not known. */
export function currencyLabel(code: string): string {
  try {
    const name = new Intl.DisplayNames(["en"], { type: "currency" }).of(code);
    return name && name !== code ? `${code} — ${name}` : code;
  } catch {
    return code;
  }
}

/** Select options: the common currencies, plus `current` if it is another one. */
export function currencyOptions(current: string): { value: string; label: string }[] {
  const codes = current !== "" && !COMMON_CURRENCIES.includes(current) ? [current, ...COMMON_CURRENCIES] : COMMON_CURRENCIES;
  return codes.map((code) => ({ value: code, label: currencyLabel(code) }));
}

/** Digits after the decimal point in `code`'s minor unit (2 for EUR, 0 for JPY, 3 for KWD); 2 when unknown. */
export function currencyMinorDigits(code: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}
