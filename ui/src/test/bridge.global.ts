// Vitest's global set-up: one real Fovea core for the whole UI test run. It seeds a demo clinic from a fixed seed into
// a temporary database, starts the development bridge (`fovea dev serve`) on it, and hands the bridge's address and
// token to every test file, which then works on a private copy of that clinic (see setup.ts). No rule of the core is
// copied into TypeScript: the screens under test talk to the same code the desktop app runs.
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

import type { TestProject } from "vitest/node";

import { DEMO_PASSWORD, DEMO_SEED } from "./demoClinic";

declare module "vitest" {
  export interface ProvidedContext {
    bridge: { url: string; token: string };
  }
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** The `fovea` command: $FOVEA_BIN when the caller has built it already (dev/test does), else built now. */
function foveaBinary(): string {
  const given = process.env.FOVEA_BIN;
  if (given) {
    if (!existsSync(given)) throw new Error(`FOVEA_BIN names ${given}, which does not exist.`);
    return resolve(given);
  }
  const built = spawnSync("cargo", ["build", "--quiet", "--bin", "fovea"], { cwd: root, stdio: "inherit" });
  if (built.status !== 0) throw new Error("Could not build the fovea command (cargo build --bin fovea) for the UI tests.");
  return join(root, "target", "debug", "fovea");
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const fovea = foveaBinary();
  const dir = mkdtempSync(join(tmpdir(), "fovea-ui-tests-"));
  const db = join(dir, "clinic.db");
  const env = { ...process.env, FOVEA_PASSWORD: DEMO_PASSWORD, FOVEA_DB: db };

  const seeded = spawnSync(
    fovea,
    ["--user", "admin", "demo", "seed", "--patients", "120", "--seed", String(DEMO_SEED), "--days-back", "7", "--days-ahead", "14", "--past-visits", "60"],
    { env, encoding: "utf8" },
  );
  if (seeded.status !== 0) throw new Error(`fovea demo seed failed:\n${seeded.stderr}`);

  // Stand-ins for CUPS, so printing behaves the same on every machine: two printers, and an `lp` that accepts.
  const cups = join(dir, "cups");
  mkdirSync(cups);
  const script = (name: string, body: string) => {
    writeFileSync(join(cups, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(cups, name), 0o755);
  };
  script("lpstat", `case "$1" in -e) printf 'Reception\\nConsult-1\\n';; -d) echo 'system default destination: Reception';; esac`);
  script("lp", `echo 'request id is Reception-1 (1 file(s))'`);

  const bridge = spawn(fovea, ["--db", db, "dev", "serve", "--until-stdin-closes", "--cups-dir", cups], {
    env,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const exited = new Promise<never>((_, reject) =>
    bridge.once("exit", (status) => reject(new Error(`The development bridge stopped (status ${status}) before it answered.`))),
  );
  const firstLine = new Promise<string>((resolveLine) => {
    const lines = createInterface({ input: bridge.stdout });
    lines.once("line", (line) => {
      lines.close();
      resolveLine(line);
    });
  });
  const { url, token } = JSON.parse(await Promise.race([firstLine, exited])) as { url: string; token: string };
  project.provide("bridge", { url, token });

  return async () => {
    const gone = new Promise<void>((done) => bridge.once("exit", () => done()));
    bridge.stdin.end();
    await Promise.race([gone, new Promise((later) => setTimeout(later, 2000))]);
    bridge.kill();
    rmSync(dir, { recursive: true, force: true });
  };
}
