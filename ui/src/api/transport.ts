/** Sends one operation to the backend; resolves with its response JSON or rejects with anything. */
export type Transport = (op: string, request: unknown) => Promise<unknown>;
