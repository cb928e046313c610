// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent, { PointerEventsCheckLevel } from "@testing-library/user-event";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { ApiError } from "../api/errors";
import * as ops from "../api/operations";
import { sessionToken, setSessionToken } from "../api/session";
import type { AppInfo } from "../bindings/AppInfo";
import type { CurrentUser } from "../bindings/CurrentUser";
import { defaultClinicForm } from "../features/settings/clinicForm";
import { DEMO_PASSWORD, freshClinic, signInAs } from "../test/demoClinic";
import { failNextCall } from "../test/faults";
import { currentPath, renderApp, setupUser } from "../test/render";
import { App } from "./App";
import { AppLayout } from "./AppLayout";
import { createQueryClient, Providers } from "./Providers";

function renderRoot() {
  const client = createQueryClient();
  return {
    ...render(
      <Providers client={client} env="test">
        <App />
      </Providers>,
    ),
    client,
  };
}

/** How a call the test makes itself is answered: its error code, or "ok". */
async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (reason) {
    return (reason as ApiError).code;
  }
}

/**
 * Does `work` as the demo administrator, as if at another desk, then gives the window its own session back: the
 * session the app holds stays exactly as it was, unless `work` changes it in the core.
 */
async function meanwhileAsAdmin(work: (admin: CurrentUser) => Promise<void>): Promise<void> {
  const windowSession = sessionToken();
  try {
    const { user } = await signInAs("admin");
    await work(user);
  } finally {
    if (windowSession !== null) setSessionToken(windowSession);
  }
}

beforeEach(() => {
  window.location.hash = "";
});

afterEach(() => {
  vi.useRealTimers();
});

