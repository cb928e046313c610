// The work-up form's state, its conversion to and from what the core takes and stores, and where the core's field
// errors land. Every value is kept as the text typed; the core parses and validates (exams.check_workup) and the
// screen only shows what it says.
import type { EyeFindings } from "../../bindings/EyeFindings";
import type { EyeFindingsInput } from "../../bindings/EyeFindingsInput";
import type { EyeRefraction } from "../../bindings/EyeRefraction";
import type { EyeRefractionInput } from "../../bindings/EyeRefractionInput";
import type { Finding } from "../../bindings/Finding";
import type { IopInput } from "../../bindings/IopInput";
import type { IopMethod } from "../../bindings/IopMethod";
import type { Notation } from "../../bindings/Notation";
import type { Refraction } from "../../bindings/Refraction";
import type { RefractionInput } from "../../bindings/RefractionInput";
import type { RefractionKind } from "../../bindings/RefractionKind";
import type { Workup } from "../../bindings/Workup";
import type { WorkupInput } from "../../bindings/WorkupInput";

export type EyeKey = "od" | "os";
export const EYES: readonly EyeKey[] = ["od", "os"];
export const EYE_LABELS: Record<EyeKey, string> = { od: "OD (right)", os: "OS (left)" };

export const ACUITY_FIELDS = ["sc", "cc", "ph", "bcva", "near_sc", "near_cc"] as const;
export type AcuityField = (typeof ACUITY_FIELDS)[number];
export const ACUITY_LABELS: Record<AcuityField, string> = {
  sc: "Distance sc (unaided)",
  cc: "Distance cc (own glasses)",
  ph: "Pinhole",
  bcva: "BCVA (best corrected)",
  near_sc: "Near sc",
  near_cc: "Near cc",
};
/** The core names acuity errors `od.va_sc`, `od.va_cc`, `od.va_ph` (and `od.bcva`, `od.near_sc` …). */
const ACUITY_ERROR_NAMES: Record<AcuityField, string> = { sc: "va_sc", cc: "va_cc", ph: "va_ph", bcva: "bcva", near_sc: "near_sc", near_cc: "near_cc" };

export const RX_KINDS: readonly RefractionKind[] = ["autorefraction", "retinoscopy", "subjective", "cycloplegic", "current_glasses", "final"];
export const RX_KIND_LABELS: Record<RefractionKind, string> = {
  autorefraction: "Autorefraction",
  retinoscopy: "Retinoscopy",
  subjective: "Subjective",
  cycloplegic: "Cycloplegic",
  current_glasses: "Current glasses",
  final: "Final (prescribed)",
};
export const RX_FIELDS = ["sphere", "cylinder", "axis", "add", "prism", "prism_base", "pd"] as const;
export type RxField = (typeof RX_FIELDS)[number];
export const RX_LABELS: Record<RxField, string> = {
  sphere: "Sphere",
  cylinder: "Cylinder",
  axis: "Axis",
  add: "ADD",
  prism: "Prism (Δ)",
  prism_base: "Base",
  pd: "PD (mm)",
};
/** Hints, not example values: a number in an empty box reads too easily as a measurement. */
export const RX_PLACEHOLDERS: Partial<Record<RxField, string>> = {
  sphere: "D or plano",
  axis: "1–180",
  prism_base: "BI/BO/BU/BD",
};

export const IOP_METHODS: readonly { value: IopMethod; label: string }[] = [
  { value: "goldmann", label: "Goldmann applanation" },
  { value: "non_contact", label: "Non-contact (air puff)" },
  { value: "icare", label: "iCare rebound" },
  { value: "tonopen", label: "Tono-Pen" },
  { value: "perkins", label: "Perkins" },
  { value: "other", label: "Other" },
];

export const SLIT_STRUCTURES = ["lids", "conjunctiva", "cornea", "anterior_chamber", "iris", "lens"] as const;
export const FUNDUS_STRUCTURES = ["disc", "macula", "vessels", "periphery"] as const;
export type SlitStructure = (typeof SLIT_STRUCTURES)[number];
export type FundusStructure = (typeof FUNDUS_STRUCTURES)[number];
export type FindingSection = "slit_lamp" | "fundus";
export const STRUCTURE_LABELS: Record<SlitStructure | FundusStructure, string> = {
  lids: "Lids",
  conjunctiva: "Conjunctiva",
  cornea: "Cornea",
  anterior_chamber: "Anterior chamber",
  iris: "Iris",
  lens: "Lens",
  disc: "Disc",
  macula: "Macula",
  vessels: "Vessels",
  periphery: "Periphery",
};

