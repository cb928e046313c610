import { describe, expect, it } from "vitest";

import type { Schedule } from "../../bindings/Schedule";
import { formToSchedule, placeScheduleError, scheduleErrorKeys, scheduleToForm, validateScheduleForm } from "./scheduleForm";

const day = { start: "09:00", end: "17:00", breaks: [{ start: "13:00", end: "14:00" }] };
const schedule: Schedule = {
  clinician_id: "c1",
  days: [day, day, day, day, day, null, null],
  default_minutes: 20,
  minutes_by_kind: [{ kind: "new_patient", minutes: 30 }],
};

describe("the schedule form", () => {
  it("round-trips a schedule", () => {
    const form = scheduleToForm(schedule);
    expect(form.days[5]?.working).toBe(false);
    expect(form.byKind.new_patient).toBe("30");
    expect(form.byKind.follow_up).toBe("");
    expect(formToSchedule(form, "c1")).toEqual(schedule);
  });

  it("finds wrong times, breaks outside the day and impossible lengths", () => {
    const form = scheduleToForm(schedule);
    form.days[0] = { working: true, start: "9am", end: "17:00", breaks: [] };
    form.days[1] = { working: true, start: "10:00", end: "09:00", breaks: [] };
    form.days[2] = { working: true, start: "09:00", end: "12:00", breaks: [{ start: "12:30", end: "13:00" }] };
    form.days[5] = { working: false, start: "nonsense", end: "", breaks: [] }; // not working: not checked
    form.defaultMinutes = "0";
    form.byKind.refraction = "300";
    expect(validateScheduleForm(form)).toEqual({
      "days.0.start": expect.stringMatching(/HH:MM/),
      "days.1.end": "The day must end after it starts.",
      "days.2.breaks.0": "A break must lie within the working hours.",
      default_minutes: "5 to 240 minutes.",
      "minutes_by_kind.refraction": "5 to 240 minutes.",
    });
  });

  it("places the core's field paths at the nearest field", () => {
    const keys = scheduleErrorKeys(scheduleToForm(schedule));
    expect(placeScheduleError("days[2]", keys)).toBe("days.2");
    expect(placeScheduleError("days.0.start", keys)).toBe("days.0.start");
    expect(placeScheduleError("days.0.breaks.0.start", keys)).toBe("days.0.breaks.0");
    expect(placeScheduleError("default_minutes", keys)).toBe("default_minutes");
    expect(placeScheduleError("something_else", keys)).toBeNull();
    expect(placeScheduleError(null, keys)).toBeNull();
  });
});
