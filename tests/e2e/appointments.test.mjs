// Issue #4, the front desk's day: a receptionist books a patient from a free time in the book, meets a clash and
// overbooks with a reason, checks the first patient in and moves them on the queue board, cancels the overbooking
// (not without a reason), books the patient tomorrow and ticks off the reminder call. After each part the test asks
// the core through the `fovea` CLI whether the database holds what the screen shows.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { test } from "node:test";

import { bookClinic, callAs, DOCTOR, RECEPTION, registerPatient, seededClinic, signInAs } from "./flows.mjs";
import { CLI, withApp } from "./harness.mjs";

const noCli = existsSync(CLI) ? false : `no CLI at ${CLI} (cargo build -p fovea-cli)`;

// `fovea init` sets the clinic up in UTC (its default): "now" and "today" below are read in that zone.
const CLINIC_TIME_ZONE = "UTC";

const MAEVE = {
  first_name: "Maeve",
  last_name: "Quinlan",
  date_of_birth: "1958-03-14",
  sex: "female",
  phones: ["+353 1 555 0142"],
};
const TOMAS = {
  first_name: "Tomás",
  last_name: "Ferreira",
  date_of_birth: "1971-10-02",
  sex: "male",
  phones: ["+353 87 555 0199"],
};
const fullName = (p) => `${p.first_name} ${p.last_name}`;

const OVERBOOK_REASON = "Urgent referral from the GP today";
const CANCEL_REASON = "Patient rang: seen elsewhere this morning";
const CALL_NOTE = "Confirmed, will bring her drops";

