// Issue #13, the cash desk on the demo clinic's price list: the cashier opens the billing card from the board,
// accepts the proposed new-consultation line, adds an OCT with a 10 % discount and its reason, issues the invoice,
// takes part in cash (with change) and the rest by card, prints the receipt (read back with pdftotext), and closes
// the day one coin short, which needs a reason; the day report prints with its number.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";

import { callAs, dismissNotifications, signInAs } from "./flows.mjs";
import { ADMIN, CLI, withApp } from "./harness.mjs";

const run = promisify(execFile);
const noCli = existsSync(CLI) ? false : `no CLI at ${CLI} (cargo build -p fovea-cli)`;

// `fovea demo seed` on a new file sets up a demo clinic whose staff share the administrator's password.
const staff = (username) => ({ username, password: ADMIN.password });
const DOCTOR = staff("doctor");
const RECEPTION = staff("reception");
const CASHIER = staff("cashier");

const PATIENT = { first_name: "Oisín", last_name: "Ní Bhriain", date_of_birth: "1984-11-02", sex: "male" };

test("the cashier bills the visit, takes cash and card, prints the receipt and closes the day", { skip: noCli }, (t) => {
  let visitId;
  return withApp(
    t,
    "billing",
    {
      cli: [
        ["--user", "admin", "demo", "seed", "--patients", "3", "--seed", "7"]
          .concat(["--days-back", "0", "--days-ahead", "0", "--past-visits", "0"]),
      ],
      prepare: async ({ env, db }) => {
        const doctor = await callAs(env, db, DOCTOR, "auth.session");
        const { patient } = await callAs(env, db, RECEPTION, "patients.register", {
          patient: {
            ...PATIENT,
            phones: [],
            email: null,
            address: null,
            national_id: null,
            medical_history: null,
            allergies: null,
            current_medications: null,
            emergency_contact_name: null,
            emergency_contact_phone: null,
          },
          allow_duplicate: true,
        });
        const walkIn = await callAs(env, db, RECEPTION, "appointments.walk_in", {
          patient_id: patient.id,
          clinician_id: doctor.id,
          reason: "Blurred vision",
        });
        visitId = walkIn.visit_id;
        await callAs(env, db, RECEPTION, "queue.move", { visit_id: visitId, stage: "billing" });
      },
    },
    async (app) => {
      const { browser } = app;
      const $ = (css) => browser.$(css);
      const $$ = (css) => browser.$$(css);
      const innerText = (element) => browser.execute((el) => el.innerText, element);
      const waitUntil = (condition, timeoutMsg, timeout = 15_000) =>
        browser.waitUntil(condition, { interval: 100, timeout, timeoutMsg });
      const folder = path.join(app.dir, "documents", new Date().toISOString().slice(0, 7));
      const pdfs = async () => (existsSync(folder) ? (await readdir(folder)).filter((f) => f.endsWith(".pdf")) : []);
      async function newPdf(before, what) {
        let found = [];
        await waitUntil(async () => {
          found = (await pdfs()).filter((f) => !before.includes(f));
          return found.length === 1;
        }, `no new PDF for ${what} in ${folder}`);
        const { stdout } = await run("pdftotext", ["-layout", "-enc", "UTF-8", path.join(folder, found[0]), "-"]);
        t.diagnostic(`${what} PDF text:\n${stdout}`);
        return stdout.replace(/\s+/g, " ");
      }
      /** The draft line billing this service code, once the core has priced it. */
      const line = async (code) => {
        const row = await $(`[data-testid="draft-line"][data-code="${code}"]`);
        await row.waitForDisplayed({ timeoutMsg: `no ${code} line on the draft` });
        return row;
      };
      const lineTotal = async (code) => innerText(await (await line(code)).$('[data-testid="line-total"]'));
      /** Clicks the option of a SegmentedControl by its label. */
      async function segment(testId, label) {
        const option = await $(`//*[@data-testid="${testId}"]//label[normalize-space(.)="${label}"]`);
        await app.clickElement(option);
      }

      // --- 1. From the board's billing column to the proposed draft. ---
      await signInAs(app, CASHIER);
      await app.click("nav-queue");
      const bill = await $(`[data-testid="queue-card-bill"][href$="${visitId}"]`);
      await bill.waitForDisplayed({ timeoutMsg: "the card at billing has no Bill link" });
      await app.clickElement(bill);
      await app.waitFor("billing-visit-page");
      await waitUntil(async () => (await lineTotal("CONS-N")).includes("45.00"), "the new consultation is not proposed at 45.00");
      await app.screenshot("billing-proposed");

      // --- 2. An OCT with 10 % off for a reason; the core prices it at 54.00. ---
      await app.type("draft-add-service", "OCT");
      let option;
      await waitUntil(async () => {
        for (const o of await $$('[role="option"]'))
          if ((await o.isDisplayed()) && (await innerText(o)).startsWith("OCT")) {
            option = o;
            return true;
          }
        return false;
      }, "typing OCT never offered the OCT scan");
      await app.clickElement(option);
      await waitUntil(async () => (await lineTotal("OCT")).includes("60.00"), "the OCT line is not priced at 60.00");
      await app.clickElement(await (await line("OCT")).$('[data-testid="line-discount"]'));
      await app.waitFor("discount-form");
      await segment("discount-kind", "Percentage");
      await app.type("discount-value", "10");
      await app.type("discount-reason", "Second test the same day");
      await app.click("discount-apply");
      await app.waitForGone("discount-form");
      await waitUntil(async () => (await lineTotal("OCT")).includes("54.00"), "10 % off the OCT is not 54.00");
      await dismissNotifications(app);
      await app.screenshot("billing-draft");

      // --- 3. Issued: a number, frozen. ---
      await app.click("draft-issue");
      await app.waitForText("issue-confirm-text", "99.00");
      await app.click("confirm-issue");
      await app.waitFor("invoice-page");
      const number = (await innerText(await app.waitFor("invoice-number"))).trim();
      assert.match(number, /^R1-\d{4}-\d{6}$/, `a workstation's gapless number: ${number}`);
      await app.waitForText("invoice-balance", "99.00");

      // --- 4. 60.00 in cash from a 100.00 note, change 40.00; the rest, 39.00, by card. ---
      await app.waitFor("payment-form");
      await segment("payment-method", "Cash");
      await app.type("payment-amount", "60.00");
      await app.type("payment-tendered", "100.00");
      await app.click("payment-submit");
      await app.waitForText("payment-change", "40.00");
      await app.waitForText("invoice-balance", "39.00");
      await app.screenshot("billing-change");
      await segment("payment-method", "Card");
      await waitUntil(async () => (await (await app.byTestId("payment-amount")).getValue()).includes("39.00"), "the amount does not default to the balance");
      await app.type("payment-reference", "SLIP-77");
      await app.click("payment-submit");
      await app.waitFor("invoice-paid-in-full");
      assert.equal((await $$('[data-testid="invoice-payment"]')).length, 2, "both payments are listed");
      await app.screenshot("billing-paid");

      // --- 5. The receipt. ---
      let before = await pdfs();
      await app.click("invoice-print-receipt");
      const receipt = await newPdf(before, "receipt");
      assert.ok(receipt.includes(`Receipt ${number}`), "the receipt names the invoice");
      assert.ok(receipt.includes("Oisín Ní Bhriain"), "the patient as registered");
      assert.ok(receipt.includes("Cash (handed 100.00, change 40.00)"), "cash with what was handed over and the change");
      assert.ok(receipt.includes("Card, ref. SLIP-77"), "the card slip");
      assert.ok(receipt.includes("10 % off: Second test the same day"), "the discount with its reason");
      assert.ok(receipt.includes("Paid in full: EUR 99.00"), "paid in full");
      await dismissNotifications(app);

      // --- 6. The day close: one coin short needs a reason, then the day is numbered, locked and printed. ---
      await app.click("nav-cash-day");
      await app.waitFor("close-day-form");
      await app.waitForText("cash-day-expected", "99.00");
      await app.type("close-count-cash", "59.00");
      await app.type("close-count-card", "39.00");
      await app.waitForText("close-variance-cash", "-1.00");
      await app.click("close-day-submit");
      await app.click("close-day-confirm");
      await waitUntil(
        async () => (await (await app.byTestId("close-reason")).getAttribute("aria-invalid")) === "true",
        "a variance without a reason is not refused on the reason",
      );
      await app.type("close-reason", "A euro coin given twice as change");
      await app.click("close-day-submit");
      await app.click("close-day-confirm");
      const dayNumber = (await innerText(await app.waitFor("day-report-number"))).trim();
      assert.match(dayNumber, /R1-DAY-\d{4}-0001/, `the day report's number: ${dayNumber}`);
      await app.waitFor("cash-day-closed-badge");
      await app.screenshot("billing-day-closed");
      before = await pdfs();
      await app.click("day-report-print");
      const report = await newPdf(before, "day report");
      assert.ok(report.includes(`Day report ${dayNumber}`), "the report carries its number");
      assert.ok(report.includes("A euro coin given twice as change"), "and the reason for the difference");
    },
  );
});
