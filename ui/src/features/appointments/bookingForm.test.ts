import { describe, expect, it } from "vitest";

import { normalizeTime, toBookRequest, validateBooking, validateOverbook, type BookingValues } from "./bookingForm";

const valid: BookingValues = {
  patient: { id: "p1", mrn: "R1-000001", first_name: "Ana", last_name: "Ruiz", date_of_birth: "1982-03-07" },
  clinicianId: "c1",
  date: "2026-11-25",
  time: "9:20",
  length: "30",
  kind: "new_patient",
  reason: "  Blurred vision ",
  notes: "",
};

describe("the booking form", () => {
  it("accepts a complete booking and builds the request", () => {
    expect(validateBooking(valid)).toEqual({});
    expect(toBookRequest(valid, null)).toEqual({
      patient_id: "p1",
      clinician_id: "c1",
      kind: "new_patient",
      date: "2026-11-25",
      time: "09:20",
      length_minutes: 30,
      reason: "Blurred vision",
      notes: null,
      overbook_reason: null,
    });
    expect(toBookRequest(valid, " Urgent pressure check ").overbook_reason).toBe("Urgent pressure check");
  });

  it("names each missing or wrong field", () => {
    const errors = validateBooking({ ...valid, patient: null, clinicianId: null, date: null, time: "25:00", length: "3" });
    expect(Object.keys(errors).sort()).toEqual(["clinician_id", "date", "length_minutes", "patient_id", "time"]);
    expect(validateBooking({ ...valid, length: "241" }).length_minutes).toMatch(/5 to 240/);
    expect(validateBooking({ ...valid, length: "abc" }).length_minutes).toBeDefined();
    expect(validateBooking({ ...valid, time: "" }).time).toBe("Choose a time.");
  });

  it("needs a reason to overbook", () => {
    expect(validateOverbook("  ")).toMatch(/why/);
    expect(validateOverbook("Emergency")).toBeNull();
    expect(validateOverbook("x".repeat(301))).toMatch(/300/);
  });

  it("writes times with two-digit hours", () => {
    expect(normalizeTime("9:05")).toBe("09:05");
    expect(normalizeTime("14:30")).toBe("14:30");
    expect(normalizeTime("later")).toBe("later");
  });
});
