// The examination rules of the dev-only mock backend (see mockExams.ts): a simplified copy of the core's parsing and
// validation of the work-up form, enough for screenshots and component tests to meet the same field errors
// (`final.od.axis`, `od.va_sc`, `od.iop` …) and derived values (other cylinder form, spherical equivalent, acuity in
// the clinic's notation, pressure flags). The core stays the authority on every rule.
import type { Acuity } from "../bindings/Acuity";
import type { CylinderForm } from "../bindings/CylinderForm";
import type { EyeAcuity } from "../bindings/EyeAcuity";
import type { EyeAcuityInput } from "../bindings/EyeAcuityInput";
import type { EyeAcuityView } from "../bindings/EyeAcuityView";
import type { EyeFindings } from "../bindings/EyeFindings";
import type { EyeFindingsInput } from "../bindings/EyeFindingsInput";
import type { EyeRefraction } from "../bindings/EyeRefraction";
import type { EyeRefractionInput } from "../bindings/EyeRefractionInput";
import type { EyeRefractionView } from "../bindings/EyeRefractionView";
import type { Finding } from "../bindings/Finding";
import type { Iop } from "../bindings/Iop";
import type { IopFlags } from "../bindings/IopFlags";
import type { Notation } from "../bindings/Notation";
import type { PrismBase } from "../bindings/PrismBase";
import type { Refraction } from "../bindings/Refraction";
import type { RefractionInput } from "../bindings/RefractionInput";
import type { VisualAcuity } from "../bindings/VisualAcuity";
import type { Workup } from "../bindings/Workup";
import type { WorkupDerived } from "../bindings/WorkupDerived";
import type { WorkupInput } from "../bindings/WorkupInput";

/** A field error, thrown by every check here and turned into the core's `{code, message, field}` by the mock. */
export class RuleError {
  constructor(
    readonly field: string,
    readonly message: string,
  ) {}
}

const typed = (text: string | null | undefined): string | null => {
  const t = (text ?? "").trim();
  return t === "" ? null : t;
};

// ---------------------------------------------------------------- visual acuity

const OFF_CHART: Record<string, { code: VisualAcuity["off_chart"]; logmar: number }> = {
  cf: { code: "cf", logmar: 1.9 },
  hm: { code: "hm", logmar: 2.3 },
  pl: { code: "pl", logmar: 2.7 },
  npl: { code: "npl", logmar: 3.0 },
};
const ACUITY_RULE = "Type it like 6/9, 20/40, 0.5, logmar 0.30, 85 letters, N8, CF 1m, HM, PL or NPL.";
const round2 = (x: number) => Math.round(x * 100) / 100;