describe("first start", () => {
  it("shows only the setup screen, shows field errors inline, then asks the new administrator to sign in", async () => {
    await freshClinic({ empty: true });
    const user = setupUser();
    renderRoot();

    expect(await screen.findByTestId("setup-form")).toBeInTheDocument();
    expect(screen.queryByTestId("app-header")).not.toBeInTheDocument();
    expect(screen.getByTestId("setup-workstation-code")).toHaveValue("R1");

    await user.click(screen.getByTestId("setup-submit"));
    expect(await screen.findByText("Clinic name is required")).toBeInTheDocument();
    expect(screen.getByText("Username is required")).toBeInTheDocument();
    expect(screen.getByText("Password is required")).toBeInTheDocument();
    // Had the form asked the core, its answer ("Enter the clinic's name.") would stand on the field instead.
    await new Promise((later) => setTimeout(later, 300));
    expect(screen.queryByText("Enter the clinic's name.")).not.toBeInTheDocument();
    expect(screen.getByText("Clinic name is required")).toBeInTheDocument();
    expect((await ops.getAppInfo()).setup_done).toBe(false);

    // Pasted rather than typed key by key: the form is long and jsdom slow.
    const fill = async (testId: string, text: string) => {
      await user.click(screen.getByTestId(testId));
      await user.paste(text);
    };
    await fill("setup-clinic-name", "Riverside Eye Clinic");
    // The form only asks for a username; the core knows what one may hold.
    await fill("setup-admin-username", "Mary O'Connor");
    await fill("setup-admin-name", "Mary O'Connor");
    await fill("setup-admin-password", "too short");
    await fill("setup-admin-password-confirm", "too shirt");
    expect(screen.getByText("At least 10 characters (9 so far)")).toBeInTheDocument();
    expect(screen.getByText("The two passwords are not the same")).toBeInTheDocument();

    await user.clear(screen.getByTestId("setup-admin-password"));
    await fill("setup-admin-password", "correct horse battery");
    await user.clear(screen.getByTestId("setup-admin-password-confirm"));
    await fill("setup-admin-password-confirm", "correct horse battery");
    await user.click(screen.getByTestId("setup-demo"));
    await user.click(screen.getByTestId("setup-submit"));
    const refusal = "Use 3 to 32 letters, digits, dots, dashes or underscores, starting with a letter.";
    expect(await screen.findByText(refusal)).toBeInTheDocument();
    expect(screen.getByTestId("setup-admin-username")).toHaveAttribute("aria-invalid", "true");
    await waitFor(() => expect(screen.getByTestId("setup-admin-username")).toHaveFocus());
    expect((await ops.getAppInfo()).setup_done).toBe(false);

    await user.clear(screen.getByTestId("setup-admin-username"));
    expect(screen.queryByText(refusal)).not.toBeInTheDocument();
    await user.type(screen.getByTestId("setup-admin-username"), "mary");
    await user.clear(screen.getByTestId("setup-workstation-code"));
    await user.type(screen.getByTestId("setup-workstation-code"), "r2");
    await user.click(screen.getByTestId("setup-submit"));

    // Not signed in automatically: the sign-in screen, with the new username filled in.
    expect(await screen.findByTestId("signin-form", {}, { timeout: 25_000 })).toBeInTheDocument();
    expect(screen.getByTestId("signin-username")).toHaveValue("mary");
    expect(screen.getByTestId("signin-password")).toHaveFocus();
    expect(screen.queryByTestId("app-header")).not.toBeInTheDocument();
    expect(await outcome(ops.getSession())).toBe("unauthenticated");

    // What the core stored: the clinic, this workstation, the administrator and the demo clinic.
    const info = await ops.getAppInfo();
    expect(info).toMatchObject({ setup_done: true, clinic_name: "Riverside Eye Clinic", workstation_code: "R2" });
    expect(screen.getByTestId("signin-clinic")).toHaveTextContent("Riverside Eye Clinic · Workstation R2");
    const mary = await ops.signIn({ username: "mary", password: "correct horse battery" });
    expect(mary).toMatchObject({ full_name: "Mary O'Connor", roles: ["admin"] });
    const defaults = defaultClinicForm();
    expect(await ops.getSettings()).toEqual({
      clinic_name: "Riverside Eye Clinic",
      address: null,
      phone: null,
      registration: null,
      currency: defaults.currency,
      time_zone: defaults.time_zone,
      date_format: "DMY",
      paper_size: "A4",
      idle_lock_minutes: 10,
      session_hours: 12,
    });
    const recent = await ops.searchPatients({ query: "", limit: 200, include_archived: true });
    expect(recent.results).toHaveLength(200);
    expect(recent.results.every((p) => p.mrn.startsWith("R2-"))).toBe(true);
    // The demo staff share the administrator's password.
    expect((await ops.signIn({ username: "doctor", password: "correct horse battery" })).roles).toEqual(["doctor"]);
  });

  it("shows why the app could not start", async () => {
    await freshClinic();
    failNextCall("app.info", "storage", "database is newer than this version of Fovea");
    renderRoot();
    expect(await screen.findByText("Fovea could not start")).toBeInTheDocument();
    expect(screen.getByText("database is newer than this version of Fovea")).toBeInTheDocument();

    // Trying again asks the core, which answers.
    await setupUser().click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByTestId("signin-form")).toBeInTheDocument();
  });
});

