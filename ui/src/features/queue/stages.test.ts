import { describe, expect, it } from "vitest";

import type { Permission } from "../../bindings/Permission";
import { formatWait, nextStage, STAGES, stagesFor } from "./stages";

// Permission sets like those the core grants each role by default.
const OPTOMETRIST: Permission[] = ["signed_in", "read_patients", "read_clinical", "write_workup", "manage_appointments", "use_queue"];
const DOCTOR: Permission[] = [...OPTOMETRIST, "write_patients", "write_consultation", "sign_clinical"];
const PHARMACIST: Permission[] = ["signed_in", "read_patients", "use_queue", "dispense", "manage_stock"];
const CASHIER: Permission[] = ["signed_in", "read_patients", "use_queue", "billing"];
const RECEPTION: Permission[] = ["signed_in", "read_patients", "write_patients", "manage_appointments", "use_queue"];

describe("board columns by permission", () => {
  it("puts the stages each person works in first, then the rest in the order of the day", () => {
    expect(stagesFor(OPTOMETRIST)).toEqual(["waiting_workup", "in_workup", "waiting_doctor", "with_doctor", "pharmacy", "billing", "done"]);
    expect(stagesFor(DOCTOR).slice(0, 3)).toEqual(["waiting_doctor", "with_doctor", "waiting_workup"]);
    expect(stagesFor(PHARMACIST)[0]).toBe("pharmacy");
    expect(stagesFor(CASHIER)[0]).toBe("billing");
    expect(stagesFor(RECEPTION)).toEqual([...STAGES]);
    expect(stagesFor(["signed_in", "manage_users"])).toEqual(STAGES);
    expect(stagesFor([])).toEqual(STAGES);
  });

  it("combines permissions without repeating a stage", () => {
    const both = stagesFor([...PHARMACIST, ...CASHIER]);
    expect(both.slice(0, 2)).toEqual(["pharmacy", "billing"]);
    expect(new Set(both).size).toBe(STAGES.length);
  });
});

describe("moving on", () => {
  it("goes to the next stage, and nowhere after done", () => {
    expect(nextStage("waiting_workup")).toBe("in_workup");
    expect(nextStage("billing")).toBe("done");
    expect(nextStage("done")).toBeNull();
  });

  it("writes waits briefly", () => {
    expect(formatWait(7)).toBe("7 min");
    expect(formatWait(65)).toBe("1 h 05 min");
    expect(formatWait(-3)).toBe("0 min");
  });
});
