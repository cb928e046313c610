// Shapes a patient's trends for plotting: one row per clinic day with the right and left eye side by side, on a time
// axis so that visits months apart are drawn months apart.
import type { TrendPoint } from "../../bindings/TrendPoint";
import { parseIso } from "../../lib/dates";

export interface SeriesRow {
  /** The clinic day, ISO. */
  day: string;
  /** Milliseconds since the epoch at UTC midnight of `day`: the x position. */
  x: number;
  od: number | null;
  os: number | null;
  /** What was typed, and the value in the clinic's notation (acuity), for the tooltip. */
  odLabel: string | null;
  osLabel: string | null;
}

export function dayToX(iso: string): number {
  const d = parseIso(iso);
  return d ? Date.UTC(d.year, d.month - 1, d.day) : NaN;
}

/** How a point reads in the tooltip: the clinic's notation first, with the text as typed when that differs. */
export function pointLabel(point: TrendPoint): string {
  const shown = point.notation_display ?? point.display;
  return point.notation_display && point.display && point.display !== point.notation_display ? `${shown} (typed ${point.display})` : shown;
}

/**
 * Merges the two eyes' points into rows by day, oldest first. Where one eye has several points on a day (a record
 * saved again), the last one counts; a day with only one eye measured has null for the other.
 */
export function mergeSeries(od: readonly TrendPoint[], os: readonly TrendPoint[]): SeriesRow[] {
  const byDay = new Map<string, SeriesRow>();
  const row = (day: string) => {
    let r = byDay.get(day);
    if (!r) {
      r = { day, x: dayToX(day), od: null, os: null, odLabel: null, osLabel: null };
      byDay.set(day, r);
    }
    return r;
  };
  for (const p of od) Object.assign(row(p.clinic_day), { od: p.value, odLabel: pointLabel(p) });
  for (const p of os) Object.assign(row(p.clinic_day), { os: p.value, osLabel: pointLabel(p) });
  return [...byDay.values()].filter((r) => Number.isFinite(r.x)).sort((a, b) => a.x - b.x);
}

const DAY = 86_400_000;

/** The x range to draw: the data's, padded so a single visit or the ends are not glued to the axes. */
export function timeDomain(rows: readonly SeriesRow[]): [number, number] {
  if (rows.length === 0) return [0, 1];
  const first = rows[0]?.x ?? 0;
  const last = rows[rows.length - 1]?.x ?? 0;
  const pad = Math.max(14 * DAY, (last - first) * 0.05);
  return [first - pad, last + pad];
}

/**
 * The y range for LogMAR: at least -0.1 to 1.0 (6/5 to 6/60), widened to the data (off-chart vision goes to 3.0),
 * in steps of 0.1. Drawn reversed so better vision is up.
 */
export function logmarDomain(rows: readonly SeriesRow[]): [number, number] {
  const values = rows.flatMap((r) => [r.od, r.os]).filter((v): v is number => v !== null);
  const low = Math.min(-0.1, ...values);
  const high = Math.max(1.0, ...values);
  return [Math.floor(low * 10) / 10, Math.ceil(high * 10) / 10];
}

/** The y range for pressure: 0 to a little above the highest reading or the limit line. */
export function iopDomain(rows: readonly SeriesRow[], limit: number): [number, number] {
  const values = rows.flatMap((r) => [r.od, r.os]).filter((v): v is number => v !== null);
  const high = Math.max(limit + 4, ...values.map((v) => v + 3));
  return [0, Math.ceil(high / 5) * 5];
}

/** The latest reading of each eye, for a line of text beside the chart. */
export function latestOf(rows: readonly SeriesRow[]): { od: SeriesRow | null; os: SeriesRow | null } {
  const last = (eye: "od" | "os") => [...rows].reverse().find((r) => r[eye] !== null) ?? null;
  return { od: last("od"), os: last("os") };
}
