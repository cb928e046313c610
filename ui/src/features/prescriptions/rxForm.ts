// The prescription form's values as typed, and their conversion to and from the core's shapes. Nothing here decides
// what a valid prescription is: the core validates every line (and names the field it refuses); the form only turns
// what was typed into numbers, and says so when a number cannot be read.
import type { DoseUnit } from "../../bindings/DoseUnit";
import type { Eye } from "../../bindings/Eye";
import type { Frequency } from "../../bindings/Frequency";
import type { Medicine } from "../../bindings/Medicine";
import type { PrescriptionItem } from "../../bindings/PrescriptionItem";
import type { PrescriptionItemInput } from "../../bindings/PrescriptionItemInput";
import type { Step } from "../../bindings/Step";
import type { TaperTemplate } from "../../bindings/TaperTemplate";

/** Eyes in words, never OD/OS/OU (they are misread on medicine prescriptions). */
export const RX_EYE_CHOICES: readonly { value: Eye; label: string }[] = [
  { value: "od", label: "Right eye" },
  { value: "os", label: "Left eye" },
  { value: "ou", label: "Both eyes" },
  { value: "not_applicable", label: "Not an eye medicine" },
];

export function eyeLabel(eye: Eye): string {
  return RX_EYE_CHOICES.find((e) => e.value === eye)?.label ?? eye;
}

/** How the dose unit reads beside the amount in the form. */
export const DOSE_UNIT_LABELS: Record<DoseUnit, string> = {
  drop: "drop(s)",
  ribbon_cm: "cm of ribbon",
  tablet: "tablet(s)",
  capsule: "capsule(s)",
  application: "thin layer(s)",
};

export interface StepValues {
  amount: string;
  unit: DoseUnit;
  frequency: Frequency | null;
  days: string;
}

/** The medicine of a line chosen from the formulary, with what the picker showed about it. */
export interface ChosenMedicine {
  id: string;
  label: string;
  stocked: boolean | null;
  onHand: number | null;
  nearestExpiry: string | null;
  outOfStock: boolean | null;
  route: string | null;
  /** "5 mL": what one pack holds. */
  pack: string | null;
}

export interface LineValues {
  /** The form's own key for React; stable while the line exists. */
  key: string;
  /** The saved line's id, sent back so the core keeps it. */
  id: string | null;
  /** From the formulary, or a medicine the clinic does not list (bought elsewhere). */
  source: "formulary" | "other";
  medicine: ChosenMedicine | null;
  genericName: string;
  strength: string;
  form: string | null;
  eye: Eye | null;
  steps: StepValues[];
  quantity: string;
  repeats: string;
  /** For a formulary medicine: the patient buys it elsewhere rather than from the clinic's pharmacy. */
  elsewhere: boolean;
  instructions: string;
}

let counter = 0;
function newKey(): string {
  counter += 1;
  return `line-${counter}`;
}

export function emptyStep(unit: DoseUnit = "drop"): StepValues {
  return { amount: "1", unit, frequency: null, days: "" };
}

export function emptyLine(source: LineValues["source"] = "formulary"): LineValues {
  return {
    key: newKey(),
    id: null,
    source,
    medicine: null,
    genericName: "",
    strength: "",
    form: null,
    eye: null,
    steps: [emptyStep()],
    quantity: "1",
    repeats: "0",
    elsewhere: false,
    instructions: "",
  };
}

/** Whether nothing has been typed on the line yet (a template then fills it rather than adding another). */
export function isBlank(line: LineValues): boolean {
  const blank = emptyLine(line.source);
  return (
    line.id === null &&
    line.medicine === null &&
    line.genericName.trim() === "" &&
    line.eye === null &&
    JSON.stringify(line.steps) === JSON.stringify(blank.steps) &&
    line.instructions.trim() === ""
  );
}

/** Tenths as typed: "1" → 10, "0.5" → 5, "1,5" → 15. */
function amountText(tenths: number): string {
  return tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1);
}

export function stepToValues(step: Step): StepValues {
  return {
    amount: amountText(step.dose.amount_tenths),
    unit: step.dose.unit,
    frequency: step.frequency,
    days: step.days === null ? "" : String(step.days),
  };
}

export function medicineWords(m: { generic_name: string; strength: string; form: string; brand?: string | null }): string {
  const words = [m.generic_name, m.strength, m.form].filter((s) => s.trim() !== "").join(" ");
  return m.brand ? `${words} (${m.brand})` : words;
}

export function chosenFromMedicine(m: Medicine): ChosenMedicine {
  return {
    id: m.id,
    label: medicineWords(m),
    stocked: m.stocked,
    onHand: m.on_hand,
    nearestExpiry: m.nearest_expiry,
    outOfStock: m.out_of_stock,
    route: m.route,
    pack: m.pack,
  };
}

export function itemToValues(item: PrescriptionItem): LineValues {
  const m = item.medicine;
  const listed = m.medicine_id !== null;
  return {
    key: newKey(),
    id: item.id,
    source: listed ? "formulary" : "other",
    medicine: listed
      ? { id: m.medicine_id ?? "", label: medicineWords(m), stocked: null, onHand: null, nearestExpiry: null, outOfStock: null, route: null, pack: null }
      : null,
    genericName: listed ? "" : m.generic_name,
    strength: listed ? "" : m.strength,
    form: listed ? null : m.form,
    eye: item.eye,
    steps: item.steps.map(stepToValues),
    quantity: String(item.quantity),
    repeats: String(item.repeats),
    elsewhere: listed && !item.from_stock,
    instructions: item.instructions ?? "",
  };
}

