import type { OperationName, Operations } from "../bindings/operations";
import type { SignedIn } from "../bindings/SignedIn";
import { normalizeError } from "./errors";
import { clearSessionToken, sessionToken, setSessionToken } from "./session";
import { bridgeConfig, httpOpenDocument, httpTransport } from "./http";
import { tauriOpenDocument, tauriTransport } from "./tauri";
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
    const response = (await send(op, request, sent)) as Operations[K]["response"];
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
