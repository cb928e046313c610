/**
 * Sends one operation to the backend with the session token (null when nobody is signed in);
 * resolves with its response JSON or rejects with anything.
 */
export type Transport = (op: string, request: unknown, session: string | null) => Promise<unknown>;

/** Opens a saved document with the system's viewer (or shows it in the file manager); rejects with anything. */
export type DocumentOpener = (path: string) => Promise<void>;
