// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";

import * as ops from "../../api/operations";
import type { AppInfo } from "../../bindings/AppInfo";
import type { Clinician } from "../../bindings/Clinician";
import type { CurrentUser } from "../../bindings/CurrentUser";
import type { Patient } from "../../bindings/Patient";
import { formatDate } from "../../lib/dates";
import { signInAs } from "../../test/demoClinic";
import { consultationInput, pastVisit, startedVisit } from "../../test/exams";
import { registered } from "../../test/patients";
import { renderApp, setupUser } from "../../test/render";
import { addDays } from "../appointments/time";
import { RecallPage } from "./RecallPage";

let reception: { user: CurrentUser; info: AppInfo };
let okafor: Clinician;

beforeAll(async () => {
  reception = await signInAs("reception");
  const { clinicians } = await ops.listClinicians();
  const doctor = clinicians.find((c) => c.full_name === "Dr Amara Okafor");
  if (!doctor) throw new Error("The demo clinic has no Dr Okafor.");
  okafor = doctor;
});

const day = (iso: string) => formatDate(iso, reception.info.date_format);

/** Has the patient nothing booked from today on? */
async function nothingAhead(patientId: string): Promise<boolean> {
  return (await ops.patientAppointments(patientId)).upcoming.length === 0;
}

/**
 * A demo patient seen in the past week whose doctor asked them back two days ago (so they are overdue) and who has
 * booked nothing since. Returns the patient and when they were seen.
 */
async function overdue(): Promise<{ patient: Patient; seenOn: string; dueOn: string }> {
  const { today } = reception.info;
  const seen = await pastVisit(today, { daysBack: 3, accept: nothingAhead });
  const dueOn = addDays(today, -2);
  await ops.saveConsultation(seen.visitId, consultationInput({ follow_up: { kind: "date", date: dueOn } }));
  return { patient: await ops.getPatient(seen.patientId), seenOn: seen.clinicDay, dueOn };
}

/** The first day from tomorrow on with a free follow-up time in Dr Okafor's book, and that time. */
async function freeTime(): Promise<{ date: string; time: string }> {
  for (let ahead = 1; ahead <= 28; ahead++) {
    const date = addDays(reception.info.today, ahead);
    const answer = await ops.freeSlots(okafor.id, date, "follow_up");
    const [first] = answer.slots;
    if (answer.closed_reason === null && first) return { date, time: first.time };
  }
  throw new Error("Dr Okafor has no free time in the next four weeks.");
}

function rowOf(patient: Patient): HTMLElement {
  const row = screen.getAllByTestId("recall-row").find((r) => r.getAttribute("data-mrn") === patient.mrn);
  if (!row) throw new Error(`${patient.mrn} is not on the recall list.`);
  return row;
}

function renderPage() {
  return renderApp(<RecallPage />, { ...reception, path: "/recall" });
}