/** One acuity as typed; `hint` says how a bare number is read. Throws a RuleError naming `field`. */
export function parseAcuity(field: string, text: string, hint: Notation): VisualAcuity {
  const t = text.trim();
  const lower = t.toLowerCase();
  const off = /^(cf|hm|pl|npl)\b\s*(.*)$/.exec(lower);
  if (off) {
    const entry = OFF_CHART[off[1] ?? ""];
    if (!entry) throw new RuleError(field, ACUITY_RULE);
    const rest = (off[2] ?? "").trim();
    let cm: number | null = null;
    if (rest !== "") {
      const m = /^(\d+(?:[.,]\d+)?)\s*(m|cm)$/.exec(rest);
      if (entry.code !== "cf" || !m) throw new RuleError(field, "Give the counting-fingers distance with its unit, like CF 1m.");
      cm = Math.round(Number((m[1] ?? "0").replace(",", ".")) * (m[2] === "m" ? 100 : 1));
    }
    return { text: t, notation: null, logmar: null, off_chart: entry.code, cf_distance_cm: cm };
  }
  const snellen = /^(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)\s*([+-]\s*\d)?$/.exec(lower);
  if (snellen) {
    const num = Number(snellen[1]);
    const den = Number(snellen[2]);
    const letters = snellen[3] ? Number(snellen[3].replace(/\s/g, "")) : 0;
    if (!(num > 0 && den > 0) || den / num > 60) throw new RuleError(field, ACUITY_RULE);
    const notation: Notation = num === 20 ? "snellen_imperial" : "snellen_metric";
    return { text: t, notation, logmar: round2(Math.log10(den / num) - letters * 0.02), off_chart: null, cf_distance_cm: null };
  }
  const near = /^n\s*(\d{1,2})$/.exec(lower);
  if (near) return { text: t, notation: "n_point", logmar: round2(Math.log10(Number(near[1]) / 8) + 0.3), off_chart: null, cf_distance_cm: null };
  const logmarWord = /^logmar\s*(-?\d+(?:\.\d+)?)$/.exec(lower);
  const lettersWord = /^(\d{1,3})\s*letters$/.exec(lower);
  const bare = /^-?\d+(?:\.\d+)?$/.test(lower) ? Number(lower) : null;
  let notation: Notation | null = null;
  let logmar: number | null = null;
  if (logmarWord) {
    notation = "logmar";
    logmar = Number(logmarWord[1]);
  } else if (lettersWord) {
    notation = "etdrs_letters";
    logmar = (85 - Number(lettersWord[1])) / 50;
  } else if (bare !== null) {
    notation = hint;
    if (hint === "decimal") logmar = bare > 0 ? -Math.log10(bare) : NaN;
    else if (hint === "logmar") logmar = bare;
    else if (hint === "etdrs_letters") logmar = (85 - bare) / 50;
    else if (hint === "n_point") logmar = Math.log10(bare / 8) + 0.3;
    else if (bare > 0 && bare <= 2) {
      notation = "decimal";
      logmar = -Math.log10(bare);
    }
  }
  if (notation === null || logmar === null || !Number.isFinite(logmar)) throw new RuleError(field, ACUITY_RULE);
  if (logmar < -0.3 || logmar > 1.8) throw new RuleError(field, `“${t}” is off the chart scale; record CF, HM, PL or NPL instead.`);
  return { text: t, notation, logmar: round2(logmar), off_chart: null, cf_distance_cm: null };
}

/** The LogMAR an acuity stands for in statistics and charts (off-chart categories as numbers). */
export function statisticsLogmar(va: VisualAcuity): number {
  if (va.off_chart) return OFF_CHART[va.off_chart]?.logmar ?? 3;
  return va.logmar ?? 0;
}

const METRIC_LINES = [3, 4, 5, 6, 7.5, 9, 12, 15, 18, 24, 30, 36, 48, 60, 75, 90, 120, 150, 180, 240, 300, 360];

/** A LogMAR written in a notation, rounded to the nearest chart line (what the clinic would write). */
export function formatLogmar(logmar: number, notation: Notation): string {
  switch (notation) {
    case "logmar":
      return logmar.toFixed(2);
    case "decimal":
      return (10 ** -logmar).toFixed(2).replace(/0$/, "");
    case "etdrs_letters":
      return `${Math.round(85 - 50 * logmar)} letters`;
    case "n_point":
      return `N${Math.round(8 * 10 ** (logmar - 0.3))}`;
    case "snellen_imperial": {
      const den = 20 * 10 ** logmar;
      return `20/${Math.round(den / 5) * 5}`;
    }
    case "snellen_metric": {
      const den = 6 * 10 ** logmar;
      const line = METRIC_LINES.reduce((best, d) => (Math.abs(Math.log10(d / den)) < Math.abs(Math.log10(best / den)) ? d : best));
      return `6/${line}`;
    }
  }
}

export function formatAcuity(va: VisualAcuity, notation: Notation): string {
  if (va.off_chart) {
    const word = va.off_chart.toUpperCase();
    if (va.off_chart === "cf" && va.cf_distance_cm !== null) {
      return va.cf_distance_cm % 100 === 0 ? `CF ${va.cf_distance_cm / 100}m` : `CF ${va.cf_distance_cm}cm`;
    }
    return word;
  }
  return formatLogmar(va.logmar ?? 0, notation);
}

const ACUITY_FIELDS = [
  ["sc", "va_sc"],
  ["cc", "va_cc"],
  ["ph", "va_ph"],
  ["bcva", "bcva"],
  ["near_sc", "near_sc"],
  ["near_cc", "near_cc"],
] as const;