describe("signing in", () => {
  beforeEach(async () => {
    await freshClinic();
  });

  it("shows the core's refusal above the form, then opens the app for the signed-in user", async () => {
    const user = setupUser();
    const info = await ops.getAppInfo();
    renderRoot();

    const username = await screen.findByTestId("signin-username");
    expect(username).toHaveFocus();
    const clinic = `${info.clinic_name} · Workstation ${info.workstation_code}`;
    expect(screen.getByTestId("signin-clinic")).toHaveTextContent(clinic);
    expect(screen.queryByTestId("app-header")).not.toBeInTheDocument();

    await user.type(username, "reception");
    await user.type(screen.getByTestId("signin-password"), "wrong password{Enter}");
    expect(await screen.findByTestId("signin-error")).toHaveTextContent("Wrong username or password.");
    expect(screen.getByTestId("signin-password")).toHaveValue("");
    expect(await outcome(ops.getSession())).toBe("unauthenticated");

    await user.type(screen.getByTestId("signin-password"), `${DEMO_PASSWORD}{Enter}`);
    expect(await screen.findByTestId("app-header")).toBeInTheDocument();
    expect(screen.getByTestId("user-menu")).toHaveTextContent("Lucía Fernández");
    expect(screen.getByTestId("user-menu")).toHaveTextContent("Receptionist");
    expect(await screen.findByTestId("patient-search")).toBeInTheDocument();
    expect(screen.queryByTestId("signin-form")).not.toBeInTheDocument();
    expect((await ops.getSession()).username).toBe("reception");

    // The trail has the refused attempt under the username typed.
    await meanwhileAsAdmin(async () => {
      const { entries } = await ops.searchAudit({ patient_id: null, user_id: null, from: null, to: null, limit: 50 });
      const refused = entries.find((e) => e.operation === "auth.sign_in" && e.outcome === "failed");
      expect(refused).toMatchObject({ username: "reception", detail: "wrong username or password" });
    });
  });

  it("goes back to sign-in when any call finds the session gone", async () => {
    const user = setupUser();
    const { user: reception } = await signInAs("reception");
    const { client } = renderRoot();
    await screen.findAllByTestId("patient-row");
    await waitFor(() => expect(client.isFetching()).toBe(0));

    // An administrator sets a new password for the receptionist elsewhere: the core ends her sessions.
    await meanwhileAsAdmin(() => ops.resetPassword(reception.id, DEMO_PASSWORD));
    await user.type(screen.getByTestId("patient-search"), "quintanilla");

    expect(await screen.findByTestId("signin-form")).toBeInTheDocument();
    expect(screen.getByText("Your session has ended. Please sign in again.")).toBeInTheDocument();
    expect(screen.queryByTestId("app-header")).not.toBeInTheDocument();
  });

  it("shows the lock screen when a call finds the session locked", async () => {
    const user = setupUser();
    await signInAs("reception");
    const { client } = renderRoot();
    await screen.findAllByTestId("patient-row");
    await waitFor(() => expect(client.isFetching()).toBe(0));

    // The core locked the session (as it does after the idle time without calls); the window has not noticed yet.
    await ops.lockSession();
    await user.type(screen.getByTestId("patient-search"), "quintanilla");

    expect(await screen.findByTestId("lock-screen")).toBeInTheDocument();
    expect(within(screen.getByTestId("lock-screen")).getByText("Lucía Fernández")).toBeInTheDocument();
    expect(screen.getByTestId("app-header")).toBeInTheDocument(); // still there, underneath
  });

  it("signs out from the user menu", async () => {
    const user = setupUser();
    await signInAs("reception");
    const session = sessionToken();
    renderRoot();

    await user.click(await screen.findByTestId("user-menu"));
    await user.click(await screen.findByTestId("sign-out"));
    expect(await screen.findByTestId("signin-form")).toBeInTheDocument();
    // The core ended the session: its token no longer works.
    if (session !== null) setSessionToken(session);
    await waitFor(async () => expect(await outcome(ops.getSession())).toBe("unauthenticated"));
  });
});

