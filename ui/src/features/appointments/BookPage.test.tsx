// @vitest-environment jsdom
// The book against the in-memory backend: booking, clash and overbooking, cancelling, and check-in reaching the
// queue board all go through the same rules the mock shares with the core.
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { Route } from "wouter";

import * as ops from "../../api/operations";
import type { AppInfo } from "../../bindings/AppInfo";
import type { CurrentUser } from "../../bindings/CurrentUser";
import { signInToMock } from "../../test/mockBackend";
import { renderApp, setupUser } from "../../test/render";
import { QueueBoardPage } from "../queue/QueueBoardPage";
import { BookPage } from "./BookPage";
import { addDays } from "./time";

vi.mock("../../api/tauri", async () => ({ tauriTransport: (await import("../../api/mock")).mockTransport }));

let user: CurrentUser;
let info: AppInfo;
let khan: string;
let quietDay: string;

/** A patient of the demo clinic, found the way the UI finds them. */
async function demoPatient(query: string) {
  const found = await ops.searchPatients({ query, limit: 5, include_archived: false });
  const first = found.results[0];
  if (!first) throw new Error(`no demo patient for ${query}`);
  return first;
}

function bookDirectly(patientId: string, date: string, time: string, extra: { reason?: string } = {}) {
  return ops.bookAppointment({
    patient_id: patientId,
    clinician_id: khan,
    kind: "follow_up",
    date,
    time,
    length_minutes: 20,
    reason: extra.reason ?? null,
    notes: null,
    overbook_reason: null,
  });
}

beforeAll(async () => {
  ({ user, info } = await signInToMock());
  const clinicians = await ops.listClinicians();
  khan = clinicians.clinicians.find((c) => c.username === "dkhan")?.id ?? "";
  // The demo books the next three weeks here and there; a month ahead is empty.
  quietDay = addDays(info.today, 30);
});

async function openBook(date: string) {
  // Through the route, as in the app: the day lives in the path.
  const view = renderApp(<Route path="/book/:date?/:appointmentId?">{(params) => <BookPage date={params.date} appointmentId={params.appointmentId} />}</Route>, {
    path: `/book/${date}`,
    info,
    user,
  });
  await screen.findByTestId("book-column-dkhan");
  return view;
}

