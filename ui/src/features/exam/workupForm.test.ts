import { describe, expect, it } from "vitest";

import type { RefractionInput } from "../../bindings/RefractionInput";
import type { Workup } from "../../bindings/Workup";
import {
  addRefraction,
  allNormal,
  blankEyeFindings,
  blankWorkup,
  copyCurrentGlasses,
  removeRefraction,
  setRefractionField,
  toWorkupInput,
  withoutField,
  workupErrorTarget,
  workupToValues,
  type WorkupValues,
} from "./workupForm";

const glasses: RefractionInput = {
  kind: "current_glasses",
  od: { sphere: "-1.25", cylinder: "-0.50", axis: "90", add: null, prism: null, prism_base: null, pd: null },
  os: { sphere: "-1.00", cylinder: null, axis: null, add: null, prism: null, prism_base: null, pd: null },
  pd: "63",
};

describe("where the core's field errors land", () => {
  it("maps acuity names, which differ from the form's keys", () => {
    expect(workupErrorTarget("od.va_sc")).toBe("va-od-sc");
    expect(workupErrorTarget("os.va_cc")).toBe("va-os-cc");
    expect(workupErrorTarget("od.va_ph")).toBe("va-od-ph");
    expect(workupErrorTarget("os.bcva")).toBe("va-os-bcva");
    expect(workupErrorTarget("od.near_cc")).toBe("va-od-near_cc");
  });

  it("maps refraction fields by kind and eye, and the binocular PD", () => {
    expect(workupErrorTarget("final.od.axis")).toBe("rx-final-od-axis");
    expect(workupErrorTarget("current_glasses.os.prism_base")).toBe("rx-current_glasses-os-prism_base");
    expect(workupErrorTarget("subjective.pd")).toBe("rx-subjective-pd");
    expect(workupErrorTarget("final.od.colour")).toBeNull();
    expect(workupErrorTarget("guesswork.od.axis")).toBeNull();
  });

  it("maps pressure, findings and notes", () => {
    expect(workupErrorTarget("od.iop")).toBe("iop-od");
    expect(workupErrorTarget("iop_time")).toBe("iop-time");
    expect(workupErrorTarget("os.k1_axis")).toBe("findings-os-k1_axis");
    expect(workupErrorTarget("od.cup_disc")).toBe("findings-od-cup_disc");
    expect(workupErrorTarget("od.dilation_time")).toBe("findings-od-dilation_time");
    expect(workupErrorTarget("od.slit_lamp.anterior_chamber")).toBe("slit-od-anterior_chamber-text");
    expect(workupErrorTarget("os.fundus.macula")).toBe("fundus-os-macula-text");
    expect(workupErrorTarget("os.fundus.retina")).toBeNull();
    // "Nothing recorded for this eye": beside the eye's "not examined" box.
    expect(workupErrorTarget("os.slit_lamp")).toBe("findings-os-not-examined");
    expect(workupErrorTarget("notes")).toBe("workup-notes");
  });

  it("leaves fields that are not on the form to the whole form", () => {
    expect(workupErrorTarget("copied")).toBeNull();
    expect(workupErrorTarget("od")).toBeNull();
    expect(workupErrorTarget("")).toBeNull();
  });
});