/** A line filled from a template for one eye: its medicine (if it suggests one) and its steps. */
export function lineFromTemplate(template: TaperTemplate, eye: Eye): LineValues {
  const line = emptyLine("formulary");
  return {
    ...line,
    medicine:
      template.medicine_id === null
        ? null
        : {
            id: template.medicine_id,
            label: template.medicine_name ?? template.name,
            stocked: null,
            onHand: null,
            nearestExpiry: null,
            outOfStock: null,
            route: null,
            pack: null,
          },
    eye,
    steps: template.steps.map(stepToValues),
  };
}

/** Puts a template on the form: into the last line if nothing is typed on it, else on a new line. */
export function applyTemplate(lines: LineValues[], template: TaperTemplate, eye: Eye): LineValues[] {
  const filled = lineFromTemplate(template, eye);
  const last = lines[lines.length - 1];
  if (last && isBlank(last)) return [...lines.slice(0, -1), { ...filled, key: last.key }];
  return [...lines, filled];
}

/** A whole number as typed, or null when it is not one. */
function wholeNumber(text: string): number | null {
  const t = text.trim();
  return /^\d{1,6}$/.test(t) ? Number(t) : null;
}

/** A dose amount as typed, in tenths, or null when it is not a number with at most one decimal. */
function tenths(text: string): number | null {
  const t = text.trim().replace(",", ".");
  if (!/^\d{1,3}(\.\d)?$/.test(t)) return null;
  const [whole, tenth = "0"] = t.split(".");
  return Number(whole) * 10 + Number(tenth);
}

/** Error keys are the core's field paths (`items.0.steps.1.days`), so its refusals and the form's land alike. */
export type RxErrors = Record<string, string>;

/** The steps as the core takes them, or the errors of what could not be read as numbers. */
export function stepsInput(steps: StepValues[], path: string): { steps: Step[]; errors: RxErrors } {
  const errors: RxErrors = {};
  const out: Step[] = [];
  steps.forEach((s, i) => {
    const amount = tenths(s.amount);
    if (amount === null) errors[`${path}.${i}.dose.amount_tenths`] = "Type the dose as a number, such as 1 or 0.5.";
    if (s.frequency === null) errors[`${path}.${i}.frequency`] = "Choose how often.";
    const days = s.days.trim() === "" ? null : wholeNumber(s.days);
    if (s.days.trim() !== "" && days === null) errors[`${path}.${i}.days`] = "Type the number of days, or leave it empty to continue until reviewed.";
    if (amount !== null && s.frequency !== null && (days !== null || s.days.trim() === ""))
      out.push({ dose: { amount_tenths: amount, unit: s.unit }, frequency: s.frequency, days });
  });
  return { steps: out, errors };
}

/** The lines as `prescriptions.save` takes them, or the errors of what the form could not read. */
export function toItemsInput(lines: LineValues[]): { items: PrescriptionItemInput[]; errors: RxErrors } {
  const errors: RxErrors = {};
  const items: PrescriptionItemInput[] = lines.map((line, n) => {
    const at = (f: string) => `items.${n}.${f}`;
    if (line.source === "formulary" && line.medicine === null) errors[at("medicine_id")] = "Choose a medicine, or switch to one not in the list.";
    if (line.eye === null) errors[at("eye")] = "Choose the eye (or Not an eye medicine).";
    const { steps, errors: stepErrors } = stepsInput(line.steps, at("steps"));
    Object.assign(errors, stepErrors);
    const quantity = wholeNumber(line.quantity);
    if (quantity === null) errors[at("quantity")] = "Type the number of packs.";
    const repeats = line.repeats.trim() === "" ? 0 : wholeNumber(line.repeats);
    if (repeats === null) errors[at("repeats")] = "Type the number of repeats (0 for none).";
    const listed = line.source === "formulary";
    return {
      id: line.id,
      medicine_id: listed ? (line.medicine?.id ?? null) : null,
      generic_name: listed ? null : line.genericName,
      strength: listed ? null : line.strength,
      form: listed ? null : line.form,
      eye: line.eye ?? "ou",
      steps,
      quantity: quantity ?? 0,
      repeats: repeats ?? 0,
      from_stock: listed ? (line.elsewhere ? false : null) : null,
      instructions: line.instructions.trim() === "" ? null : line.instructions,
    };
  });
  return { items, errors };
}

/** Which line an error key is about (`items.2.quantity` → 2), or null for the whole prescription. */
export function lineOfError(field: string): number | null {
  const m = /^items\.(\d+)(\.|$)/.exec(field);
  return m ? Number(m[1]) : null;
}

/** The form's error key for a field the core names (`items[0].steps[1].days` → `items.0.steps.1.days`). */
export function errorKey(field: string): string {
  return field.trim().replace(/\[(\d+)\]/g, ".$1");
}
