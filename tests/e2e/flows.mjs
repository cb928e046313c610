// Steps that many tests share: first-run set-up and signing in, written against the UI's data-testids.
import { ADMIN, runCli } from "./harness.mjs";

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

/** `fovea` CLI step (for `withApp`'s `cli` option) that adds the RECEPTION account, as the administrator. */
export const createReceptionist = [
  "--user",
  ADMIN.username,
  "call",
  "users.create",
  "--json",
  JSON.stringify({
    username: RECEPTION.username,
    full_name: RECEPTION.name,
    roles: ["receptionist"],
    password: RECEPTION.password,
    profile: null,
  }),
];

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

/**
 * `fovea` CLI steps that set up a clinic with the test administrator, as `withApp`'s `cli` option, with `patients`
 * demo patients and nothing else: `fovea demo seed` also fills the book and past visits by default, which needs a
 * doctor (this clinic has none: it refuses with "Add demo patients and at least one doctor first").
 */
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
      // Demo patients go only into a clinic set up as a demo.
      ...(patients > 0 ? ["--demo"] : []),
    ],
  ];
  if (patients > 0)
    steps.push([
      "demo",
      "seed",
      "--patients",
      String(patients),
      "--days-back",
      "0",
      "--days-ahead",
      "0",
      "--past-visits",
      "0",
      "--user",
      ADMIN.username,
    ]);
  return steps;
}

/** Signs in on the sign-in screen as `user` ({ username, password }) and waits for the main screen. */
export async function signInAs(app, { username, password }) {
  await app.waitFor("signin-form");
  await app.type("signin-username", username);
  await app.type("signin-password", password);
  await app.click("signin-submit");
  await app.waitFor("app-header");
}

/**
 * Runs one catalog operation through the CLI as `user` ({ username, password }) on the test's database and returns
 * the parsed JSON answer. `env` is the environment `withApp` gives `prepare` (any environment works: `--db` is given).
 */
export async function callAs(env, db, user, op, request = {}) {
  const { stdout } = await runCli({ ...env, FOVEA_PASSWORD: user.password }, db, [
    "--user",
    user.username,
    "call",
    op,
    "--json",
    JSON.stringify(request),
  ]);
  return JSON.parse(stdout);
}

/** The doctor that `bookClinic` creates; the book's column for them is `book-column-<username>`. */
export const DOCTOR = { name: "Ada Okafor", username: "drokafor", password: "Fovea-e2e-doctor-pass-42" };

/**
 * A `withApp` `prepare` step for a clinic whose book the test controls (no demo data): a doctor whose schedule is
 * every day 00:00–23:45 (so "today" always has working hours, whatever the weekday or hour), the receptionist of
 * RECEPTION, and `patients` registered by that receptionist. Lengths: 15 min by default, 30 for new patients and
 * post-op. Returns `{ doctorId, patients }` with each registered patient (its `id` and `mrn` included).
 */
export async function bookClinic({ env, db }, { patients = [] } = {}) {
  const doctor = await createStaff({ env, db }, DOCTOR, ["doctor"], {
    specialization: "Glaucoma",
    licence_number: null,
    signature_text: null,
  });
  await createStaff({ env, db }, RECEPTION, ["receptionist"]);
  const everyDay = { start: "00:00", end: "23:45", breaks: [] };
  await callAs(env, db, RECEPTION, "schedules.set", {
    clinician_id: doctor.id,
    days: Array(7).fill(everyDay),
    default_minutes: 15,
    minutes_by_kind: [
      { kind: "new_patient", minutes: 30 },
      { kind: "post_op", minutes: 30 },
    ],
  });
  const registered = [];
  for (const p of patients) registered.push(await registerPatient({ env, db }, p));
  return { doctorId: doctor.id, patients: registered };
}

/** Adds a staff account as the test administrator (`profile`: a clinician's specialization, licence, signature). */
export function createStaff({ env, db }, user, roles, profile = null) {
  return callAs(env, db, ADMIN, "users.create", {
    username: user.username,
    full_name: user.name,
    roles,
    password: user.password,
    profile,
  });
}

/**
 * Registers a patient as RECEPTION (who must exist) and returns the core's patient (with `id` and `mrn`). `p` needs
 * first_name, last_name and date_of_birth; sex, phones and allergies are optional.
 */