function acuityEye(eye: "od" | "os", input: EyeAcuityInput, hint: Notation): EyeAcuity {
  const out: EyeAcuity = { sc: null, cc: null, ph: null, bcva: null, near_sc: null, near_cc: null };
  for (const [key, name] of ACUITY_FIELDS) {
    const text = typed(input[key]);
    if (text !== null) out[key] = parseAcuity(`${eye}.${name}`, text, key.startsWith("near") ? "n_point" : hint);
  }
  return out;
}

// ---------------------------------------------------------------- refraction

/** `+1.25`, `-0.50`, `0.00`: a power signed with two decimals. */
export function formatDioptres(value: number, plano = false): string {
  if (value === 0) return plano ? "plano" : "0.00";
  return `${value > 0 ? "+" : "-"}${Math.abs(value).toFixed(2)}`;
}

function dioptres(field: string, label: string, text: string, max: number): number {
  const lower = text.toLowerCase();
  if (lower === "plano" || lower === "pl") return 0;
  if (!/^[+-]?\d+(?:[.,]\d+)?$/.test(lower)) throw new RuleError(field, `${label} is a number of dioptres, like -1.25.`);
  const value = Number(lower.replace(",", "."));
  if (Math.abs(value) > max) throw new RuleError(field, `${label} runs from -${max.toFixed(2)} to +${max.toFixed(2)}.`);
  if (Math.round(value * 100) % 25 !== 0) throw new RuleError(field, `${label} goes in steps of 0.25 D.`);
  return value;
}

const PRISM_BASES: Record<string, PrismBase> = { bi: "bi", bo: "bo", bu: "bu", bd: "bd", in: "bi", out: "bo", up: "bu", down: "bd" };

function eyeRefraction(prefix: string, input: EyeRefractionInput): EyeRefraction | null {
  const f = (name: string) => `${prefix}.${name}`;
  const texts = [input.sphere, input.cylinder, input.axis, input.add, input.prism, input.prism_base, input.pd];
  if (texts.every((t) => typed(t) === null)) return null;
  const sphereText = typed(input.sphere);
  if (sphereText === null) throw new RuleError(f("sphere"), "Sphere is required; type plano (or 0) if there is none.");
  const sphere = dioptres(f("sphere"), "Sphere", sphereText, 30);
  const cylText = typed(input.cylinder);
  const cyl = cylText === null ? null : dioptres(f("cylinder"), "Cylinder", cylText, 15);
  const axisText = typed(input.axis);
  let axis: number | null = null;
  if (axisText !== null) {
    if (!/^\d{1,3}$/.test(axisText) || Number(axisText) > 180) throw new RuleError(f("axis"), "Axis is a whole number from 1 to 180.");
    axis = Number(axisText) === 0 ? 180 : Number(axisText);
  }
  let cylinder: EyeRefraction["cylinder"] = null;
  if (cyl !== null && cyl !== 0) {
    if (axis === null) throw new RuleError(f("axis"), "Axis is required with a cylinder: a whole number from 1 to 180.");
    cylinder = { power: cyl, axis };
  } else if (axis !== null) {
    throw new RuleError(f("axis"), cyl === 0 ? "A zero cylinder has no axis; clear the axis." : "An axis goes with a cylinder; enter the cylinder or clear the axis.");
  }
  const addText = typed(input.add);
  let add: number | null = null;
  if (addText !== null) {
    add = dioptres(f("add"), "ADD", addText, 4);
    if (add <= 0) throw new RuleError(f("add"), "ADD is positive, from +0.25 to +4.00; leave it blank if there is none.");
  }
  let prism: EyeRefraction["prism"] = null;
  const prismText = typed(input.prism);
  const baseText = typed(input.prism_base);
  if (prismText !== null) {
    const m = /^(\d+(?:\.\d+)?)\s*(?:Δ|\^)?\s*([a-z]*)$/i.exec(prismText);
    const base = PRISM_BASES[(m?.[2] || baseText || "").toLowerCase()];
    if (!m || Number(m[1]) <= 0 || Number(m[1]) > 20) throw new RuleError(f("prism"), "Prism is 0.25 to 20 prism dioptres, like 2 or 2 BI.");
    if (!base) throw new RuleError(f("prism_base"), "Prism base is BI, BO, BU or BD.");
    prism = { amount: Number(m[1]), base };
  } else if (baseText !== null) {
    throw new RuleError(f("prism_base"), "A prism base goes with a prism; enter the prism or clear the base.");
  }
  const pdText = typed(input.pd);
  let pd: number | null = null;
  if (pdText !== null) {
    pd = Number(pdText.replace(",", "."));
    if (!(pd >= 20 && pd <= 40)) throw new RuleError(f("pd"), "Monocular PD is 20 to 40 mm.");
  }
  return { sphere, cylinder, add, prism, pd };
}

