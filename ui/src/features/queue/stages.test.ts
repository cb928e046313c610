import { describe, expect, it } from "vitest";

import { formatWait, nextStage, STAGES, stagesForRoles } from "./stages";

describe("board columns by role", () => {
  it("puts each role's own stages first, then the rest in the order of the day", () => {
    expect(stagesForRoles(["optometrist"])).toEqual([
      "waiting_workup",
      "in_workup",
      "waiting_doctor",
      "with_doctor",
      "pharmacy",
      "billing",
      "done",
    ]);
    expect(stagesForRoles(["doctor"]).slice(0, 3)).toEqual(["waiting_doctor", "with_doctor", "waiting_workup"]);
    expect(stagesForRoles(["pharmacist"])[0]).toBe("pharmacy");
    expect(stagesForRoles(["cashier"])[0]).toBe("billing");
    expect(stagesForRoles(["receptionist"])).toEqual([...STAGES]);
    expect(stagesForRoles(["admin"])).toEqual(STAGES);
    expect(stagesForRoles([])).toEqual(STAGES);
  });

  it("combines roles without repeating a stage", () => {
    const both = stagesForRoles(["pharmacist", "cashier"]);
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
