// @vitest-environment jsdom
// The book on the real core: booking, clash and overbooking, cancelling, and check-in reaching the queue board.
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { Route } from "wouter";

import * as ops from "../../api/operations";
import type { AppInfo } from "../../bindings/AppInfo";
import type { Clinician } from "../../bindings/Clinician";
import type { CurrentUser } from "../../bindings/CurrentUser";
import type { Patient } from "../../bindings/Patient";
import { booked, clinician, weekdayAfter } from "../../test/appointments";
import { signInAs } from "../../test/demoClinic";
import { registered } from "../../test/patients";
import { renderApp, setupUser } from "../../test/render";
import { QueueBoardPage } from "../queue/QueueBoardPage";
import { BookPage } from "./BookPage";
import { addDays } from "./time";

let reception: { user: CurrentUser; info: AppInfo };
let okafor: Clinician;
let byrne: Clinician;
let quietDay: string;
// One patient per test, with a surname no demo patient has.
let ana: Patient;
let bruno: Patient;
let carla: Patient;
let dario: Patient;
let elena: Patient;
let fabio: Patient;
let gema: Patient;

beforeAll(async () => {
  reception = await signInAs("reception");
  okafor = await clinician("doctor");
  byrne = await clinician("optom");
  // The demo book reaches two weeks ahead; a weekday a month ahead is empty and the clinicians work it.
  quietDay = weekdayAfter(reception.info.today, 30);
  ana = await registered({ first_name: "Ana", last_name: "Quintanilla" });
  bruno = await registered({ first_name: "Bruno", last_name: "Quintanilla" });
  carla = await registered({ first_name: "Carla", last_name: "Quintanilla" });
  dario = await registered({ first_name: "Darío", last_name: "Quintanilla" });
  elena = await registered({ first_name: "Elena", last_name: "Quintanilla" });
  fabio = await registered({ first_name: "Fabio", last_name: "Quintanilla" });
  gema = await registered({ first_name: "Gema", last_name: "Quintanilla" });
});

async function openBook(date: string) {
  // Through the route, as in the app: the day lives in the path.
  const view = renderApp(
    <Route path="/book/:date?/:appointmentId?">{(params) => <BookPage date={params.date} appointmentId={params.appointmentId} />}</Route>,
    { ...reception, path: `/book/${date}` },
  );
  await screen.findByTestId("book-column-doctor");
  return view;
}

/** The block of the appointment at `time` in a column, once the day has arrived. */
async function blockAt(column: HTMLElement, time: string): Promise<HTMLElement> {
  return waitFor(() => {
    const block = within(column)
      .queryAllByTestId("appointment-block")
      .find((b) => b.getAttribute("data-time") === time);
    if (!block) throw new Error(`no appointment at ${time}`);
    return block;
  });
}

