// IANA time zones for the clinic's settings.

/** This computer's time zone, e.g. "Europe/Dublin"; "UTC" when unknown. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

let cached: string[] | null = null;

/** Every zone this runtime knows, plus `current` (an alias such as "Asia/Calcutta" may be missing). */
export function timeZoneOptions(current: string): string[] {
  if (cached === null) {
    let zones: string[] = [];
    try {
      zones = Intl.supportedValuesOf("timeZone");
    } catch {
      zones = [];
    }
    cached = zones.includes("UTC") ? zones : [...zones, "UTC"];
  }
  return current !== "" && !cached.includes(current) ? [current, ...cached] : cached;
}
