// The app starts on a fresh database and the UI loads (first-run set-up or the main screen), under the security
// settings it ships with: the CSP is in force and the window may call nothing beyond its capability.
import assert from "node:assert/strict";
import { test } from "node:test";

import { withApp } from "./harness.mjs";

test("the window loads the UI on a fresh database", (t) =>
  withApp(t, "smoke", async (app) => {
    const shown = await app.waitForAny(["setup-form", "app-header"]);
    t.diagnostic(`first screen: ${shown}`);
    assert.equal(await app.browser.getTitle(), "Fovea");
    await app.screenshot("smoke");

    // The CSP has no 'unsafe-eval': if eval runs, the policy is not applied at all.
    const evalResult = await app.browser.execute(() => {
      try {
        return String(eval("1 + 1"));
      } catch (error) {
        return error.name;
      }
    });
    assert.equal(evalResult, "EvalError", "the Content-Security-Policy should forbid eval");

    // The one app command answers; a core command that the capability does not grant is refused.
    const invoke = (cmd, args) =>
      app.browser.execute(
        (cmd, args) =>
          window.__TAURI_INTERNALS__.invoke(cmd, args).then(
            (value) => ({ ok: true, value }),
            (error) => ({ ok: false, error: typeof error === "string" ? error : JSON.stringify(error) }),
          ),
        cmd,
        args,
      );
    const info = await invoke("call", { op: "app.info", request: {} });
    assert.equal(info.ok, true, `app.info failed: ${info.error}`);
    // WebKitWebDriver fails the whole script when an IPC call is rejected, even one the script handles, so the
    // refusal arrives as a WebDriver error.
    await assert.rejects(
      invoke("plugin:window|close", { label: "main" }),
      /window\.close not allowed/,
      "closing the window is not in the capability and must be refused",
    );
    assert.equal(await app.browser.getTitle(), "Fovea", "the window is still there");
  }));
