import { describe, expect, it } from "vitest";

import { emptyUserForm, toCreateRequest, toggleRole, toUpdateRequest, userFieldFromPath, userFormHints } from "./userForm";

describe("user form", () => {
  it("keeps roles in a fixed order whatever order they were ticked in", () => {
    expect(toggleRole(toggleRole([], "receptionist", true), "admin", true)).toEqual(["admin", "receptionist"]);
    expect(toggleRole(["admin", "receptionist"], "admin", false)).toEqual(["receptionist"]);
  });

  it("sends a clinician profile only for doctors and optometrists, blanks as null", () => {
    const values = { ...emptyUserForm, username: " rita ", full_name: " Rita Byrne ", roles: toggleRole([], "receptionist", true), password: "front desk 2026", specialization: "left over" };
    expect(toCreateRequest(values)).toEqual({
      username: "rita",
      full_name: "Rita Byrne",
      roles: ["receptionist"],
      password: "front desk 2026",
      profile: null,
    });
    const optometrist = { ...values, roles: toggleRole(values.roles, "optometrist", true), licence_number: " OP 1 " };
    expect(toUpdateRequest("u1", optometrist)).toEqual({
      id: "u1",
      full_name: "Rita Byrne",
      roles: ["optometrist", "receptionist"],
      active: true,
      profile: { specialization: "left over", licence_number: "OP 1", signature_text: null },
    });
  });

  it("asks for a password only when adding, and not the username as password", () => {
    const values = { ...emptyUserForm, username: "receptionist", full_name: "R", roles: toggleRole([], "receptionist", true) };
    expect(userFormHints({ ...values, password: "Receptionist" }, "create").password).toBe("The password must not be the username");
    expect(userFormHints(values, "edit")).toEqual({});
  });

  it("names the core's profile fields as the form does", () => {
    expect(userFieldFromPath("profile.licence_number")).toBe("licence_number");
    expect(userFieldFromPath("username")).toBe("username");
  });
});
