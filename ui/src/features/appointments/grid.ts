// The day grid of the book: which rows to draw, which cells a clinician works, and where each appointment
// sits. Pure, so the geometry is tested without rendering.
import type { DayHours } from "../../bindings/DayHours";
import type { Schedule } from "../../bindings/Schedule";
import { parseHm, weekdayIndex } from "./time";

/** Shown when nobody in view works that day (or the schedules have not arrived yet). */
export const DEFAULT_DAY = { start: 8 * 60, end: 18 * 60 };

export interface Grid {
  /** Minutes since midnight of the first row and of the end of the last row. */
  start: number;
  end: number;
  /** Minutes per row. */
  step: number;
  /** The start of every row, in minutes. */
  rows: number[];
}

/** A clinician's hours on a clinic day, or null when they do not work that weekday. */
export function hoursOn(schedule: Schedule | undefined, iso: string): DayHours | null {
  return schedule?.days[weekdayIndex(iso)] ?? null;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * Minutes per row: the largest of 15, 10 and 5 that every working-hour boundary, break, appointment start
 * and appointment length is a multiple of, so each free slot begins on a row (20-minute appointments from
 * 09:00 give 10-minute rows). Never below 5, whatever odd time was typed.
 */
export function chooseStep(minuteMarks: readonly number[]): number {
  const divisor = minuteMarks.filter((m) => m > 0).reduce((acc, m) => gcd(acc, m), 0);
  for (const step of [15, 10, 5]) {
    if (divisor === 0 || divisor % step === 0) return step;
  }
  return 5;
}

export interface Placed {
  /** Minutes since midnight. */
  start: number;
  length: number;
}

/**
 * The rows for columns working `hours` (null = not working) holding `appointments`: from the earliest start to
 * the latest end, widened to whole hours and to every appointment (a walk-in after hours still shows).
 * 08:00–18:00 when nobody works.
 */
export function buildGrid(hours: readonly (DayHours | null)[], appointments: readonly Placed[], lengths: readonly number[] = []): Grid {
  const marks: number[] = [...lengths];
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const day of hours) {
    if (!day) continue;
    const s = parseHm(day.start);
    const e = parseHm(day.end);
    if (s === null || e === null || e <= s) continue;
    start = Math.min(start, s);
    end = Math.max(end, e);
    marks.push(s, e);
    for (const b of day.breaks) {
      const bs = parseHm(b.start);
      const be = parseHm(b.end);
      if (bs !== null && be !== null) marks.push(bs, be);
    }
  }
  if (!Number.isFinite(start)) {
    start = DEFAULT_DAY.start;
    end = DEFAULT_DAY.end;
  }
  for (const a of appointments) {
    start = Math.min(start, a.start);
    end = Math.max(end, a.start + a.length);
    marks.push(a.start, a.length);
  }
  start = Math.floor(start / 60) * 60;
  end = Math.min(24 * 60, Math.ceil(end / 60) * 60);
  const step = chooseStep(marks);
  const rows: number[] = [];
  for (let m = start; m < end; m += step) rows.push(m);
  return { start, end, step, rows };
}

export type CellState = "open" | "break" | "off";

/** Whether the clinician works the cell [minute, minute + step): off outside their hours, break inside one. */
export function cellState(hours: DayHours | null, minute: number, step: number): CellState {
  if (!hours) return "off";
  const s = parseHm(hours.start);
  const e = parseHm(hours.end);
  if (s === null || e === null || minute < s || minute + step > e) return "off";
  const inBreak = hours.breaks.some((b) => {
    const bs = parseHm(b.start);
    const be = parseHm(b.end);
    return bs !== null && be !== null && minute < be && bs < minute + step;
  });
  return inBreak ? "break" : "open";
}

/** The row a time falls in (clamped to the grid). */
export function rowOf(grid: Grid, minute: number): number {
  const index = Math.floor((minute - grid.start) / grid.step);
  return Math.max(0, Math.min(grid.rows.length - 1, index));
}

/** Offset from the top and height of a block, in rows (fractional for times between rows). */
export function blockRows(grid: Grid, item: Placed): { top: number; height: number } {
  return { top: (item.start - grid.start) / grid.step, height: Math.max(item.length, grid.step / 2) / grid.step };
}

export interface Lane {
  /** 0-based lane of this block, and how many lanes its group of overlapping blocks needs. */
  lane: number;
  lanes: number;
}

/**
 * Side-by-side lanes for overlapping blocks (an overbooking, or cancelled ones shown with the live one): each
 * block takes the first lane free at its start, and every block of a group of mutually reachable overlaps
 * shares that group's lane count, so their widths line up.
 */
export function assignLanes<T extends Placed & { id: string }>(items: readonly T[]): Map<string, Lane> {
  const sorted = [...items].sort((a, b) => a.start - b.start || b.length - a.length);
  const result = new Map<string, Lane>();
  let group: { id: string; lane: number }[] = [];
  let laneEnds: number[] = [];
  let groupEnd = Number.NEGATIVE_INFINITY;
  const close = () => {
    for (const member of group) result.set(member.id, { lane: member.lane, lanes: laneEnds.length });
    group = [];
    laneEnds = [];
  };
  for (const item of sorted) {
    if (item.start >= groupEnd) {
      close();
      groupEnd = Number.NEGATIVE_INFINITY;
    }
    let lane = laneEnds.findIndex((end) => end <= item.start);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(0);
    }
    laneEnds[lane] = item.start + item.length;
    group.push({ id: item.id, lane });
    groupEnd = Math.max(groupEnd, item.start + item.length);
  }
  close();
  return result;
}
