// Shared PCs: a receptionist signs in, cannot reach the administration screens, locks and resumes, signs out; the
// administrator signs in and finds the receptionist's failed attempt in the audit trail.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { test } from "node:test";

import { createReceptionist, RECEPTION, seededClinic } from "./flows.mjs";
import { ADMIN, CLI, withApp } from "./harness.mjs";

const noCli = existsSync(CLI) ? false : `no CLI at ${CLI} (cargo build -p fovea-cli)`;

async function signIn(app, { username, password }) {
  await app.waitFor("signin-form");
  await app.type("signin-username", username);
  await app.type("signin-password", password);
  await app.click("signin-submit");
}

test("a receptionist cannot reach the administration; the administrator sees the trail", { skip: noCli }, (t) =>
  withApp(
    t,
    "accounts",
    { cli: [...seededClinic("Access Eye Clinic", { patients: 12 }), createReceptionist] },
    async (app) => {
      // Nothing before signing in; a wrong password is refused without saying whether the user exists.
      await signIn(app, { username: RECEPTION.username, password: "not the password at all" });
      await app.waitForText("signin-error", "Wrong username or password");
      await app.screenshot("accounts-signin-refused");
      await signIn(app, { username: RECEPTION.username, password: RECEPTION.password });
      await app.waitFor("app-header");
      await app.waitFor("patient-row");

      // The receptionist's navigation has no administration, and typing its address shows "no access".
      for (const id of ["nav-users", "nav-audit", "nav-settings"]) {
        assert.equal(await app.isShown(id), false, `${id} must be hidden from a receptionist`);
      }
      await app.browser.execute(() => {
        window.location.hash = "#/admin/audit";
      });
      await app.waitFor("no-access");
      assert.equal(await app.isShown("audit-page"), false);
      await app.screenshot("accounts-no-access");

      // Lock the screen and resume with the password.
      await app.browser.execute(() => {
        window.location.hash = "#/patients";
      });
      await app.waitFor("patient-search");
      await app.click("lock-now");
      await app.waitFor("lock-screen");
      await app.screenshot("accounts-locked");
      await app.type("unlock-password", RECEPTION.password);
      await app.click("unlock-submit");
      await app.waitForGone("lock-screen");
      await app.waitFor("patient-search");

      // Sign out, and the administrator signs in.
      await app.click("user-menu");
      await app.click("sign-out");
      await signIn(app, ADMIN);
      await app.waitFor("app-header");
      await app.click("nav-users");
      await app.waitFor("users-page");
      await app.browser
        .$(`[data-testid="user-row"][data-username="${RECEPTION.username}"]`)
        .waitForDisplayed({ timeoutMsg: "the receptionist is not listed" });
      await app.screenshot("accounts-users");
      await app.click("nav-audit");
      await app.waitFor("audit-page");
      const failed = await app.browser.$('[data-testid="audit-row"][data-outcome="failed"]');
      await failed.waitForDisplayed({ timeoutMsg: "the failed sign-in is not in the audit trail" });
      assert.match(await failed.getText(), new RegExp(RECEPTION.username));
      await app.screenshot("accounts-audit");
    },
  ),
);