describe("the lock screen", () => {
  beforeEach(async () => {
    await freshClinic();
  });

  it("locks after the configured idle minutes and keeps half-typed work for the same user", async () => {
    await signInAs("admin");
    await ops.updateSettings({ ...(await ops.getSettings()), idle_lock_minutes: 5 });
    const reception = await signInAs("reception");
    expect(reception.user.idle_lock_minutes).toBe(5);
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({
      advanceTimers: vi.advanceTimersByTime,
      pointerEventsCheck: PointerEventsCheckLevel.Never,
    });
    renderRoot();

    await user.click(await screen.findByTestId("register-patient"));
    await user.type(await screen.findByTestId("first_name"), "Ana");

    await act(() => vi.advanceTimersByTimeAsync(4 * 60_000 + 50_000));
    expect(screen.queryByTestId("lock-screen")).not.toBeInTheDocument();
    expect(await outcome(ops.getSession())).toBe("ok");

    await act(() => vi.advanceTimersByTimeAsync(20_000));
    expect(await screen.findByTestId("lock-screen")).toBeInTheDocument();
    // The window told the core: the session is locked there too.
    await waitFor(async () => expect(await outcome(ops.getSession())).toBe("locked"));
    expect(screen.getByTestId("first_name")).toHaveValue("Ana"); // mounted under the lock screen

    await user.type(screen.getByTestId("unlock-password"), "oops{Enter}");
    expect(await screen.findByText("Wrong username or password.")).toBeInTheDocument();
    expect(screen.getByTestId("lock-screen")).toBeInTheDocument();
    expect(await outcome(ops.getSession())).toBe("locked");

    await user.type(screen.getByTestId("unlock-password"), DEMO_PASSWORD);
    await user.click(screen.getByTestId("unlock-submit"));
    await waitFor(() => expect(screen.queryByTestId("lock-screen")).not.toBeInTheDocument());
    expect(await outcome(ops.getSession())).toBe("ok");
    expect(screen.getByTestId("first_name")).toHaveValue("Ana");
  });

  it("gives a different user a fresh app: the previous user's unsaved form is gone", async () => {
    const user = setupUser();
    await signInAs("reception");
    renderRoot();

    await user.click(await screen.findByTestId("register-patient"));
    await user.type(await screen.findByTestId("first_name"), "Ana");
    await user.click(screen.getByTestId("lock-now"));
    expect(await screen.findByTestId("lock-screen")).toBeInTheDocument();
    await waitFor(async () => expect(await outcome(ops.getSession())).toBe("locked"));

    await user.click(screen.getByTestId("switch-user"));
    await user.type(screen.getByTestId("signin-username"), "doctor");
    await user.type(screen.getByTestId("signin-password"), `${DEMO_PASSWORD}{Enter}`);

    await waitFor(() => expect(screen.queryByTestId("lock-screen")).not.toBeInTheDocument());
    expect((await ops.getSession()).username).toBe("doctor");
    expect(screen.getByTestId("user-menu")).toHaveTextContent("Dr Amara Okafor");
    expect(screen.queryByTestId("patient-form")).not.toBeInTheDocument();
    await user.click(await screen.findByTestId("register-patient"));
    expect(await screen.findByTestId("first_name")).toHaveValue("");
  });

  it("keeps the work when the same user signs in again from the lock screen", async () => {
    const user = setupUser();
    await signInAs("reception");
    renderRoot();

    await user.click(await screen.findByTestId("register-patient"));
    await user.type(await screen.findByTestId("first_name"), "Ana");
    await user.click(screen.getByTestId("user-menu"));
    await user.click(await screen.findByTestId("menu-switch-user"));
    await user.type(await screen.findByTestId("signin-username"), "reception");
    await user.type(screen.getByTestId("signin-password"), `${DEMO_PASSWORD}{Enter}`);

    await waitFor(() => expect(screen.queryByTestId("lock-screen")).not.toBeInTheDocument());
    expect(screen.getByTestId("first_name")).toHaveValue("Ana");
    expect((await ops.getSession()).username).toBe("reception");
  });
});

