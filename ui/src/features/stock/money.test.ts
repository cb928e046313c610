// Money typed and shown in the clinic's currency, with as many decimals as its minor unit has.
import { describe, expect, it } from "vitest";

import { formatMinor, hundredthsText, minorText, parseHundredths, parseMinor, parseWhole } from "./money";

describe("money on the stock screens", () => {
  it("shows minor units with the currency's own decimals", () => {
    expect(formatMinor(1250, "EUR")).toBe("12.50");
    expect(formatMinor(123456789, "EUR")).toBe("1,234,567.89");
    expect(formatMinor(1250, "JPY")).toBe("1250");
    expect(formatMinor(1250, "KWD")).toBe("1.250");
    expect(formatMinor(-5, "EUR")).toBe("-0.05");
    expect(minorText(123456, "EUR")).toBe("1234.56");
  });

  it("reads typed amounts into minor units, refusing more decimals than the currency has", () => {
    expect(parseMinor("12.5", "EUR")).toEqual({ minor: 1250, error: null });
    expect(parseMinor("1,234.56", "EUR")).toEqual({ minor: 123456, error: null });
    expect(parseMinor("", "EUR")).toEqual({ minor: null, error: null });
    expect(parseMinor("1200", "JPY")).toEqual({ minor: 1200, error: null });
    expect(parseMinor("12.5", "JPY").error).toBe("Type a whole amount.");
    expect(parseMinor("1.255", "EUR").error).toBe("Type an amount such as 12.50.");
    expect(parseMinor("1.255", "KWD")).toEqual({ minor: 1255, error: null });
    expect(parseMinor("abc", "EUR").minor).toBeNull();
  });

  it("reads whole numbers and pack sizes", () => {
    expect(parseWhole("7")).toEqual({ value: 7, error: null });
    expect(parseWhole("-2").error).not.toBeNull();
    expect(parseWhole("-2", { signed: true })).toEqual({ value: -2, error: null });
    expect(parseWhole("−3", { signed: true })).toEqual({ value: -3, error: null });
    expect(parseHundredths("3.5")).toEqual({ value: 350, error: null });
    expect(parseHundredths("10,25")).toEqual({ value: 1025, error: null });
    expect(hundredthsText(350)).toBe("3.5");
    expect(hundredthsText(1025)).toBe("10.25");
    expect(hundredthsText(500)).toBe("5");
  });
});
