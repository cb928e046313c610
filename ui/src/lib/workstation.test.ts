import { describe, expect, it } from "vitest";

import { normalizeWorkstationCode, workstationCodeHint } from "./workstation";

describe("workstation codes", () => {
  it("accepts 1–4 letters and digits starting with a letter", () => {
    for (const code of ["R", "R1", "opt2", "C10A"]) expect(workstationCodeHint(code)).toBeNull();
    expect(normalizeWorkstationCode(" r1 ")).toBe("R1");
  });

  it("explains what is wrong", () => {
    expect(workstationCodeHint("")).toMatch(/required/);
    expect(workstationCodeHint("R12345")).toMatch(/4/);
    expect(workstationCodeHint("1R")).toMatch(/letter/);
    expect(workstationCodeHint("R-1")).toMatch(/letters and digits/);
  });
});
