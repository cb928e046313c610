// The appointment book, schedules, reminders and queue board of the dev-only mock backend (see mock.ts). It
// follows the core's rules — clashes refused unless overbooked with a reason, the status transitions, check-in
// only on the day opening a visit, board levels by minutes — closely enough for Vitest and screenshots.
// The mock's clinic clock is the browser's: there is no time zone to honour in a stand-in.
import type { Appointment } from "../bindings/Appointment";
import type { AppointmentKind } from "../bindings/AppointmentKind";
import type { AppointmentStatus } from "../bindings/AppointmentStatus";
import type { DateFormat } from "../bindings/DateFormat";
import type { DayHours } from "../bindings/DayHours";
import type { ErrorCode } from "../bindings/ErrorCode";
import type { Operations } from "../bindings/operations";
import type { Patient } from "../bindings/Patient";
import type { QueueCard } from "../bindings/QueueCard";
import type { Reminder } from "../bindings/Reminder";
import type { Schedule } from "../bindings/Schedule";
import type { Stage } from "../bindings/Stage";
import { parseDateInput, parseIso, toIso } from "../lib/dates";
import type { MockUser } from "./mockDemo";

type Req<K extends keyof Operations> = Operations[K]["request"];

export interface AppointmentsMockContext {
  patients: () => readonly Patient[];
  users: () => readonly MockUser[];
  dateFormat: () => DateFormat;
  /** An error the transport passes on as the core's `{code, message, field}`. */
  error: (code: ErrorCode, message: string, field?: string | null) => unknown;
}

interface Stored {
  id: string;
  patient_id: string;
  clinician_id: string;
  kind: AppointmentKind;
  starts_at: string;
  ends_at: string;
  clinic_day: string;
  status: AppointmentStatus;
  reason: string | null;
  notes: string | null;
  overbook_reason: string | null;
  cancel_reason: string | null;
  visit_id: string | null;
  called_at: string | null;
  called_by_name: string | null;
  call_note: string | null;
}

export interface Visit {
  id: string;
  patient_id: string;
  appointment_id: string | null;
  clinician_id: string | null;
  clinic_day: string;
  stage: Stage;
  stage_since: string;
}

const AMBER_MINUTES = 20;
const RED_MINUTES = 40;
const TRANSITIONS: readonly [AppointmentStatus, AppointmentStatus][] = [
  ["scheduled", "checked_in"],
  ["checked_in", "in_progress"],
  ["in_progress", "completed"],
  ["scheduled", "cancelled"],
  ["scheduled", "no_show"],
];
const STATUS_WORDS: Record<AppointmentStatus, string> = {
  scheduled: "scheduled",
  checked_in: "checked in",
  in_progress: "in progress",
  completed: "completed",
  cancelled: "cancelled",
  no_show: "a no-show",
};

export function localToday(now = new Date()): string {
  return toIso({ year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() });
}

export function shiftDay(iso: string, days: number): string {
  const date = parseIso(iso);
  if (!date) return iso;
  return localToday(new Date(date.year, date.month - 1, date.day + days));
}

/** The instant of a clinic wall-clock time (the browser's clock stands in for the clinic's). */
export function instantOf(day: string, hm: string, plusMinutes = 0): string {
  const date = parseIso(day);
  const [h, m] = hm.split(":").map(Number);
  if (!date || h === undefined || m === undefined) return new Date(NaN).toISOString();
  return new Date(date.year, date.month - 1, date.day, h, m + plusMinutes).toISOString();
}

function wallTime(instant: string): string {
  const d = new Date(instant);
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}

