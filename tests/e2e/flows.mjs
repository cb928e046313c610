// Steps that many tests share: first-run set-up and signing in, written against the UI's data-testids.
import { ADMIN } from "./harness.mjs";

/** Completes the first-run set-up form (the clinic, this workstation's code, the first administrator). */
export async function completeSetup(app, { clinic, code, demo = false }) {
  await app.waitFor("setup-form");
  await app.type("setup-clinic-name", clinic);
  await app.type("setup-workstation-code", code);
  // Since staff accounts exist, set-up also creates the first administrator.
  if (await app.isShown("setup-admin-name")) {
    await app.type("setup-admin-name", ADMIN.name);
    if (await app.isShown("setup-admin-username")) await app.type("setup-admin-username", ADMIN.username);
    await app.type("setup-admin-password", ADMIN.password);
    if (await app.isShown("setup-admin-password-confirm"))
      await app.type("setup-admin-password-confirm", ADMIN.password);
  }
  const box = await app.waitFor("setup-demo");
  if ((await box.isSelected()) !== demo) await box.click();
  if ((await box.isSelected()) !== demo) throw new Error(`could not set the demo checkbox to ${demo}`);
  await app.click("setup-submit");
  await signInIfAsked(app, 60_000);
}

/** Waits for the main screen, signing in as the test administrator first if the app asks. */
export async function signInIfAsked(app, timeout) {
  const shown = await app.waitForAny(["app-header", "signin-form"], timeout);
  if (shown === "signin-form") {
    await app.type("signin-username", ADMIN.username);
    await app.type("signin-password", ADMIN.password);
    await app.click("signin-submit");
  }
  await app.waitFor("app-header");
}

/** The front-desk account that `signInAtReception` creates. */
export const RECEPTION = { name: "Test Reception", username: "reception", password: "Fovea-e2e-front-desk-42" };

/**
 * Makes sure whoever is signed in may register patients. Administrators manage people, not patients, so when the
 * "register patient" button is missing the administrator adds a receptionist account and the test switches to it.
 */
export async function signInAtReception(app) {
  if (await app.isShown("nav-patients")) await app.click("nav-patients");
  const shown = await app.waitForAny(["register-patient", "patient-search"]);
  if (shown === "register-patient" || (await app.isShown("register-patient"))) return;

  await app.click("nav-users");
  await app.waitFor("users-page");
  await app.click("add-user");
  await app.waitFor("user-form");
  await app.type("user-full-name", RECEPTION.name);
  await app.type("user-username", RECEPTION.username);
  await app.click("user-role-receptionist");
  await app.type("user-password", RECEPTION.password);
  await app.click("user-submit");
  await app.browser
    .$(`[data-testid="user-row"][data-username="${RECEPTION.username}"]`)
    .waitForDisplayed({ timeoutMsg: "the new receptionist never appeared in the users list" });

  await app.click("user-menu");
  await app.click("sign-out");
  await app.waitFor("signin-form");
  await app.type("signin-username", RECEPTION.username);
  await app.type("signin-password", RECEPTION.password);
  await app.click("signin-submit");
  await app.waitFor("app-header");
  if (await app.isShown("nav-patients")) await app.click("nav-patients");
  await app.waitFor("register-patient");
}

/** `fovea` CLI steps that set up a clinic with the test administrator, as `withApp`'s `cli` option. */
export function seededClinic(name, { patients = 0 } = {}) {
  const steps = [
    [
      "init",
      "--workstation",
      "R1",
      "--clinic-name",
      name,
      "--admin-name",
      ADMIN.name,
      "--admin-username",
      ADMIN.username,
    ],
  ];
  if (patients > 0) steps.push(["demo", "seed", "--patients", String(patients), "--user", ADMIN.username]);
  return steps;
}