describe("app shell", () => {
  // An administrator who also works the front desk: may use every screen there is.
  let mary: { user: CurrentUser; info: AppInfo };

  beforeAll(async () => {
    await freshClinic();
    await signInAs("admin");
    await ops.createUser({
      username: "mary",
      full_name: "Mary O'Connor",
      roles: ["admin", "receptionist"],
      password: DEMO_PASSWORD,
      profile: null,
    });
  });

  beforeEach(async () => {
    const user = await ops.signIn({ username: "mary", password: DEMO_PASSWORD });
    mary = { user, info: await ops.getAppInfo() };
  });

  it("shows the clinic and workstation, and Ctrl+K goes to the search from anywhere", async () => {
    const { clinic_name, workstation_code } = mary.info;
    expect(clinic_name).toBeTruthy();
    expect(workstation_code).toBeTruthy();
    const { location } = renderApp(<AppLayout />, { ...mary, path: "/workstation" });

    expect(screen.getByTestId("app-header")).toHaveTextContent(String(clinic_name));
    expect(screen.getByTestId("workstation-badge")).toHaveTextContent(String(workstation_code));
    expect(screen.getByTestId("workstation-page")).toBeInTheDocument();
    // The demo clinic has issued record numbers here, so the code is fixed.
    expect(mary.info.workstation_code_locked).toBe(true);
    expect(screen.getByTestId("workstation-locked")).toBeInTheDocument();

    fireEvent.keyDown(document.documentElement, { key: "k", ctrlKey: true });
    await waitFor(() => expect(currentPath(location)).toBe("/patients"));
    await waitFor(() => expect(screen.getByTestId("patient-search")).toHaveFocus());

    fireEvent.keyDown(screen.getByTestId("patient-search"), { key: "n", code: "KeyN", ctrlKey: true });
    expect(await screen.findByTestId("patient-form")).toBeInTheDocument();
  });

  it("shows an administrator every screen, grouped", async () => {
    const admin = await signInAs("admin");
    renderApp(<AppLayout />, admin);
    for (const id of ["nav-patients", "nav-users", "nav-settings", "nav-audit", "nav-workstation"]) {
      expect(screen.getByTestId(id)).toBeInTheDocument();
    }
    expect(screen.getByText("Administration")).toBeInTheDocument();
    // The administrator's own role neither books nor registers.
    expect(screen.queryByTestId("nav-book")).not.toBeInTheDocument();
    expect(await screen.findAllByTestId("patient-row")).not.toHaveLength(0);
    expect(screen.queryByTestId("register-patient")).not.toBeInTheDocument();
  });

  it("shows a receptionist only what their role allows, and says so on other screens", async () => {
    renderApp(<AppLayout />, await signInAs("reception"));
    expect(screen.getByTestId("nav-patients")).toBeInTheDocument();
    expect(screen.getByTestId("nav-book")).toBeInTheDocument();
    expect(screen.getByTestId("nav-queue")).toBeInTheDocument();
    expect(screen.getByTestId("nav-recall")).toHaveAttribute("href", "/recall");
    for (const id of ["nav-users", "nav-settings", "nav-audit", "nav-workstation"]) {
      expect(screen.queryByTestId(id)).not.toBeInTheDocument();
    }
    expect(screen.queryByText("Administration")).not.toBeInTheDocument();
    expect(await screen.findByTestId("register-patient")).toBeInTheDocument();
  });

  it("shows the no-access state on a screen the role does not include", async () => {
    renderApp(<AppLayout />, { ...(await signInAs("reception")), path: "/admin/users" });
    expect(screen.getByTestId("no-access")).toHaveTextContent("You don’t have access to this screen");
    expect(screen.queryByTestId("users-page")).not.toBeInTheDocument();
    expect(within(screen.getByTestId("no-access")).getByRole("link", { name: "Go to Patients" })).toBeInTheDocument();
  });

  it("hides registering and editing from a role that may only read patients", async () => {
    // A clinic with no patients yet, and a cashier.
    await freshClinic({ empty: true });
    await ops.setupApp({
      clinic: {
        ...defaultClinicForm(),
        clinic_name: "Riverside Eye Clinic",
        address: null,
        phone: null,
        idle_lock_minutes: 10,
        session_hours: 12,
      },
      workstation_code: "R1",
      admin: { username: "mary", full_name: "Mary O'Connor", password: DEMO_PASSWORD },
      demo_patients: 0,
      demo: false,
    });
    await ops.signIn({ username: "mary", password: DEMO_PASSWORD });
    await ops.createUser({
      username: "zofia",
      full_name: "Zofia Nowak",
      roles: ["cashier"],
      password: DEMO_PASSWORD,
      profile: null,
    });
    const cashier = await ops.signIn({ username: "zofia", password: DEMO_PASSWORD });
    renderApp(<AppLayout />, { user: cashier, info: await ops.getAppInfo() });

    expect(await screen.findByText("No patients yet")).toBeInTheDocument();
    expect(screen.getByText("Registered patients will appear here.")).toBeInTheDocument();
    expect(screen.queryByTestId("register-patient")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Register/ })).not.toBeInTheDocument();
    expect(screen.queryByTestId("nav-book")).not.toBeInTheDocument();
    expect(screen.queryByTestId("nav-recall")).not.toBeInTheDocument();
    // A cashier takes payments at the end of a visit, so sees the queue.
    expect(screen.getByTestId("nav-queue")).toBeInTheDocument();
    fireEvent.keyDown(document.documentElement, { key: "n", code: "KeyN", ctrlKey: true });
    expect(screen.queryByTestId("patient-form")).not.toBeInTheDocument();
  });
});