/** HH:MM of `minutes` since midnight. */
const hm = (minutes) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** The clinic's wall clock now: its ISO day and minutes since midnight. */
function clinicNow() {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: CLINIC_TIME_ZONE,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(new Date())
      .map((p) => [p.type, p.value]),
  );
  return { day: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/**
 * The time of the first booking: the next quarter hour at least half an hour ahead, so it is later today; when the
 * day is nearly over, midday (already past, but check-in only needs the appointment to be today's). The overbooking
 * goes a quarter hour earlier, so both fit inside the doctor's 00:00–23:45 day.
 */
function firstBookingTime() {
  const { minutes } = clinicNow();
  const ahead = Math.ceil((minutes + 30) / 15) * 15;
  return ahead + 30 <= 23 * 60 + 45 ? ahead : 12 * 60;
}

function addDays(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

test("the front desk books, overbooks, checks in, moves on the board, cancels and rings", { skip: noCli }, (t) => {
  let cli; // { env, db } of the test's database, for asking the core
  let clinic; // { doctorId, patients: [maeve, tomas] }
  return withApp(
    t,
    "appointments",
    {
      cli: seededClinic("Book Eye Clinic"),
      prepare: async ({ env, db }) => {
        cli = { env, db };
        clinic = await bookClinic({ env, db }, { patients: [MAEVE, TOMAS] });
      },
    },
    async (app) => {
      const { browser } = app;
      const [maeve, tomas] = clinic.patients;
      const core = (op, request) => callAs(cli.env, cli.db, RECEPTION, op, request);

      const today = (await core("appointments.day", {})).date;
      assert.equal(today, clinicNow().day, "the core's today is the clinic's calendar day (ran across midnight?)");
      const tomorrow = addDays(today, 1);
      const first = firstBookingTime();
      const maeveTime = hm(first);
      const tomasTime = hm(first - 15);
      t.diagnostic(`today ${today}; booking ${fullName(MAEVE)} at ${maeveTime}, overbooking at ${tomasTime}`);

      const $ = (css) => browser.$(css);
      const column = `[data-testid="book-column-${DOCTOR.username}"]`;
      const slot = (time) => $(`${column} [data-testid="book-slot-${time}"]`);
      const block = (mrn) => $(`${column} [data-testid="appointment-block"][data-mrn="${mrn}"]`);
      const innerText = (element) => browser.execute((el) => el.innerText, element);
      let stepStarted = performance.now();
      let stepName = "sign in";
      /** Notes how long the previous step took (in the test's diagnostics), and starts the next. */
      const step = (name) => {
        t.diagnostic(`${stepName}: ${Math.round(performance.now() - stepStarted)} ms`);
        [stepName, stepStarted] = [name, performance.now()];
      };
      const waitUntil = (condition, timeoutMsg) => browser.waitUntil(condition, { interval: 100, timeoutMsg });

      /** Fills the booking form opened from a slot: finds the patient by part of the name, kind, reason. */
      async function fillBooking({ search, patient, kind, length, reason }) {
        await app.waitFor("booking-form");
        await app.type("booking-patient-search", search);
        const option = await $(`[data-testid="booking-patient-option"][data-mrn="${patient.mrn}"]`);
        await option.waitForDisplayed({ timeoutMsg: `typing "${search}" never offered ${patient.mrn}` });
        await app.clickElement(option);
        await app.waitForText("booking-patient", patient.mrn);
        if (kind) await app.clickElement(await (await app.byTestId("booking-kind")).$(`label*=${kind}`));
        if (length) {
          // The length follows the kind from the doctor's schedule (bookClinic: 30 min for new patients and post-op).
          const input = await app.byTestId("booking-length");
          await waitUntil(
            async () => (await input.getValue()) === length,
            `the ${kind} length never became ${length} min`,
          );
        }
        await app.type("booking-reason", reason);
      }

      /** Brings an appointment to the middle of the book's grid and the page back to its top, for a screenshot. */
      async function showInBook(mrn) {
        await browser.execute((el) => {
          el.scrollIntoView({ block: "center" });
          document.scrollingElement.scrollTo(0, 0);
        }, await block(mrn));
      }

      /**
       * Opens an appointment from its block, then moves the pointer into the drawer as a person reaching for its
       * buttons does: the block's tooltip, opened by resting on the block, otherwise stays on top of the drawer.
       */
      async function openAppointment(mrn) {
        await app.clickElement(await block(mrn));
        const details = await app.waitFor("appointment-details");
        await app.waitForText("appointment-details", mrn);
        await details.moveTo();
      }

      // --- 1. Reception opens today's book and books Maeve from a free time. ---
      await signInAs(app, RECEPTION);
      step("book from a free time");
      await app.click("nav-book");
      await app.waitFor("book-page");
      await app.waitForText("book-day-label", "today");
      await $(column).waitForDisplayed({ timeoutMsg: `no column for ${DOCTOR.username} in today's book` });
      assert.equal(await $(column).getAttribute("data-date"), today);
      assert.equal(await $(column).getAttribute("data-clinician"), DOCTOR.name);
      await app.waitForText("book-summary", "Nothing booked yet");
      assert.equal(await slot(maeveTime).getAttribute("data-state"), "open", `${maeveTime} is in the doctor's hours`);

      await app.clickElement(await slot(maeveTime));
      await app.waitFor("booking-form");
      assert.equal(await (await app.byTestId("booking-time")).getValue(), maeveTime, "the slot's time is filled in");
      await fillBooking({
        search: "quinl",
        patient: maeve,
        kind: "New patient",
        length: "30",
        reason: "Blurred vision, left eye",
      });
      await app.click("booking-submit");
      await app.waitForGone("booking-form");
      await block(maeve.mrn).waitForDisplayed({ timeoutMsg: "Maeve's appointment never appeared in the column" });
      assert.match(await innerText(await block(maeve.mrn)), new RegExp(`${maeveTime} ${fullName(MAEVE)}`));
      assert.equal(await block(maeve.mrn).getAttribute("data-time"), maeveTime);
      assert.equal(await block(maeve.mrn).getAttribute("data-status"), "scheduled");
      await app.waitForText("book-summary", "1 booked.");
      await showInBook(maeve.mrn);
      await app.screenshot("appointments-book");

      // --- 2. An overlapping booking for the same doctor clashes; overbooking needs a reason. ---
      step("clash and overbook");
      await app.clickElement(await slot(tomasTime));
      await fillBooking({
        search: "ferr",
        patient: tomas,
        kind: "Post-op",
        length: "30",
        reason: "Day 1 after cataract",
      });
      await app.click("booking-submit");
      const clash = await app.waitForText("booking-clash", fullName(MAEVE));
      assert.ok(
        clash.includes(`${DOCTOR.name} already has ${fullName(MAEVE)} (${maeve.mrn}) at ${maeveTime}`),
        `the clash names the first patient, her MRN and time: ${JSON.stringify(clash)}`,
      );
      await app.waitForText("booking-submit", "Overbook");
      await app.screenshot("appointments-clash");
      // Without a reason the form stays open and says why.
      await app.click("booking-submit");
      await waitUntil(
        async () => (await (await app.byTestId("booking-overbook-reason")).getAttribute("aria-invalid")) === "true",
        "overbooking without a reason was not refused",
      );
      await app.waitForText("booking-clash", "Say why this patient is overbooked.");
      assert.equal(await block(tomas.mrn).isExisting(), false, "nothing is booked without an overbooking reason");
      await app.type("booking-overbook-reason", OVERBOOK_REASON);
      await app.click("booking-submit");
      await app.waitForGone("booking-form");
      await block(tomas.mrn).waitForDisplayed({ timeoutMsg: "the overbooking never appeared in the doctor's column" });
      assert.equal(await block(tomas.mrn).getAttribute("data-overbooked"), "true");
      assert.equal(await block(tomas.mrn).getAttribute("data-time"), tomasTime);
      assert.match(await innerText(await block(tomas.mrn)), /Overbooked/);
      assert.equal(await block(maeve.mrn).getAttribute("data-overbooked"), null, "the first booking is not overbooked");
      await app.waitForText("book-summary", "2 booked.");
      await showInBook(maeve.mrn);
      await app.screenshot("appointments-overbooked");

      // --- 3. Maeve arrives: check in from her appointment, then one click on the board starts her work-up. ---
      step("check in and board");
      await openAppointment(maeve.mrn);
      await app.waitForText("appointment-status", /scheduled/i);
      await app.click("appointment-checkin");
      await waitUntil(
        async () => (await (await app.byTestId("appointment-details")).getAttribute("data-status")) === "checked_in",
        "the appointment never showed as checked in",
      );
      await app.waitForText("appointment-status", /checked in/i);
      await app.keys("Escape");
      await app.waitForGone("appointment-details");
      await waitUntil(
        async () => (await block(maeve.mrn).getAttribute("data-status")) === "checked_in",
        "the book never showed Maeve checked in",
      );

      await app.click("nav-queue");
      await app.waitFor("queue-board");
      const card = (stage) =>
        $(`[data-testid="queue-column-${stage}"] [data-testid="queue-card"][data-mrn="${maeve.mrn}"]`);
      await card("waiting_workup").waitForDisplayed({ timeoutMsg: "Maeve is not waiting for work-up on the board" });
      assert.match(await innerText(await card("waiting_workup")), new RegExp(`appt ${maeveTime}`));
      assert.equal(
        await $(`[data-testid="queue-card"][data-mrn="${tomas.mrn}"]`).isExisting(),
        false,
        "only checked-in patients are on the board",
      );
      await app.screenshot("appointments-board-waiting");
      await app.clickElement(await (await card("waiting_workup")).$('[data-testid="queue-card-next"]'));
      await card("in_workup").waitForDisplayed({ timeoutMsg: "one click did not move Maeve to work-up" });
      await card("waiting_workup").waitForDisplayed({ reverse: true, timeoutMsg: "Maeve still waits for work-up" });
      assert.equal(await card("in_workup").getAttribute("data-stage"), "in_workup");
      await app.screenshot("appointments-board");

      // --- 4. Cancel the overbooking: refused without a reason, then cancelled and hidden from the book. ---
      step("cancel");
      await app.click("nav-book");
      await app.waitFor("book-page");
      await block(tomas.mrn).waitForDisplayed({ timeoutMsg: "the overbooking is not in today's book" });
      await openAppointment(tomas.mrn);
      await app.waitForText("appointment-details", fullName(TOMAS));
      await app.click("appointment-cancel");
      await app.waitFor("cancel-reason");
      await app.click("cancel-confirm");
      await waitUntil(
        async () => (await (await app.byTestId("cancel-reason")).getAttribute("aria-invalid")) === "true",
        "cancelling without a reason was not refused",
      );
      await app.waitForText("cancel-form", "Say why the appointment is cancelled.");
      assert.equal(await (await app.byTestId("appointment-details")).getAttribute("data-status"), "scheduled");
      await app.screenshot("appointments-cancel-refused");
      await app.type("cancel-reason", CANCEL_REASON);
      await app.click("cancel-confirm");
      await waitUntil(
        async () => (await (await app.byTestId("appointment-details")).getAttribute("data-status")) === "cancelled",
        "the appointment never showed as cancelled",
      );
      await app.waitForText("appointment-details", CANCEL_REASON);
      await app.keys("Escape");
      await app.waitForGone("appointment-details");
      await block(tomas.mrn).waitForDisplayed({ reverse: true, timeoutMsg: "the cancelled appointment still shows" });
      await app.waitForText("book-summary", "1 cancelled (hidden");
      assert.equal(await block(maeve.mrn).isDisplayed(), true, "Maeve's appointment is still in the book");
      // "Show cancelled" brings it back, marked as cancelled. The test id sits on the switch's hidden <input>, so
      // click its label, as a person clicks the switch.
      const showCancelled = await app.byTestId("book-show-cancelled");
      await app.clickElement(await $(`label[for="${await showCancelled.getAttribute("id")}"]`));
      await waitUntil(() => showCancelled.isSelected(), "the 'Show cancelled' switch did not turn on");
      await block(tomas.mrn).waitForDisplayed({ timeoutMsg: "'Show cancelled' does not show the cancellation" });
      assert.equal(await block(tomas.mrn).getAttribute("data-status"), "cancelled");
      assert.match(await innerText(await block(tomas.mrn)), /cancelled/i);
      await showInBook(tomas.mrn);
      await app.screenshot("appointments-cancelled");

      // The core holds what the screen showed.
      step("check the core (CLI)");
      const day = await core("appointments.day", { date: today, clinician_id: clinic.doctorId });
      const byMrn = (mrn) => day.appointments.find((a) => a.patient_mrn === mrn);
      assert.equal(day.appointments.length, 2);
      assert.deepEqual(
        pick(byMrn(maeve.mrn), ["start_time", "kind", "status", "reason", "overbook_reason", "cancel_reason"]),
        {
          start_time: maeveTime,
          kind: "new_patient",
          status: "checked_in",
          reason: "Blurred vision, left eye",
          overbook_reason: null,
          cancel_reason: null,
        },
      );
      assert.ok(byMrn(maeve.mrn).visit_id, "checking in opened a visit");
      assert.deepEqual(
        pick(byMrn(tomas.mrn), ["start_time", "kind", "status", "overbook_reason", "cancel_reason"]),
        {
          start_time: tomasTime,
          kind: "post_op",
          status: "cancelled",
          overbook_reason: OVERBOOK_REASON,
          cancel_reason: CANCEL_REASON,
        },
      );
      const board = await core("queue.board", { clinician_id: null });
      assert.deepEqual(
        board.cards.map((c) => [c.patient_mrn, c.stage]),
        [[maeve.mrn, "in_workup"]],
      );

      // --- 5. Book Maeve tomorrow and ring her the day before. ---
      step("tomorrow and reminder call");
      await app.click("book-next-day");
      await app.waitForText("book-day-label", "tomorrow");
      await $(`${column}[data-date="${tomorrow}"]`).waitForDisplayed({ timeoutMsg: "tomorrow's column never showed" });
      await app.clickElement(await slot("10:00"));
      await fillBooking({ search: "maeve q", patient: maeve, reason: "Pressure check" });
      assert.equal(await (await app.byTestId("booking-length")).getValue(), "15", "follow-ups: the default 15 min");
      await app.click("booking-submit");
      await app.waitForGone("booking-form");
      await block(maeve.mrn).waitForDisplayed({ timeoutMsg: "tomorrow's appointment never appeared" });
      assert.equal(await block(maeve.mrn).getAttribute("data-time"), "10:00");

      await app.click("book-reminders");
      await app.waitFor("reminders-page");
      const row = () => $(`[data-testid="reminder-row"][data-mrn="${maeve.mrn}"]`);
      await row().waitForDisplayed({ timeoutMsg: "Maeve is not on tomorrow's call list" });
      const rowText = await innerText(await row());
      assert.match(rowText, new RegExp(fullName(MAEVE)));
      assert.match(rowText, /\+353 1 555 0142/);
      assert.match(rowText, /10:00/);
      assert.equal(await row().getAttribute("data-called"), null, "not called yet");
      await (await row()).$('[data-testid="reminder-note"]').setValue(CALL_NOTE);
      await app.clickElement(await (await row()).$('[data-testid="reminder-called"]'));
      await waitUntil(async () => (await row().getAttribute("data-called")) === "true", "ticking 'called' did nothing");
      const calledBy = await (await row()).$('[data-testid="reminder-called-by"]');
      await calledBy.waitForDisplayed();
      assert.match(await innerText(calledBy), new RegExp(`${RECEPTION.name}.*${CALL_NOTE}`));
      await app.screenshot("appointments-reminders");

      // A reload (the app asks for the password again) still shows who called.
      step("reload");
      await browser.refresh();
      await signInAs(app, RECEPTION);
      if ((await app.waitForAny(["reminders-page", "patient-search"])) !== "reminders-page") {
        await app.click("nav-book");
        await app.click("book-reminders");
        await app.waitFor("reminders-page");
      }
      await row().waitForDisplayed({ timeoutMsg: "Maeve is not on the call list after a reload" });
      assert.equal(await row().getAttribute("data-called"), "true", "the call is remembered");
      assert.equal(await (await row()).$('[data-testid="reminder-called"]').isSelected(), true);
      const calledByAgain = await (await row()).$('[data-testid="reminder-called-by"]');
      assert.match(await innerText(calledByAgain), new RegExp(`${RECEPTION.name}.*${CALL_NOTE}`));
      await app.screenshot("appointments-reminders-reloaded");

      step("check the core (CLI)");
      const reminders = await core("appointments.reminders", { date: tomorrow });
      assert.equal(reminders.reminders.length, 1);
      const [reminder] = reminders.reminders;
      assert.deepEqual(
        {
          mrn: reminder.appointment.patient_mrn,
          time: reminder.appointment.start_time,
          status: reminder.appointment.status,
          phones: reminder.phones,
        },
        { mrn: maeve.mrn, time: "10:00", status: "scheduled", phones: MAEVE.phones },
      );
      assert.equal(reminder.called_by_name, RECEPTION.name);
      assert.equal(reminder.call_note, CALL_NOTE);
      assert.ok(reminder.called_at, "the call has a time");
      step("done");
    },
  );
});

function pick(object, keys) {
  assert.ok(object, "no such appointment in the core's answer");
  return Object.fromEntries(keys.map((k) => [k, object[k]]));
}

// A busy day on the board, read at the commonest clinic screens: names whole, stage counts whole, buttons inside cards.
const BUSY_DAY = [
  ["Maeve", "Quinlan", "waiting_workup"],
  ["Bartholomew", "Okonkwo-Adeyemi", "waiting_workup"],
  ["Siobhán", "Ní Fhlaithearta", "in_workup"],
  ["Tomás", "Fitzgerald", "waiting_doctor"],
  ["Gráinne", "Mac Giolla Phádraig", "waiting_doctor"],
  ["Nguyen", "Thi Minh Khai", "with_doctor"],
  ["Aleksandra", "Wiśniewska-Kowalczyk", "pharmacy"],
  ["Declan", "O'Sullivan", "billing"],
];
const WINDOW_SIZES = [
  [1280, 800],
  [1366, 768],
];

test("the queue board stays readable on a busy day at 1280×800 and 1366×768", { skip: noCli }, (t) => {
  let cli;
  let clinic;
  return withApp(
    t,
    "queue-board-busy",
    {
      cli: seededClinic("Busy Eye Clinic"),
      prepare: async ({ env, db }) => {
        cli = { env, db };
        clinic = await bookClinic({ env, db });
        const core = (op, request) => callAs(env, db, RECEPTION, op, request);
        const today = (await core("appointments.day", {})).date;
        for (const [index, [first_name, last_name, stage]] of BUSY_DAY.entries()) {
          const p = await registerPatient({ env, db }, { first_name, last_name, date_of_birth: "1960-01-01" });
          const a = await core("appointments.book", {
            patient_id: p.id,
            clinician_id: clinic.doctorId,
            kind: "follow_up",
            date: today,
            time: hm(index * 15),
            length_minutes: 15,
            reason: null,
            notes: null,
            overbook_reason: null,
          });
          const visit = (await core("appointments.set_status", { id: a.id, status: "checked_in", reason: null })).visit_id;
          if (stage !== "waiting_workup") await core("queue.move", { visit_id: visit, stage });
        }
        const walkIn = await registerPatient({ env, db }, { first_name: "Oluwaseun", last_name: "Adebayo-Williams", date_of_birth: "1990-05-05" });
        await core("appointments.walk_in", { patient_id: walkIn.id, clinician_id: clinic.doctorId, reason: "Red eye" });
      },
    },
    async (app) => {
      const { browser } = app;
      await signInAs(app, RECEPTION);
      await app.click("nav-queue");
      await app.waitFor("queue-board");
      const cards = () => browser.$$('[data-testid="queue-card"]');
      await browser.waitUntil(async () => (await cards()).length === BUSY_DAY.length + 1, {
        timeoutMsg: "the busy day's patients never all showed on the board",
      });
      const walkInCard = await browser.$('[data-testid="queue-card"] [data-testid="queue-card-walk-in"]');
      assert.ok(await walkInCard.isExisting(), "a walk-in booked at the desk shows the Walk-in badge");

      for (const [width, height] of WINDOW_SIZES) {
        await browser.setWindowSize(width, height);
        await browser.waitUntil(async () => (await browser.execute(() => window.innerWidth)) <= width, {
          timeoutMsg: `the window never became ${width} wide`,
        });
        // What a person would see as broken, measured in the page: a name split inside a word, a clipped count,
        // a button sticking out of its card.
        const problems = await browser.execute(() => {
          const out = [];
          for (const card of document.querySelectorAll('[data-testid="queue-card"]')) {
            const box = card.getBoundingClientRect();
            const name = card.querySelector("a");
            if (name) {
              const range = document.createRange();
              range.selectNodeContents(name);
              const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
              // A line may end at a space or after a hyphen (Okonkwo-Adeyemi), never inside a word.
              const words = name.textContent.trim().split(/\s+|-/).length;
              if (lines.size > words) out.push(`name broken inside a word: ${name.textContent}`);
            }
            const next = card.querySelector('[data-testid="queue-card-next"]');
            if (next) {
              const b = next.getBoundingClientRect();
              if (b.right > box.right + 0.5 || b.left < box.left - 0.5) out.push(`button outside its card: ${card.dataset.mrn}`);
            }
          }
          for (const badge of document.querySelectorAll('[data-testid^="queue-column-"] .mantine-Badge-root')) {
            if (badge.scrollWidth > badge.clientWidth + 1) out.push(`count clipped: ${badge.textContent}`);
          }
          return out;
        });
        assert.deepEqual(problems, [], `at ${width}×${height}`);
        await app.screenshot(`queue-board-busy-${width}x${height}`);
      }
    },
  );
});
