// The staff account form, as pure functions: values, hints, and the requests sent to the core.
import type { ClinicianProfile } from "../../bindings/ClinicianProfile";
import type { CreateUserRequest } from "../../bindings/CreateUserRequest";
import type { Role } from "../../bindings/Role";
import type { UpdateUserRequest } from "../../bindings/UpdateUserRequest";
import type { User } from "../../bindings/User";
import type { FieldErrors } from "../../lib/formErrors";
import { normalizeFieldPath } from "../../lib/formErrors";
import { passwordHint } from "../auth/passwords";
import { isClinician, ROLES } from "./roles";

export interface UserFormValues {
  username: string;
  full_name: string;
  roles: Role[];
  /** Only when adding a user; an existing user's password is changed with "Reset password". */
  password: string;
  active: boolean;
  specialization: string;
  licence_number: string;
  signature_text: string;
}

export type UserFormMode = "create" | "edit";

/** In the order of the form: the first invalid one gets the cursor. */
export const USER_FIELDS = [
  "username",
  "full_name",
  "roles",
  "password",
  "active",
  "specialization",
  "licence_number",
  "signature_text",
] as const;

export function isUserField(field: string): boolean {
  return (USER_FIELDS as readonly string[]).includes(field);
}

/** A core field path as the form names it: `profile.licence_number` → `licence_number`. */
export function userFieldFromPath(path: string): string {
  return normalizeFieldPath(path).replace(/^(profile|user)\./, "");
}

export const emptyUserForm: UserFormValues = {
  username: "",
  full_name: "",
  roles: [],
  password: "",
  active: true,
  specialization: "",
  licence_number: "",
  signature_text: "",
};

export function userToForm(user: User): UserFormValues {
  return {
    username: user.username,
    full_name: user.full_name,
    roles: [...user.roles],
    password: "",
    active: user.active,
    specialization: user.profile?.specialization ?? "",
    licence_number: user.profile?.licence_number ?? "",
    signature_text: user.profile?.signature_text ?? "",
  };
}

/** Adds or removes a role, keeping the order of ROLES. */
export function toggleRole(roles: readonly Role[], role: Role, on: boolean): Role[] {
  const next = on ? [...roles, role] : roles.filter((r) => r !== role);
  return ROLES.filter((r) => next.includes(r));
}

export function userFormHints(values: UserFormValues, mode: UserFormMode): FieldErrors {
  const hints: FieldErrors = {};
  if (mode === "create" && values.username.trim() === "") hints.username = "Username is required";
  if (values.full_name.trim() === "") hints.full_name = "Full name is required";
  if (values.roles.length === 0) hints.roles = "Choose at least one role";
  if (mode === "create") {
    const password = passwordHint(values.password, values.username);
    if (password) hints.password = password;
  }
  return hints;
}

const blankToNull = (text: string) => (text.trim() === "" ? null : text.trim());

/** The clinician profile for doctors and optometrists; null for everyone else. */
export function toProfile(values: UserFormValues): ClinicianProfile | null {
  if (!isClinician(values.roles)) return null;
  return {
    specialization: blankToNull(values.specialization),
    licence_number: blankToNull(values.licence_number),
    signature_text: blankToNull(values.signature_text),
  };
}

export function toCreateRequest(values: UserFormValues): CreateUserRequest {
  return {
    username: values.username.trim(),
    full_name: values.full_name.trim(),
    roles: values.roles,
    password: values.password,
    profile: toProfile(values),
  };
}

export function toUpdateRequest(id: string, values: UserFormValues): UpdateUserRequest {
  return {
    id,
    full_name: values.full_name.trim(),
    roles: values.roles,
    active: values.active,
    profile: toProfile(values),
  };
}
