import { describe, expect, it } from "vitest";

import {
  ageOn,
  datePattern,
  describeAge,
  describeAgeIso,
  formatDate,
  formatInstant,
  isRealDate,
  parseDateInput,
  parseIso,
  toIso,
} from "./dates";

const iso = (text: string, format: "DMY" | "MDY" | "YMD") => {
  const date = parseDateInput(text, format);
  return date ? toIso(date) : null;
};

describe("formatDate", () => {
  it("formats ISO dates in each clinic format", () => {
    expect(formatDate("1982-03-07", "DMY")).toBe("07/03/1982");
    expect(formatDate("1982-03-07", "MDY")).toBe("03/07/1982");
    expect(formatDate("1982-03-07", "YMD")).toBe("1982-03-07");
  });

  it("ignores a time part and leaves non-dates untouched", () => {
    expect(formatDate("2024-12-31T10:00:00Z", "DMY")).toBe("31/12/2024");
    expect(formatDate("not a date", "DMY")).toBe("not a date");
  });

  it("shows the pattern for each format", () => {
    expect(datePattern("DMY")).toBe("DD/MM/YYYY");
    expect(datePattern("MDY")).toBe("MM/DD/YYYY");
    expect(datePattern("YMD")).toBe("YYYY-MM-DD");
  });
});

describe("parseDateInput", () => {
  it("reads the clinic's own format", () => {
    expect(iso("07/03/1982", "DMY")).toBe("1982-03-07");
    expect(iso("03/07/1982", "MDY")).toBe("1982-03-07");
    expect(iso("1982-03-07", "YMD")).toBe("1982-03-07");
  });

  it("accepts ISO whatever the clinic format", () => {
    expect(iso("1982-03-07", "DMY")).toBe("1982-03-07");
    expect(iso("1982-03-07", "MDY")).toBe("1982-03-07");
  });

  it("accepts one-digit parts, other separators and eight digits", () => {
    expect(iso("7/3/1982", "DMY")).toBe("1982-03-07");
    expect(iso("7.3.1982", "DMY")).toBe("1982-03-07");
    expect(iso("07-03-1982", "DMY")).toBe("1982-03-07");
    expect(iso("07031982", "DMY")).toBe("1982-03-07");
    expect(iso("03071982", "MDY")).toBe("1982-03-07");
    expect(iso("19820307", "YMD")).toBe("1982-03-07");
    expect(iso("  07/03/1982 ", "DMY")).toBe("1982-03-07");
  });

  it("refuses impossible or incomplete dates", () => {
    expect(iso("31/02/2020", "DMY")).toBeNull();
    expect(iso("13/13/2020", "MDY")).toBeNull();
    expect(iso("29/02/2023", "DMY")).toBeNull();
    expect(iso("29/02/2024", "DMY")).toBe("2024-02-29");
    expect(iso("07/03/82", "DMY")).toBeNull();
    expect(iso("", "DMY")).toBeNull();
    expect(iso("yesterday", "DMY")).toBeNull();
    expect(iso("1982-13-01", "YMD")).toBeNull();
  });

  it("reads day and month the right way round", () => {
    expect(iso("12/01/2000", "DMY")).toBe("2000-01-12");
    expect(iso("12/01/2000", "MDY")).toBe("2000-12-01");
    expect(iso("25/01/2000", "MDY")).toBeNull();
  });
});

describe("parseIso and isRealDate", () => {
  it("is strict", () => {
    expect(parseIso("2000-1-1")).toBeNull();
    expect(parseIso("2000-01-01")).toEqual({ year: 2000, month: 1, day: 1 });
    expect(isRealDate(1900, 2, 29)).toBe(false);
    expect(isRealDate(2000, 2, 29)).toBe(true);
  });
});

describe("ages", () => {
  const d = (text: string) => {
    const date = parseIso(text);
    if (!date) throw new Error(`bad test date ${text}`);
    return date;
  };

  it("counts whole years, turning on the birthday", () => {
    expect(ageOn(d("1982-03-07"), d("2024-03-06"))?.years).toBe(41);
    expect(ageOn(d("1982-03-07"), d("2024-03-07"))?.years).toBe(42);
    expect(ageOn(d("2000-02-29"), d("2023-02-28"))?.years).toBe(22);
    expect(ageOn(d("2000-02-29"), d("2023-03-01"))?.years).toBe(23);
  });

  it("is null for a birth date after today", () => {
    expect(ageOn(d("2030-01-01"), d("2024-01-01"))).toBeNull();
    expect(describeAgeIso("2030-01-01", "2024-01-01")).toBeNull();
  });

  it("describes small children in months and newborns in days", () => {
    expect(describeAgeIso("1982-03-07", "2024-03-07")).toBe("42 years");
    expect(describeAgeIso("2022-09-15", "2024-03-07")).toBe("17 months");
    expect(describeAgeIso("2024-02-06", "2024-03-07")).toBe("1 month");
    expect(describeAgeIso("2024-02-20", "2024-03-07")).toBe("16 days");
    expect(describeAge({ years: 0, months: 0, days: 1 })).toBe("1 day");
  });
});

describe("formatInstant", () => {
  it("shows local date and time, and leaves garbage alone", () => {
    const instant = new Date(2024, 2, 7, 9, 5).toISOString();
    expect(formatInstant(instant, "DMY")).toBe("07/03/2024 09:05");
    expect(formatInstant("nope", "DMY")).toBe("nope");
  });
});
