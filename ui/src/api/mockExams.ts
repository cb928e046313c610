// The examinations of the dev-only mock backend (see mock.ts): work-up, consultation, signing, addenda, the chart,
// the recall list, the ICD-10 search, the clinic's eye-care settings and the printed documents. The rules live in
// mockExamRules.ts; this file keeps the records, moves the visit along the board as the core does, and seeds a few
// patients with past examinations so the chart has trends and "copy from last visit" has something to copy.
import type { Addendum } from "../bindings/Addendum";
import type { Chart } from "../bindings/Chart";
import type { ChartVisit } from "../bindings/ChartVisit";
import type { Consultation } from "../bindings/Consultation";
import type { ConsultationInput } from "../bindings/ConsultationInput";
import type { DateFormat } from "../bindings/DateFormat";
import type { Diagnosis } from "../bindings/Diagnosis";
import type { Document } from "../bindings/Document";
import type { ErrorCode } from "../bindings/ErrorCode";
import type { ExaminationView } from "../bindings/ExaminationView";
import type { ExamSettings } from "../bindings/ExamSettings";
import type { Eye } from "../bindings/Eye";
import type { Icd10Code } from "../bindings/Icd10Code";
import type { Operations } from "../bindings/operations";
import type { Patient } from "../bindings/Patient";
import type { PreviousVisit } from "../bindings/PreviousVisit";
import type { RecallEntry } from "../bindings/RecallEntry";
import type { Stage } from "../bindings/Stage";
import type { TrendPoint } from "../bindings/TrendPoint";
import type { VisualAcuity } from "../bindings/VisualAcuity";
import type { Workup } from "../bindings/Workup";
import type { WorkupInput } from "../bindings/WorkupInput";
import { formatDate, parseDateInput, parseIso, toIso } from "../lib/dates";
import { localToday, shiftDay, type VisitsAccess } from "./mockAppointments";
import type { MockUser } from "./mockDemo";
import { pick, random } from "./mockDemo";
import {
  deriveWorkup,
  formatAcuity,
  formatLogmar,
  inForm,
  refractionInput,
  RuleError,
  spheroCylinder,
  statisticsLogmar,
  validateWorkup,
  workupIsEmpty,
} from "./mockExamRules";
import { MOCK_ICD10 } from "./mockIcd10Data";

type Req<K extends keyof Operations> = Operations[K]["request"];

export interface ExamsMockContext {
  patients: () => readonly Patient[];
  users: () => readonly MockUser[];
  dateFormat: () => DateFormat;
  visits: VisitsAccess;
  error: (code: ErrorCode, message: string, field?: string | null) => unknown;
}

interface StoredExam {
  id: string;
  visit_id: string;
  patient_id: string;
  clinic_day: string;
  workup: Workup | null;
  workup_by: string | null;
  workup_saved_at: string | null;
  consultation: Consultation | null;
  consultation_by: string | null;
  consultation_saved_at: string | null;
  signed_at: string | null;
  signed_by: string | null;
  addenda: Addendum[];
}

/** A visit as the examination needs it, whether on today's board or in the past. */
interface VisitInfo {
  id: string;
  patient_id: string;
  clinic_day: string;
  clinician_id: string | null;
  stage: Stage;
}

const DOCUMENTS = "/home/reception/.local/share/org.fovea.app/documents";

// ---------------------------------------------------------------- ICD-10

const ICD10: Icd10Code[] = MOCK_ICD10.map(([code, description, billable]) => ({ code, description, billable }));
const codeKey = (code: string) => code.trim().replace(/\./g, "").toUpperCase();
const words = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

export function lookupIcd10(code: string): Icd10Code | undefined {
  const key = codeKey(code);
  return ICD10.find((c) => codeKey(c.code) === key);
}

/** As the core: code-like words match code prefixes, other words must start a word of the description. */
export function searchIcd10(query: string, limit: number): Icd10Code[] {
  const codes: string[] = [];
  const terms: string[] = [];
  for (const w of query.split(/\s+/).filter(Boolean)) {
    if (/^[a-z]\d/i.test(w)) codes.push(codeKey(w));
    else terms.push(...words(w));
  }
  if (codes.length === 0 && terms.length === 0) return [];
  return ICD10.filter(
    (c) =>
      codes.every((k) => codeKey(c.code).startsWith(k)) &&
      terms.every((t) => words(c.description).some((w) => w.startsWith(t))),
  )
    .sort((a, b) => Number(!a.billable) - Number(!b.billable) || codeKey(a.code).length - codeKey(b.code).length || a.code.localeCompare(b.code))
    .slice(0, limit);
}

