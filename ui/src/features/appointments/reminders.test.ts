import { describe, expect, it } from "vitest";

import type { Reminder } from "../../bindings/Reminder";
import { appointment } from "../../test/appointments";
import { groupByClinician, stillToCall } from "./reminders";

const reminder = (id: string, clinician: [string, string], time: string, called = false): Reminder => ({
  appointment: appointment({ id, clinician_id: clinician[0], clinician_name: clinician[1], start_time: time }),
  phones: ["0712 345 678"],
  called_at: called ? "2026-11-25T10:00:00Z" : null,
  called_by_name: called ? "Rita Byrne" : null,
  call_note: null,
});

describe("the reminder list", () => {
  it("groups by clinician, keeping the core's order", () => {
    const okafor: [string, string] = ["c1", "Dr Amara Okafor"];
    const walsh: [string, string] = ["c2", "Liam Walsh"];
    const groups = groupByClinician([
      reminder("a", okafor, "09:00"),
      reminder("b", okafor, "09:20", true),
      reminder("c", walsh, "08:30"),
    ]);
    expect(groups.map((g) => g.clinicianName)).toEqual(["Dr Amara Okafor", "Liam Walsh"]);
    expect(groups[0]?.reminders.map((r) => r.appointment.id)).toEqual(["a", "b"]);
    expect(groups[1]?.reminders.map((r) => r.appointment.start_time)).toEqual(["08:30"]);
    expect(groupByClinician([])).toEqual([]);
  });

  it("counts who is still to call", () => {
    expect(stillToCall([reminder("a", ["c1", "A"], "09:00"), reminder("b", ["c1", "A"], "09:20", true)])).toBe(1);
  });
});
