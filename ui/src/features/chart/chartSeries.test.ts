import { describe, expect, it } from "vitest";

import { trendPoint } from "../../test/exams";
import { dayToX, iopDomain, latestOf, logmarDomain, mergeSeries, pointLabel, timeDomain } from "./chartSeries";

describe("trend series", () => {
  it("puts both eyes of a day on one row, oldest first, on a time axis", () => {
    const rows = mergeSeries(
      [trendPoint("2024-03-01", 0.18, "6/9", "6/9"), trendPoint("2023-11-20", 0.3, "6/12", "6/12")],
      [trendPoint("2023-11-20", 0.48, "6/18", "6/18"), trendPoint("2024-05-02", 0.3, "20/40", "6/12")],
    );
    expect(rows.map((r) => [r.day, r.od, r.os])).toEqual([
      ["2023-11-20", 0.3, 0.48],
      ["2024-03-01", 0.18, null],
      ["2024-05-02", null, 0.3],
    ]);
    expect(rows[0]?.x).toBe(Date.UTC(2023, 10, 20));
    expect(rows[2]?.osLabel).toBe("6/12 (typed 20/40)");
  });

  it("keeps the last point of an eye saved twice on a day", () => {
    const rows = mergeSeries([trendPoint("2024-03-01", 18, "18"), trendPoint("2024-03-01", 24, "24")], []);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.od).toBe(24);
    expect(rows[0]?.odLabel).toBe("24");
  });

  it("labels a point in the clinic's notation, with what was typed when it differs", () => {
    expect(pointLabel(trendPoint("2024-03-01", 0.3, "20/40", "6/12"))).toBe("6/12 (typed 20/40)");
    expect(pointLabel(trendPoint("2024-03-01", 0.3, "6/12", "6/12"))).toBe("6/12");
    expect(pointLabel(trendPoint("2024-03-01", 17.5, "17.5"))).toBe("17.5");
  });

  it("pads the time range so a single visit is not on the axis", () => {
    const rows = mergeSeries([trendPoint("2024-03-01", 15, "15")], []);
    const [from, to] = timeDomain(rows);
    expect(from).toBeLessThan(dayToX("2024-03-01"));
    expect(to).toBeGreaterThan(dayToX("2024-03-01"));
    expect(timeDomain([])).toEqual([0, 1]);
  });

  it("spans at least 6/5 to 6/60 in LogMAR, more for off-chart vision", () => {
    expect(logmarDomain(mergeSeries([trendPoint("2024-03-01", 0.18, "6/9")], []))).toEqual([-0.1, 1]);
    expect(logmarDomain(mergeSeries([trendPoint("2024-03-01", 1.9, "CF 1m")], [trendPoint("2024-03-01", -0.2, "6/4")]))).toEqual([-0.2, 1.9]);
  });

  it("shows pressure from 0 to above both the limit and the readings", () => {
    expect(iopDomain(mergeSeries([trendPoint("2024-03-01", 15, "15")], []), 21)).toEqual([0, 25]);
    expect(iopDomain(mergeSeries([trendPoint("2024-03-01", 34, "34")], []), 21)).toEqual([0, 40]);
  });

  it("finds each eye's latest reading", () => {
    const rows = mergeSeries([trendPoint("2024-01-01", 14, "14")], [trendPoint("2024-01-01", 15, "15"), trendPoint("2024-02-01", 16, "16")]);
    const latest = latestOf(rows);
    expect(latest.od?.day).toBe("2024-01-01");
    expect(latest.os?.day).toBe("2024-02-01");
    expect(latestOf([])).toEqual({ od: null, os: null });
  });
});
