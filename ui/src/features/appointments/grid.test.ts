import { describe, expect, it } from "vitest";

import type { DayHours } from "../../bindings/DayHours";
import type { Schedule } from "../../bindings/Schedule";
import { assignLanes, blockRows, buildGrid, cellState, chooseStep, hoursOn, rowOf } from "./grid";

const nineToFive: DayHours = { start: "09:00", end: "17:00", breaks: [{ start: "13:00", end: "14:00" }] };
const early: DayHours = { start: "08:30", end: "16:15", breaks: [] };

describe("the day grid", () => {
  it("spans the earliest start to the latest end, in whole hours", () => {
    const grid = buildGrid([nineToFive, early, null], [], [15]);
    expect(grid.start).toBe(8 * 60);
    expect(grid.end).toBe(17 * 60);
    expect(grid.step).toBe(15);
    expect(grid.rows[0]).toBe(480);
    expect(grid.rows).toHaveLength(36);
  });

  it("defaults to 08:00–18:00 when nobody works, widened for appointments outside it", () => {
    expect(buildGrid([null, null], [])).toMatchObject({ start: 480, end: 1080 });
    expect(buildGrid([nineToFive], [{ start: 18 * 60 + 30, length: 15 }], [15])).toMatchObject({ start: 540, end: 1140 });
  });

  it("chooses rows that every slot starts on", () => {
    expect(chooseStep([540, 1020, 20, 30])).toBe(10); // 20-minute appointments from 09:00
    expect(chooseStep([540, 1020, 15, 30])).toBe(15);
    expect(chooseStep([545, 25])).toBe(5);
    expect(chooseStep([547])).toBe(5); // never below five minutes
    expect(buildGrid([nineToFive], [], [20, 30]).step).toBe(10);
  });

  it("shades hours off and breaks", () => {
    expect(cellState(nineToFive, 8 * 60 + 45, 15)).toBe("off");
    expect(cellState(nineToFive, 9 * 60, 15)).toBe("open");
    expect(cellState(nineToFive, 12 * 60 + 45, 15)).toBe("open");
    expect(cellState(nineToFive, 13 * 60, 15)).toBe("break");
    expect(cellState(nineToFive, 13 * 60 + 45, 15)).toBe("break");
    expect(cellState(nineToFive, 14 * 60, 15)).toBe("open");
    expect(cellState(nineToFive, 16 * 60 + 50, 15)).toBe("off"); // would run past 17:00
    expect(cellState(null, 10 * 60, 15)).toBe("off");
  });

  it("maps slots to rows and appointments to blocks", () => {
    const grid = buildGrid([nineToFive], [], [20]);
    expect(rowOf(grid, 9 * 60 + 20)).toBe(2);
    expect(rowOf(grid, 0)).toBe(0);
    expect(rowOf(grid, 23 * 60)).toBe(grid.rows.length - 1);
    expect(blockRows(grid, { start: 9 * 60 + 20, length: 30 })).toEqual({ top: 2, height: 3 });
    expect(blockRows(grid, { start: 9 * 60 + 25, length: 20 })).toEqual({ top: 2.5, height: 2 });
  });

  it("reads a clinician's hours for the weekday of a day", () => {
    const schedule: Schedule = {
      clinician_id: "c1",
      days: [nineToFive, nineToFive, early, nineToFive, nineToFive, null, null],
      default_minutes: 20,
      minutes_by_kind: [],
    };
    expect(hoursOn(schedule, "2026-11-25")).toEqual(early); // a Wednesday
    expect(hoursOn(schedule, "2026-11-28")).toBeNull(); // a Saturday
    expect(hoursOn(undefined, "2026-11-25")).toBeNull();
  });
});

describe("lanes for overlapping appointments", () => {
  it("puts an overbooking beside the booking it overlaps, and leaves others full width", () => {
    const lanes = assignLanes([
      { id: "a", start: 540, length: 20 },
      { id: "b", start: 550, length: 20 }, // overbooked over a
      { id: "c", start: 565, length: 20 }, // overlaps b, starts after a ends: reuses lane 0
      { id: "d", start: 600, length: 20 }, // alone
    ]);
    expect(lanes.get("a")).toEqual({ lane: 0, lanes: 2 });
    expect(lanes.get("b")).toEqual({ lane: 1, lanes: 2 });
    expect(lanes.get("c")).toEqual({ lane: 0, lanes: 2 });
    expect(lanes.get("d")).toEqual({ lane: 0, lanes: 1 });
  });

  it("treats back-to-back appointments as not overlapping", () => {
    const lanes = assignLanes([
      { id: "a", start: 540, length: 20 },
      { id: "b", start: 560, length: 20 },
    ]);
    expect(lanes.get("a")).toEqual({ lane: 0, lanes: 1 });
    expect(lanes.get("b")).toEqual({ lane: 0, lanes: 1 });
  });
});
