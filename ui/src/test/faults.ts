// Faults the real core will not produce on demand (a broken disk, a slow answer), injected where the UI meets the
// bridge: at `fetch`. Only the named operation is affected; every other call still reaches the real core.
import { vi } from "vitest";

import type { OperationName } from "../bindings/operations";

type Fault = { op: OperationName; answer: (pass: () => Promise<Response>) => Promise<Response> };

const faults: Fault[] = [];
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  const realFetch = globalThis.fetch.bind(globalThis);
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const pass = () => realFetch(input, init);
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as { op?: string }) : {};
    const index = faults.findIndex((f) => f.op === body.op);
    const [fault] = index < 0 ? [] : faults.splice(index, 1);
    return fault ? fault.answer(pass) : pass();
  });
}

/** The next call of `op` fails with this error, as the core would report it; later calls reach the core again. */
export function failNextCall(op: OperationName, code: string, message: string, field: string | null = null): void {
  install();
  faults.push({ op, answer: async () => Response.json({ error: { code, message, field } }) });
}

/**
 * The next call of `op` waits, unanswered, until the returned function is called; then it reaches the core. For
 * testing what a screen shows while it waits.
 */
export function holdNextCall(op: OperationName): () => void {
  install();
  let release: () => void = () => {};
  const released = new Promise<void>((r) => (release = r));
  faults.push({ op, answer: async (pass) => (await released, pass()) });
  return release;
}

/** Forgets faults not yet triggered (setup.ts calls this after every test). */
export function clearFaults(): void {
  faults.length = 0;
  installed = false;
}
