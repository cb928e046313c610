import type { Role } from "../../bindings/Role";

export const ROLES: readonly Role[] = ["admin", "doctor", "optometrist", "receptionist", "pharmacist", "cashier"];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Administrator",
  doctor: "Doctor",
  optometrist: "Optometrist",
  receptionist: "Receptionist",
  pharmacist: "Pharmacist",
  cashier: "Cashier",
};

/** What the role is for, shown next to its checkbox. The core's permission table is the authority. */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: "Staff accounts, clinic settings, audit trail, workstation",
  doctor: "Consultations, clinical records, signing",
  optometrist: "Work-ups and refraction",
  receptionist: "Patient registration and appointments",
  pharmacist: "Dispensing and stock",
  cashier: "Billing and payments",
};

/** Roles that sign clinical documents and so have a clinician profile. */
export const CLINICIAN_ROLES: readonly Role[] = ["doctor", "optometrist"];

export function isClinician(roles: readonly Role[]): boolean {
  return roles.some((role) => CLINICIAN_ROLES.includes(role));
}

/** "Doctor, Administrator", in the order of ROLES. */
export function rolesLabel(roles: readonly Role[]): string {
  return ROLES.filter((role) => roles.includes(role))
    .map((role) => ROLE_LABELS[role])
    .join(", ");
}

/** Up to two initials of a full name, for an avatar. */
export function initials(fullName: string): string {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? "";
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? "") : "";
  return (first + last).toUpperCase() || "?";
}