export const MEASURE_FIELDS = ["k1", "k1_axis", "k2", "k2_axis", "cct", "cup_disc"] as const;
export const NOTE_FIELDS = ["dilation_drug", "dilation_time", "visual_field", "gonioscopy"] as const;
export type MeasureField = (typeof MEASURE_FIELDS)[number];
export type NoteField = (typeof NOTE_FIELDS)[number];
export const FINDING_FIELD_LABELS: Record<MeasureField | NoteField, string> = {
  k1: "K1 (D)",
  k1_axis: "K1 axis",
  k2: "K2 (D)",
  k2_axis: "K2 axis",
  cct: "CCT (µm)",
  cup_disc: "C/D ratio",
  dilation_drug: "Dilation drops",
  dilation_time: "Dilated at (HH:MM)",
  visual_field: "Visual field",
  gonioscopy: "Gonioscopy",
};
export const FINDING_PLACEHOLDERS: Partial<Record<MeasureField | NoteField, string>> = {
  k1_axis: "1–180",
  k2_axis: "1–180",
  cup_disc: "0.00–1.00",
  dilation_drug: "e.g. tropicamide 1%",
  dilation_time: "HH:MM",
};

/** One structure: "Normal" ticked, or words describing what is abnormal; neither is "not examined". */
export interface FindingValue {
  normal: boolean;
  text: string;
}

export type RxEyeValues = Record<RxField, string>;

export interface RefractionValues {
  kind: RefractionKind;
  od: RxEyeValues;
  os: RxEyeValues;
  /** Binocular PD. */
  pd: string;
}

export interface EyeFindingsValues extends Record<MeasureField | NoteField, string> {
  /** Ticked "eye not examined": the eye's findings are sent as null, which the core stores as not examined. */
  notExamined: boolean;
  slit_lamp: Record<SlitStructure, FindingValue>;
  fundus: Record<FundusStructure, FindingValue>;
}

/** The pressure section as typed; an eye is a pressure, or "not recordable" with a reason, or blank. */
export type IopValues = Pick<IopInput, "method" | "od_not_recordable" | "os_not_recordable"> & {
  od: string;
  os: string;
  time: string;
  od_not_recordable_reason: string;
  os_not_recordable_reason: string;
};

const blankIop = (now: string): IopValues => ({
  od: "",
  os: "",
  method: "goldmann",
  time: now,
  od_not_recordable: false,
  od_not_recordable_reason: "",
  os_not_recordable: false,
  os_not_recordable_reason: "",
});

export interface WorkupValues {
  acuity: Record<EyeKey, Record<AcuityField, string>>;
  refractions: RefractionValues[];
  iop: IopValues;
  findings: Record<EyeKey, EyeFindingsValues>;
  notes: string;
  /** Sections filled by "copy from last visit" and not edited since. */
  copied: string[];
}

const blankAcuity = (): Record<AcuityField, string> => ({ sc: "", cc: "", ph: "", bcva: "", near_sc: "", near_cc: "" });
export const blankRxEye = (): RxEyeValues => ({ sphere: "", cylinder: "", axis: "", add: "", prism: "", prism_base: "", pd: "" });
const blankFinding = (): FindingValue => ({ normal: false, text: "" });

export function blankEyeFindings(): EyeFindingsValues {
  return {
    notExamined: false,
    k1: "",
    k1_axis: "",
    k2: "",
    k2_axis: "",
    cct: "",
    cup_disc: "",
    dilation_drug: "",
    dilation_time: "",
    visual_field: "",
    gonioscopy: "",
    slit_lamp: { lids: blankFinding(), conjunctiva: blankFinding(), cornea: blankFinding(), anterior_chamber: blankFinding(), iris: blankFinding(), lens: blankFinding() },
    fundus: { disc: blankFinding(), macula: blankFinding(), vessels: blankFinding(), periphery: blankFinding() },
  };
}

