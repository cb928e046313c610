import type { Sex } from "../../bindings/Sex";
import { describeAgeIso } from "../../lib/dates";

interface Named {
  first_name: string;
  last_name: string;
}

/** "Ana Ruiz": how a person is addressed (page titles, notifications). */
export function displayName(patient: Named): string {
  return `${patient.first_name} ${patient.last_name}`.trim();
}

/** "Ruiz, Ana": how a list of patients is read and sorted by eye. */
export function listName(patient: Named): string {
  return `${patient.last_name}, ${patient.first_name}`;
}

export const SEX_LABELS: Record<Sex, string> = {
  female: "Female",
  male: "Male",
  other: "Other",
  unknown: "Unknown",
};

/** Age as a person would say it; small children in months. Falls back to the core's whole years. */
export function ageLabel(dateOfBirth: string, ageYears: number, today: string): string {
  return describeAgeIso(dateOfBirth, today) ?? `${ageYears} ${ageYears === 1 ? "year" : "years"}`;
}

/** The phone worth showing in a list: the one matching a phone search, else the first. */
export function phoneToShow(phones: string[], query: string): string | null {
  const digits = query.replace(/\D/g, "");
  if (digits.length >= 4) {
    const match = phones.find((phone) => phone.replace(/\D/g, "").includes(digits));
    if (match) return match;
  }
  return phones[0] ?? null;
}
