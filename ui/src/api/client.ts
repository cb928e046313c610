import type { OperationName, Operations } from "../bindings/operations";
import type { SignedIn } from "../bindings/SignedIn";
import { normalizeError } from "./errors";
import { clearSessionToken, sessionToken, setSessionToken } from "./session";
import { bridgeConfig, httpOpenDocument, httpShowDocument, httpTransport } from "./http";
import { tauriOpenDocument, tauriShowDocument, tauriTransport } from "./tauri";
import type { DocumentOpener, Transport } from "./transport";

// The desktop app talks to its own core through Tauri. The browser dev mode (`dev/ui`) and the UI's tests talk to
// the same core through the development bridge; nothing else answers calls, so no rule exists twice.
function bridged(): boolean {
  return bridgeConfig() !== null;
}

function transport(): Transport {
  return bridged() ? httpTransport : tauriTransport;
}

function opener(): DocumentOpener {
  return bridged() ? httpOpenDocument : tauriOpenDocument;
}

/** Shows a document Fovea saved in the system's file manager. Rejects only with an ApiError. */
export async function showDocumentInFolder(path: string): Promise<void> {
  try {
    await (bridged() ? httpShowDocument : tauriShowDocument)(path);
  } catch (reason) {
    throw normalizeError(reason);
  }
}

/**
 * Opens a document Fovea saved with the system's viewer (the desktop shell's `open_document` command, which
 * refuses anything outside the documents folder). Rejects only with an ApiError.
 */
export async function openDocumentFile(path: string): Promise<void> {
  try {
    await opener()(path);
  } catch (reason) {
    throw normalizeError(reason);
  }
}

/**
 * How long to wait before each new try when the database is busy (another program — the fovea command, a backup, a
 * sync — holds its write lock; the core has already waited a few seconds). A busy answer wrote nothing, so a retry
 * is safe for writes too. After the last, the caller gets the `busy` error to show.
 */
export const BUSY_RETRY_DELAYS_MS = [250, 750, 2000];

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Performs one backend operation with the current session. Resolves with the typed response;
 * rejects only with an ApiError (see normalizeError).
 *
 * Keeps the session token: a successful `auth.sign_in` replaces it; `auth.sign_out` (whatever
 * its outcome) and any `unauthenticated` error drop it — unless another sign-in replaced it
 * while the call was under way, so a late answer about an old session cannot end a new one.
 */
export async function call<K extends OperationName>(
  op: K,
  request: Operations[K]["request"],
): Promise<Operations[K]["response"]> {
  let sent: string | null = null;
  try {
    const send = transport();
    sent = sessionToken();
    const response = (await sendRetryingBusy(() => send(op, request, sent))) as Operations[K]["response"];
    if (op === "auth.sign_in") setSessionToken((response as SignedIn).token);
    return response;
  } catch (reason) {
    const error = normalizeError(reason);
    if (error.code === "unauthenticated" && sessionToken() === sent) clearSessionToken();
    throw error;
  } finally {
    if (op === "auth.sign_out" && sessionToken() === sent) clearSessionToken();
  }
}

async function sendRetryingBusy(send: () => Promise<unknown>): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (reason) {
      const delay = BUSY_RETRY_DELAYS_MS[attempt];
      if (delay === undefined || normalizeError(reason).code !== "busy") throw reason;
      await sleep(delay);
    }
  }
}
