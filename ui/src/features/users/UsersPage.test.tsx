// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import * as ops from "../../api/operations";
import type { AppInfo } from "../../bindings/AppInfo";
import type { CurrentUser } from "../../bindings/CurrentUser";
import { DEMO_PASSWORD, signInAs } from "../../test/demoClinic";
import { renderApp, setupUser } from "../../test/render";
import { UsersPage } from "./UsersPage";

const row = (username: string) => screen.getAllByTestId("user-row").find((r) => r.dataset.username === username) as HTMLElement;

let admin: { user: CurrentUser; info: AppInfo };

beforeAll(async () => {
  admin = await signInAs("admin");
  // A former receptionist, deactivated rather than deleted.
  const murphy = await ops.createUser({
    username: "jmurphy",
    full_name: "John Murphy",
    roles: ["receptionist"],
    password: "an old front desk password",
    profile: null,
  });
  await ops.updateUser({ id: murphy.id, full_name: murphy.full_name, roles: murphy.roles, active: false, profile: null });
  // The optometrist mistypes their password until the core locks the name out.
  for (let i = 0; i < 5; i++) await ops.signIn({ username: "optom", password: "not the password" }).catch(() => undefined);
  admin = await signInAs("admin");
});

describe("UsersPage", () => {
  let actor = setupUser();
  beforeEach(() => {
    actor = setupUser();
  });

  it("lists active users first with their roles, status and lockouts, and lifts a lockout", async () => {
    renderApp(<UsersPage />, { ...admin, path: "/admin/users" });

    await waitFor(() => expect(screen.getAllByTestId("user-row")).toHaveLength(7));
    const order = screen.getAllByTestId("user-row").map((r) => r.dataset.username);
    expect(order[order.length - 1]).toBe("jmurphy");
    expect(within(row("admin")).getByText("Administrator")).toBeInTheDocument();
    expect(within(row("admin")).getByText("You")).toBeInTheDocument();
    expect(within(row("doctor")).getByText("Doctor")).toBeInTheDocument();
    expect(within(row("jmurphy")).getByTestId("user-inactive")).toHaveTextContent("Deactivated");
    expect(within(row("optom")).getByTestId("user-locked-out")).toHaveTextContent("Locked out");
    expect(within(row("doctor")).queryByTestId("user-locked-out")).not.toBeInTheDocument();
    expect(within(row("admin")).queryByTestId("unlock-user")).not.toBeInTheDocument();

    await actor.click(within(row("optom")).getByTestId("unlock-user"));
    await waitFor(() => expect(within(row("optom")).queryByTestId("user-locked-out")).not.toBeInTheDocument());
    // The core lifted it: the optometrist signs in again at once.
    await expect(ops.signIn({ username: "optom", password: DEMO_PASSWORD })).resolves.toMatchObject({ username: "optom" });
    admin = await signInAs("admin");
  });

  it("adds a user: hints first, clinician profile only for doctors and optometrists, the core's field errors inline", async () => {
    renderApp(<UsersPage />, { ...admin, path: "/admin/users" });

    await actor.click(await screen.findByTestId("add-user"));
    const form = await screen.findByTestId("user-form");
    await actor.click(screen.getByTestId("user-submit"));
    expect(within(form).getByText("Username is required")).toBeInTheDocument();
    expect(within(form).getByText("Full name is required")).toBeInTheDocument();
    expect(within(form).getByText("Choose at least one role")).toBeInTheDocument();
    expect(within(form).getByText("Password is required")).toBeInTheDocument();

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

    // The demo clinic already has a `doctor`: the core refuses the name, and the form says so at the field.
    await actor.type(screen.getByTestId("user-username"), "doctor");
    await actor.type(screen.getByTestId("user-full-name"), "Dr Kwame Mensah");
    await actor.click(screen.getByTestId("user-password"));
    await actor.paste("mensah");
    expect(within(form).getByText("At least 10 characters (6 so far)")).toBeInTheDocument();
    await actor.paste(" sees clearly");
    await actor.type(screen.getByTestId("user-specialization"), "Glaucoma");
    await actor.type(screen.getByTestId("user-licence-number"), "IMC 412345");
    await actor.click(screen.getByTestId("user-submit"));
    expect(await within(form).findByText("The username doctor is taken.")).toBeInTheDocument();
    expect(screen.getByTestId("user-username")).toHaveAttribute("aria-invalid", "true");

    await actor.clear(screen.getByTestId("user-username"));
    await actor.type(screen.getByTestId("user-username"), "drmensah");
    await actor.click(screen.getByTestId("user-submit"));
    await waitFor(() => expect(screen.queryByTestId("user-form")).not.toBeInTheDocument());
    expect(await screen.findByText("Dr Kwame Mensah")).toBeInTheDocument();
    const created = (await ops.listUsers(true)).find((u) => u.username === "drmensah");
    expect(created).toMatchObject({
      full_name: "Dr Kwame Mensah",
      roles: ["doctor"],
      active: true,
      profile: { specialization: "Glaucoma", licence_number: "IMC 412345", signature_text: null },
    });
    // With the password typed in the form.
    await expect(ops.signIn({ username: "drmensah", password: "mensah sees clearly" })).resolves.toMatchObject({ username: "drmensah" });
    admin = await signInAs("admin");
  });

  it("edits a user without a password field, and deactivates instead of deleting", async () => {
    renderApp(<UsersPage />, { ...admin, path: "/admin/users" });

    await waitFor(() => expect(screen.getAllByTestId("user-row").length).toBeGreaterThanOrEqual(7));
    await actor.click(within(row("doctor")).getByTestId("edit-user"));
    await screen.findByTestId("user-form");
    expect(screen.getByTestId("user-username")).toHaveTextContent("doctor");
    expect(screen.queryByTestId("user-password")).not.toBeInTheDocument();
    expect(screen.getByTestId("user-full-name")).toHaveValue("Dr Amara Okafor");
    expect(screen.getByTestId("user-active")).toBeChecked();

    await actor.click(screen.getByTestId("user-active"));
    await actor.click(screen.getByTestId("user-submit"));
    await waitFor(() => expect(within(row("doctor")).getByTestId("user-inactive")).toHaveTextContent("Deactivated"));
    const doctor = (await ops.listUsers(true)).find((u) => u.username === "doctor");
    expect(doctor).toMatchObject({ active: false, full_name: "Dr Amara Okafor", roles: ["doctor"] });
    // A deactivated account cannot sign in.
    await expect(ops.signIn({ username: "doctor", password: DEMO_PASSWORD })).rejects.toMatchObject({ message: "Wrong username or password." });
    admin = await signInAs("admin");
  });

  it("does not let administrators deactivate themselves", async () => {
    renderApp(<UsersPage />, { ...admin, path: "/admin/users" });
    await waitFor(() => expect(screen.getAllByTestId("user-row").length).toBeGreaterThanOrEqual(7));
    await actor.click(within(row("admin")).getByTestId("edit-user"));
    expect(await screen.findByTestId("user-active")).toBeDisabled();
    expect(screen.getByText("You cannot deactivate your own account.")).toBeInTheDocument();
  });
});
