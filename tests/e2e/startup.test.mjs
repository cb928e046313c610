// Start-up against databases prepared with the `fovea` CLI: an existing clinic opens straight onto the main screen,
// and a database from a newer Fovea is refused with a message instead of a crash or a silent empty window.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { open } from "node:fs/promises";
import { test } from "node:test";

import { seededClinic, signInIfAsked } from "./flows.mjs";
import { CLI, withApp } from "./harness.mjs";

const noCli = existsSync(CLI) ? false : `no CLI at ${CLI} (cargo build -p fovea-cli)`;

test("an existing clinic opens on the main screen with its patients", { skip: noCli }, (t) =>
  withApp(t, "startup-seeded", { cli: seededClinic("Seeded Eye Clinic", { patients: 25 }) }, async (app) => {
    await signInIfAsked(app);
    await app.waitForText("app-header", "Seeded Eye Clinic");
    await app.waitFor("patient-search");
    await app.waitFor("patient-row");
    await app.screenshot("startup-seeded");
  }),
);

test("a database written by a newer Fovea is refused with a message", { skip: noCli }, (t) =>
  withApp(t, "startup-newer", { cli: seededClinic("Future Clinic"), prepare: bumpSchemaVersion }, async (app) => {
    await app.browser.waitUntil(async () => /newer version of Fovea/i.test(await app.browser.$("body").getText()), {
      timeoutMsg: "the UI never said the database is from a newer Fovea",
    });
    assert.equal(await app.isShown("setup-form"), false, "must not offer to set up over a refused database");
    assert.equal(await schemaVersion(app.db), 9999, "a refused database must be left as it was");
    await app.screenshot("startup-newer");
  }),
);

async function schemaVersion(db) {
  const file = await open(db, "r");
  try {
    const { buffer } = await file.read(Buffer.alloc(4), 0, 4, 60);
    return buffer.readUInt32BE(0);
  } finally {
    await file.close();
  }
}

/** Makes the database claim a schema far ahead of this build, by editing SQLite's header (user_version, offset 60). */
async function bumpSchemaVersion({ db }) {
  const file = await open(db, "r+");
  try {
    const version = Buffer.alloc(4);
    version.writeUInt32BE(9999);
    await file.write(version, 0, 4, 60);
  } finally {
    await file.close();
  }
}