export async function registerPatient({ env, db }, p) {
  const answer = await callAs(env, db, RECEPTION, "patients.register", {
    patient: {
      first_name: p.first_name,
      last_name: p.last_name,
      date_of_birth: p.date_of_birth,
      sex: p.sex ?? "unknown",
      phones: p.phones ?? [],
      email: null,
      address: null,
      national_id: null,
      medical_history: null,
      allergies: p.allergies ?? null,
      current_medications: null,
      emergency_contact_name: null,
      emergency_contact_phone: null,
    },
    allow_duplicate: false,
  });
  if (answer.outcome !== "registered")
    throw new Error(`could not register ${p.first_name} ${p.last_name}: ${JSON.stringify(answer)}`);
  return answer.patient;
}

/** The optometrist that `examClinic` creates. */
export const OPTOMETRIST = { name: "Priya Raman", username: "optraman", password: "Fovea-e2e-optometry-42" };

/** The prescriber's details `examClinic` gives DOCTOR: printed on spectacle prescriptions. */
export const DOCTOR_PROFILE = {
  specialization: "Cataract and glaucoma",
  licence_number: "IMC 402917",
  signature_text: "Dr Ada Okafor FRCOphth",
};

/**
 * A `withApp` `prepare` step for an examination: DOCTOR (with DOCTOR_PROFILE), OPTOMETRIST and RECEPTION, then
 * `patient` registered and checked in today as a walk-in with the doctor (by the receptionist, as at the front
 * desk). Returns `{ doctorId, optometristId, patient, appointment }`; `appointment.visit_id` is the visit to examine.
 */
export async function examClinic({ env, db }, { patient, reason = null }) {
  const doctor = await createStaff({ env, db }, DOCTOR, ["doctor"], DOCTOR_PROFILE);
  const optometrist = await createStaff({ env, db }, OPTOMETRIST, ["optometrist"], {
    specialization: "Optometry",
    licence_number: null,
    signature_text: null,
  });
  await createStaff({ env, db }, RECEPTION, ["receptionist"]);
  const registered = await registerPatient({ env, db }, patient);
  const appointment = await callAs(env, db, RECEPTION, "appointments.walk_in", {
    patient_id: registered.id,
    clinician_id: doctor.id,
    reason,
  });
  if (appointment.status !== "checked_in" || !appointment.visit_id)
    throw new Error(`the walk-in was not checked in: ${JSON.stringify(appointment)}`);
  return { doctorId: doctor.id, optometristId: optometrist.id, patient: registered, appointment };
}

/** Signs out whoever is signed in (user menu → Sign out) and waits for the sign-in screen. */
export async function signOut(app) {
  await app.click("user-menu");
  await app.click("sign-out");
  await app.waitFor("signin-form");
}

/** The data-testid of the element that has the keyboard focus ("" when it has none). */
export function focusedTestId(app) {
  return app.browser.execute(() => document.activeElement?.getAttribute("data-testid") ?? "");
}

/**
 * The error shown under a form field (Mantine's `<id>-error` element, found through the input's aria-describedby),
 * or "" when there is none.
 */
export async function fieldError(app, testId) {
  const input = await app.waitFor(testId);
  return app.browser.execute((el) => {
    const ids = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter((id) => id.endsWith("-error"));
    return ids.map((id) => document.getElementById(id)?.innerText ?? "").join(" ").trim();
  }, input);
}

/**
 * Closes every notification on screen with its close button, as a person clearing the corner before a screenshot.
 * Mantine's notifications carry no test id: they are found by their library class names.
 */
export async function dismissNotifications(app) {
  const { browser } = app;
  // Only the notifications of the corner stack (a screen may show a Notification card of its own).
  const open = () => browser.execute(() => document.querySelectorAll(".mantine-Notifications-notification").length);
  // Closing one may bring a queued one in (at most four show at once), so wait for the closed one to go, by its id,
  // rather than for the count to drop.
  for (let guard = 0; (await open()) > 0 && guard < 20; guard++) {
    const notice = await browser.$(".mantine-Notifications-notification");
    const id = await notice.getAttribute("id");
    await app.clickElement(await notice.$(".mantine-Notification-closeButton"));
    await browser.waitUntil(async () => !(await browser.execute((i) => document.getElementById(i) !== null, id)), {
      interval: 100,
      timeoutMsg: "a notification did not close",
    });
  }
}
