// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent, { PointerEventsCheckLevel } from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { ApiError } from "../api/errors";
import * as ops from "../api/operations";
import { defaultClinicForm } from "../features/settings/clinicForm";
import { adminUser, currentPath, receptionistUser, renderApp, setupUser, testInfo } from "../test/render";
import { App } from "./App";
import { AppLayout } from "./AppLayout";
import { createQueryClient, Providers } from "./Providers";

vi.mock("../api/operations");

const unauthenticated = () => new ApiError("unauthenticated", "Please sign in.");

function renderRoot() {
  const client = createQueryClient();
  return { ...render(
    <Providers client={client} env="test">
      <App />
    </Providers>,
  ), client };
}

beforeEach(() => {
  vi.resetAllMocks();
  window.location.hash = "";
  vi.mocked(ops.getAppInfo).mockResolvedValue(testInfo);
  vi.mocked(ops.searchPatients).mockResolvedValue({ results: [], total_shown: 0 });
  vi.mocked(ops.lockSession).mockResolvedValue(undefined);
  vi.mocked(ops.signOut).mockResolvedValue(undefined);
  vi.mocked(ops.patientAccess).mockResolvedValue({ entries: [] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe("first start", () => {
  it("shows only the setup screen, shows field errors inline, then asks the new administrator to sign in", async () => {
    const user = setupUser();
    const fresh = { ...testInfo, setup_done: false, clinic_name: null, workstation_code: null, workstation_code_locked: false };
    vi.mocked(ops.getAppInfo).mockResolvedValue(fresh);
    vi.mocked(ops.getSession).mockRejectedValue(unauthenticated());
    vi.mocked(ops.setupApp)
      .mockRejectedValueOnce(new ApiError("validation", "Workstation code R1 is reserved", "workstation_code"))
      .mockResolvedValueOnce({ ...testInfo, clinic_name: "Riverside Eye Clinic" });
    renderRoot();

    expect(await screen.findByTestId("setup-form")).toBeInTheDocument();
    expect(screen.queryByTestId("app-header")).not.toBeInTheDocument();
    expect(screen.getByTestId("setup-workstation-code")).toHaveValue("R1");

    await user.click(screen.getByTestId("setup-submit"));
    expect(await screen.findByText("Clinic name is required")).toBeInTheDocument();
    expect(screen.getByText("Username is required")).toBeInTheDocument();
    expect(screen.getByText("Password is required")).toBeInTheDocument();
    expect(ops.setupApp).not.toHaveBeenCalled();

    // Pasted rather than typed key by key: the form is long and jsdom slow.
    const fill = async (testId: string, text: string) => {
      await user.click(screen.getByTestId(testId));
      await user.paste(text);
    };
    await fill("setup-clinic-name", "Riverside Eye Clinic");
    await user.type(screen.getByTestId("setup-admin-username"), "admin");
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
    expect(await screen.findByText("Workstation code R1 is reserved")).toBeInTheDocument();
    const defaults = defaultClinicForm();
    expect(ops.setupApp).toHaveBeenCalledWith({
      clinic: {
        clinic_name: "Riverside Eye Clinic",
        address: null,
        phone: null,
        currency: defaults.currency,
        time_zone: defaults.time_zone,
        date_format: "DMY",
        paper_size: "A4",
        idle_lock_minutes: 10,
      },
      workstation_code: "R1",
      admin: { username: "admin", full_name: "Mary O'Connor", password: "correct horse battery" },
      demo_patients: 200,
    });

    await user.clear(screen.getByTestId("setup-workstation-code"));
    await user.type(screen.getByTestId("setup-workstation-code"), "r2");
    await user.click(screen.getByTestId("setup-submit"));
    await waitFor(() => expect(ops.setupApp).toHaveBeenLastCalledWith(expect.objectContaining({ workstation_code: "R2" })));

    // Not signed in automatically: the sign-in screen, with the new username filled in.
    expect(await screen.findByTestId("signin-form")).toBeInTheDocument();
    expect(screen.getByTestId("signin-username")).toHaveValue("admin");
    expect(screen.getByTestId("signin-password")).toHaveFocus();
    expect(screen.queryByTestId("app-header")).not.toBeInTheDocument();
    expect(ops.signIn).not.toHaveBeenCalled();
  });

  it("shows why the app could not start", async () => {
    vi.mocked(ops.getAppInfo).mockRejectedValue(new ApiError("storage", "database is newer than this version of Fovea"));
    renderRoot();
    expect(await screen.findByText("Fovea could not start")).toBeInTheDocument();
    expect(screen.getByText("database is newer than this version of Fovea")).toBeInTheDocument();
  });
});

describe("signing in", () => {
  it("shows the core's refusal above the form, then opens the app for the signed-in user", async () => {
    const user = setupUser();
    vi.mocked(ops.getSession).mockRejectedValue(unauthenticated());
    vi.mocked(ops.signIn)
      .mockRejectedValueOnce(new ApiError("validation", "Wrong username or password."))
      .mockResolvedValueOnce(adminUser());
    renderRoot();

    const username = await screen.findByTestId("signin-username");
    expect(username).toHaveFocus();
    expect(screen.getByText(/Test Eye Clinic/)).toBeInTheDocument();
    expect(screen.queryByTestId("app-header")).not.toBeInTheDocument();

    await user.type(username, "admin");
    await user.type(screen.getByTestId("signin-password"), "wrong password{Enter}");
    expect(await screen.findByTestId("signin-error")).toHaveTextContent("Wrong username or password.");
    expect(ops.signIn).toHaveBeenCalledWith({ username: "admin", password: "wrong password" });
    expect(screen.getByTestId("signin-password")).toHaveValue("");

    await user.type(screen.getByTestId("signin-password"), "correct horse battery{Enter}");
    expect(await screen.findByTestId("app-header")).toBeInTheDocument();
    expect(screen.getByTestId("user-menu")).toHaveTextContent("Mary O'Connor");
    expect(screen.getByTestId("user-menu")).toHaveTextContent("Administrator, Receptionist");
    expect(await screen.findByTestId("patient-search")).toBeInTheDocument();
    expect(screen.queryByTestId("signin-form")).not.toBeInTheDocument();
  });

  it("goes back to sign-in when any call finds the session gone", async () => {
    vi.mocked(ops.getSession).mockResolvedValue(adminUser());
    vi.mocked(ops.searchPatients).mockRejectedValue(unauthenticated());
    renderRoot();

    expect(await screen.findByTestId("signin-form")).toBeInTheDocument();
    expect(screen.getByText("Your session has ended. Please sign in again.")).toBeInTheDocument();
    expect(screen.queryByTestId("app-header")).not.toBeInTheDocument();
  });

  it("shows the lock screen when a call finds the session locked", async () => {
    vi.mocked(ops.getSession).mockResolvedValue(adminUser());
    vi.mocked(ops.searchPatients).mockRejectedValueOnce(new ApiError("locked", "The screen is locked."));
    renderRoot();

    expect(await screen.findByTestId("lock-screen")).toBeInTheDocument();
    expect(within(screen.getByTestId("lock-screen")).getByText("Mary O'Connor")).toBeInTheDocument();
    expect(screen.getByTestId("app-header")).toBeInTheDocument(); // still there, underneath
  });

  it("signs out from the user menu", async () => {
    const user = setupUser();
    vi.mocked(ops.getSession).mockResolvedValue(adminUser());
    renderRoot();

    await user.click(await screen.findByTestId("user-menu"));
    await user.click(await screen.findByTestId("sign-out"));
    expect(await screen.findByTestId("signin-form")).toBeInTheDocument();
    expect(ops.signOut).toHaveBeenCalled();
  });
});

describe("the lock screen", () => {
  it("locks after the configured idle minutes and keeps half-typed work for the same user", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime, pointerEventsCheck: PointerEventsCheckLevel.Never });
    vi.mocked(ops.getSession).mockResolvedValue(adminUser({ idle_lock_minutes: 5 }));
    vi.mocked(ops.unlockSession)
      .mockRejectedValueOnce(new ApiError("validation", "Wrong password.", "password"))
      .mockResolvedValueOnce(adminUser({ idle_lock_minutes: 5 }));
    renderRoot();

    await user.click(await screen.findByTestId("register-patient"));
    await user.type(await screen.findByTestId("first_name"), "Ana");

    await act(() => vi.advanceTimersByTimeAsync(4 * 60_000 + 50_000));
    expect(screen.queryByTestId("lock-screen")).not.toBeInTheDocument();
    expect(ops.lockSession).not.toHaveBeenCalled();

    await act(() => vi.advanceTimersByTimeAsync(20_000));
    expect(await screen.findByTestId("lock-screen")).toBeInTheDocument();
    expect(ops.lockSession).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId("first_name")).toHaveValue("Ana"); // mounted under the lock screen

    await user.type(screen.getByTestId("unlock-password"), "oops{Enter}");
    expect(await screen.findByText("Wrong password.")).toBeInTheDocument();
    expect(screen.getByTestId("lock-screen")).toBeInTheDocument();

    await user.type(screen.getByTestId("unlock-password"), "correct horse battery");
    await user.click(screen.getByTestId("unlock-submit"));
    await waitFor(() => expect(screen.queryByTestId("lock-screen")).not.toBeInTheDocument());
    expect(ops.unlockSession).toHaveBeenLastCalledWith("correct horse battery");
    expect(screen.getByTestId("first_name")).toHaveValue("Ana");
  });

  it("gives a different user a fresh app: the previous user's unsaved form is gone", async () => {
    const user = setupUser();
    vi.mocked(ops.getSession).mockResolvedValue(adminUser());
    vi.mocked(ops.signIn).mockResolvedValue(receptionistUser());
    renderRoot();

    await user.click(await screen.findByTestId("register-patient"));
    await user.type(await screen.findByTestId("first_name"), "Ana");
    await user.click(screen.getByTestId("lock-now"));
    expect(await screen.findByTestId("lock-screen")).toBeInTheDocument();
    expect(ops.lockSession).toHaveBeenCalled();

    await user.click(screen.getByTestId("switch-user"));
    await user.type(screen.getByTestId("signin-username"), "reception");
    await user.type(screen.getByTestId("signin-password"), "front desk 2026{Enter}");

    await waitFor(() => expect(screen.queryByTestId("lock-screen")).not.toBeInTheDocument());
    expect(ops.signIn).toHaveBeenCalledWith({ username: "reception", password: "front desk 2026" });
    expect(screen.getByTestId("user-menu")).toHaveTextContent("Rita Byrne");
    expect(screen.queryByTestId("patient-form")).not.toBeInTheDocument();
    await user.click(await screen.findByTestId("register-patient"));
    expect(await screen.findByTestId("first_name")).toHaveValue("");
  });

  it("keeps the work when the same user signs in again from the lock screen", async () => {
    const user = setupUser();
    vi.mocked(ops.getSession).mockResolvedValue(adminUser());
    vi.mocked(ops.signIn).mockResolvedValue(adminUser());
    renderRoot();

    await user.click(await screen.findByTestId("register-patient"));
    await user.type(await screen.findByTestId("first_name"), "Ana");
    await user.click(screen.getByTestId("user-menu"));
    await user.click(await screen.findByTestId("menu-switch-user"));
    await user.type(await screen.findByTestId("signin-username"), "admin");
    await user.type(screen.getByTestId("signin-password"), "correct horse battery{Enter}");

    await waitFor(() => expect(screen.queryByTestId("lock-screen")).not.toBeInTheDocument());
    expect(screen.getByTestId("first_name")).toHaveValue("Ana");
  });
});

