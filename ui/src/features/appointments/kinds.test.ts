import { describe, expect, it } from "vitest";

import type { Schedule } from "../../bindings/Schedule";
import { actionsFor, FALLBACK_MINUTES, lengthForKind } from "./kinds";

const schedule: Schedule = {
  clinician_id: "c1",
  days: [null, null, null, null, null, null, null],
  default_minutes: 15,
  minutes_by_kind: [
    { kind: "new_patient", minutes: 30 },
    { kind: "refraction", minutes: 25 },
  ],
};

describe("length from kind", () => {
  it("takes the kind's own length, else the clinician's default", () => {
    expect(lengthForKind(schedule, "new_patient")).toBe(30);
    expect(lengthForKind(schedule, "refraction")).toBe(25);
    expect(lengthForKind(schedule, "follow_up")).toBe(15);
    expect(lengthForKind(undefined, "follow_up")).toBe(FALLBACK_MINUTES);
  });
});

describe("what can be done to an appointment", () => {
  const today = "2026-11-25";
  it("checks in only today's scheduled appointments", () => {
    expect(actionsFor({ status: "scheduled", clinic_day: today }, today).checkIn).toBe(true);
    expect(actionsFor({ status: "scheduled", clinic_day: "2026-11-26" }, today).checkIn).toBe(false);
    expect(actionsFor({ status: "checked_in", clinic_day: today }, today).checkIn).toBe(false);
  });

  it("follows the transitions of the core", () => {
    expect(actionsFor({ status: "checked_in", clinic_day: today }, today)).toMatchObject({ start: true, cancel: false, noShow: false });
    expect(actionsFor({ status: "in_progress", clinic_day: today }, today)).toMatchObject({ complete: true, start: false });
    expect(actionsFor({ status: "completed", clinic_day: today }, today)).toEqual({
      checkIn: false,
      start: false,
      complete: false,
      cancel: false,
      noShow: false,
      reschedule: false,
    });
    const future = actionsFor({ status: "scheduled", clinic_day: "2026-12-01" }, today);
    expect(future).toMatchObject({ cancel: true, reschedule: true, noShow: false });
  });
});
