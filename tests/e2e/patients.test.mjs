// Reception's first minutes: set up the workstation, register a patient, find them again by typing without accents.
import assert from "node:assert/strict";
import { test } from "node:test";

import { completeSetup, signInAtReception } from "./flows.mjs";
import { withApp } from "./harness.mjs";

test("set up, register a patient, find them by an accent-free search", (t) =>
  withApp(t, "patients", async (app) => {
    // First run: the set-up form, not the demo clinic.
    assert.equal(await app.waitForAny(["setup-form", "app-header"]), "setup-form");
    await completeSetup(app, { clinic: "Test Eye Clinic", code: "R1", demo: false });
    await app.waitForText("app-header", "Test Eye Clinic");
    await signInAtReception(app);

    // Register José Müller; dates are typed in the clinic's default DD/MM/YYYY.
    await app.click("register-patient");
    await app.waitFor("patient-form");
    await app.type("first_name", "José");
    await app.type("last_name", "Müller");
    await app.type("date_of_birth", "02/05/1980");
    await app.type("phone-0", "+44 20 7946 0958");
    await app.click("submit-patient");
    // A possible-duplicate warning would offer "register anyway"; a fresh database should have none.
    const next = await app.waitForAny(["patient-page", "register-anyway"]);
    assert.equal(next, "patient-page", "a fresh database should not report duplicates");
    await app.waitForText("patient-mrn", "R1-000001");
    await app.waitForText("patient-name", "Müller");
    await app.screenshot("patients-registered");

    // Back to the search, typed the way a receptionist without accent keys would.
    if (await app.isShown("nav-patients")) await app.click("nav-patients");
    else await app.browser.back();
    // First a search that matches nobody, so the row below is a search result and not the "recent patients" list.
    await app.type("patient-search", "zzqx");
    await app.browser.waitUntil(async () => (await app.allByTestId("patient-row")).length === 0, {
      timeoutMsg: "a search for 'zzqx' still lists patients",
    });
    await app.type("patient-search", "jose mull");
    const row = await app.browser.$(
      '[data-testid="patient-results"] [data-testid="patient-row"][data-mrn="R1-000001"]',
    );
    await row.waitForDisplayed({ timeoutMsg: "no result row for R1-000001" });
    await app.screenshot("patients-search");
    await app.keys("Enter");
    await app.waitFor("patient-page");
    await app.waitForText("patient-name", "Müller");
    await app.waitForText("patient-mrn", "R1-000001");
    await app.screenshot("patients-found");
  }));