/** An empty work-up; `now` (HH:MM) is when pressure is taken unless changed. */
export function blankWorkup(now: string): WorkupValues {
  return {
    acuity: { od: blankAcuity(), os: blankAcuity() },
    refractions: [],
    iop: blankIop(now),
    findings: { od: blankEyeFindings(), os: blankEyeFindings() },
    notes: "",
    copied: [],
  };
}

export function blankRefraction(kind: RefractionKind): RefractionValues {
  return { kind, od: blankRxEye(), os: blankRxEye(), pd: "" };
}

/** HH:MM of a Date, for the pressure time. */
export function clockTime(date: Date): string {
  return `${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`;
}

// ---------------------------------------------------------------- to the core

const orNull = (text: string): string | null => (text.trim() === "" ? null : text.trim());

function findingInput(value: FindingValue): Finding {
  if (value.text.trim() !== "") return { status: "abnormal", text: value.text.trim() };
  return value.normal ? { status: "normal" } : { status: "not_examined" };
}

function eyeRxInput(values: RxEyeValues): EyeRefractionInput {
  return {
    sphere: orNull(values.sphere),
    cylinder: orNull(values.cylinder),
    axis: orNull(values.axis),
    add: orNull(values.add),
    prism: orNull(values.prism),
    prism_base: orNull(values.prism_base),
    pd: orNull(values.pd),
  };
}

export function refractionToInput(r: RefractionValues): RefractionInput {
  return { kind: r.kind, od: eyeRxInput(r.od), os: eyeRxInput(r.os), pd: orNull(r.pd) };
}

/** Whether an eye's findings record nothing at all (then it is sent as not examined). */
export function eyeFindingsBlank(values: EyeFindingsValues): boolean {
  const texts = [...MEASURE_FIELDS, ...NOTE_FIELDS].every((field) => values[field].trim() === "");
  const structures = [...Object.values(values.slit_lamp), ...Object.values(values.fundus)].every((f) => !f.normal && f.text.trim() === "");
  return texts && structures;
}

function eyeFindingsInput(values: EyeFindingsValues): EyeFindingsInput | null {
  if (values.notExamined || eyeFindingsBlank(values)) return null;
  const slit = values.slit_lamp;
  const fundus = values.fundus;
  return {
    k1: orNull(values.k1),
    k1_axis: orNull(values.k1_axis),
    k2: orNull(values.k2),
    k2_axis: orNull(values.k2_axis),
    cct: orNull(values.cct),
    cup_disc: orNull(values.cup_disc),
    slit_lamp: {
      lids: findingInput(slit.lids),
      conjunctiva: findingInput(slit.conjunctiva),
      cornea: findingInput(slit.cornea),
      anterior_chamber: findingInput(slit.anterior_chamber),
      iris: findingInput(slit.iris),
      lens: findingInput(slit.lens),
    },
    fundus: {
      disc: findingInput(fundus.disc),
      macula: findingInput(fundus.macula),
      vessels: findingInput(fundus.vessels),
      periphery: findingInput(fundus.periphery),
    },
    dilation_drug: orNull(values.dilation_drug),
    dilation_time: orNull(values.dilation_time),
    visual_field: orNull(values.visual_field),
    gonioscopy: orNull(values.gonioscopy),
  };
}

/** The form as the core takes it: blanks are null, untouched pressure is no pressure, blank eyes are not examined. */
export function toWorkupInput(values: WorkupValues): WorkupInput {
  const acuityEye = (eye: EyeKey) => {
    const a = values.acuity[eye];
    return { sc: orNull(a.sc), cc: orNull(a.cc), ph: orNull(a.ph), bcva: orNull(a.bcva), near_sc: orNull(a.near_sc), near_cc: orNull(a.near_cc) };
  };
  const iop = values.iop;
  const measured = iop.od.trim() !== "" || iop.os.trim() !== "" || iop.od_not_recordable || iop.os_not_recordable;
  return {
    acuity: { od: acuityEye("od"), os: acuityEye("os") },
    refractions: values.refractions.map(refractionToInput),
    iop: measured
      ? {
          od: orNull(iop.od),
          os: orNull(iop.os),
          method: iop.method,
          time: orNull(iop.time),
          od_not_recordable: iop.od_not_recordable,
          od_not_recordable_reason: iop.od_not_recordable ? orNull(iop.od_not_recordable_reason) : null,
          os_not_recordable: iop.os_not_recordable,
          os_not_recordable_reason: iop.os_not_recordable ? orNull(iop.os_not_recordable_reason) : null,
        }
      : null,
    findings: { od: eyeFindingsInput(values.findings.od), os: eyeFindingsInput(values.findings.os) },
    notes: orNull(values.notes),
    copied: [...values.copied],
  };
}

