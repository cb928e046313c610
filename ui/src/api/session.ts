// The session token lives here and nowhere else: only in memory (never in localStorage), set by a
// successful `auth.sign_in` and cleared by `auth.sign_out` and by any `unauthenticated` error.
// Nothing outside src/api imports this module; components never see the token.

let token: string | null = null;

/** The token to send with the next call, or null when nobody is signed in. */
export function sessionToken(): string | null {
  return token;
}

export function setSessionToken(value: string): void {
  token = value;
}

export function clearSessionToken(): void {
  token = null;
}