describe("the form as the core takes it", () => {
  it("sends blanks as null, no pressure without a reading, and blank eyes as not examined", () => {
    const values = blankWorkup("09:30");
    values.acuity.od.sc = " 6/9 ";
    const input = toWorkupInput(values);
    expect(input.acuity.od).toEqual({ sc: "6/9", cc: null, ph: null, bcva: null, near_sc: null, near_cc: null });
    expect(input.iop).toBeNull();
    expect(input.findings).toEqual({ od: null, os: null });
    expect(input.notes).toBeNull();
    expect(input.refractions).toEqual([]);
  });

  it("sends a pressure with its method and time", () => {
    const values = blankWorkup("09:30");
    values.iop.os = "23";
    expect(toWorkupInput(values).iop).toEqual({ od: null, os: "23", method: "goldmann", time: "09:30", od_not_recordable: false, od_not_recordable_reason: null, os_not_recordable: false, os_not_recordable_reason: null });
  });

  it("sends an eye that is not recordable with its reason instead of a pressure", () => {
    const values = blankWorkup("09:30");
    values.iop.od_not_recordable = true;
    values.iop.od_not_recordable_reason = " Scarred cornea ";
    values.iop.os_not_recordable_reason = "left over from an unticked box";
    expect(toWorkupInput(values).iop).toEqual({
      od: null,
      os: null,
      method: "goldmann",
      time: "09:30",
      od_not_recordable: true,
      od_not_recordable_reason: "Scarred cornea",
      os_not_recordable: false,
      os_not_recordable_reason: null,
    });
    expect(workupErrorTarget("od.iop_reason")).toBe("iop-od-reason");
  });

  it("sends normal, abnormal and not examined structures apart, and an eye marked not examined as null", () => {
    const values = blankWorkup("09:30");
    values.findings.od.slit_lamp.cornea = { normal: true, text: "" };
    values.findings.od.slit_lamp.lens = { normal: false, text: " Nuclear sclerosis 2+ " };
    values.findings.os = { ...blankEyeFindings(), cct: "545", notExamined: true };
    const input = toWorkupInput(values);
    expect(input.findings.od?.slit_lamp.cornea).toEqual({ status: "normal" });
    expect(input.findings.od?.slit_lamp.lens).toEqual({ status: "abnormal", text: "Nuclear sclerosis 2+" });
    expect(input.findings.od?.slit_lamp.iris).toEqual({ status: "not_examined" });
    expect(input.findings.os).toBeNull();
  });

  it("brings a stored work-up back as text the core reads to the same values", () => {
    const stored: Workup = {
      acuity: {
        od: { sc: { text: "6/18", notation: "snellen_metric", logmar: 0.48, off_chart: null, cf_distance_cm: null }, cc: null, ph: null, bcva: null, near_sc: null, near_cc: null },
        os: { sc: null, cc: null, ph: null, bcva: { text: "CF 1m", notation: null, logmar: null, off_chart: "cf", cf_distance_cm: 100 }, near_sc: null, near_cc: null },
      },
      refractions: [
        { kind: "final", od: { sphere: -1.25, cylinder: { power: -0.5, axis: 90 }, add: 2, prism: { amount: 2, base: "bi" }, pd: 31.5 }, os: null, pd: 63 },
        { kind: "autorefraction", od: { sphere: 0, cylinder: null, add: null, prism: null, pd: null }, os: null, pd: null },
      ],
      iop: { od: 15.5, os: null, method: "icare", time: "10:05", od_not_recordable: null, os_not_recordable: "Scarred cornea" },
      findings: {
        od: {
          keratometry: { k1: { power: 43.25, axis: 180 }, k2: { power: 44, axis: 90 } },
          cct_um: 545,
          cup_disc: 0.35,
          slit_lamp: { lids: { status: "normal" }, conjunctiva: { status: "not_examined" }, cornea: { status: "abnormal", text: "SPK" }, anterior_chamber: { status: "normal" }, iris: { status: "normal" }, lens: { status: "normal" } },
          fundus: { disc: { status: "normal" }, macula: { status: "normal" }, vessels: { status: "normal" }, periphery: { status: "not_examined" } },
          dilation: { drug: "Tropicamide 1%", time: "10:10" },
          visual_field: null,
          gonioscopy: "Open to CB 360°",
        },
        os: null,
      },
      notes: "Cooperative",
      copied: ["current_glasses"],
    };
    const values = workupToValues(stored, "11:00");
    expect(values.acuity.od.sc).toBe("6/18");
    expect(values.acuity.os.bcva).toBe("CF 1m");
    // Refractions come back in the screen's order, whatever the stored order.
    expect(values.refractions.map((r) => r.kind)).toEqual(["autorefraction", "final"]);
    expect(values.refractions[1]?.od).toEqual({ sphere: "-1.25", cylinder: "-0.50", axis: "90", add: "+2.00", prism: "2", prism_base: "BI", pd: "31.5" });
    expect(values.refractions[0]?.od.sphere).toBe("0.00");
    expect(values.iop).toEqual({
      od: "15.5",
      os: "",
      method: "icare",
      time: "10:05",
      od_not_recordable: false,
      od_not_recordable_reason: "",
      os_not_recordable: true,
      os_not_recordable_reason: "Scarred cornea",
    });
    expect(values.findings.od.k1).toBe("43.25");
    expect(values.findings.od.cup_disc).toBe("0.35");
    expect(values.findings.od.slit_lamp.cornea).toEqual({ normal: false, text: "SPK" });
    expect(values.findings.od.slit_lamp.conjunctiva).toEqual({ normal: false, text: "" });
    // The other eye was examined, so the stored null reads as "not examined".
    expect(values.findings.os.notExamined).toBe(true);
    expect(values.copied).toEqual(["current_glasses"]);

    const again = toWorkupInput(values);
    expect(again.findings.od?.slit_lamp.cornea).toEqual({ status: "abnormal", text: "SPK" });
    expect(again.findings.od?.dilation_time).toBe("10:10");
    expect(again.findings.os).toBeNull();
    expect(again.refractions[1]?.pd).toBe("63");
  });

  it("fills the pressure time with the clock for a work-up without pressure", () => {
    const values = workupToValues({ acuity: { od: emptyEye(), os: emptyEye() }, refractions: [], iop: null, findings: { od: null, os: null }, notes: null, copied: [] }, "08:45");
    expect(values.iop.time).toBe("08:45");
    expect(values.findings.od.notExamined).toBe(false);
  });
});