// ---------------------------------------------------------------- from the core

/** A power as a clinician writes it: `+1.25`, `-0.50`, `0.00`. */
export function formatPower(value: number): string {
  if (value === 0) return "0.00";
  return `${value > 0 ? "+" : "-"}${Math.abs(value).toFixed(2)}`;
}

function rxEyeValues(e: EyeRefraction | null): RxEyeValues {
  if (!e) return blankRxEye();
  return {
    sphere: formatPower(e.sphere),
    cylinder: e.cylinder ? formatPower(e.cylinder.power) : "",
    axis: e.cylinder ? String(e.cylinder.axis) : "",
    add: e.add !== null ? formatPower(e.add) : "",
    prism: e.prism ? String(e.prism.amount) : "",
    prism_base: e.prism ? e.prism.base.toUpperCase() : "",
    pd: e.pd !== null ? String(e.pd) : "",
  };
}

export function refractionValues(r: Refraction): RefractionValues {
  return { kind: r.kind, od: rxEyeValues(r.od), os: rxEyeValues(r.os), pd: r.pd !== null ? String(r.pd) : "" };
}

/** Form text for a refraction the core gave as form text (the previous visit's glasses). */
export function refractionValuesFromInput(r: RefractionInput, kind: RefractionKind = r.kind): RefractionValues {
  const eye = (e: EyeRefractionInput): RxEyeValues => ({
    sphere: e.sphere ?? "",
    cylinder: e.cylinder ?? "",
    axis: e.axis ?? "",
    add: e.add ?? "",
    prism: e.prism ?? "",
    prism_base: (e.prism_base ?? "").toUpperCase(),
    pd: e.pd ?? "",
  });
  return { kind, od: eye(r.od), os: eye(r.os), pd: r.pd ?? "" };
}

function findingValue(f: Finding): FindingValue {
  if (f.status === "abnormal") return { normal: false, text: f.text };
  return { normal: f.status === "normal", text: "" };
}

function eyeFindingsValues(f: EyeFindings | null, otherExamined: boolean): EyeFindingsValues {
  const blank = blankEyeFindings();
  // A stored eye without findings was not examined; say so when the other eye was.
  if (!f) return { ...blank, notExamined: otherExamined };
  return {
    notExamined: false,
    k1: f.keratometry ? f.keratometry.k1.power.toFixed(2) : "",
    k1_axis: f.keratometry ? String(f.keratometry.k1.axis) : "",
    k2: f.keratometry ? f.keratometry.k2.power.toFixed(2) : "",
    k2_axis: f.keratometry ? String(f.keratometry.k2.axis) : "",
    cct: f.cct_um !== null ? String(f.cct_um) : "",
    cup_disc: f.cup_disc !== null ? f.cup_disc.toFixed(2) : "",
    dilation_drug: f.dilation?.drug ?? "",
    dilation_time: f.dilation?.time ?? "",
    visual_field: f.visual_field ?? "",
    gonioscopy: f.gonioscopy ?? "",
    slit_lamp: {
      lids: findingValue(f.slit_lamp.lids),
      conjunctiva: findingValue(f.slit_lamp.conjunctiva),
      cornea: findingValue(f.slit_lamp.cornea),
      anterior_chamber: findingValue(f.slit_lamp.anterior_chamber),
      iris: findingValue(f.slit_lamp.iris),
      lens: findingValue(f.slit_lamp.lens),
    },
    fundus: {
      disc: findingValue(f.fundus.disc),
      macula: findingValue(f.fundus.macula),
      vessels: findingValue(f.fundus.vessels),
      periphery: findingValue(f.fundus.periphery),
    },
  };
}