describe("the appointment book", () => {
  it("books a patient from a free slot, with the length the kind gives", async () => {
    const u = setupUser();
    await openBook(quietDay);
    const column = screen.getByTestId("book-column-dkhan");
    await u.click(within(column).getByTestId("book-slot-10:00"));

    const form = await screen.findByTestId("booking-form");
    expect(within(form).getByTestId("booking-time")).toHaveValue("10:00");
    expect(within(form).getByTestId("booking-clinician")).toHaveValue("Dr Farah Khan");

    await u.type(within(form).getByTestId("booking-patient-search"), "Ruiz");
    const options = await within(form).findAllByTestId("booking-patient-option");
    const mrn = options[0]?.getAttribute("data-mrn");
    await u.click(options[0] as HTMLElement);
    await u.click(within(form).getByText("New patient"));
    await waitFor(() => expect(within(form).getByTestId("booking-length")).toHaveValue("30"));
    await u.type(within(form).getByTestId("booking-reason"), "Blurred vision");
    await u.click(within(form).getByTestId("booking-submit"));

    await waitFor(() => expect(screen.queryByTestId("booking-form")).not.toBeInTheDocument());
    const block = await within(column).findByTestId("appointment-block");
    expect(block).toHaveAttribute("data-time", "10:00");
    expect(block).toHaveAttribute("data-mrn", mrn);
    const stored = (await ops.appointmentsDay(quietDay)).appointments.find((a) => a.start_time === "10:00");
    expect(stored).toMatchObject({ kind: "new_patient", reason: "Blurred vision", patient_mrn: mrn, status: "scheduled" });
    expect(Date.parse(stored?.ends_at ?? "") - Date.parse(stored?.starts_at ?? "")).toBe(30 * 60_000);
  });

  it("on a clash, names the booking and overbooks only with a reason", async () => {
    const u = setupUser();
    const first = await demoPatient("Okafor");
    await bookDirectly(first.id, quietDay, "11:00");
    await openBook(quietDay);
    const column = screen.getByTestId("book-column-dkhan");
    await u.click(within(column).getByTestId("book-slot-11:10"));
    const form = await screen.findByTestId("booking-form");
    await u.type(within(form).getByTestId("booking-patient-search"), "Smith");
    await u.click((await within(form).findAllByTestId("booking-patient-option"))[0] as HTMLElement);
    await u.click(within(form).getByTestId("booking-submit"));

    const clash = await within(form).findByTestId("booking-clash");
    expect(clash).toHaveTextContent(`already has ${first.first_name} ${first.last_name} (${first.mrn}) at 11:00`);
    expect(within(form).getByTestId("booking-submit")).toHaveTextContent("Overbook");
    await u.click(within(form).getByTestId("booking-submit"));
    expect(await within(form).findByText("Say why this patient is overbooked.")).toBeInTheDocument();
    expect((await ops.appointmentsDay(quietDay)).appointments.filter((a) => a.start_time === "11:10")).toHaveLength(0);

    await u.type(within(form).getByTestId("booking-overbook-reason"), "Urgent referral");
    await u.click(within(form).getByTestId("booking-submit"));
    await waitFor(() => expect(screen.queryByTestId("booking-form")).not.toBeInTheDocument());
    const overbooked = (await ops.appointmentsDay(quietDay)).appointments.find((a) => a.start_time === "11:10");
    expect(overbooked?.overbook_reason).toBe("Urgent referral");
    await waitFor(() =>
      expect(within(column).getAllByTestId("appointment-block").some((b) => b.getAttribute("data-overbooked") === "true")).toBe(true),
    );
  });

  it("cancels only with a reason, then hides the cancelled booking", async () => {
    const u = setupUser();
    const patient = await demoPatient("Silva");
    const booked = await bookDirectly(patient.id, quietDay, "15:00");
    await openBook(quietDay);
    const column = screen.getByTestId("book-column-dkhan");
    const block = (await within(column).findAllByTestId("appointment-block")).find((b) => b.getAttribute("data-time") === "15:00");
    await u.click(block as HTMLElement);

    await u.click(await screen.findByTestId("appointment-cancel"));
    await u.click(screen.getByTestId("cancel-confirm"));
    expect(await screen.findByText("Say why the appointment is cancelled.")).toBeInTheDocument();
    expect(screen.getByTestId("cancel-reason")).toHaveAttribute("aria-invalid", "true");
    expect((await ops.patientAppointments(patient.id)).upcoming.find((a) => a.id === booked.id)?.status).toBe("scheduled");

    await u.type(screen.getByTestId("cancel-reason"), "Patient rang: unwell");
    await u.click(screen.getByTestId("cancel-confirm"));
    await waitFor(() => expect(screen.getByTestId("appointment-status")).toHaveTextContent("Cancelled"));
    const recent = (await ops.patientAppointments(patient.id)).recent.find((a) => a.id === booked.id);
    expect(recent).toMatchObject({ status: "cancelled", cancel_reason: "Patient rang: unwell" });
    await waitFor(() =>
      expect(within(column).queryAllByTestId("appointment-block").some((b) => b.getAttribute("data-time") === "15:00")).toBe(false),
    );
  });

  it("checks in today's patient, who then appears on the queue board", async () => {
    const u = setupUser();
    const patient = await demoPatient("Haddad");
    await bookDirectly(patient.id, info.today, "16:00");
    renderApp(
      <>
        <BookPage date={info.today} />
        <QueueBoardPage />
      </>,
      { path: `/book/${info.today}`, info, user },
    );
    const board = await screen.findByTestId("queue-column-waiting_workup");
    expect(within(board).queryAllByTestId("queue-card").some((c) => c.getAttribute("data-mrn") === patient.mrn)).toBe(false);

    const column = await screen.findByTestId("book-column-dkhan");
    const block = (await within(column).findAllByTestId("appointment-block")).find((b) => b.getAttribute("data-time") === "16:00");
    await u.click(block as HTMLElement);
    await u.click(await screen.findByTestId("appointment-checkin"));

    await waitFor(() =>
      expect(within(board).getAllByTestId("queue-card").some((c) => c.getAttribute("data-mrn") === patient.mrn)).toBe(true),
    );
    expect(screen.getByTestId("appointment-status")).toHaveTextContent("Checked in");
  });

  it("refuses to check in an appointment on another day", async () => {
    const u = setupUser();
    const patient = await demoPatient("Mensah");
    await bookDirectly(patient.id, quietDay, "16:20");
    await openBook(quietDay);
    const column = screen.getByTestId("book-column-dkhan");
    const block = (await within(column).findAllByTestId("appointment-block")).find((b) => b.getAttribute("data-time") === "16:20");
    await u.click(block as HTMLElement);
    await screen.findByTestId("appointment-details");
    expect(screen.queryByTestId("appointment-checkin")).not.toBeInTheDocument();
    expect(screen.getByText("Patients are checked in on the day of their appointment.")).toBeInTheDocument();
  });

  it("moves between days from the toolbar", async () => {
    const u = setupUser();
    const { location } = await openBook(quietDay);
    await u.click(screen.getByTestId("book-next-day"));
    expect(location.history.at(-1)).toBe(`/book/${addDays(quietDay, 1)}`);
    await u.click(screen.getByTestId("book-today"));
    expect(location.history.at(-1)).toBe(`/book/${info.today}`);

    fireEvent.keyDown(document.documentElement, { key: "ArrowLeft", code: "ArrowLeft", altKey: true });
    expect(location.history.at(-1)).toBe(`/book/${addDays(info.today, -1)}`);
    fireEvent.keyDown(document.documentElement, { key: "t", code: "KeyT" });
    expect(location.history.at(-1)).toBe(`/book/${info.today}`);
    fireEvent.keyDown(document.documentElement, { key: "w", code: "KeyW" });
    expect(await screen.findByTestId("book-view-week")).toHaveAttribute("aria-pressed", "true");
    expect(await screen.findByTestId(`book-day-${info.today}`)).toBeInTheDocument();
  });

  it("books from the keyboard: arrows move between times, Enter opens the form", async () => {
    const u = setupUser();
    await openBook(quietDay);
    const column = screen.getByTestId("book-column-dkhan");
    within(column).getByTestId("book-slot-12:00").focus();
    await u.keyboard("{ArrowDown}{ArrowDown}");
    const focused = document.activeElement as HTMLElement;
    expect(column).toContainElement(focused);
    const time = focused.getAttribute("data-testid")?.replace("book-slot-", "");
    expect(time).not.toBe("12:00");
    await u.keyboard("{Enter}");
    const form = await screen.findByTestId("booking-form");
    expect(within(form).getByTestId("booking-time")).toHaveValue(time);
    expect(within(form).getByTestId("booking-clinician")).toHaveValue("Dr Farah Khan");
  });

  it("reschedules by dragging within a column, and keeps the clinician", async () => {
    const patient = await demoPatient("Tanaka");
    const day = addDays(quietDay, 1);
    const booked = await bookDirectly(patient.id, day, "09:00");
    await openBook(day);
    const column = screen.getByTestId("book-column-dkhan");
    const block = await within(column).findByTestId("appointment-block");
    const dataTransfer = { setData: vi.fn(), getData: vi.fn(), effectAllowed: "", dropEffect: "" };

    fireEvent.dragStart(block, { dataTransfer });
    fireEvent.drop(within(screen.getByTestId("book-column-drokafor")).getByTestId("book-slot-12:00"), { dataTransfer });
    expect(await screen.findByText(/An appointment keeps its clinician/)).toBeInTheDocument();

    fireEvent.dragStart(block, { dataTransfer });
    fireEvent.drop(within(column).getByTestId("book-slot-12:00"), { dataTransfer });
    await waitFor(async () => {
      const moved = (await ops.appointmentsDay(day)).appointments.find((a) => a.id === booked.id);
      expect(moved).toMatchObject({ start_time: "12:00", clinician_id: khan });
    });
    await waitFor(() => expect(within(column).getByTestId("appointment-block")).toHaveAttribute("data-time", "12:00"));
  });
});
