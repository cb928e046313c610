// Drives the built Fovea app through tauri-driver (which starts WebKitWebDriver, which starts the app).
//
// Every `withApp` call gets its own temp folder, database, XDG folders, tauri-driver and WebDriver session, and tears
// all of them down afterwards, whether the test passed or not. Run under a display: `xvfb-run -a node --test tests/e2e/`.
//
// Environment: FOVEA_APP (app binary, default target/debug/fovea-desktop), FOVEA_CLI (default target/debug/fovea),
// TAURI_DRIVER (default: tauri-driver on PATH or in ~/.cargo/bin), WEBKIT_WEBDRIVER (default /usr/bin/WebKitWebDriver),
// FOVEA_E2E_KEEP=1 keeps each test's temp folder, WDIO_LOG_LEVEL (default "silent").

import { execFile, spawn } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { access, constants, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { remote } from "webdriverio";

const run = promisify(execFile);

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const ARTIFACTS = path.join(REPO, "tests", "e2e", "artifacts");
export const APP = path.resolve(process.env.FOVEA_APP || path.join(REPO, "target", "debug", "fovea-desktop"));
export const CLI = path.resolve(process.env.FOVEA_CLI || path.join(REPO, "target", "debug", "fovea"));
const NATIVE_DRIVER = process.env.WEBKIT_WEBDRIVER || "/usr/bin/WebKitWebDriver";

/** The first administrator of every test clinic (set up through the UI or seeded with the CLI). */
export const ADMIN = { name: "Test Admin", username: "admin", password: "Fovea-e2e-correct-horse-42" };

/** How long a condition may take before a test fails (the app's first paint is about a second). */
export const TIMEOUT = 15_000;

/**
 * Starts the app on a fresh database, runs `body(app)`, and always tears down.
 * On failure it saves `artifacts/<name>-failure.png` and `.html` before rethrowing.
 *
 * `options.cli`: CLI invocations run before the app starts, each an argument list that follows `fovea --db <db>`
 * (FOVEA_PASSWORD is set to ADMIN's password); `seededClinic()` in flows.mjs builds the usual ones.
 * `options.prepare`: an async function given `{ dir, db, env }`, run after the CLI and before the app starts.
 */
export async function withApp(t, name, options, body) {
  if (typeof options === "function") [options, body] = [{}, options];
  const app = await startApp(t, name, options);
  try {
    await body(app);
  } catch (error) {
    await app.saveFailure().catch((e) => t.diagnostic(`could not save failure artifacts: ${e.message}`));
    throw error;
  } finally {
    await app.stop();
  }
}

async function startApp(t, name, { cli = [], prepare } = {}) {
  await preflight();
  await mkdir(ARTIFACTS, { recursive: true });
  for (const stale of [`${name}-failure.png`, `${name}-failure.html`])
    await rm(path.join(ARTIFACTS, stale), { force: true });
  const dir = await mkdtemp(path.join(os.tmpdir(), `fovea-e2e-${name}-`));
  const db = path.join(dir, "fovea.db");
  // The app inherits tauri-driver's environment (not this process's): everything it could write goes under `dir`.
  const env = {
    ...process.env,
    FOVEA_DB: db,
    XDG_DATA_HOME: path.join(dir, "data"),
    XDG_CONFIG_HOME: path.join(dir, "config"),
    XDG_CACHE_HOME: path.join(dir, "cache"),
    XDG_STATE_HOME: path.join(dir, "state"),
  };
  for (const sub of ["data", "config", "cache", "state"]) await mkdir(path.join(dir, sub));

  try {
    for (const args of cli) await runCli(env, db, args);
    if (prepare) await prepare({ dir, db, env });
  } catch (error) {
    if (!process.env.FOVEA_E2E_KEEP) await rm(dir, { recursive: true, force: true });
    throw error;
  }

  const [port, nativePort] = await Promise.all([freePort(), freePort()]);
  const log = createWriteStream(path.join(ARTIFACTS, `${name}.log`));
  const driver = spawn(
    tauriDriver(),
    ["--port", String(port), "--native-port", String(nativePort), "--native-driver", NATIVE_DRIVER],
    // Own process group, so teardown can end tauri-driver, WebKitWebDriver and the app together.
    { env, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  driver.stdout.pipe(log, { end: false });
  driver.stderr.pipe(log, { end: false });
  const exited = new Promise((resolve) => driver.once("exit", (code, signal) => resolve({ code, signal })));

  let browser = null;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (browser) await withTimeout(browser.deleteSession(), 10_000).catch(() => {});
    await endGroup(driver, exited);
    log.end();
    if (process.env.FOVEA_E2E_KEEP) t.diagnostic(`kept ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  };

  try {
    const started = performance.now();
    // tauri-driver listens at once but starts WebKitWebDriver in the background, and a new-session request that
    // arrives before WebKitWebDriver listens fails with "connection refused": wait for both.
    await Promise.all([waitForPort(port, exited), waitForPort(nativePort, exited)]);
    const driverReady = performance.now();
    browser = await remote({
      hostname: "127.0.0.1",
      port,
      // Failures reach the test as exceptions; WebdriverIO's own logging would only repeat them.
      logLevel: process.env.WDIO_LOG_LEVEL || "silent",
      connectionRetryCount: 0,
      // A WebDriver command that hangs (WebKit has been seen to) fails the test in 30 s rather than 2 min.
      connectionRetryTimeout: 30_000,
      waitforTimeout: TIMEOUT,
      capabilities: {
        // No `browserName`: tauri-driver then fails with "Failed to match capabilities".
        "tauri:options": { application: APP },
        // WebKitWebDriver speaks classic WebDriver only; don't ask for a BiDi socket.
        "wdio:enforceWebDriverClassic": true,
      },
    });
    const sessionReady = performance.now();
    t.diagnostic(
      `${name}: tauri-driver ready in ${Math.round(driverReady - started)} ms, ` +
        `session (app launched) in ${Math.round(sessionReady - driverReady)} ms`,
    );
  } catch (error) {
    await stop();
    throw error;
  }

  return makeApp({ t, name, dir, db, browser, stop });
}

function makeApp({ t, name, dir, db, browser, stop }) {
  const selector = (testId) => `[data-testid="${testId}"]`;
  const app = {
    browser,
    dir,
    db,
    stop,
    /** The first element with this data-testid (may not exist yet; use `waitFor` to wait). */
    byTestId: (testId) => browser.$(selector(testId)),
    /** All elements with this data-testid. */
    allByTestId: (testId) => browser.$$(selector(testId)),
    /** Whether an element with this data-testid is displayed right now. */
    async isShown(testId) {
      return browser.$(selector(testId)).isDisplayed();
    },
    /** Waits until an element with this data-testid is displayed, and returns it. */
    async waitFor(testId, timeout = TIMEOUT) {
      const element = await browser.$(selector(testId));
      await element.waitForDisplayed({ timeout, timeoutMsg: `data-testid="${testId}" not shown after ${timeout} ms` });
      return element;
    },
    /** Waits until one of these test ids is displayed; returns which one. */
    async waitForAny(testIds, timeout = TIMEOUT) {
      let found = null;
      await browser.waitUntil(
        async () => {
          for (const id of testIds) {
            if (await browser.$(selector(id)).isDisplayed()) {
              found = id;
              return true;
            }
          }
          return false;
        },
        { timeout, interval: 100, timeoutMsg: `none of ${testIds.join(", ")} shown after ${timeout} ms` },
      );
      return found;
    },
    /** Waits until this test id is no longer displayed (or gone). */
    async waitForGone(testId, timeout = TIMEOUT) {
      await browser.$(selector(testId)).waitForDisplayed({
        timeout,
        reverse: true,
        timeoutMsg: `data-testid="${testId}" still shown after ${timeout} ms`,
      });
    },
    /** Replaces the text of the input with this test id by typing `text`, as a person would. */
    async type(testId, text) {
      const element = await app.waitFor(testId);
      if ((await element.getValue()) !== "") await element.clearValue();
      await element.addValue(text);
      return element;
    },
    async click(testId) {
      return app.clickElement(await app.waitFor(testId));
    },
    /**
     * Clicks an element as a person would: scrolled to the middle of the window first (WebDriver's own scrolling
     * can leave it under the fixed app header), and once nothing lies on top of it (a closing modal, a toast).
     */
    async clickElement(element, timeout = TIMEOUT) {
      await element.waitForDisplayed({ timeout });
      await browser.execute((el) => el.scrollIntoView({ block: "center", inline: "nearest" }), element);
      const waited = performance.now();
      await element.waitForClickable({
        timeout,
        timeoutMsg: `${await describe(element)} stayed covered by another element (or disabled) for ${timeout} ms`,
      });
      const ms = performance.now() - waited;
      if (ms > 1000) t.diagnostic(`waited ${Math.round(ms)} ms until ${await describe(element)} was clickable`);
      await element.click();
      return element;
    },
    /** Presses keys (WebDriver key names such as "Enter", "ArrowDown") in the focused element. */
    keys: (keys) => browser.keys(keys),
    /** Waits until the element's visible text contains `text` (a string or a RegExp); returns the text. */
    async waitForText(testId, text, timeout = TIMEOUT) {
      const element = await app.waitFor(testId, timeout);
      let last = "";
      await browser.waitUntil(
        async () => {
          // innerText rather than WebDriver's "visible text", which WebKitWebDriver reports as "" for some
          // visible elements (the fixed-position app header, for one). innerText follows CSS text-transform, so
          // Mantine badges read in capitals ("SCHEDULED"): match those with a case-insensitive RegExp.
          last = await browser.execute((el) => el.innerText, element);
          return typeof text === "string" ? last.includes(text) : text.test(last);
        },
        {
          timeout,
          interval: 100,
          // A function, so the message says what was last seen (a string would be built before the first poll).
          timeoutMsg: () => `data-testid="${testId}" never showed ${text} (last: ${JSON.stringify(last)})`,
        },
      );
      return last;
    },
    /** Saves a screenshot of the window to tests/e2e/artifacts/<file>.png and returns its path. */
    async screenshot(file) {
      const out = path.join(ARTIFACTS, `${file}.png`);
      // Let the page paint what the test just waited for (two frames: style/layout, then paint).
      await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
      await browser.saveScreenshot(out);
      t.diagnostic(`screenshot: ${path.relative(REPO, out)}`);
      return out;
    },
    async saveFailure() {
      await app.screenshot(`${name}-failure`);
      await writeFile(path.join(ARTIFACTS, `${name}-failure.html`), await browser.getPageSource());
    },
  };
  return app;
}

/** `data-testid="…"` (with data-mrn or data-username when it has one) of an element, for messages. */
async function describe(element) {
  const [testId, mrn, username] = await Promise.all(
    ["data-testid", "data-mrn", "data-username"].map((a) => element.getAttribute(a).catch(() => null)),
  );
  const extra = mrn ? ` data-mrn="${mrn}"` : username ? ` data-username="${username}"` : "";
  return testId ? `data-testid="${testId}"${extra}` : element.selector;
}

/** Runs the CLI on the test's database, with the test's environment. */
export async function runCli(env, db, args) {
  if (!existsSync(CLI))
    throw new Error(`No CLI at ${CLI}: build it with \`cargo build -p fovea-cli\` (or set FOVEA_CLI).`);
  try {
    // The CLI reads the administrator's password (for `init`) and its own user's (for `--user`) from FOVEA_PASSWORD.
    return await run(CLI, ["--db", db, ...args], { env: { FOVEA_PASSWORD: ADMIN.password, ...env }, timeout: 120_000 });
  } catch (error) {
    throw new Error(`fovea ${args.join(" ")} failed: ${error.stderr || error.message}`);
  }
}

async function preflight() {
  await access(APP, constants.X_OK).catch(() => {
    throw new Error(`No app binary at ${APP}: build it with \`cargo build -p fovea-desktop\` (or set FOVEA_APP).`);
  });
  await access(NATIVE_DRIVER, constants.X_OK).catch(() => {
    throw new Error(`No WebKitWebDriver at ${NATIVE_DRIVER}: install Debian's webkit2gtk-driver (dev/test does).`);
  });
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    throw new Error("No display: run the suite under Xvfb, e.g. `xvfb-run -a node --test tests/e2e/`.");
  }
}

function tauriDriver() {
  if (process.env.TAURI_DRIVER) return process.env.TAURI_DRIVER;
  const cargoBin = path.join(process.env.CARGO_HOME || path.join(os.homedir(), ".cargo"), "bin", "tauri-driver");
  const onPath = (process.env.PATH || "")
    .split(path.delimiter)
    .some((d) => d && existsSync(path.join(d, "tauri-driver")));
  if (!onPath && existsSync(cargoBin)) return cargoBin;
  return "tauri-driver"; // spawn reports ENOENT clearly if it is missing
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts connections on the port; fails early if tauri-driver exits first. */
async function waitForPort(port, exited, timeout = 10_000) {
  let gone = null;
  exited.then((how) => (gone = how));
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (gone)
      throw new Error(`tauri-driver exited before listening (${JSON.stringify(gone)}); see its log in ${ARTIFACTS}`);
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listened on port ${port} within ${timeout} ms (tauri-driver or WebKitWebDriver)`);
}

/** Ends the process group we started (tauri-driver and whatever it spawned): TERM, then KILL if it lingers. */
async function endGroup(child, exited) {
  const signal = (name) => {
    try {
      process.kill(-child.pid, name);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  const done = await withTimeout(exited, 5_000).then(
    () => true,
    () => false,
  );
  // Children of tauri-driver (the app, WebKit's helper processes) may outlive it: make sure the group is gone.
  signal(done ? "SIGTERM" : "SIGKILL");
  await new Promise((r) => setTimeout(r, 100));
  signal("SIGKILL");
}

function withTimeout(promise, ms) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    }),
  ]);
}