/** A stored work-up back in the form, as text the core parses to the same values. */
export function workupToValues(w: Workup, now: string): WorkupValues {
  const acuityEye = (eye: EyeKey) => {
    const a = w.acuity[eye];
    return {
      sc: a.sc?.text ?? "",
      cc: a.cc?.text ?? "",
      ph: a.ph?.text ?? "",
      bcva: a.bcva?.text ?? "",
      near_sc: a.near_sc?.text ?? "",
      near_cc: a.near_cc?.text ?? "",
    };
  };
  return {
    acuity: { od: acuityEye("od"), os: acuityEye("os") },
    refractions: RX_KINDS.flatMap((kind) => {
      const r = w.refractions.find((x) => x.kind === kind);
      return r ? [refractionValues(r)] : [];
    }),
    iop: w.iop
      ? {
          od: w.iop.od !== null ? String(w.iop.od) : "",
          os: w.iop.os !== null ? String(w.iop.os) : "",
          method: w.iop.method,
          time: w.iop.time ?? "",
          od_not_recordable: w.iop.od_not_recordable !== null,
          od_not_recordable_reason: w.iop.od_not_recordable ?? "",
          os_not_recordable: w.iop.os_not_recordable !== null,
          os_not_recordable_reason: w.iop.os_not_recordable ?? "",
        }
      : blankIop(now),
    findings: {
      od: eyeFindingsValues(w.findings.od, w.findings.os !== null),
      os: eyeFindingsValues(w.findings.os, w.findings.od !== null),
    },
    notes: w.notes ?? "",
    copied: [...w.copied],
  };
}

// ---------------------------------------------------------------- editing

/** Adds a refraction of `kind` unless the form has one (at most one of each), keeping the screen's order. */
export function addRefraction(values: WorkupValues, kind: RefractionKind): WorkupValues {
  if (values.refractions.some((r) => r.kind === kind)) return values;
  const refractions = [...values.refractions, blankRefraction(kind)].sort((a, b) => RX_KINDS.indexOf(a.kind) - RX_KINDS.indexOf(b.kind));
  return { ...values, refractions };
}

export function removeRefraction(values: WorkupValues, kind: RefractionKind): WorkupValues {
  return { ...values, refractions: values.refractions.filter((r) => r.kind !== kind), copied: values.copied.filter((c) => c !== kind) };
}

/** Fills the current-glasses refraction from the last visit and marks it copied (until someone edits it). */
export function copyCurrentGlasses(values: WorkupValues, previous: RefractionInput): WorkupValues {
  const copy = refractionValuesFromInput(previous, "current_glasses");
  const others = values.refractions.filter((r) => r.kind !== "current_glasses");
  const refractions = [...others, copy].sort((a, b) => RX_KINDS.indexOf(a.kind) - RX_KINDS.indexOf(b.kind));
  return { ...values, refractions, copied: values.copied.includes("current_glasses") ? values.copied : [...values.copied, "current_glasses"] };
}

/** One refraction field changed; an edit to the copied glasses means they are no longer as copied. */
export function setRefractionField(values: WorkupValues, kind: RefractionKind, eye: EyeKey | null, field: RxField | "pd", text: string): WorkupValues {
  const refractions = values.refractions.map((r) => {
    if (r.kind !== kind) return r;
    if (eye === null) return { ...r, pd: text };
    return { ...r, [eye]: { ...r[eye], [field]: text } };
  });
  return { ...values, refractions, copied: unmarkCopied(values.copied, kind) };
}

/** The copied sections once `section` has been edited by hand. */
export function unmarkCopied(copied: readonly string[], section: string): string[] {
  return copied.filter((c) => c !== section);
}

/** Ticks "Normal" on one structure (clearing any abnormal words), or unticks it. */
export function setNormal(value: FindingValue, normal: boolean): FindingValue {
  return normal ? { normal: true, text: "" } : { normal: false, text: value.text };
}

/** Words typed for a structure make it abnormal, so "Normal" is unticked. */
export function setFindingText(text: string): FindingValue {
  return { normal: false, text };
}

/** "All normal": every structure of the section without abnormal words becomes normal. */
export function allNormal<K extends string>(section: Record<K, FindingValue>): Record<K, FindingValue> {
  const out = { ...section };
  for (const key of Object.keys(out) as K[]) {
    const f = out[key];
    if (f.text.trim() === "") out[key] = { normal: true, text: "" };
  }
  return out;
}