function hm(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

function weekday(iso: string): number {
  const d = parseIso(iso);
  return d ? (new Date(d.year, d.month - 1, d.day).getDay() + 6) % 7 : 0;
}

/** The core's default week: Monday to Friday 09:00–17:00, lunch 13:00–14:00, 20 minutes, 30 for new patients. */
export function defaultSchedule(clinicianId: string): Schedule {
  const day: DayHours = { start: "09:00", end: "17:00", breaks: [{ start: "13:00", end: "14:00" }] };
  return {
    clinician_id: clinicianId,
    days: [day, day, day, day, day, null, null],
    default_minutes: 20,
    minutes_by_kind: [{ kind: "new_patient", minutes: 30 }],
  };
}

export function createAppointmentsMock(ctx: AppointmentsMockContext) {
  const appointments: Stored[] = [];
  const visits: Visit[] = [];
  const schedules = new Map<string, Schedule>();
  const closedDays = new Map<string, string | null>();
  let counter = 0;
  const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter += 1)}`;
  const fail = (code: ErrorCode, message: string, field: string | null = null) => ctx.error(code, message, field);

  const patient = (id: string) => ctx.patients().find((p) => p.id === id);
  const user = (id: string | null) => ctx.users().find((u) => u.id === id);
  const isClinician = (u: MockUser) => u.active && u.roles.some((r) => r === "doctor" || r === "optometrist");
  const scheduleOf = (id: string) => schedules.get(id) ?? defaultSchedule(id);

  function view(a: Stored): Appointment {
    const p = patient(a.patient_id);
    return {
      id: a.id,
      patient_id: a.patient_id,
      patient_name: p ? `${p.first_name} ${p.last_name}` : "?",
      patient_mrn: p?.mrn ?? "?",
      clinician_id: a.clinician_id,
      clinician_name: user(a.clinician_id)?.full_name ?? "?",
      kind: a.kind,
      starts_at: a.starts_at,
      ends_at: a.ends_at,
      clinic_day: a.clinic_day,
      start_time: wallTime(a.starts_at),
      status: a.status,
      reason: a.reason,
      notes: a.notes,
      overbook_reason: a.overbook_reason,
      cancel_reason: a.cancel_reason,
      visit_id: a.visit_id,
    };
  }

  const byStart = (a: Stored, b: Stored) =>
    a.starts_at.localeCompare(b.starts_at) || (user(a.clinician_id)?.full_name ?? "").localeCompare(user(b.clinician_id)?.full_name ?? "");

  function find(id: string): Stored {
    const a = appointments.find((x) => x.id === id);
    if (!a) throw fail("not_found", "No such appointment.");
    return a;
  }

  function day(text: string, field = "date"): string {
    const parsed = parseDateInput(text, ctx.dateFormat());
    if (!parsed) throw fail("validation", `“${text}” is not a date.`, field);
    return toIso(parsed);
  }

  function text(field: string, value: string | null, max: number): string | null {
    const trimmed = value?.trim() ?? "";
    if (trimmed === "") return null;
    if (trimmed.length > max) throw fail("validation", `Keep this under ${max} characters.`, field);
    return trimmed;
  }

  function when(date: string, time: string, length: number) {
    const clinicDay = day(date);
    if (hm(time) === null) throw fail("validation", "Write the time as HH:MM, for example 09:20.", "time");
    if (!(length >= 5 && length <= 240)) throw fail("validation", "An appointment lasts 5 to 240 minutes.", "length_minutes");
    return { clinicDay, start: instantOf(clinicDay, time), end: instantOf(clinicDay, time, length) };
  }

  function refuseClash(clinicianId: string, start: string, end: string, except: string | null) {
    const other = appointments.find(
      (a) =>
        a.clinician_id === clinicianId &&
        a.id !== except &&
        a.status !== "cancelled" &&
        a.status !== "no_show" &&
        a.starts_at < end &&
        start < a.ends_at,
    );
    if (other) {
      const o = view(other);
      throw fail(
        "conflict",
        `${o.clinician_name} already has ${o.patient_name} (${o.patient_mrn}) at ${o.start_time}. Choose another time, or overbook with a reason.`,
      );
    }
  }

  function book(r: Req<"appointments.book">): Appointment {
    const p = patient(r.patient_id);
    if (!p) throw fail("validation", "Choose a registered patient.", "patient_id");
    if (p.archived) throw fail("validation", "This patient is archived; restore them first.", "patient_id");
    const clinician = user(r.clinician_id);
    if (!clinician || !isClinician(clinician)) {
      throw fail("validation", "Appointments are booked with an active doctor or optometrist.", "clinician_id");
    }
    const { clinicDay, start, end } = when(r.date, r.time, r.length_minutes);
    const overbook = text("overbook_reason", r.overbook_reason, 300);
    if (overbook === null) refuseClash(r.clinician_id, start, end, null);
    const stored: Stored = {
      id: newId("ap"),
      patient_id: r.patient_id,
      clinician_id: r.clinician_id,
      kind: r.kind,
      starts_at: start,
      ends_at: end,
      clinic_day: clinicDay,
      status: "scheduled",
      reason: text("reason", r.reason, 300),
      notes: text("notes", r.notes, 2000),
      overbook_reason: overbook,
      cancel_reason: null,
      visit_id: null,
      called_at: null,
      called_by_name: null,
      call_note: null,
    };
    appointments.push(stored);
    return view(stored);
  }

  function setStatus(r: Req<"appointments.set_status">): Appointment {
    const a = find(r.id);
    if (!TRANSITIONS.some(([from, to]) => from === a.status && to === r.status)) {
      const done = ["completed", "cancelled", "no_show"].includes(a.status) || a.status === r.status;
      const why = done
        ? `the appointment is already ${STATUS_WORDS[a.status]}`
        : `an appointment that is ${STATUS_WORDS[a.status]} cannot become ${STATUS_WORDS[r.status]}`;
      throw fail("conflict", `Not possible: ${why}.`);
    }
    if (r.status === "cancelled") {
      const reason = text("reason", r.reason, 300);
      if (reason === null) throw fail("validation", "Say why the appointment is cancelled.", "reason");
      a.cancel_reason = reason;
    }
    if (r.status === "checked_in") {
      const today = localToday();
      if (a.clinic_day !== today) {
        throw fail("conflict", `This appointment is on ${a.clinic_day}; patients are checked in on the day.`);
      }
      const visit: Visit = {
        id: newId("v"),
        patient_id: a.patient_id,
        appointment_id: a.id,
        clinician_id: a.clinician_id,
        clinic_day: today,
        stage: "waiting_workup",
        stage_since: new Date().toISOString(),
      };
      visits.push(visit);
      a.visit_id = visit.id;
    }
    a.status = r.status;
    return view(a);
  }

  function reschedule(r: Req<"appointments.reschedule">): Appointment {
    const a = find(r.id);
    if (a.status !== "scheduled") throw fail("conflict", "Only a scheduled appointment can be moved.");
    const { clinicDay, start, end } = when(r.date, r.time, r.length_minutes);
    const overbook = text("overbook_reason", r.overbook_reason, 300);
    if (overbook === null) refuseClash(a.clinician_id, start, end, a.id);
    Object.assign(a, { clinic_day: clinicDay, starts_at: start, ends_at: end, overbook_reason: overbook });
    return view(a);
  }

  function walkIn(r: Req<"appointments.walk_in">): Appointment {
    const now = new Date();
    const request = {
      patient_id: r.patient_id,
      clinician_id: r.clinician_id,
      kind: "walk_in" as const,
      date: localToday(now),
      time: wallTime(now.toISOString()),
      length_minutes: 15,
      reason: r.reason,
      notes: null,
      overbook_reason: null as string | null,
    };
    let booked: Appointment;
    try {
      booked = book(request);
    } catch (error) {
      if ((error as { code?: string }).code !== "conflict") throw error;
      booked = book({ ...request, overbook_reason: "Walk-in" });
    }
    return setStatus({ id: booked.id, status: "checked_in", reason: null });
  }

  function checkHours(field: string, d: DayHours) {
    const s = hm(d.start);
    const e = hm(d.end);
    if (s === null || e === null) throw fail("validation", "Write times as HH:MM, for example 09:00.", field);
    if (s >= e) throw fail("validation", "The day must end after it starts.", field);
    for (const b of d.breaks) {
      const bs = hm(b.start);
      const be = hm(b.end);
      if (bs === null || be === null || bs >= be || bs < s || be > e) {
        throw fail("validation", `The break ${b.start}–${b.end} must lie within the working hours.`, field);
      }
    }
  }

  function saveSchedule(s: Schedule): Schedule {
    const clinician = user(s.clinician_id);
    if (!clinician || !isClinician(clinician)) throw fail("validation", "Schedules belong to doctors and optometrists.", "clinician_id");
    if (s.days.length !== 7) throw fail("validation", "Give the hours of all seven weekdays, Monday first.", "days");
    s.days.forEach((d, i) => d && checkHours(`days[${i}]`, d));
    if (!(s.default_minutes >= 5 && s.default_minutes <= 240)) {
      throw fail("validation", "An appointment lasts 5 to 240 minutes.", "default_minutes");
    }
    s.minutes_by_kind.forEach((k, i) => {
      if (!(k.minutes >= 5 && k.minutes <= 240)) throw fail("validation", "An appointment lasts 5 to 240 minutes.", `minutes_by_kind[${i}]`);
    });
    schedules.set(s.clinician_id, s);
    return s;
  }

  function slots(r: Req<"appointments.slots">) {
    const clinicDay = day(r.date);
    const schedule = scheduleOf(r.clinician_id);
    const length = schedule.minutes_by_kind.find((k) => k.kind === r.kind)?.minutes ?? schedule.default_minutes;
    const out = { date: clinicDay, closed_reason: null as string | null, length_minutes: length, slots: [] as { time: string; starts_at: string; ends_at: string }[] };
    if (closedDays.has(clinicDay)) {
      out.closed_reason = closedDays.get(clinicDay) ?? "The clinic is closed.";
      return out;
    }
    const hours = schedule.days[weekday(clinicDay)];
    if (!hours) {
      out.closed_reason = "Not working on this weekday.";
      return out;
    }
    const held = appointments.filter(
      (a) => a.clinician_id === r.clinician_id && a.clinic_day === clinicDay && a.status !== "cancelled" && a.status !== "no_show",
    );
    const start = hm(hours.start) ?? 0;
    const end = hm(hours.end) ?? 0;
    const breaks = hours.breaks.map((b) => [hm(b.start) ?? 0, hm(b.end) ?? 0] as const);
    let t = start;
    while (t + length <= end) {
      const hit = breaks.find(([bs, be]) => t < be && bs < t + length);
      if (hit) {
        t = hit[1];
        continue;
      }
      const time = `${String(Math.floor(t / 60)).padStart(2, "0")}:${String(t % 60).padStart(2, "0")}`;
      const s = instantOf(clinicDay, time);
      const e = instantOf(clinicDay, time, length);
      if (held.every((a) => !(a.starts_at < e && s < a.ends_at))) out.slots.push({ time, starts_at: s, ends_at: e });
      t += length;
    }
    return out;
  }

  function card(v: Visit): QueueCard {
    const p = patient(v.patient_id);
    const a = appointments.find((x) => x.id === v.appointment_id);
    const minutes = Math.max(0, Math.floor((Date.now() - Date.parse(v.stage_since)) / 60_000));
    let level: QueueCard["level"] = "normal";
    if (v.stage !== "done" && minutes >= RED_MINUTES) level = "red";
    else if (v.stage !== "done" && minutes >= AMBER_MINUTES) level = "amber";
    return {
      visit_id: v.id,
      patient_id: v.patient_id,
      patient_name: p ? `${p.first_name} ${p.last_name}` : "?",
      patient_mrn: p?.mrn ?? "?",
      clinician_id: v.clinician_id,
      clinician_name: user(v.clinician_id)?.full_name ?? null,
      appointment_time: a && a.kind !== "walk_in" ? wallTime(a.starts_at) : null,
      stage: v.stage,
      stage_since: v.stage_since,
      minutes_in_stage: minutes,
      level,
    };
  }

  function board(clinicianId: string | null) {
    const today = localToday();
    const cards = visits
      .filter((v) => v.clinic_day === today && (clinicianId === null || v.clinician_id === clinicianId))
      .sort((a, b) => a.stage_since.localeCompare(b.stage_since))
      .map(card);
    return { date: today, amber_minutes: AMBER_MINUTES, red_minutes: RED_MINUTES, cards };
  }

  function reminder(a: Stored): Reminder {
    return {
      appointment: view(a),
      phones: patient(a.patient_id)?.phones ?? [],
      called_at: a.called_at,
      called_by_name: a.called_by_name,
      call_note: a.call_note,
    };
  }

  /** Answers an appointment, schedule or queue operation; undefined for any other. */
  function handle(op: string, request: unknown, me: MockUser): unknown {
    switch (op) {
      case "appointments.clinicians":
        return {
          clinicians: ctx
            .users()
            .filter(isClinician)
            .sort((a, b) => a.full_name.localeCompare(b.full_name))
            .map((u) => ({ id: u.id, username: u.username, full_name: u.full_name, roles: u.roles, specialization: u.profile?.specialization ?? null })),
        };
      case "appointments.book":
        return book(request as Req<"appointments.book">);
      case "appointments.set_status":
        return setStatus(request as Req<"appointments.set_status">);
      case "appointments.reschedule":
        return reschedule(request as Req<"appointments.reschedule">);
      case "appointments.walk_in":
        return walkIn(request as Req<"appointments.walk_in">);
      case "appointments.day": {
        const r = request as Req<"appointments.day">;
        const d = r.date ? day(r.date) : localToday();
        const list = appointments.filter((a) => a.clinic_day === d && (r.clinician_id === null || a.clinician_id === r.clinician_id));
        return { date: d, appointments: list.sort(byStart).map(view) };
      }
      case "appointments.range": {
        const r = request as Req<"appointments.range">;
        const from = day(r.from, "from");
        const to = day(r.to, "to");
        if (to < from) throw fail("validation", "The range ends before it starts.", "to");
        if (to > shiftDay(from, 41)) throw fail("validation", "Ask for at most 42 days at a time.", "to");
        const list = appointments.filter(
          (a) => a.clinic_day >= from && a.clinic_day <= to && (r.clinician_id === null || a.clinician_id === r.clinician_id),
        );
        return { from, to, appointments: list.sort(byStart).map(view) };
      }
      case "appointments.slots":
        return slots(request as Req<"appointments.slots">);
      case "appointments.reminders": {
        const r = request as Req<"appointments.reminders">;
        const d = r.date ? day(r.date) : shiftDay(localToday(), 1);
        const list = appointments
          .filter((a) => a.clinic_day === d && a.status !== "cancelled" && a.status !== "no_show")
          .sort(
            (a, b) =>
              (user(a.clinician_id)?.full_name ?? "").localeCompare(user(b.clinician_id)?.full_name ?? "") ||
              a.starts_at.localeCompare(b.starts_at),
          );
        return { date: d, reminders: list.map(reminder) };
      }
      case "appointments.mark_called": {
        const r = request as Req<"appointments.mark_called">;
        const a = find(r.id);
        const note = text("note", r.note, 300);
        a.called_at = r.called ? new Date().toISOString() : null;
        a.called_by_name = r.called ? me.full_name : null;
        a.call_note = r.called ? note : null;
        return reminder(a);
      }
      case "appointments.for_patient": {
        const r = request as Req<"appointments.for_patient">;
        const today = localToday();
        const mine = appointments.filter((a) => a.patient_id === r.patient_id);
        const live = (a: Stored) => a.clinic_day >= today && ["scheduled", "checked_in", "in_progress"].includes(a.status);
        return {
          upcoming: mine.filter(live).sort(byStart).map(view),
          recent: mine
            .filter((a) => !live(a))
            .sort((a, b) => b.starts_at.localeCompare(a.starts_at))
            .slice(0, 10)
            .map(view),
        };
      }
      case "schedules.get":
        return scheduleOf((request as Req<"schedules.get">).clinician_id);
      case "schedules.set":
        return saveSchedule(request as Schedule);
      case "schedules.set_closed_day": {
        const r = request as Req<"schedules.set_closed_day">;
        const d = day(r.date);
        if (r.closed) closedDays.set(d, r.reason?.trim() || null);
        else closedDays.delete(d);
        return {};
      }
      case "queue.board":
        return board((request as Req<"queue.board">).clinician_id);
      case "queue.move": {
        const r = request as Req<"queue.move">;
        const v = visits.find((x) => x.id === r.visit_id);
        if (!v) throw fail("not_found", "No such visit.");
        if (v.stage !== r.stage) {
          v.stage = r.stage;
          v.stage_since = new Date().toISOString();
        }
        return card(v);
      }
      default:
        return undefined;
    }
  }

  /** Demo data: a working day under way today, tomorrow's list to ring, and some history. */
  function seedDemo(patientIds: readonly string[]) {
    const today = localToday();
    const clinicians = ctx.users().filter(isClinician);
    const [doctor, optom, second] = [clinicians.find((u) => u.username === "drokafor"), clinicians.find((u) => u.username === "lwalsh"), clinicians.find((u) => u.username === "dkhan")];
    if (!doctor || !optom || patientIds.length < 40) return;
    const allDays: DayHours = { start: "09:00", end: "17:00", breaks: [{ start: "13:00", end: "14:00" }] };
    schedules.set(optom.id, {
      clinician_id: optom.id,
      days: Array.from({ length: 7 }, (_, i) => (i === 6 ? null : { start: "08:30", end: "16:30", breaks: [{ start: "11:00", end: "11:15" }] })),
      default_minutes: 15,
      minutes_by_kind: [
        { kind: "new_patient", minutes: 30 },
        { kind: "refraction", minutes: 20 },
      ],
    });
    // Every day a working day, so the demo looks alive whatever day it is opened.
    schedules.set(doctor.id, { ...defaultSchedule(doctor.id), days: Array.from({ length: 7 }, () => allDays) });
    let next = 0;
    const pid = () => patientIds[(next += 1) % patientIds.length] ?? "";
    const add = (clinician: MockUser, d: string, time: string, length: number, kind: AppointmentKind, reason: string, extra: Partial<Stored> = {}) => {
      const stored: Stored = {
        id: newId("ap"),
        patient_id: pid(),
        clinician_id: clinician.id,
        kind,
        starts_at: instantOf(d, time),
        ends_at: instantOf(d, time, length),
        clinic_day: d,
        status: "scheduled",
        reason,
        notes: null,
        overbook_reason: null,
        cancel_reason: null,
        visit_id: null,
        called_at: null,
        called_by_name: null,
        call_note: null,
        ...extra,
      };
      appointments.push(stored);
      return stored;
    };
    const nowMinutes = new Date().getHours() * 60 + new Date().getMinutes();
    const arrive = (a: Stored, stage: Stage, minutesAgo: number) => {
      const visit: Visit = {
        id: newId("v"),
        patient_id: a.patient_id,
        appointment_id: a.id,
        clinician_id: a.clinician_id,
        clinic_day: today,
        stage,
        stage_since: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
      };
      visits.push(visit);
      a.visit_id = visit.id;
      a.status = stage === "done" ? "completed" : stage === "with_doctor" || stage === "in_workup" ? "in_progress" : "checked_in";
    };
    const reasons = ["Pressure check", "Blurred vision", "Diabetic eye screening", "Post-op day 7", "New glasses", "Red eye", "Floaters", "Cataract review"];
    const at = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
    // A day of back-to-back bookings with a few gaps: [length, kind, gap after], from `start`, skipping `lunch`.
    const fill = (clinician: MockUser, start: number, lunch: [number, number], plan: [number, AppointmentKind, number][], offset: number) => {
      let t = start;
      return plan.map(([length, kind, gap], i) => {
        if (t < lunch[1] && t + length > lunch[0]) t = lunch[1];
        const stored = add(clinician, today, at(t), length, kind, reasons[(i + offset) % reasons.length] ?? "");
        t += length + gap;
        return stored;
      });
    };
    const doctorDay = fill(doctor, 9 * 60, [13 * 60, 14 * 60], [
      [30, "new_patient", 0], [20, "follow_up", 0], [20, "follow_up", 0], [20, "post_op", 20], [30, "new_patient", 0],
      [20, "follow_up", 0], [20, "follow_up", 40], [20, "follow_up", 0], [20, "post_op", 0], [30, "new_patient", 20],
      [20, "follow_up", 0], [20, "follow_up", 40], [20, "follow_up", 0],
    ], 0);
    if (doctorDay[2]) doctorDay[2].status = "no_show";
    if (doctorDay[6]) Object.assign(doctorDay[6], { status: "cancelled", cancel_reason: "Patient unwell; will ring to rebook" });
    add(doctor, today, "10:10", 20, "follow_up", "Sudden loss of vision", { overbook_reason: "Urgent: referred by GP this morning" });
    fill(optom, 8 * 60 + 30, [11 * 60, 11 * 60 + 15], [
      [20, "refraction", 0], [15, "follow_up", 0], [15, "follow_up", 0], [20, "refraction", 15], [15, "follow_up", 0],
      [30, "new_patient", 0], [15, "follow_up", 30], [20, "refraction", 0], [15, "follow_up", 60], [15, "follow_up", 0], [20, "refraction", 0],
    ], 3);
    if (second) {
      fill(second, 9 * 60 + 30, [13 * 60, 14 * 60], [[30, "new_patient", 30], [30, "post_op", 30], [30, "post_op", 90], [30, "post_op", 30], [30, "post_op", 0]], 7);
    }
    // The morning's earlier patients have arrived and are spread over the board.
    const stages: Stage[] = ["done", "billing", "pharmacy", "with_doctor", "waiting_doctor", "in_workup", "waiting_workup", "waiting_workup"];
    const waits = [30, 12, 25, 8, 46, 14, 22, 3];
    const morning = appointments.filter((a) => a.clinic_day === today && a.status === "scheduled").sort((a, b) => a.starts_at.localeCompare(b.starts_at));
    morning.slice(0, stages.length).forEach((a, i) => {
      if ((hm(wallTime(a.starts_at)) ?? 0) <= Math.max(nowMinutes, 12 * 60)) arrive(a, stages[i] ?? "waiting_workup", waits[i] ?? 5);
    });
    const tomorrow = shiftDay(today, 1);
    ["09:00", "09:30", "10:00", "11:20", "14:40"].forEach((time, i) => {
      const a = add(doctor, tomorrow, time, 20, i === 0 ? "new_patient" : "follow_up", reasons[(i + 5) % reasons.length] ?? "");
      if (i === 1) Object.assign(a, { called_at: new Date(Date.now() - 50 * 60_000).toISOString(), called_by_name: "Rita Byrne", call_note: "Confirmed" });
    });
    ["08:30", "09:15", "10:30"].forEach((time) => add(optom, tomorrow, time, 20, "refraction", "New glasses"));
    for (let back = 1; back <= 20; back += 3) {
      add(doctor, shiftDay(today, -back), "10:00", 20, "follow_up", "Review", { status: "completed" });
      add(optom, shiftDay(today, back + 1), "09:00", 15, "follow_up", "Pressure check");
    }
  }

  /** The visits of the board, for the examination mock (mockExams.ts). */
  const visitsApi = {
    find: (id: string): Visit | undefined => visits.find((v) => v.id === id),
    forPatient: (patientId: string): Visit[] => visits.filter((v) => v.patient_id === patientId),
    /** Today's open visit of the patient, if any. */
    openToday: (patientId: string): Visit | undefined =>
      visits.find((v) => v.patient_id === patientId && v.clinic_day === localToday() && v.stage !== "done"),
    /** A visit without an appointment, straight into the work-up (an examination started from the patient page). */
    start: (patientId: string, clinicianId: string): Visit => {
      const visit: Visit = {
        id: newId("v"),
        patient_id: patientId,
        appointment_id: null,
        clinician_id: clinicianId,
        clinic_day: localToday(),
        stage: "in_workup",
        stage_since: new Date().toISOString(),
      };
      visits.push(visit);
      return visit;
    },
    /** Moves the visit to `to` if it is still in one of `from`, and its appointment on to `appointment`. */
    advance: (id: string, from: readonly Stage[], to: Stage, appointment: "in_progress" | "completed") => {
      const v = visits.find((x) => x.id === id);
      if (!v) return;
      if (from.includes(v.stage)) {
        v.stage = to;
        v.stage_since = new Date().toISOString();
      }
      const a = appointments.find((x) => x.id === v.appointment_id);
      if (!a) return;
      if (a.status === "checked_in") a.status = "in_progress";
      if (appointment === "completed" && a.status === "in_progress") a.status = "completed";
    },
    /** The first live booking of the patient after `after` and from `from` on (the recall list's "booked on"). */
    nextBooking: (patientId: string, after: string, from: string): string | null =>
      appointments
        .filter(
          (a) =>
            a.patient_id === patientId &&
            a.clinic_day > after &&
            a.clinic_day >= from &&
            ["scheduled", "checked_in", "in_progress"].includes(a.status),
        )
        .map((a) => a.clinic_day)
        .sort()[0] ?? null,
  };

  return { handle, seedDemo, visits: visitsApi };
}

export type VisitsAccess = ReturnType<typeof createAppointmentsMock>["visits"];