describe("the appointment book", () => {
  it("books a patient from a free slot, with the length the kind gives", async () => {
    const u = setupUser();
    await openBook(quietDay);
    const column = screen.getByTestId("book-column-doctor");
    expect(within(column).queryAllByTestId("appointment-block")).toHaveLength(0);
    await u.click(within(column).getByTestId("book-slot-10:00"));

    const form = await screen.findByTestId("booking-form");
    expect(within(form).getByTestId("booking-time")).toHaveValue("10:00");
    expect(within(form).getByTestId("booking-clinician")).toHaveValue("Dr Amara Okafor");

    await u.type(within(form).getByTestId("booking-patient-search"), "Ana Quintanilla");
    const option = await waitFor(() => {
      const found = within(form)
        .getAllByTestId("booking-patient-option")
        .find((o) => o.getAttribute("data-mrn") === ana.mrn);
      if (!found) throw new Error("Ana Quintanilla is not offered yet");
      return found;
    });
    await u.click(option);
    expect(within(form).getByTestId("booking-patient")).toHaveTextContent(ana.mrn);
    await waitFor(() => expect(within(form).getByTestId("booking-length")).toHaveValue("20"));
    await u.click(within(form).getByText("New patient"));
    await waitFor(() => expect(within(form).getByTestId("booking-length")).toHaveValue("30"));
    await u.type(within(form).getByTestId("booking-reason"), "Blurred vision");
    await u.click(within(form).getByTestId("booking-submit"));

    await waitFor(() => expect(screen.queryByTestId("booking-form")).not.toBeInTheDocument());
    const block = await within(column).findByTestId("appointment-block");
    expect(block).toHaveAttribute("data-time", "10:00");
    expect(block).toHaveAttribute("data-mrn", ana.mrn);
    const stored = (await ops.appointmentsDay(quietDay)).appointments.find((a) => a.patient_id === ana.id);
    expect(stored).toMatchObject({ kind: "new_patient", reason: "Blurred vision", start_time: "10:00", clinician_id: okafor.id, status: "scheduled" });
    expect(Date.parse(stored?.ends_at ?? "") - Date.parse(stored?.starts_at ?? "")).toBe(30 * 60_000);
  });

  it("on a clash, names the booking and overbooks only with a reason", async () => {
    const u = setupUser();
    await booked(bruno.id, okafor.id, quietDay, "11:00");
    await openBook(quietDay);
    const column = screen.getByTestId("book-column-doctor");
    await blockAt(column, "11:00");
    await u.click(within(column).getByTestId("book-slot-11:10"));
    const form = await screen.findByTestId("booking-form");
    await u.type(within(form).getByTestId("booking-patient-search"), "Carla Quintanilla");
    await u.click(await within(form).findByRole("option", { name: new RegExp(carla.mrn) }));
    await u.click(within(form).getByTestId("booking-submit"));

    // The core's own refusal, naming whom the clinician already sees then.
    const clash = await within(form).findByTestId("booking-clash");
    expect(clash).toHaveTextContent(
      `Dr Amara Okafor already has Bruno Quintanilla (${bruno.mrn}) at 11:00. Choose another time, or overbook with a reason.`,
    );
    expect(within(form).getByTestId("booking-submit")).toHaveTextContent("Overbook");
    await u.click(within(form).getByTestId("booking-submit"));
    expect(await within(form).findByText("Say why this patient is overbooked.")).toBeInTheDocument();
    expect((await ops.patientAppointments(carla.id)).upcoming).toHaveLength(0);

    await u.type(within(form).getByTestId("booking-overbook-reason"), "Urgent referral");
    await u.click(within(form).getByTestId("booking-submit"));
    await waitFor(() => expect(screen.queryByTestId("booking-form")).not.toBeInTheDocument());
    const overbooked = (await ops.patientAppointments(carla.id)).upcoming;
    expect(overbooked).toHaveLength(1);
    expect(overbooked[0]).toMatchObject({ start_time: "11:10", clinic_day: quietDay, overbook_reason: "Urgent referral" });
    expect(await blockAt(column, "11:10")).toHaveAttribute("data-overbooked", "true");
    expect(await blockAt(column, "11:00")).not.toHaveAttribute("data-overbooked");
  });

  it("cancels only with a reason, then hides the cancelled booking", async () => {
    const u = setupUser();
    const appointment = await booked(dario.id, okafor.id, quietDay, "15:00");
    await openBook(quietDay);
    const column = screen.getByTestId("book-column-doctor");
    await u.click(await blockAt(column, "15:00"));

    await u.click(await screen.findByTestId("appointment-cancel"));
    await u.click(screen.getByTestId("cancel-confirm"));
    expect(await screen.findByText("Say why the appointment is cancelled.")).toBeInTheDocument();
    expect(screen.getByTestId("cancel-reason")).toHaveAttribute("aria-invalid", "true");
    expect((await ops.patientAppointments(dario.id)).upcoming.find((a) => a.id === appointment.id)?.status).toBe("scheduled");

    await u.type(screen.getByTestId("cancel-reason"), "Patient rang: unwell");
    await u.click(screen.getByTestId("cancel-confirm"));
    await waitFor(() => expect(screen.getByTestId("appointment-status")).toHaveTextContent("Cancelled"));
    const recent = (await ops.patientAppointments(dario.id)).recent.find((a) => a.id === appointment.id);
    expect(recent).toMatchObject({ status: "cancelled", cancel_reason: "Patient rang: unwell" });
    await waitFor(() =>
      expect(within(column).queryAllByTestId("appointment-block").some((b) => b.getAttribute("data-mrn") === dario.mrn)).toBe(false),
    );

    await u.click(screen.getByRole("button", { name: "Close" }));
    await u.click(screen.getByTestId("book-show-cancelled"));
    expect(await blockAt(column, "15:00")).toHaveAttribute("data-status", "cancelled");
  });

  it("checks in today's patient, who then appears on the queue board", async () => {
    const u = setupUser();
    const { today } = reception.info;
    // Before the demo book's first hour, so the time is free whatever the demo booked today.
    await booked(elena.id, okafor.id, today, "08:20");
    renderApp(
      <>
        <BookPage date={today} />
        <QueueBoardPage />
      </>,
      { ...reception, path: `/book/${today}` },
    );
    await screen.findByTestId("queue-board");
    await waitFor(() => expect(screen.queryByTestId("queue-loading")).not.toBeInTheDocument());
    // Early in the clinic's day nobody may be checked in yet, and the board then shows no columns at all.
    expect(screen.queryAllByTestId("queue-card").some((c) => c.getAttribute("data-mrn") === elena.mrn)).toBe(false);

    const column = await screen.findByTestId("book-column-doctor");
    await u.click(await blockAt(column, "08:20"));
    await u.click(await screen.findByTestId("appointment-checkin"));

    // Asked afresh: an empty stage is drawn folded, and unfolds into a new element when a card arrives.
    await waitFor(() =>
      expect(
        within(screen.getByTestId("queue-column-waiting_workup"))
          .getAllByTestId("queue-card")
          .some((c) => c.getAttribute("data-mrn") === elena.mrn),
      ).toBe(true),
    );
    expect(screen.getByTestId("appointment-status")).toHaveTextContent("Checked in");
    const visit = (await ops.queueBoard(okafor.id)).cards.find((c) => c.patient_id === elena.id);
    expect(visit).toMatchObject({ stage: "waiting_workup", appointment_time: "08:20" });
  });

  it("refuses to check in an appointment on another day", async () => {
    const u = setupUser();
    await booked(fabio.id, okafor.id, quietDay, "16:20");
    await openBook(quietDay);
    const column = screen.getByTestId("book-column-doctor");
    await u.click(await blockAt(column, "16:20"));
    await screen.findByTestId("appointment-details");
    expect(screen.queryByTestId("appointment-checkin")).not.toBeInTheDocument();
    expect(screen.getByText("Patients are checked in on the day of their appointment.")).toBeInTheDocument();
  });

  it("moves between days from the toolbar", async () => {
    const u = setupUser();
    const { today } = reception.info;
    const { location } = await openBook(quietDay);
    await u.click(screen.getByTestId("book-next-day"));
    expect(location.history.at(-1)).toBe(`/book/${addDays(quietDay, 1)}`);
    await u.click(screen.getByTestId("book-today"));
    expect(location.history.at(-1)).toBe(`/book/${today}`);

    fireEvent.keyDown(document.documentElement, { key: "ArrowLeft", code: "ArrowLeft", altKey: true });
    expect(location.history.at(-1)).toBe(`/book/${addDays(today, -1)}`);
    fireEvent.keyDown(document.documentElement, { key: "t", code: "KeyT" });
    expect(location.history.at(-1)).toBe(`/book/${today}`);
    fireEvent.keyDown(document.documentElement, { key: "w", code: "KeyW" });
    expect(await screen.findByTestId("book-view-week")).toHaveAttribute("aria-pressed", "true");
    expect(await screen.findByTestId(`book-day-${today}`)).toBeInTheDocument();
  });

  it("books from the keyboard: arrows move between times, Enter opens the form", async () => {
    const u = setupUser();
    await openBook(quietDay);
    const column = screen.getByTestId("book-column-optom");
    within(column).getByTestId("book-slot-12:00").focus();
    await u.keyboard("{ArrowDown}{ArrowDown}");
    const focused = document.activeElement as HTMLElement;
    expect(column).toContainElement(focused);
    const time = focused.getAttribute("data-testid")?.replace("book-slot-", "");
    expect(time).toMatch(/^12:[1-5]0$/);
    await u.keyboard("{Enter}");
    const form = await screen.findByTestId("booking-form");
    expect(within(form).getByTestId("booking-time")).toHaveValue(time);
    expect(within(form).getByTestId("booking-clinician")).toHaveValue("Siobhán Byrne");
  });

  it("reschedules by dragging within a column; dropping on another clinician offers to reassign", async () => {
    const day = weekdayAfter(quietDay, 1);
    const appointment = await booked(gema.id, okafor.id, day, "09:00");
    await openBook(day);
    const column = screen.getByTestId("book-column-doctor");
    const block = await blockAt(column, "09:00");
    const dataTransfer = { setData: vi.fn(), getData: vi.fn(), effectAllowed: "", dropEffect: "" };

    // Dropped on another clinician's column: the reassign dialog opens on that clinician; closing it changes nothing.
    fireEvent.dragStart(block, { dataTransfer });
    fireEvent.drop(within(screen.getByTestId("book-column-optom")).getByTestId("book-slot-12:00"), { dataTransfer });
    const dialog = await screen.findByTestId("reassign-form");
    expect(within(dialog).getByTestId("reassign-to")).toHaveValue(byrne.full_name);
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByTestId("reassign-form")).not.toBeInTheDocument());
    expect((await ops.patientAppointments(gema.id)).upcoming[0]).toMatchObject({ start_time: "09:00", clinician_id: okafor.id });

    fireEvent.dragStart(block, { dataTransfer });
    fireEvent.drop(within(column).getByTestId("book-slot-12:00"), { dataTransfer });
    await waitFor(async () => {
      const moved = (await ops.patientAppointments(gema.id)).upcoming.find((a) => a.id === appointment.id);
      expect(moved).toMatchObject({ clinic_day: day, start_time: "12:00", clinician_id: okafor.id });
    });
    await waitFor(() => expect(within(column).getByTestId("appointment-block")).toHaveAttribute("data-time", "12:00"));
  });

  it("reassigns one appointment from its details, previewing the move and asking why", async () => {
    const u = setupUser();
    const day = weekdayAfter(quietDay, 3);
    const hana = await registered({ first_name: "Hana", last_name: "Quintanilla" });
    const appointment = await booked(hana.id, okafor.id, day, "10:00");
    await openBook(day);
    await u.click(await blockAt(screen.getByTestId("book-column-doctor"), "10:00"));
    await u.click(await screen.findByTestId("appointment-reassign"));
    const dialog = await screen.findByTestId("reassign-form");
    await u.click(within(dialog).getByTestId("reassign-to"));
    await u.click(await screen.findByRole("option", { name: byrne.full_name }));
    const preview = await within(dialog).findByTestId("reassign-preview");
    expect(preview).toHaveTextContent(`1 appointment move to ${byrne.full_name}`);
    expect(within(preview).getByTestId("reassign-moving")).toHaveTextContent(`10:00 Hana Quintanilla (${hana.mrn})`);
    await u.click(within(dialog).getByTestId("reassign-confirm"));
    expect(await within(dialog).findByText("Say why they move.")).toBeInTheDocument();
    expect((await ops.appointmentsDay(day, byrne.id)).appointments).toHaveLength(0);
    await u.type(within(dialog).getByTestId("reassign-reason"), "Dr Okafor called to theatre");
    await u.click(within(dialog).getByTestId("reassign-confirm"));
    await waitFor(async () => {
      const moved = (await ops.appointmentsDay(day, byrne.id)).appointments.find((a) => a.id === appointment.id);
      expect(moved).toMatchObject({ clinician_id: byrne.id, start_time: "10:00" });
    });
    expect(await blockAt(screen.getByTestId("book-column-optom"), "10:00")).toHaveTextContent("Hana");
  });

  it("moves a doctor's day from the column header, with the new clinician's clashes and an overbooking reason", async () => {
    const u = setupUser();
    const day = weekdayAfter(quietDay, 5);
    const ines = await registered({ first_name: "Inés", last_name: "Quintanilla" });
    const jon = await registered({ first_name: "Jon", last_name: "Quintanilla" });
    await booked(ines.id, okafor.id, day, "09:00");
    await booked(jon.id, okafor.id, day, "11:00");
    await booked(ana.id, byrne.id, day, "11:10");
    await openBook(day);
    const column = screen.getByTestId("book-column-doctor");
    await blockAt(column, "11:00");
    await u.click(screen.getByRole("button", { name: `Move ${okafor.full_name}’s day to another clinician` }));
    await u.click(await screen.findByTestId("book-move-day"));
    const dialog = await screen.findByTestId("reassign-form");
    await u.click(within(dialog).getByTestId("reassign-to"));
    await u.click(await screen.findByRole("option", { name: byrne.full_name }));
    expect(await within(dialog).findAllByTestId("reassign-moving")).toHaveLength(2);
    const clashes = await within(dialog).findByTestId("reassign-clashes");
    expect(clashes).toHaveTextContent("11:00 Jon Quintanilla — already booked: 11:10 Ana Quintanilla");
    await u.type(within(dialog).getByTestId("reassign-reason"), "Dr Okafor is off sick");
    await u.click(within(dialog).getByTestId("reassign-confirm"));
    expect(await within(dialog).findByText("Give a reason to overbook, or choose someone else.")).toBeInTheDocument();
    expect((await ops.appointmentsDay(day, okafor.id)).appointments).toHaveLength(2);
    await u.type(within(dialog).getByTestId("reassign-overbook-reason"), "Urgent cover");
    await u.click(within(dialog).getByTestId("reassign-confirm"));
    await waitFor(async () => expect((await ops.appointmentsDay(day, okafor.id)).appointments).toHaveLength(0));
    const theirs = (await ops.appointmentsDay(day, byrne.id)).appointments;
    expect(theirs.find((a) => a.patient_id === jon.id)?.overbook_reason).toBe("Urgent cover");
    expect(theirs.find((a) => a.patient_id === ines.id)?.overbook_reason).toBeNull();
  });
});
