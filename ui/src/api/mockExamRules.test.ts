import { describe, expect, it } from "vitest";

import type { WorkupInput } from "../bindings/WorkupInput";
import { deriveWorkup, formatLogmar, parseAcuity, RuleError, transpose, validateWorkup } from "./mockExamRules";

const blank = (): WorkupInput => ({
  acuity: {
    od: { sc: null, cc: null, ph: null, bcva: null, near_sc: null, near_cc: null },
    os: { sc: null, cc: null, ph: null, bcva: null, near_sc: null, near_cc: null },
  },
  refractions: [],
  iop: null,
  findings: { od: null, os: null },
  notes: null,
  copied: [],
});

const eye = (sphere: string | null, cylinder: string | null, axis: string | null) => ({ sphere, cylinder, axis, add: null, prism: null, prism_base: null, pd: null });

function fieldOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (e) {
    return e instanceof RuleError ? e.field : "not a rule error";
  }
}

describe("the mock's work-up rules (a stand-in for the core's)", () => {
  it("reads acuities in the common notations", () => {
    expect(parseAcuity("od.va_sc", "6/12", "snellen_metric").logmar).toBe(0.3);
    expect(parseAcuity("od.va_sc", "20/40", "snellen_metric").notation).toBe("snellen_imperial");
    // Two letters missed: worse by 0.04 (CLINICAL.md).
    expect(parseAcuity("od.va_sc", "6/9 -2", "snellen_metric").logmar).toBe(0.22);
    expect(parseAcuity("od.va_sc", "CF 1m", "snellen_metric")).toMatchObject({ off_chart: "cf", cf_distance_cm: 100 });
    expect(parseAcuity("od.bcva", "0.5", "decimal").logmar).toBe(0.3);
    expect(formatLogmar(0.3, "snellen_metric")).toBe("6/12");
    expect(formatLogmar(0.18, "etdrs_letters")).toBe("76 letters");
  });

  it("names the field of the first problem as the core does", () => {
    const w = blank();
    w.acuity.os.sc = "7/9x";
    expect(fieldOf(() => validateWorkup(w, "snellen_metric"))).toBe("os.va_sc");
    const r = blank();
    r.refractions = [{ kind: "final", od: eye("-1.00", "-0.50", null), os: eye(null, null, null), pd: null }];
    expect(fieldOf(() => validateWorkup(r, "snellen_metric"))).toBe("final.od.axis");
    r.refractions = [{ kind: "subjective", od: eye("-1.00", null, "90"), os: eye(null, null, null), pd: null }];
    expect(fieldOf(() => validateWorkup(r, "snellen_metric"))).toBe("subjective.od.axis");
    const p = blank();
    p.iop = { od: "15", os: null, method: "goldmann", time: "25:00", od_not_recordable: false, od_not_recordable_reason: null, os_not_recordable: false, os_not_recordable_reason: null };
    expect(fieldOf(() => validateWorkup(p, "snellen_metric"))).toBe("iop_time");
  });

  it("derives both cylinder forms, the spherical equivalent and the pressure flags", () => {
    const w = blank();
    w.refractions = [{ kind: "final", od: eye("+1.00", "-0.50", "90"), os: eye("-2.00", null, null), pd: "63" }];
    w.iop = { od: "24", os: "17", method: "icare", time: null, od_not_recordable: false, od_not_recordable_reason: null, os_not_recordable: false, os_not_recordable_reason: null };
    const d = deriveWorkup(validateWorkup(w, "snellen_metric"), "snellen_metric");
    expect(d.refractions[0]?.od).toEqual({ minus_form: "+1.00 / -0.50 × 090", plus_form: "+0.50 / +0.50 × 180", spherical_equivalent: "+0.75" });
    expect(d.refractions[0]?.os?.minus_form).toBe("-2.00 DS");
    expect(d.iop_flags).toEqual({ od_high: true, os_high: false, asymmetric: true });
    expect(transpose({ sphere: -1, cylinder: { power: 0.5, axis: 180 }, add: null, prism: null, pd: null }).cylinder).toEqual({ power: -0.5, axis: 90 });
  });
});
