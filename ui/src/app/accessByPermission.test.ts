// Screens decide what to show from CurrentUser.permissions, which the core reports; never from role names, whose
// meaning (which permissions a role grants) is the core's to decide. A role compared in the UI is how the patient
// page came to send an audit call that the core refuses for doctors.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "..");

// Where role names are data, not access: managing accounts, and saying who is signed in.
const ROLES_ARE_DATA = [/^features\/users\//, /^components\/NoAccess\.tsx$/, /^bindings\//, /^test\//, /\.test\.tsx?$/];
// Saying which roles someone holds ("Doctor · the screen is locked") decides nothing.
const SHOWS_ROLES = /rolesLabel\([\w.]*roles\)/;

const ROLE = "(admin|doctor|optometrist|receptionist|pharmacist|cashier)";
const CHECKS: [string, RegExp][] = [
  ["reads a user's roles", /\.roles\b/],
  ["compares with a role name", new RegExp(`\\brole\\w*\\s*[!=]==?\\s*["']${ROLE}["']|["']${ROLE}["']\\s*[!=]==?\\s*role`)],
  ["looks a role name up", new RegExp(`\\.(includes|indexOf|some|find)\\(\\s*["']${ROLE}["']`)],
  ["imports the Role type", /bindings\/Role["']/],
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every line of UI code that decides something by role name, as "file:line: what". */
function roleChecks(files: { path: string; text: string }[]): string[] {
  return files.flatMap(({ path, text }) =>
    text.split("\n").flatMap((line, i) =>
      CHECKS.filter(([, pattern]) => pattern.test(line.replace(SHOWS_ROLES, ""))).map(([what]) => `${path}:${i + 1}: ${what}: ${line.trim()}`),
    ),
  );
}

describe("access in the UI", () => {
  it("is decided by the permissions the core reports, never by role names", () => {
    const files = sources(SRC)
      .map((path) => ({ path: relative(SRC, path), text: readFileSync(path, "utf8") }))
      .filter(({ path }) => !ROLES_ARE_DATA.some((allowed) => allowed.test(path)));
    expect(files.length).toBeGreaterThan(50);
    expect(roleChecks(files)).toEqual([]);
  });

  it("would notice each way of deciding by role", () => {
    const found = roleChecks([
      { path: "a.tsx", text: 'if (user.roles.length) show();\nconst d = role === "doctor";\n"admin" !== role;' },
      { path: "b.tsx", text: 'const c = names.includes("cashier");\nimport type { Role } from "../bindings/Role";' },
      { path: "c.tsx", text: 'user.permissions.includes("read_audit");\nitem.group === "admin";\n{rolesLabel(user.roles)}' },
    ]);
    expect(found.map((f) => f.split(":").slice(0, 2).join(":"))).toEqual(["a.tsx:1", "a.tsx:2", "a.tsx:3", "b.tsx:1", "b.tsx:2"]);
  });
});