export function validateRefraction(kind: string, input: RefractionInput): Refraction {
  const od = eyeRefraction(`${kind}.od`, input.od);
  const os = eyeRefraction(`${kind}.os`, input.os);
  const pdText = typed(input.pd);
  let pd: number | null = null;
  if (pdText !== null) {
    pd = Number(pdText.replace(",", "."));
    if (!(pd >= 40 && pd <= 80)) throw new RuleError(`${kind}.pd`, "Binocular PD is 40 to 80 mm.");
  }
  if (od === null && os === null) throw new RuleError(`${kind}.od.sphere`, "Enter the refraction of at least one eye.");
  return { kind: input.kind, od, os, pd };
}

/** The same lens in the other cylinder form. */
export function transpose(e: EyeRefraction): EyeRefraction {
  if (!e.cylinder) return e;
  const axis = e.cylinder.axis <= 90 ? e.cylinder.axis + 90 : e.cylinder.axis - 90;
  return { ...e, sphere: round2(e.sphere + e.cylinder.power), cylinder: { power: -e.cylinder.power, axis } };
}

export function inForm(e: EyeRefraction, form: CylinderForm): EyeRefraction {
  if (!e.cylinder) return e;
  if ((form === "minus" && e.cylinder.power > 0) || (form === "plus" && e.cylinder.power < 0)) return transpose(e);
  return e;
}

export function spheroCylinder(e: EyeRefraction): string {
  const sphere = formatDioptres(e.sphere, true);
  if (!e.cylinder) return `${sphere} DS`;
  return `${sphere} / ${formatDioptres(e.cylinder.power)} × ${String(e.cylinder.axis).padStart(3, "0")}`;
}

function eyeView(e: EyeRefraction | null): EyeRefractionView | null {
  if (!e) return null;
  const se = e.sphere + (e.cylinder?.power ?? 0) / 2;
  const seText = Number.isInteger(se * 100) ? formatDioptres(se) : `${se > 0 ? "+" : "-"}${Math.abs(se).toFixed(3)}`;
  return { minus_form: spheroCylinder(inForm(e, "minus")), plus_form: spheroCylinder(inForm(e, "plus")), spherical_equivalent: seText };
}

// ---------------------------------------------------------------- pressure and findings

function validTime(field: string, text: string): string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new RuleError(field, "Time is HH:MM on the 24-hour clock, like 09:30 or 14:05.");
  return `${(m[1] ?? "").padStart(2, "0")}:${m[2]}`;
}

function pressure(field: string, text: string | null): number | null {
  const t = typed(text);
  if (t === null) return null;
  const value = Number(t.replace(",", "."));
  if (!/^\d+(?:[.,]\d)?$/.test(t) || value < 1 || value > 80) throw new RuleError(field, "Pressure is 1 to 80 mmHg, to one decimal, like 15 or 15.5.");
  return value;
}

export function iopFlags(iop: Iop): IopFlags {
  return {
    od_high: (iop.od ?? 0) > 21,
    os_high: (iop.os ?? 0) > 21,
    asymmetric: iop.od !== null && iop.os !== null && Math.abs(iop.od - iop.os) > 5,
  };
}

function finding(field: string, label: string, value: Finding): Finding {
  if (value.status === "abnormal" && value.text.trim() === "") {
    throw new RuleError(field, `Describe what is abnormal (${label.toLowerCase()}), or mark it normal.`);
  }
  return value.status === "abnormal" ? { status: "abnormal", text: value.text.trim() } : value;
}