describe("app shell", () => {
  it("shows the clinic and workstation, and Ctrl+K goes to the search from anywhere", async () => {
    const { location } = renderApp(<AppLayout />, { path: "/workstation" });

    expect(screen.getByTestId("app-header")).toHaveTextContent("Test Eye Clinic");
    expect(screen.getByTestId("workstation-badge")).toHaveTextContent("R1");
    expect(screen.getByTestId("workstation-page")).toBeInTheDocument();
    expect(screen.getByTestId("workstation-locked")).toBeInTheDocument();

    fireEvent.keyDown(document.documentElement, { key: "k", ctrlKey: true });
    await waitFor(() => expect(currentPath(location)).toBe("/patients"));
    await waitFor(() => expect(screen.getByTestId("patient-search")).toHaveFocus());

    fireEvent.keyDown(screen.getByTestId("patient-search"), { key: "n", code: "KeyN", ctrlKey: true });
    expect(await screen.findByTestId("patient-form")).toBeInTheDocument();
  });

  it("shows an administrator every screen, grouped", () => {
    renderApp(<AppLayout />);
    for (const id of ["nav-patients", "nav-users", "nav-settings", "nav-audit", "nav-workstation"]) {
      expect(screen.getByTestId(id)).toBeInTheDocument();
    }
    expect(screen.getByText("Administration")).toBeInTheDocument();
  });

  it("shows a receptionist only what their role allows, and says so on other screens", async () => {
    renderApp(<AppLayout />, { user: receptionistUser() });
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

  it("shows the no-access state on a screen the role does not include", () => {
    renderApp(<AppLayout />, { user: receptionistUser(), path: "/admin/users" });
    expect(screen.getByTestId("no-access")).toHaveTextContent("You don’t have access to this screen");
    expect(screen.queryByTestId("users-page")).not.toBeInTheDocument();
    expect(within(screen.getByTestId("no-access")).getByRole("link", { name: "Go to Patients" })).toBeInTheDocument();
  });

  it("hides registering and editing from a role that may only read patients", async () => {
    vi.mocked(ops.searchPatients).mockResolvedValue({ results: [], total_shown: 0 });
    const readOnly = receptionistUser({ roles: ["cashier"], permissions: ["signed_in", "read_patients", "billing"] });
    renderApp(<AppLayout />, { user: readOnly });
    expect(await screen.findByText("No patients yet")).toBeInTheDocument();
    expect(screen.queryByTestId("register-patient")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Register/ })).not.toBeInTheDocument();
    expect(screen.queryByTestId("nav-book")).not.toBeInTheDocument();
    expect(screen.queryByTestId("nav-queue")).not.toBeInTheDocument();
    expect(screen.queryByTestId("nav-recall")).not.toBeInTheDocument();
    fireEvent.keyDown(document.documentElement, { key: "n", code: "KeyN", ctrlKey: true });
    expect(screen.queryByTestId("patient-form")).not.toBeInTheDocument();
  });
});