describe("the recall list", () => {
  it("lists who is due, whether booked, with the core's default range", async () => {
    const { today } = reception.info;
    const late = await overdue();
    // Seen today, asked back in two weeks, and booked already.
    const booked = await registered({ first_name: "Luis", last_name: "Quintanilla" });
    const visitId = await startedVisit(booked.id);
    await ops.saveConsultation(visitId, consultationInput({ follow_up: { kind: "weeks", count: 2 } }));
    reception = await signInAs("reception");
    const slot = await freeTime();
    await ops.bookAppointment({
      patient_id: booked.id,
      clinician_id: okafor.id,
      kind: "follow_up",
      date: slot.date,
      time: slot.time,
      length_minutes: 20,
      reason: null,
      notes: null,
      overbook_reason: null,
    });

    renderPage();
    await screen.findAllByTestId("recall-row");
    const first = rowOf(late.patient);
    expect(first).toHaveTextContent(day(late.dueOn));
    expect(first).toHaveTextContent("2 days overdue");
    expect(first).toHaveTextContent(`on ${day(late.dueOn)}`);
    expect(first).toHaveTextContent(day(late.seenOn));
    const name = `${late.patient.first_name} ${late.patient.last_name}`;
    expect(within(first).getByRole("link", { name })).toHaveAttribute("href", `/patients/${late.patient.id}`);
    expect(within(first).getByTestId("recall-book")).toBeInTheDocument();
    const second = rowOf(booked);
    expect(second).toHaveTextContent(day(addDays(today, 14)));
    expect(second).toHaveTextContent("due in 14 days");
    expect(second).toHaveTextContent("in 2 weeks");
    expect(second).toHaveTextContent("Dr Amara Okafor");
    expect(within(second).getByTestId("recall-booked")).toHaveTextContent(`Booked on ${day(slot.date)}`);
    expect(within(second).queryByTestId("recall-book")).not.toBeInTheDocument();
    // The range fields take the core's answer a render after the rows: wait, on a busy machine too.
    await waitFor(() => expect(screen.getByTestId("recall-from")).toHaveValue(day(addDays(today, -28))));
    expect(screen.getByTestId("recall-to")).toHaveValue(day(addDays(today, 28)));
    // The counts are of the whole list, the demo clinic's patients included.
    const list = await ops.recall(null, null);
    const due = list.entries.length;
    const bookedCount = list.entries.filter((e) => e.booked_on !== null).length;
    expect(screen.getAllByTestId("recall-row")).toHaveLength(due);
    const counts = `${due} due, ${bookedCount} booked, ${due - bookedCount} to contact`;
    expect(screen.getByText(new RegExp(counts))).toBeInTheDocument();
  });

  it("books a patient due back in the usual form, then shows them booked", async () => {
    const u = setupUser();
    const late = await overdue();
    reception = await signInAs("reception");
    const slot = await freeTime();
    renderPage();
    await screen.findAllByTestId("recall-row");
    await u.click(within(rowOf(late.patient)).getByTestId("recall-book"));
    const form = await screen.findByTestId("booking-form");
    const { first_name, last_name } = late.patient;
    expect(within(form).getByTestId("booking-patient")).toHaveTextContent(`${last_name}, ${first_name}`);
    // Overdue: offered from today.
    const date = within(form).getByTestId("booking-date");
    expect(date).toHaveValue(day(reception.info.today));
    await u.click(within(form).getByTestId("booking-clinician"));
    await u.click(await screen.findByRole("option", { name: "Dr Amara Okafor" }));
    await u.clear(date);
    await u.type(date, day(slot.date));
    await u.click(await within(form).findByText(slot.time));
    await u.click(within(form).getByTestId("booking-submit"));
    await waitFor(() =>
      expect(within(rowOf(late.patient)).getByTestId("recall-booked")).toHaveTextContent(`Booked on ${day(slot.date)}`),
    );
    const { upcoming } = await ops.patientAppointments(late.patient.id);
    expect(upcoming).toMatchObject([
      { clinician_id: okafor.id, clinic_day: slot.date, start_time: slot.time, status: "scheduled" },
    ]);
  });

  it("says when nobody is due in the range asked for", async () => {
    const u = setupUser();
    const { today } = reception.info;
    // Follow-ups are asked for within three years of a visit, and the demo clinic's visits are all in the past.
    const [from, to] = [addDays(today, 3 * 366 + 10), addDays(today, 3 * 366 + 40)];
    renderPage();
    const fromField = await screen.findByTestId("recall-from");
    await waitFor(() => expect(fromField).toHaveValue(day(addDays(today, -28))));
    const toField = screen.getByTestId("recall-to");
    await u.clear(toField);
    await u.type(toField, day(to));
    await u.clear(fromField);
    await u.type(fromField, day(from));
    expect(await screen.findByTestId("recall-empty")).toHaveTextContent(`between ${day(from)} and ${day(to)}`);
    expect((await ops.recall(from, to)).entries).toEqual([]);
  });
});