function eyeFindings(eye: "od" | "os", input: EyeFindingsInput): EyeFindings {
  const f = (name: string) => `${eye}.${name}`;
  const kTexts = [input.k1, input.k1_axis, input.k2, input.k2_axis];
  let keratometry: EyeFindings["keratometry"] = null;
  if (kTexts.some((t) => typed(t) !== null)) {
    const reading = (k: "k1" | "k2", power: string | null, axis: string | null) => {
      const p = typed(power);
      if (p === null) throw new RuleError(f(k), `${k.toUpperCase()} is required with the other keratometry values.`);
      const value = Number(p.replace(",", "."));
      if (!(value >= 30 && value <= 60)) throw new RuleError(f(k), `${k.toUpperCase()} is in dioptres from 30.00 to 60.00, like 43.25.`);
      const a = typed(axis);
      if (a === null || !/^\d{1,3}$/.test(a) || Number(a) < 0 || Number(a) > 180) {
        throw new RuleError(f(`${k}_axis`), `${k.toUpperCase()} needs its axis, a whole number from 1 to 180.`);
      }
      return { power: value, axis: Number(a) === 0 ? 180 : Number(a) };
    };
    keratometry = { k1: reading("k1", input.k1, input.k1_axis), k2: reading("k2", input.k2, input.k2_axis) };
  }
  const cctText = typed(input.cct);
  const cct = cctText === null ? null : Number(cctText.replace(/\s*(µm|um)$/i, ""));
  if (cct !== null && !(Number.isInteger(cct) && cct >= 300 && cct <= 900)) {
    throw new RuleError(f("cct"), "Central corneal thickness is a whole number of µm from 300 to 900, like 545.");
  }
  const cdText = typed(input.cup_disc);
  const cd = cdText === null ? null : Number(cdText.replace(",", "."));
  if (cd !== null && !(cd >= 0 && cd <= 1 && Math.round(cd * 100) % 5 === 0)) {
    throw new RuleError(f("cup_disc"), "Cup-to-disc ratio is 0.0 to 1.0 in steps of 0.05, like 0.35.");
  }
  const slit = input.slit_lamp;
  const fundus = input.fundus;
  const slitLamp = {
    lids: finding(f("slit_lamp.lids"), "Lids", slit.lids),
    conjunctiva: finding(f("slit_lamp.conjunctiva"), "Conjunctiva", slit.conjunctiva),
    cornea: finding(f("slit_lamp.cornea"), "Cornea", slit.cornea),
    anterior_chamber: finding(f("slit_lamp.anterior_chamber"), "Anterior chamber", slit.anterior_chamber),
    iris: finding(f("slit_lamp.iris"), "Iris", slit.iris),
    lens: finding(f("slit_lamp.lens"), "Lens", slit.lens),
  };
  const fundusOut = {
    disc: finding(f("fundus.disc"), "Disc", fundus.disc),
    macula: finding(f("fundus.macula"), "Macula", fundus.macula),
    vessels: finding(f("fundus.vessels"), "Vessels", fundus.vessels),
    periphery: finding(f("fundus.periphery"), "Periphery", fundus.periphery),
  };
  const drug = typed(input.dilation_drug);
  const timeText = typed(input.dilation_time);
  const time = timeText === null ? null : validTime(f("dilation_time"), timeText);
  if (drug !== null && time === null) throw new RuleError(f("dilation_time"), "Give the time the dilating drops went in (HH:MM).");
  if (drug === null && time !== null) throw new RuleError(f("dilation_drug"), "Name the dilating drops given at that time.");
  const out: EyeFindings = {
    keratometry,
    cct_um: cct,
    cup_disc: cd,
    slit_lamp: slitLamp,
    fundus: fundusOut,
    dilation: drug !== null && time !== null ? { drug, time } : null,
    visual_field: typed(input.visual_field),
    gonioscopy: typed(input.gonioscopy),
  };
  const examined = [...Object.values(slitLamp), ...Object.values(fundusOut)].some((x) => x.status !== "not_examined");
  if (!examined && keratometry === null && cct === null && cd === null && !out.dilation && !out.visual_field && !out.gonioscopy) {
    throw new RuleError(f("slit_lamp"), "Nothing is recorded for this eye; record a finding or mark the eye not examined.");
  }
  return out;
}

