// The app and the `fovea` command share one database (the README recommends it for scripting). While the command
// writes, or while another program holds the write lock for longer than the core waits, the app carries on: a busy
// database is retried, never shown as the lock screen.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { test } from "node:test";

import { createReceptionist, RECEPTION, seededClinic } from "./flows.mjs";
import { ADMIN, CLI, withApp } from "./harness.mjs";

const noCli = existsSync(CLI) ? false : `no CLI at ${CLI} (cargo build -p fovea-cli)`;

/** Another program that takes the database's write lock and keeps it for `ms`; resolves once it holds it. */
function holdWriteLock(db, ms) {
  const script = [
    "import sqlite3, sys, time",
    "c = sqlite3.connect(sys.argv[1], isolation_level=None)",
    "c.execute('BEGIN IMMEDIATE')",
    "print('held', flush=True)",
    "time.sleep(float(sys.argv[2]) / 1000)",
    "c.execute('ROLLBACK')",
  ].join("\n");
  const child = spawn("python3", ["-c", script, db, String(ms)], { stdio: ["ignore", "pipe", "inherit"] });
  const done = new Promise((resolve, reject) => child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`lock holder exited ${code}`)))));
  const held = new Promise((resolve, reject) => {
    child.stdout.once("data", () => resolve());
    child.once("error", reject);
  });
  return { held, done };
}

/** Registers a patient through the form, watching that the lock screen never appears while it waits. */
async function registerWatchingForLock(app, first, last) {
  await app.click("register-patient");
  await app.waitFor("patient-form");
  await app.type("first_name", first);
  await app.type("last_name", last);
  await app.type("date_of_birth", "02/05/1980");
  await app.click("submit-patient");
  let sawLock = false;
  await app.browser.waitUntil(
    async () => {
      if (await app.isShown("lock-screen")) sawLock = true;
      return (await app.isShown("patient-page")) || (await app.isShown("register-anyway"));
    },
    { timeout: 30_000, interval: 200, timeoutMsg: `${first} ${last} was not registered within 30 s` },
  );
  assert.equal(sawLock, false, "a busy database showed the lock screen");
  if (await app.isShown("register-anyway")) await app.click("register-anyway");
  await app.waitForText("patient-name", last);
}

test("busy is not locked: the app works on while the fovea command writes and while another program holds the lock", { skip: noCli }, (t) =>
  withApp(t, "busy", { cli: [...seededClinic("Busy Eye Clinic", { patients: 5 }), createReceptionist] }, async (app) => {
    await app.waitFor("signin-form");
    await app.type("signin-username", RECEPTION.username);
    await app.type("signin-password", RECEPTION.password);
    await app.click("signin-submit");
    await app.waitFor("register-patient");

    // The fovea command adds thousands of patients, a thousand per transaction, while reception registers one.
    const seeding = spawn(
      CLI,
      ["--db", app.db, "--user", ADMIN.username, "demo", "seed", "--patients", "4000", "--days-back", "0", "--days-ahead", "0", "--past-visits", "0"],
      { env: { ...process.env, FOVEA_PASSWORD: ADMIN.password }, stdio: ["ignore", "ignore", "pipe"] },
    );
    const seeded = new Promise((resolve) => seeding.once("exit", resolve));
    await registerWatchingForLock(app, "Nuala", "Ní Bhriain");
    assert.equal(await seeded, 0, "fovea demo seed failed beside the app");

    // Another program holds the write lock for 7 s, longer than the core waits (5 s): the core answers busy, the
    // app tries again, and the registration goes through once the lock is free.
    await app.click("nav-patients");
    await app.waitFor("register-patient");
    const lock = holdWriteLock(app.db, 7000);
    await lock.held;
    const started = Date.now();
    await registerWatchingForLock(app, "Tadhg", "Ó Súilleabháin");
    const waited = Date.now() - started;
    await lock.done;
    assert.ok(waited >= 5000, `the registration finished in ${waited} ms, before the lock was released`);
    await app.screenshot("busy-registered-after-wait");
  }),
);