/** The eye a code's own words name (`…, right eye`, `…, bilateral`); null when they name none. */
export function lateralityHint(description: string): Eye | null {
  const w = words(description);
  const right = w.includes("right");
  const left = w.includes("left");
  if (w.includes("bilateral") || (right && left)) return "ou";
  if (right) return "od";
  if (left) return "os";
  return null;
}

const EYE_WORDS: Record<Eye, string> = { od: "right eye (OD)", os: "left eye (OS)", ou: "both eyes (OU)", not_applicable: "no particular eye" };

// ---------------------------------------------------------------- dates

function dayToNumber(iso: string): number {
  const d = parseIso(iso);
  return d ? Date.UTC(d.year, d.month - 1, d.day) / 86_400_000 : 0;
}

function addMonths(iso: string, months: number): string {
  const d = parseIso(iso);
  if (!d) return iso;
  const total = d.month - 1 + months;
  const year = d.year + Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(year, month, 0).getDate();
  return toIso({ year, month, day: Math.min(d.day, last) });
}

export function createExamsMock(ctx: ExamsMockContext) {
  const exams: StoredExam[] = [];
  const pastVisits: VisitInfo[] = [];
  let settings: ExamSettings = { va_notation: "snellen_metric", cylinder_form: "minus", rx_expiry_months: 24 };
  let counter = 0;
  const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter += 1)}`;
  const fail = (code: ErrorCode, message: string, field: string | null = null) => ctx.error(code, message, field);
  const userName = (id: string | null) => ctx.users().find((u) => u.id === id)?.full_name ?? null;

  function patientOf(id: string): Patient {
    const p = ctx.patients().find((x) => x.id === id);
    if (!p) throw fail("not_found", "No such patient.");
    return p;
  }

  function visitOf(id: string): VisitInfo {
    const board = ctx.visits.find(id);
    if (board) return board;
    const past = pastVisits.find((v) => v.id === id);
    if (!past) throw fail("not_found", "No such visit.");
    return past;
  }

  const examOf = (visitId: string) => exams.find((e) => e.visit_id === visitId);

  /** Runs a rule check, turning its RuleError into the core's validation error. */
  function checked<T>(run: () => T): T {
    try {
      return run();
    } catch (e) {
      if (e instanceof RuleError) throw fail("validation", e.message, e.field);
      throw e;
    }
  }

  function previous(patientId: string, day: string, visitId: string): PreviousVisit | null {
    const prior = exams
      .filter((e) => e.patient_id === patientId && e.clinic_day <= day && e.visit_id !== visitId)
      .sort((a, b) => b.clinic_day.localeCompare(a.clinic_day))[0];
    if (!prior) return null;
    const w = prior.workup;
    const glasses = w?.refractions.find((r) => r.kind === "final") ?? w?.refractions.find((r) => r.kind === "current_glasses");
    return {
      clinic_day: prior.clinic_day,
      current_glasses: glasses ? refractionInput(glasses, "current_glasses") : null,
      ocular_history: prior.consultation?.ocular_history ?? null,
      medical_history: prior.consultation?.medical_history ?? null,
      family_history: prior.consultation?.family_history ?? null,
    };
  }

  function view(visitId: string): ExaminationView {
    const v = visitOf(visitId);
    const e = examOf(visitId);
    return {
      visit_id: visitId,
      examination_id: e?.id ?? null,
      clinic_day: v.clinic_day,
      stage: v.stage,
      patient: patientOf(v.patient_id),
      clinician_name: userName(v.clinician_id),
      workup: e?.workup ?? null,
      workup_derived: e?.workup ? deriveWorkup(e.workup, settings.va_notation) : null,
      workup_by_name: userName(e?.workup_by ?? null),
      workup_saved_at: e?.workup_saved_at ?? null,
      consultation: e?.consultation ?? null,
      consultation_by_name: userName(e?.consultation_by ?? null),
      consultation_saved_at: e?.consultation_saved_at ?? null,
      signed_at: e?.signed_at ?? null,
      signed_by_name: userName(e?.signed_by ?? null),
      addenda: e?.addenda ?? [],
      previous: previous(v.patient_id, v.clinic_day, visitId),
      settings,
    };
  }

  /** The visit's examination, created empty on first save; refuses a signed one. */
  function openForWriting(v: VisitInfo): StoredExam {
    const e = examOf(v.id);
    if (e?.signed_at) throw fail("conflict", "This examination is signed and cannot be changed; add an addendum instead.");
    if (e) return e;
    const created: StoredExam = {
      id: newId("ex"),
      visit_id: v.id,
      patient_id: v.patient_id,
      clinic_day: v.clinic_day,
      workup: null,
      workup_by: null,
      workup_saved_at: null,
      consultation: null,
      consultation_by: null,
      consultation_saved_at: null,
      signed_at: null,
      signed_by: null,
      addenda: [],
    };
    exams.push(created);
    return created;
  }

  function followUp(input: NonNullable<ConsultationInput["follow_up"]>, visitDay: string): [string, string] {
    const field = "follow_up";
    if (input.kind === "weeks") {
      if (!(input.count >= 1 && input.count <= 104)) throw fail("validation", "Follow up in 1 to 104 weeks.", field);
      return [shiftDay(visitDay, input.count * 7), `in ${input.count} ${input.count === 1 ? "week" : "weeks"}`];
    }
    if (input.kind === "months") {
      if (!(input.count >= 1 && input.count <= 36)) throw fail("validation", "Follow up in 1 to 36 months.", field);
      return [addMonths(visitDay, input.count), `in ${input.count} ${input.count === 1 ? "month" : "months"}`];
    }
    const parsed = parseDateInput(input.date, ctx.dateFormat());
    if (!parsed) throw fail("validation", `“${input.date}” is not a date.`, field);
    const day = toIso(parsed);
    if (day <= visitDay) throw fail("validation", "The follow-up date must be after the visit.", field);
    if (day > shiftDay(visitDay, 3 * 366)) throw fail("validation", "Follow up within three years.", field);
    return [day, `on ${formatDate(day, ctx.dateFormat())}`];
  }

  function validateConsultation(input: ConsultationInput, visitDay: string): Consultation {
    const text = (field: string, value: string | null) => {
      const t = value?.trim() ?? "";
      if (t.length > 4000) throw fail("validation", "Keep this under 4000 characters.", field);
      return t === "" ? null : t;
    };
    if (input.diagnoses.length > 12) throw fail("validation", "Record at most 12 diagnoses.", "diagnoses");
    const diagnoses: Diagnosis[] = [];
    input.diagnoses.forEach((d, i) => {
      const code = lookupIcd10(d.code);
      if (!code) throw fail("validation", `“${d.code.trim()}” is not in the ICD-10 list; search by code or words.`, `diagnoses.${i}.code`);
      if (!code.billable) throw fail("validation", `${code.code} groups more specific codes; choose one of them.`, `diagnoses.${i}.code`);
      const hint = lateralityHint(code.description);
      if (hint !== null && hint !== d.eye) {
        throw fail("validation", `${code.code} is coded for the ${EYE_WORDS[hint]}; choose that eye or the code for the ${EYE_WORDS[d.eye]}.`, `diagnoses.${i}.eye`);
      }
      if (diagnoses.some((x) => x.code === code.code && x.eye === d.eye)) {
        throw fail("validation", `${code.code} is already listed for this eye.`, `diagnoses.${i}.code`);
      }
      diagnoses.push({ code: code.code, description: code.description, eye: d.eye, note: text(`diagnoses.${i}.note`, d.note) });
    });
    const [follow_up_on, follow_up_text] = input.follow_up ? followUp(input.follow_up, visitDay) : [null, null];
    for (const c of input.copied) {
      if (c !== "history") throw fail("validation", `“${c}” is not a section that can be copied.`, "copied");
    }
    return {
      complaint: text("complaint", input.complaint),
      ocular_history: text("ocular_history", input.ocular_history),
      medical_history: text("medical_history", input.medical_history),
      family_history: text("family_history", input.family_history),
      findings_summary: text("findings_summary", input.findings_summary),
      diagnoses,
      plan: text("plan", input.plan),
      follow_up_on,
      follow_up_text,
      notes: text("notes", input.notes),
      copied: [...new Set(input.copied)],
    };
  }

  // ---------------------------------------------------------------- chart and recall

  function trend(patientId: string, quantity: "bcva" | "iop", eye: "od" | "os"): TrendPoint[] {
    return exams
      .filter((e) => e.patient_id === patientId && e.workup)
      .sort((a, b) => a.clinic_day.localeCompare(b.clinic_day))
      .flatMap((e): TrendPoint[] => {
        const w = e.workup as Workup;
        if (quantity === "bcva") {
          const va: VisualAcuity | null = w.acuity[eye].bcva;
          if (!va) return [];
          const value = statisticsLogmar(va);
          return [{ clinic_day: e.clinic_day, value, display: va.text, notation_display: va.off_chart ? formatAcuity(va, settings.va_notation) : formatLogmar(value, settings.va_notation) }];
        }
        const p = w.iop?.[eye] ?? null;
        return p === null ? [] : [{ clinic_day: e.clinic_day, value: p, display: String(p), notation_display: null }];
      });
  }

  function chart(patientId: string): Chart {
    const patient = patientOf(patientId);
    const all: VisitInfo[] = [...ctx.visits.forPatient(patientId), ...pastVisits.filter((v) => v.patient_id === patientId)];
    const visits: ChartVisit[] = all
      .sort((a, b) => b.clinic_day.localeCompare(a.clinic_day))
      .map((v) => {
        const e = examOf(v.id);
        return {
          visit_id: v.id,
          clinic_day: v.clinic_day,
          clinician_name: userName(v.clinician_id),
          has_workup: Boolean(e?.workup),
          has_consultation: Boolean(e?.consultation),
          signed: Boolean(e?.signed_at),
          diagnoses: (e?.consultation?.diagnoses ?? []).map(({ code, description }) => ({ code, description })),
        };
      });
    const latest = exams
      .filter((e) => e.patient_id === patientId && e.workup?.refractions.some((r) => r.kind === "final"))
      .sort((a, b) => b.clinic_day.localeCompare(a.clinic_day))[0];
    const final = latest?.workup?.refractions.find((r) => r.kind === "final");
    return {
      patient,
      visits,
      trends: {
        bcva_od: trend(patientId, "bcva", "od"),
        bcva_os: trend(patientId, "bcva", "os"),
        iop_od: trend(patientId, "iop", "od"),
        iop_os: trend(patientId, "iop", "os"),
        iop_limit: 21,
      },
      latest_final_refraction:
        latest && final
          ? {
              clinic_day: latest.clinic_day,
              visit_id: latest.visit_id,
              refraction: final,
              od: final.od ? spheroCylinder(inForm(final.od, settings.cylinder_form)) : null,
              os: final.os ? spheroCylinder(inForm(final.os, settings.cylinder_form)) : null,
            }
          : null,
    };
  }

  function recall(r: Req<"exams.recall">) {
    const today = localToday();
    const day = (field: string, text: string | null, fallback: string) => {
      if (text === null || text.trim() === "") return fallback;
      const parsed = parseDateInput(text, ctx.dateFormat());
      if (!parsed) throw fail("validation", `“${text}” is not a date.`, field);
      return toIso(parsed);
    };
    const from = day("from", r.from, shiftDay(today, -28));
    const to = day("to", r.to, shiftDay(today, 28));
    if (to < from) throw fail("validation", "The last day comes before the first.", "to");
    if (to > shiftDay(from, 366)) throw fail("validation", "Show at most a year at a time.", "to");
    const latestByPatient = new Map<string, StoredExam>();
    for (const e of exams) {
      const known = latestByPatient.get(e.patient_id);
      if (!known || e.clinic_day > known.clinic_day) latestByPatient.set(e.patient_id, e);
    }
    const entries: RecallEntry[] = [];
    for (const e of latestByPatient.values()) {
      const due = e.consultation?.follow_up_on;
      if (!due || due < from || due > to) continue;
      const p = ctx.patients().find((x) => x.id === e.patient_id);
      if (!p || p.archived) continue;
      entries.push({
        patient_id: p.id,
        patient_name: `${p.first_name} ${p.last_name}`,
        patient_mrn: p.mrn,
        phones: p.phones,
        due_on: due,
        follow_up_text: e.consultation?.follow_up_text ?? null,
        last_seen_on: e.clinic_day,
        clinician_name: userName(e.consultation_by),
        booked_on: ctx.visits.nextBooking(p.id, e.clinic_day, today),
      });
    }
    const byName = (id: string) => ctx.patients().find((x) => x.id === id);
    entries.sort(
      (a, b) =>
        a.due_on.localeCompare(b.due_on) ||
        (byName(a.patient_id)?.last_name ?? "").localeCompare(byName(b.patient_id)?.last_name ?? "") ||
        a.patient_name.localeCompare(b.patient_name),
    );
    return { from, to, entries };
  }

  function document(stem: string): Document {
    const file_name = `${stem.replace(/[^\p{L}\p{N} ._-]/gu, "")}.pdf`;
    return { path: `${DOCUMENTS}/${file_name}`, file_name, bytes: 18_000 + Math.floor(Math.random() * 9000) };
  }

  /** Answers an examination, ICD-10, eye-settings or print operation; undefined for any other. */
  function handle(op: string, request: unknown, me: MockUser): unknown {
    switch (op) {
      case "exams.get":
        return view((request as Req<"exams.get">).visit_id);
      case "exams.check_workup": {
        const w = checked(() => validateWorkup(request as WorkupInput, settings.va_notation));
        return deriveWorkup(w, settings.va_notation);
      }
      case "exams.save_workup": {
        const r = request as Req<"exams.save_workup">;
        const v = visitOf(r.visit_id);
        const w = checked(() => validateWorkup(r.workup, settings.va_notation));
        if (workupIsEmpty(w)) throw fail("validation", "Nothing is recorded yet; enter at least one finding.", "od.va_sc");
        const e = openForWriting(v);
        Object.assign(e, { workup: w, workup_by: me.id, workup_saved_at: new Date().toISOString() });
        ctx.visits.advance(v.id, ["waiting_workup", "in_workup"], "waiting_doctor", "in_progress");
        return view(v.id);
      }
      case "exams.save_consultation": {
        const r = request as Req<"exams.save_consultation">;
        const v = visitOf(r.visit_id);
        const c = validateConsultation(r.consultation, v.clinic_day);
        const e = openForWriting(v);
        Object.assign(e, { consultation: c, consultation_by: me.id, consultation_saved_at: new Date().toISOString() });
        ctx.visits.advance(v.id, ["waiting_workup", "in_workup", "waiting_doctor"], "with_doctor", "in_progress");
        return view(v.id);
      }
      case "exams.sign": {
        const r = request as Req<"exams.sign">;
        const v = visitOf(r.visit_id);
        if (r.password !== me.password) throw fail("validation", "That is not your password.", "password");
        const e = examOf(v.id);
        if (!e?.consultation) throw fail("conflict", "Save the consultation before signing.");
        if (e.signed_at) throw fail("conflict", "This examination is already signed.");
        Object.assign(e, { signed_at: new Date().toISOString(), signed_by: me.id });
        ctx.visits.advance(v.id, ["waiting_workup", "in_workup", "waiting_doctor", "with_doctor"], "billing", "completed");
        return view(v.id);
      }
      case "exams.add_addendum": {
        const r = request as Req<"exams.add_addendum">;
        const v = visitOf(r.visit_id);
        const e = examOf(v.id);
        if (!e?.signed_at) throw fail("conflict", "Addenda are for signed examinations; edit the unsigned one instead.");
        const text = r.text.trim();
        if (text === "") throw fail("validation", "Write the addendum.", "text");
        if (text.length > 4000) throw fail("validation", "The addendum is at most 4000 characters.", "text");
        e.addenda.push({ id: newId("ad"), author_name: me.full_name, text, created_at: new Date().toISOString() });
        return view(v.id);
      }
      case "exams.start_visit": {
        const r = request as Req<"exams.start_visit">;
        const p = patientOf(r.patient_id);
        if (p.archived) throw fail("conflict", "This patient is archived; restore them first.");
        const open = ctx.visits.openToday(p.id);
        if (open) return { visit_id: open.id, created: false };
        return { visit_id: ctx.visits.start(p.id, me.id).id, created: true };
      }
      case "exams.chart":
        return chart((request as Req<"exams.chart">).patient_id);
      case "exams.recall":
        return recall(request as Req<"exams.recall">);
      case "icd10.search": {
        const r = request as Req<"icd10.search">;
        return { codes: searchIcd10(r.query, Math.min(Math.max(r.limit ?? 20, 1), 100)) };
      }
      case "exam_settings.get":
        return settings;
      case "exam_settings.update": {
        const r = request as Req<"exam_settings.update">;
        if (!(Number.isInteger(r.rx_expiry_months) && r.rx_expiry_months >= 0 && r.rx_expiry_months <= 60)) {
          throw fail("validation", "A prescription is valid for at most 60 months (0 for no expiry).", "rx_expiry_months");
        }
        if (r.va_notation === "n_point") throw fail("validation", "N-point is a near notation; choose a distance notation.", "va_notation");
        settings = { ...r };
        return settings;
      }
      case "print.spectacle_rx": {
        const r = request as Req<"print.spectacle_rx">;
        const e = examOf(r.visit_id);
        if (!e?.workup) throw fail("conflict", "This visit has no work-up to print from.");
        if (!e.workup.refractions.some((x) => x.kind === "final")) {
          throw fail("conflict", "The work-up has no final refraction; record one to print glasses.");
        }
        if ((r.notes ?? "").length > 600) throw fail("validation", "Lens notes are at most 600 characters.", "notes");
        const p = patientOf(e.patient_id);
        return document(`Spectacle Rx ${p.mrn} ${p.first_name} ${p.last_name}`);
      }
      case "print.reminders": {
        const r = request as Req<"print.reminders">;
        const parsed = r.date ? parseDateInput(r.date, ctx.dateFormat()) : null;
        const day = parsed ? toIso(parsed) : shiftDay(localToday(), 1);
        return document(`Reminder calls ${day}`);
      }
      default:
        return undefined;
    }
  }

  // ---------------------------------------------------------------- demo

  /**
   * Past examinations for `patientIds`: two to five signed visits over the last two years each, with acuity and
   * pressure drifting, a final refraction, diagnoses and a follow-up that puts several of them on the recall list.
   */
  function seedDemo(patientIds: readonly string[]) {
    const doctor = ctx.users().find((u) => u.username === "drokafor");
    const optom = ctx.users().find((u) => u.username === "lwalsh");
    if (!doctor || !optom) return;
    const next = random(11);
    const today = localToday();
    const lines = ["6/5", "6/6", "6/7.5", "6/9", "6/12", "6/18", "6/24", "6/36", "6/60"];
    const stories = [
      { dx: [["H40.1112", "od"], ["H40.1122", "os"]], history: "Primary open-angle glaucoma, on treatment", family: "Father: glaucoma", iop: 22, cd: 0.6, drift: 0.7 },
      { dx: [["H25.13", "ou"]], history: "Gradual blurring for distance, worse at night", family: null, iop: 15, cd: 0.3, drift: 0 },
      { dx: [["H52.13", "ou"], ["H52.4", "not_applicable"]], history: "Short-sighted since childhood; reading glasses for two years", family: null, iop: 14, cd: 0.25, drift: 0 },
      { dx: [["E11.3293", "ou"]], history: "Type 2 diabetes, annual retinal screening", family: "Mother: diabetes", iop: 16, cd: 0.35, drift: 0.2 },
      { dx: [["H04.123", "ou"], ["H40.023", "ou"]], history: "Gritty eyes; borderline pressures", family: "Brother: glaucoma", iop: 23, cd: 0.45, drift: 0.1 },
    ] as const;
    patientIds.forEach((patientId, index) => {
      const story = stories[index % stories.length] ?? stories[0];
      const visitsCount = 2 + Math.floor(next() * 4);
      const baseLine = 1 + Math.floor(next() * 3);
      const sphere = Math.round((next() * 8 - 5) * 4) / 4;
      const cyl = -Math.round(next() * 6) / 4;
      const axis = 5 + Math.floor(next() * 170);
      let day = shiftDay(today, -(60 + visitsCount * 120 + Math.floor(next() * 40)));
      for (let k = 0; k < visitsCount; k += 1) {
        const last = k === visitsCount - 1;
        const worse = Math.min(lines.length - 1, baseLine + Math.floor(k * story.drift) + (next() < 0.2 ? 1 : 0));
        const os = Math.min(lines.length - 1, worse + (next() < 0.5 ? 1 : 0));
        const iopOd = Math.round(story.iop + k * story.drift * 2 + next() * 3);
        const iopOs = Math.round(story.iop - 1 + k * story.drift + next() * 3);
        const rx = (s: number) => ({
          sphere: (s > 0 ? "+" : "") + s.toFixed(2),
          cylinder: cyl === 0 ? null : cyl.toFixed(2),
          axis: cyl === 0 ? null : String(axis),
          add: sphere > -1 && index % 2 === 1 ? "+2.00" : null,
          prism: null,
          prism_base: null,
          pd: null,
        });
        const input: WorkupInput = {
          acuity: {
            od: { sc: pick(next, ["6/18", "6/24", "6/36"]), cc: null, ph: null, bcva: lines[worse] ?? "6/9", near_sc: null, near_cc: "N6" },
            os: { sc: pick(next, ["6/18", "6/24", "6/60"]), cc: null, ph: null, bcva: lines[os] ?? "6/9", near_sc: null, near_cc: "N8" },
          },
          refractions: [{ kind: "final", od: rx(sphere), os: rx(sphere - 0.25), pd: "63" }],
          iop: { od: String(iopOd), os: String(iopOs), method: k % 2 === 0 ? "goldmann" : "icare", time: "10:15", od_not_recordable: false, od_not_recordable_reason: null, os_not_recordable: false, os_not_recordable_reason: null },
          findings: {
            od: {
              k1: null,
              k1_axis: null,
              k2: null,
              k2_axis: null,
              cct: index % 3 === 0 ? "548" : null,
              cup_disc: story.cd.toFixed(2),
              slit_lamp: { lids: { status: "normal" }, conjunctiva: { status: "normal" }, cornea: { status: "normal" }, anterior_chamber: { status: "normal" }, iris: { status: "normal" }, lens: index % 5 === 1 ? { status: "abnormal", text: "Nuclear sclerosis 2+" } : { status: "normal" } },
              fundus: { disc: { status: "normal" }, macula: { status: "normal" }, vessels: { status: "normal" }, periphery: { status: "not_examined" } },
              dilation_drug: null,
              dilation_time: null,
              visual_field: null,
              gonioscopy: null,
            },
            os: null,
          },
          notes: null,
          copied: [],
        };
        const workup = validateWorkup(input, "snellen_metric");
        const follow = last ? { kind: "months" as const, count: 1 + Math.floor(next() * 2) } : { kind: "months" as const, count: 4 };
        const consultation = validateConsultation(
          {
            complaint: k === 0 ? "New patient: blurred vision" : "Review",
            ocular_history: story.history,
            medical_history: index % 2 === 0 ? "Hypertension" : null,
            family_history: story.family,
            findings_summary: null,
            diagnoses: story.dx.map(([code, eye]) => ({ code, eye, note: null })),
            plan: "Continue current treatment; review as arranged.",
            follow_up: follow,
            notes: null,
            copied: [],
          },
          day,
        );
        const visit: VisitInfo = { id: newId("pv"), patient_id: patientId, clinic_day: day, clinician_id: doctor.id, stage: "done" };
        pastVisits.push(visit);
        const at = new Date(`${day}T11:00:00`).toISOString();
        exams.push({
          id: newId("ex"),
          visit_id: visit.id,
          patient_id: patientId,
          clinic_day: day,
          workup,
          workup_by: optom.id,
          workup_saved_at: at,
          consultation,
          consultation_by: doctor.id,
          consultation_saved_at: at,
          signed_at: at,
          signed_by: doctor.id,
          addenda: [],
        });
        // The next visit came roughly when it was asked for; the last one's follow-up falls around today.
        day = last ? day : shiftDay(day, 100 + Math.floor(next() * 40));
      }
      // Land the last follow-up within the recall window.
      const latest = exams.filter((e) => e.patient_id === patientId).sort((a, b) => b.clinic_day.localeCompare(a.clinic_day))[0];
      if (latest?.consultation && index % 3 !== 2) {
        const due = shiftDay(today, -20 + ((index * 9) % 45));
        latest.consultation.follow_up_on = due;
        const months = Math.max(1, Math.round((dayToNumber(due) - dayToNumber(latest.clinic_day)) / 30.4));
        latest.consultation.follow_up_text = `in ${months} ${months === 1 ? "month" : "months"}`;
      }
    });
  }

  return { handle, seedDemo };
}
