// The workstation code prefixes every number this workstation issues (MRN R1-000042).

/** What people type, as the core stores it: trimmed and upper-case. */
export function normalizeWorkstationCode(text: string): string {
  return text.trim().toUpperCase();
}

/** Hint mirroring the core's rule: 1–4 letters or digits, starting with a letter. */
export function workstationCodeHint(text: string): string | null {
  const code = normalizeWorkstationCode(text);
  if (code === "") return "Workstation code is required";
  if (code.length > 4) return "At most 4 characters";
  if (!/^[A-Z]/.test(code)) return "Start with a letter, e.g. R1";
  if (!/^[A-Z][A-Z0-9]*$/.test(code)) return "Use only letters and digits";
  return null;
}
