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
  const createUser = (u, roles, profile = null) =>
    callAs(env, db, ADMIN, "users.create", {
      username: u.username,
      full_name: u.name,
      roles,
      password: u.password,
      profile,
    });
  const doctor = await createUser(DOCTOR, ["doctor"], {
    specialization: "Glaucoma",
    licence_number: null,
    signature_text: null,
  });
  await createUser(RECEPTION, ["receptionist"]);
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
  for (const p of patients) {
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
        allergies: null,
        current_medications: null,
        emergency_contact_name: null,
        emergency_contact_phone: null,
      },
      allow_duplicate: false,
    });
    if (answer.outcome !== "registered")
      throw new Error(`could not register ${p.first_name} ${p.last_name}: ${JSON.stringify(answer)}`);
    registered.push(answer.patient);
  }
  return { doctorId: doctor.id, patients: registered };
}
