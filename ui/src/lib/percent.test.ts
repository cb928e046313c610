import { describe, expect, it } from "vitest";

import { bpText, parsePercentBp, percent } from "./percent";

describe("percentages in basis points", () => {
  it("reads what is typed", () => {
    expect(parsePercentBp("18")).toEqual({ bp: 1800, error: null });
    expect(parsePercentBp(" 12.5 % ")).toEqual({ bp: 1250, error: null });
    expect(parsePercentBp("0,05")).toEqual({ bp: 5, error: null });
    expect(parsePercentBp("")).toEqual({ bp: null, error: null });
    expect(parsePercentBp("ten").error).toMatch(/percentage/);
    expect(parsePercentBp("1.234").error).toMatch(/percentage/);
    expect(parsePercentBp("-3").error).toMatch(/percentage/);
  });

  it("writes it back", () => {
    expect(bpText(1800)).toBe("18");
    expect(bpText(1250)).toBe("12.5");
    expect(bpText(5)).toBe("0.05");
    expect(percent(0)).toBe("0 %");
    expect(percent(1250)).toBe("12.5 %");
    expect(percent(1205)).toBe("12.05 %");
  });
});