// ---------------------------------------------------------------- the whole form

/** Validates the work-up in screen order and returns it as stored; throws the first RuleError. */
export function validateWorkup(input: WorkupInput, notation: Notation): Workup {
  const acuity: Acuity = { od: acuityEye("od", input.acuity.od, notation), os: acuityEye("os", input.acuity.os, notation) };
  const refractions: Refraction[] = [];
  for (const r of input.refractions) {
    if (refractions.some((x) => x.kind === r.kind)) throw new RuleError(`${r.kind}.od.sphere`, "This kind of refraction is already in the form.");
    const blank = [r.od, r.os].every((e) => Object.values(e).every((t) => typed(t) === null)) && typed(r.pd) === null;
    if (!blank) refractions.push(validateRefraction(r.kind, r));
  }
  let iop: Iop | null = null;
  if (input.iop && (typed(input.iop.od) !== null || typed(input.iop.os) !== null)) {
    const time = typed(input.iop.time);
    iop = {
      od: pressure("od.iop", input.iop.od),
      os: pressure("os.iop", input.iop.os),
      method: input.iop.method,
      time: time === null ? null : validTime("iop_time", time),
      od_not_recordable: null,
      os_not_recordable: null,
    };
  }
  const findings = {
    od: input.findings.od ? eyeFindings("od", input.findings.od) : null,
    os: input.findings.os ? eyeFindings("os", input.findings.os) : null,
  };
  const notes = typed(input.notes);
  if (notes !== null && notes.length > 4000) throw new RuleError("notes", "Notes are at most 4000 characters.");
  const copied: string[] = [];
  for (const c of input.copied) {
    if (c !== "current_glasses" && c !== "history") throw new RuleError("copied", `“${c}” is not a section that can be copied.`);
    if (!copied.includes(c)) copied.push(c);
  }
  return { acuity, refractions, iop, findings, notes, copied };
}

/** Whether nothing at all was recorded. */
export function workupIsEmpty(w: Workup): boolean {
  const acuity = [w.acuity.od, w.acuity.os].every((e) => Object.values(e).every((v) => v === null));
  return acuity && w.refractions.length === 0 && w.iop === null && w.findings.od === null && w.findings.os === null && w.notes === null;
}

function acuityView(a: EyeAcuity, notation: Notation): EyeAcuityView {
  const show = (v: VisualAcuity | null) => (v ? formatAcuity(v, notation) : null);
  const near = (v: VisualAcuity | null) => (v ? formatAcuity(v, "n_point") : null);
  return {
    sc: show(a.sc),
    cc: show(a.cc),
    ph: show(a.ph),
    bcva: show(a.bcva),
    near_sc: near(a.near_sc),
    near_cc: near(a.near_cc),
    bcva_logmar: a.bcva ? formatAcuity(a.bcva, "logmar") : null,
  };
}

export function deriveWorkup(w: Workup, notation: Notation): WorkupDerived {
  return {
    acuity_od: acuityView(w.acuity.od, notation),
    acuity_os: acuityView(w.acuity.os, notation),
    refractions: w.refractions.map((r) => ({ kind: r.kind, od: eyeView(r.od), os: eyeView(r.os) })),
    iop_flags: w.iop ? iopFlags(w.iop) : null,
  };
}

/** Form text that reproduces a stored refraction (for "copy from last visit"). */
export function refractionInput(r: Refraction, kind: Refraction["kind"]): RefractionInput {
  const eye = (e: EyeRefraction | null): EyeRefractionInput => ({
    sphere: e ? formatDioptres(e.sphere) : null,
    cylinder: e?.cylinder ? formatDioptres(e.cylinder.power) : null,
    axis: e?.cylinder ? String(e.cylinder.axis) : null,
    add: e?.add ? formatDioptres(e.add) : null,
    prism: e?.prism ? String(e.prism.amount) : null,
    prism_base: e?.prism ? e.prism.base.toUpperCase() : null,
    pd: e?.pd ? String(e.pd) : null,
  });
  return { kind, od: eye(r.od), os: eye(r.os), pd: r.pd === null ? null : String(r.pd) };
}
