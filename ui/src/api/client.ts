import type { OperationName, Operations } from "../bindings/operations";
import type { SignedIn } from "../bindings/SignedIn";
import { normalizeError } from "./errors";
import { clearSessionToken, sessionToken, setSessionToken } from "./session";
import { tauriOpenDocument, tauriTransport } from "./tauri";
import type { DocumentOpener, Transport } from "./transport";

let transportPromise: Promise<Transport> | null = null;

function transport(): Promise<Transport> {
  if (transportPromise === null) {
    // VITE_MOCK_API is replaced by a literal at build time (see vite.config.ts), so the
    // mock module is not even bundled unless it was asked for.
    transportPromise =
      import.meta.env.VITE_MOCK_API === "1"
        ? import("./mock").then((m) => m.mockTransport)
        : Promise.resolve(tauriTransport);
  }
  return transportPromise;
}

let openerPromise: Promise<DocumentOpener> | null = null;

function opener(): Promise<DocumentOpener> {
  if (openerPromise === null) {
    openerPromise =
      import.meta.env.VITE_MOCK_API === "1"
        ? import("./mock").then((m) => m.mockOpenDocument)
        : Promise.resolve(tauriOpenDocument);
  }
  return openerPromise;
}

/**
 * Opens a document Fovea saved with the system's viewer (the desktop shell's `open_document` command, which
 * refuses anything outside the documents folder). Rejects only with an ApiError.
 */
export async function openDocumentFile(path: string): Promise<void> {
  try {
    const open = await opener();
    await open(path);
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
    const send = await transport();
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
