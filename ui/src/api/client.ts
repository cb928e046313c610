import type { OperationName, Operations } from "../bindings/operations";
import { normalizeError } from "./errors";
import { tauriTransport } from "./tauri";
import type { Transport } from "./transport";

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

/**
 * Performs one backend operation. Resolves with the typed response; rejects only
 * with an ApiError (see normalizeError).
 */
export async function call<K extends OperationName>(
  op: K,
  request: Operations[K]["request"],
): Promise<Operations[K]["response"]> {
  try {
    const send = await transport();
    return (await send(op, request)) as Operations[K]["response"];
  } catch (reason) {
    throw normalizeError(reason);
  }
}
