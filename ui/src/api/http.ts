import type { DocumentOpener, Transport } from "./transport";

/**
 * Where the development bridge (`fovea dev serve`) answers, and with which token. `db` names a scratch copy of the
 * served clinic (tests give each file its own); null uses the served database itself.
 */
export interface BridgeConfig {
  url: string;
  token: string;
  db: string | null;
}

let config: BridgeConfig | null = null;

/** Points the HTTP transport at a bridge. Tests and the browser dev mode call this before the first `call`. */
export function configureBridge(next: BridgeConfig | null): void {
  config = next;
}

export function bridgeConfig(): BridgeConfig | null {
  return config;
}

async function post(path: string, body: unknown): Promise<unknown> {
  if (config === null) throw new Error("The development bridge is not configured.");
  const response = await fetch(`${config.url}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${config.token}` },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { ok?: unknown; error?: unknown };
  if ("error" in answer) throw answer.error;
  return answer.ok;
}

/** The real core through the development bridge: the same `{op, request, session}` as the desktop's `call`. */
export const httpTransport: Transport = (op, request, session) =>
  post("/call", { op, request, session, db: config?.db ?? null });

/**
 * A browser cannot hand a file to the system's viewer; say where the document is instead of pretending.
 */
export const httpOpenDocument: DocumentOpener = async () => {
  throw { code: "bad_request", message: "Documents open only in the desktop app.", field: null };
};

/** Nor can it show a file in the system's file manager. */
export const httpShowDocument: DocumentOpener = async () => {
  throw { code: "bad_request", message: "The file manager opens only from the desktop app.", field: null };
};

/**
 * Asks the bridge for a private copy of the clinic it serves (or, with `empty`, a database never set up) and returns
 * its id.
 */
export async function newScratchClinic({ empty = false }: { empty?: boolean } = {}): Promise<string> {
  if (config === null) throw new Error("The development bridge is not configured.");
  const response = await fetch(`${config.url}/scratch`, {
    method: "POST",
    headers: { Authorization: `Bearer ${config.token}` },
    body: JSON.stringify({ empty }),
  });
  const answer = (await response.json()) as { db?: string; error?: unknown };
  if (answer.db === undefined) throw answer.error ?? new Error("The bridge made no scratch database.");
  return answer.db;
}
