// Mirrors the core's password rules as hints; the core enforces them (and also refuses common passwords).

export const PASSWORD_MIN_CHARS = 10;
export const PASSWORD_MAX_CHARS = 128;

export const PASSWORD_ADVICE = `At least ${PASSWORD_MIN_CHARS} characters. A few unrelated words are easy to remember and hard to guess.`;

/** Why `password` would be refused, or null. Length counts characters, not bytes. */
export function passwordHint(password: string, username = ""): string | null {
  const length = [...password].length;
  if (length === 0) return "Password is required";
  if (length < PASSWORD_MIN_CHARS) return `At least ${PASSWORD_MIN_CHARS} characters (${length} so far)`;
  if (length > PASSWORD_MAX_CHARS) return `At most ${PASSWORD_MAX_CHARS} characters`;
  const name = username.trim().toLowerCase();
  if (name !== "" && password.trim().toLowerCase() === name) return "The password must not be the username";
  return null;
}

/** The confirmation's hint: it must repeat the password exactly. */
export function confirmationHint(password: string, confirmation: string): string | null {
  if (confirmation === "") return "Type the password again";
  return confirmation === password ? null : "The two passwords are not the same";
}