// ---------------------------------------------------------------- errors

/**
 * Where a field error of the core lands on the work-up form: its `data-testid` (the input to mark and focus), or
 * null when the field is not on this form (the error is then shown for the whole form).
 */
export function workupErrorTarget(field: string): string | null {
  const parts = field.split(".");
  const [first, second, third] = parts;
  const eye = first === "od" || first === "os" ? first : null;
  if (field === "iop_time") return "iop-time";
  if (field === "notes") return "workup-notes";
  if (eye && parts.length === 2 && second) {
    const acuity = ACUITY_FIELDS.find((f) => ACUITY_ERROR_NAMES[f] === second);
    if (acuity) return `va-${eye}-${acuity}`;
    if (second === "iop") return `iop-${eye}`;
    if (second === "iop_reason") return `iop-${eye}-reason`;
    if ((MEASURE_FIELDS as readonly string[]).includes(second) || (NOTE_FIELDS as readonly string[]).includes(second)) return `findings-${eye}-${second}`;
    if (second === "slit_lamp" || second === "fundus") return `findings-${eye}-not-examined`;
    return null;
  }
  if (eye && parts.length === 3 && (second === "slit_lamp" || second === "fundus") && third) {
    const structures: readonly string[] = second === "slit_lamp" ? SLIT_STRUCTURES : FUNDUS_STRUCTURES;
    if (!structures.includes(third)) return null;
    return `${second === "slit_lamp" ? "slit" : "fundus"}-${eye}-${third}-text`;
  }
  if (first && (RX_KINDS as readonly string[]).includes(first)) {
    if (parts.length === 2 && second === "pd") return `rx-${first}-pd`;
    if (parts.length === 3 && (second === "od" || second === "os") && third && (RX_FIELDS as readonly string[]).includes(third)) {
      return `rx-${first}-${second}-${third}`;
    }
    return null;
  }
  return null;
}

/** The example of the clinic's notation shown in empty acuity boxes. */
export function acuityPlaceholder(notation: Notation, field: AcuityField): string {
  if (field === "near_sc" || field === "near_cc") return "N6";
  switch (notation) {
    case "snellen_metric":
      return "6/9";
    case "snellen_imperial":
      return "20/30";
    case "decimal":
      return "0.7";
    case "logmar":
      return "0.18";
    case "etdrs_letters":
      return "76";
    case "n_point":
      return "N6";
  }
}

/**
 * The input without the part a field error is about, so the rest can be checked again: the core stops at the first
 * problem, and the screen wants every section's derived values and every error at once. Null when the field names
 * nothing that can be taken out.
 */
export function withoutField(input: WorkupInput, field: string): WorkupInput | null {
  const [first, second, third] = field.split(".");
  if (first && (RX_KINDS as readonly string[]).includes(first)) {
    // Only the eye (or the binocular PD) at fault: the other eye of the refraction still gets its values.
    const refractions = input.refractions.flatMap((r) => {
      if (r.kind !== first) return [r];
      let next: RefractionInput;
      if (second === "pd") next = { ...r, pd: null };
      else if ((second === "od" || second === "os") && third) next = { ...r, [second]: blankEyeRxInput() };
      else return [];
      const blank = [next.od, next.os].every((e) => Object.values(e).every((t) => t === null));
      return blank ? [] : [next];
    });
    return { ...input, refractions };
  }
  if (field === "iop_time" || second === "iop") return { ...input, iop: null };
  if (field === "notes") return { ...input, notes: null };
  if (field === "copied") return { ...input, copied: [] };
  if ((first === "od" || first === "os") && second) {
    const acuity = ACUITY_FIELDS.find((f) => ACUITY_ERROR_NAMES[f] === second);
    if (acuity) return { ...input, acuity: { ...input.acuity, [first]: { ...input.acuity[first], [acuity]: null } } };
    return { ...input, findings: { ...input.findings, [first]: null } };
  }
  return null;
}

const blankEyeRxInput = (): EyeRefractionInput => ({ sphere: null, cylinder: null, axis: null, add: null, prism: null, prism_base: null, pd: null });
