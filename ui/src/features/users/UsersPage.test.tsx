// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { ApiError } from "../../api/errors";
import * as ops from "../../api/operations";
import type { User } from "../../bindings/User";
import { renderApp, setupUser } from "../../test/render";
import { UsersPage } from "./UsersPage";

vi.mock("../../api/operations");

function user(overrides: Partial<User> = {}): User {
  return {
    id: "u-admin",
    username: "admin",
    full_name: "Mary O'Connor",
    roles: ["admin", "receptionist"],
    active: true,
    profile: null,
    locked_until: null,
    created_at: "2026-01-05T09:00:00Z",
    updated_at: "2026-01-05T09:00:00Z",
    ...overrides,
  };
}

const okafor = user({
  id: "u-doctor",
  username: "drokafor",
  full_name: "Dr Amara Okafor",
  roles: ["doctor"],
  profile: { specialization: "Glaucoma", licence_number: "IMC 412345", signature_text: null },
  locked_until: "2026-06-15T10:42:00Z",
});
const murphy = user({ id: "u-old", username: "jmurphy", full_name: "John Murphy", roles: ["receptionist"], active: false });

const row = (username: string) => screen.getAllByTestId("user-row").find((r) => r.dataset.username === username) as HTMLElement;

describe("UsersPage", () => {
  let actor = setupUser();
  beforeEach(() => {
    actor = setupUser();
    vi.mocked(ops.listUsers).mockReset().mockResolvedValue([murphy, user(), okafor]);
    vi.mocked(ops.createUser).mockReset();
    vi.mocked(ops.updateUser).mockReset();
    vi.mocked(ops.unlockUser).mockReset();
  });

  it("lists active users first with their roles, status and lockouts, and lifts a lockout", async () => {
    vi.mocked(ops.unlockUser).mockResolvedValue({ ...okafor, locked_until: null });
    renderApp(<UsersPage />, { path: "/admin/users" });

    await waitFor(() => expect(screen.getAllByTestId("user-row")).toHaveLength(3));
    expect(ops.listUsers).toHaveBeenCalledWith(true);
    expect(screen.getAllByTestId("user-row").map((r) => r.dataset.username)).toEqual(["admin", "drokafor", "jmurphy"]);
    expect(within(row("admin")).getByText("Administrator")).toBeInTheDocument();
    expect(within(row("admin")).getByText("You")).toBeInTheDocument();
    expect(within(row("jmurphy")).getByTestId("user-inactive")).toHaveTextContent("Deactivated");
    expect(within(row("drokafor")).getByTestId("user-locked-out")).toHaveTextContent("Locked out");
    expect(within(row("admin")).queryByTestId("unlock-user")).not.toBeInTheDocument();

    await actor.click(within(row("drokafor")).getByTestId("unlock-user"));
    await waitFor(() => expect(ops.unlockUser).toHaveBeenCalledWith("u-doctor"));
  });

  it("says so when there are no users", async () => {
    vi.mocked(ops.listUsers).mockResolvedValue([]);
    renderApp(<UsersPage />, { path: "/admin/users" });
    expect(await screen.findByText("No users yet")).toBeInTheDocument();
  });

  it("adds a user: hints first, clinician profile only for doctors and optometrists, the core's field errors inline", async () => {
    vi.mocked(ops.createUser)
      .mockRejectedValueOnce(new ApiError("validation", "A doctor's licence or registration number is required", "profile.licence_number"))
      .mockRejectedValueOnce(new ApiError("validation", "The username okafor is taken", "username"))
      .mockResolvedValueOnce(okafor);
    renderApp(<UsersPage />, { path: "/admin/users" });

    await actor.click(await screen.findByTestId("add-user"));
    const form = await screen.findByTestId("user-form");
    await actor.click(screen.getByTestId("user-submit"));
    expect(within(form).getByText("Username is required")).toBeInTheDocument();
    expect(within(form).getByText("Full name is required")).toBeInTheDocument();
    expect(within(form).getByText("Choose at least one role")).toBeInTheDocument();
    expect(within(form).getByText("Password is required")).toBeInTheDocument();
    expect(ops.createUser).not.toHaveBeenCalled();

    expect(screen.queryByTestId("user-licence-number")).not.toBeInTheDocument();
    await actor.click(screen.getByTestId("user-role-receptionist"));
    expect(screen.queryByTestId("user-licence-number")).not.toBeInTheDocument();
    await actor.click(screen.getByTestId("user-role-optometrist"));
    expect(screen.getByTestId("user-licence-number")).toBeInTheDocument();
    await actor.click(screen.getByTestId("user-role-optometrist"));
    await actor.click(screen.getByTestId("user-role-receptionist"));
    expect(screen.queryByTestId("clinician-profile")).not.toBeInTheDocument();
    await actor.click(screen.getByTestId("user-role-doctor"));
    expect(screen.getByTestId("user-role-doctor")).toBeChecked();
    expect(screen.getByTestId("user-specialization")).toBeInTheDocument();
    expect(screen.getByTestId("user-signature-text")).toBeInTheDocument();

    await actor.type(screen.getByTestId("user-username"), "okafor");
    await actor.type(screen.getByTestId("user-full-name"), "Dr Amara Okafor");
    await actor.click(screen.getByTestId("user-password"));
    await actor.paste("okafor");
    expect(within(form).getByText("At least 10 characters (6 so far)")).toBeInTheDocument();
    await actor.paste(" sees clearly");
    await actor.type(screen.getByTestId("user-specialization"), "Glaucoma");
    await actor.click(screen.getByTestId("user-submit"));

    expect(await within(form).findByText("A doctor's licence or registration number is required")).toBeInTheDocument();
    expect(screen.getByTestId("user-licence-number")).toHaveAttribute("aria-invalid", "true");
    expect(ops.createUser).toHaveBeenLastCalledWith({
      username: "okafor",
      full_name: "Dr Amara Okafor",
      roles: ["doctor"],
      password: "okafor sees clearly",
      profile: { specialization: "Glaucoma", licence_number: null, signature_text: null },
    });

    await actor.type(screen.getByTestId("user-licence-number"), "IMC 412345");
    expect(within(form).queryByText("A doctor's licence or registration number is required")).not.toBeInTheDocument();
    await actor.click(screen.getByTestId("user-submit"));
    expect(await within(form).findByText("The username okafor is taken")).toBeInTheDocument();
    expect(screen.getByTestId("user-username")).toHaveAttribute("aria-invalid", "true");

    await actor.clear(screen.getByTestId("user-username"));
    await actor.type(screen.getByTestId("user-username"), "drokafor");
    await actor.click(screen.getByTestId("user-submit"));
    await waitFor(() => expect(screen.queryByTestId("user-form")).not.toBeInTheDocument());
    expect(ops.createUser).toHaveBeenLastCalledWith(
      expect.objectContaining({
        username: "drokafor",
        profile: { specialization: "Glaucoma", licence_number: "IMC 412345", signature_text: null },
      }),
    );
  });

  it("edits a user without a password field, and deactivates instead of deleting", async () => {
    vi.mocked(ops.updateUser).mockResolvedValue({ ...okafor, active: false });
    renderApp(<UsersPage />, { path: "/admin/users" });

    await waitFor(() => expect(screen.getAllByTestId("user-row")).toHaveLength(3));
    await actor.click(within(row("drokafor")).getByTestId("edit-user"));
    await screen.findByTestId("user-form");
    expect(screen.getByTestId("user-username")).toHaveTextContent("drokafor");
    expect(screen.queryByTestId("user-password")).not.toBeInTheDocument();
    expect(screen.getByTestId("user-full-name")).toHaveValue("Dr Amara Okafor");
    expect(screen.getByTestId("user-licence-number")).toHaveValue("IMC 412345");
    expect(screen.getByTestId("user-active")).toBeChecked();

    await actor.click(screen.getByTestId("user-active"));
    await actor.click(screen.getByTestId("user-submit"));
    await waitFor(() =>
      expect(ops.updateUser).toHaveBeenCalledWith({
        id: "u-doctor",
        full_name: "Dr Amara Okafor",
        roles: ["doctor"],
        active: false,
        profile: { specialization: "Glaucoma", licence_number: "IMC 412345", signature_text: null },
      }),
    );
  });

  it("does not let administrators deactivate themselves", async () => {
    renderApp(<UsersPage />, { path: "/admin/users" });
    await waitFor(() => expect(screen.getAllByTestId("user-row")).toHaveLength(3));
    await actor.click(within(row("admin")).getByTestId("edit-user"));
    expect(await screen.findByTestId("user-active")).toBeDisabled();
    expect(screen.getByText("You cannot deactivate your own account.")).toBeInTheDocument();
  });
});