function emptyEye() {
  return { sc: null, cc: null, ph: null, bcva: null, near_sc: null, near_cc: null };
}

describe("editing refractions", () => {
  it("adds each kind at most once, in the screen's order, and removes it", () => {
    let values: WorkupValues = blankWorkup("09:00");
    values = addRefraction(values, "final");
    values = addRefraction(values, "autorefraction");
    const twice = addRefraction(values, "final");
    expect(twice).toBe(values);
    expect(values.refractions.map((r) => r.kind)).toEqual(["autorefraction", "final"]);
    expect(removeRefraction(values, "final").refractions.map((r) => r.kind)).toEqual(["autorefraction"]);
  });

  it("marks copied glasses until one of their fields is edited", () => {
    let values = copyCurrentGlasses(blankWorkup("09:00"), glasses);
    expect(values.copied).toEqual(["current_glasses"]);
    expect(values.refractions[0]?.od.axis).toBe("90");
    expect(values.refractions[0]?.pd).toBe("63");
    // Copying again does not mark it twice.
    expect(copyCurrentGlasses(values, glasses).copied).toEqual(["current_glasses"]);
    // Editing another refraction leaves the mark.
    values = addRefraction(values, "final");
    values = setRefractionField(values, "final", "od", "sphere", "-1.00");
    expect(values.copied).toEqual(["current_glasses"]);
    values = setRefractionField(values, "current_glasses", "os", "add", "+2.00");
    expect(values.copied).toEqual([]);
    expect(values.refractions.find((r) => r.kind === "current_glasses")?.os.add).toBe("+2.00");
  });

  it("unmarks copied glasses when the binocular PD is edited, or when they are removed", () => {
    const values = copyCurrentGlasses(blankWorkup("09:00"), glasses);
    expect(setRefractionField(values, "current_glasses", null, "pd", "64").copied).toEqual([]);
    expect(removeRefraction(values, "current_glasses").copied).toEqual([]);
  });
});

describe("findings", () => {
  it("makes every structure without abnormal words normal", () => {
    const section = { disc: { normal: false, text: "Cupped 0.8" }, macula: { normal: false, text: "" }, vessels: { normal: true, text: "" }, periphery: { normal: false, text: "  " } };
    expect(allNormal(section)).toEqual({
      disc: { normal: false, text: "Cupped 0.8" },
      macula: { normal: true, text: "" },
      vessels: { normal: true, text: "" },
      periphery: { normal: true, text: "" },
    });
  });
});

describe("checking the rest of the form past an error", () => {
  const values = copyCurrentGlasses(blankWorkup("09:00"), glasses);
  values.acuity.od.sc = "6/9";
  values.iop.od = "40";
  values.findings.od.cct = "545";
  const input = toWorkupInput(values);

  it("takes out only the eye of a refraction at fault, keeping the other eye", () => {
    const out = withoutField(input, "current_glasses.od.axis");
    expect(out?.refractions[0]?.od.sphere).toBeNull();
    expect(out?.refractions[0]?.os.sphere).toBe("-1.00");
    expect(withoutField(input, "current_glasses.pd")?.refractions[0]?.pd).toBeNull();
    // Without the other eye nothing of that refraction is left.
    expect(withoutField(withoutField(input, "current_glasses.os.sphere") as never, "current_glasses.od.axis")?.refractions).toEqual([]);
  });

  it("takes out one acuity, the pressure, or one eye's findings", () => {
    expect(withoutField(input, "od.va_sc")?.acuity.od.sc).toBeNull();
    expect(withoutField(input, "od.iop")?.iop).toBeNull();
    expect(withoutField(input, "iop_time")?.iop).toBeNull();
    expect(withoutField(input, "od.cct")?.findings.od).toBeNull();
    expect(withoutField(input, "copied")?.copied).toEqual([]);
    expect(withoutField(input, "mystery")).toBeNull();
  });
});
