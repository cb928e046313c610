import { describe, expect, it } from "vitest";

import { addDays, formatHm, longDay, minutesBetween, parseHm, relativeDay, weekdayIndex, weekOf } from "./time";

describe("clinic times", () => {
  it("maps HH:MM to minutes and back", () => {
    expect(parseHm("09:20")).toBe(560);
    expect(parseHm("9:05")).toBe(545);
    expect(parseHm("00:00")).toBe(0);
    expect(parseHm("24:00")).toBeNull();
    expect(parseHm("12:60")).toBeNull();
    expect(parseHm("noon")).toBeNull();
    expect(formatHm(560)).toBe("09:20");
    expect(formatHm(0)).toBe("00:00");
    for (const m of [0, 5, 480, 1439]) expect(parseHm(formatHm(m))).toBe(m);
  });

  it("measures a booking from its instants", () => {
    expect(minutesBetween("2026-11-25T09:00:00.000Z", "2026-11-25T09:20:00.000Z")).toBe(20);
    expect(minutesBetween("nonsense", "2026-11-25T09:20:00.000Z")).toBe(0);
  });

  it("does calendar arithmetic on ISO days, across months, years and leap days", () => {
    expect(addDays("2026-11-30", 1)).toBe("2026-12-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
    expect(addDays("2026-03-29", 1)).toBe("2026-03-30"); // a daylight-saving day is still one day
  });

  it("finds weekdays Monday first and the week around a day", () => {
    expect(weekdayIndex("2026-11-23")).toBe(0); // Monday
    expect(weekdayIndex("2026-11-25")).toBe(2);
    expect(weekdayIndex("2026-11-29")).toBe(6); // Sunday
    expect(weekOf("2026-11-29")).toEqual([
      "2026-11-23",
      "2026-11-24",
      "2026-11-25",
      "2026-11-26",
      "2026-11-27",
      "2026-11-28",
      "2026-11-29",
    ]);
    expect(weekOf("2026-12-01")[0]).toBe("2026-11-30");
  });

  it("spells days out and names the near ones", () => {
    expect(longDay("2026-11-25")).toBe("Wednesday 25 November 2026");
    expect(relativeDay("2026-11-26", "2026-11-25")).toBe("tomorrow");
    expect(relativeDay("2026-11-25", "2026-11-25")).toBe("today");
    expect(relativeDay("2026-11-24", "2026-11-25")).toBe("yesterday");
    expect(relativeDay("2026-11-28", "2026-11-25")).toBeNull();
  });
});
