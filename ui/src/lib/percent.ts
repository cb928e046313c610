// Rates the core keeps in basis points (1800 = 18 %), typed and shown as percentages.

/** "18" or "18.5" (or "18.25 %") in basis points: null for an empty box, an error when it is not a percentage. */
export function parsePercentBp(text: string): { bp: number | null; error: string | null } {
  const t = text.trim().replace(/\s*%$/, "").replace(",", ".");
  if (t === "") return { bp: null, error: null };
  const match = /^(\d{1,5})(?:\.(\d{0,2}))?$/.exec(t);
  if (!match) return { bp: null, error: "Type a percentage such as 18 or 12.5." };
  return { bp: Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0")), error: null };
}

/** Basis points back to the box: 1800 → "18", 1250 → "12.5", 5 → "0.05". */
export function bpText(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const fraction = Math.abs(bp % 100);
  if (fraction === 0) return String(whole);
  return `${whole}.${String(fraction).padStart(2, "0").replace(/0$/, "")}`;
}

/** "18 %". */
export function percent(bp: number): string {
  return `${bpText(bp)} %`;
}
