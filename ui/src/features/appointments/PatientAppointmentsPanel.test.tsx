// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";

import * as ops from "../../api/operations";
import type { Appointment } from "../../bindings/Appointment";
import type { AppInfo } from "../../bindings/AppInfo";
import type { Clinician } from "../../bindings/Clinician";
import type { CurrentUser } from "../../bindings/CurrentUser";
import type { Patient } from "../../bindings/Patient";
import { formatDate } from "../../lib/dates";
import { booked, checkedInToday, clinician, weekdayAfter } from "../../test/appointments";
import { signInAs } from "../../test/demoClinic";
import { registered } from "../../test/patients";
import { currentPath, renderApp, setupUser } from "../../test/render";
import { PatientAppointmentsPanel } from "./PatientAppointmentsPanel";
import { addDays } from "./time";

let reception: { user: CurrentUser; info: AppInfo };
let okafor: Clinician;
let byrne: Clinician;
let ana: Patient;
let today: Appointment;
let later: Appointment;
let past: Appointment;

beforeAll(async () => {
  reception = await signInAs("reception");
  okafor = await clinician("doctor");
  byrne = await clinician("optom");
  ana = await registered({ first_name: "Ana", last_name: "Quintanilla" });
  const day = reception.info.today;
  // Before the demo book's first hour, so nothing the demo booked today clashes.
  today = await booked(ana.id, okafor.id, day, "08:20", { reason: "Pressure check" });
  later = await booked(ana.id, byrne.id, addDays(day, 5), "08:00", { kind: "refraction" });
  // Seen earlier today, start to finish: completed, so no longer upcoming.
  past = await checkedInToday(ana.id, okafor.id, day, "07:00");
  await ops.setAppointmentStatus(past.id, "in_progress", null);
  past = await ops.setAppointmentStatus(past.id, "completed", null);
});

function renderPanel() {
  return renderApp(<PatientAppointmentsPanel patient={ana} />, { ...reception, path: `/patients/${ana.id}` });
}

describe("a patient's appointments", () => {
  it("lists what is ahead soonest first, with check-in for today's scheduled appointment only", async () => {
    const u = setupUser();
    renderPanel();
    const rows = await screen.findAllByTestId("patient-upcoming");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("Today,");
    expect(rows[0]).toHaveTextContent("08:20");
    expect(rows[0]).toHaveTextContent("Dr Amara Okafor · Follow-up · Pressure check");
    expect(rows[1]).toHaveTextContent("Siobhán Byrne");
    expect(within(rows[1] as HTMLElement).queryByTestId("patient-checkin")).not.toBeInTheDocument();
    const recent = screen.getAllByTestId("patient-recent");
    expect(recent).toHaveLength(1);
    expect(recent[0]).toHaveTextContent("07:00");
    expect(recent[0]).toHaveTextContent("Completed");

    await u.click(within(rows[0] as HTMLElement).getByTestId("patient-checkin"));
    await waitFor(async () => {
      const checked = (await ops.patientAppointments(ana.id)).upcoming.find((a) => a.id === today.id);
      expect(checked?.status).toBe("checked_in");
      expect(checked?.visit_id).not.toBeNull();
    });
    await waitFor(() => expect(screen.getAllByTestId("patient-upcoming")[0]).toHaveAttribute("data-status", "checked_in"));
    expect(within(screen.getAllByTestId("patient-upcoming")[0] as HTMLElement).queryByTestId("patient-checkin")).not.toBeInTheDocument();
    expect(await screen.findByText("Ana Quintanilla is on the queue board.")).toBeInTheDocument();
  });

  it("opens an appointment in the book", async () => {
    const u = setupUser();
    const { location } = renderPanel();
    const rows = await screen.findAllByTestId("patient-upcoming");
    await u.click(within(rows[1] as HTMLElement).getByTestId("patient-appointment-open"));
    expect(currentPath(location)).toBe(`/book/${later.clinic_day}/${later.id}`);
  });

  it("books with the patient filled in, offering the clinician's free times", async () => {
    const u = setupUser();
    // A weekday a month ahead, past the demo book: every time of the clinician's day is free.
    const quietDay = weekdayAfter(reception.info.today, 30);
    renderPanel();
    await u.click(await screen.findByTestId("patient-book-appointment"));
    const form = await screen.findByTestId("booking-form");
    expect(within(form).getByTestId("booking-patient")).toHaveTextContent("Quintanilla, Ana");
    await u.click(within(form).getByTestId("booking-clinician"));
    await u.click(await screen.findByRole("option", { name: "Siobhán Byrne" }));
    // The day starts as today; a quiet one is typed over it.
    expect(within(form).getByTestId("booking-date")).toHaveValue(formatDate(reception.info.today, reception.info.date_format));
    await u.clear(within(form).getByTestId("booking-date"));
    await u.type(within(form).getByTestId("booking-date"), `${quietDay}{Tab}`);
    const slots = await within(form).findByTestId("booking-free-slots");
    // The core's slots: Siobhán Byrne's default week, 20-minute follow-ups from 09:00, none over lunch.
    expect(within(slots).getByText("09:00")).toBeInTheDocument();
    expect(within(slots).queryByText("13:00")).not.toBeInTheDocument();
    await u.click(within(slots).getByText("14:20"));
    expect(within(form).getByTestId("booking-time")).toHaveValue("14:20");
    await u.click(within(form).getByTestId("booking-submit"));
    await waitFor(() => expect(screen.queryByTestId("booking-form")).not.toBeInTheDocument());

    const made = (await ops.patientAppointments(ana.id)).upcoming.find((a) => a.clinic_day === quietDay);
    expect(made).toMatchObject({ clinician_id: byrne.id, start_time: "14:20", kind: "follow_up", status: "scheduled" });
    expect(Date.parse(made?.ends_at ?? "") - Date.parse(made?.starts_at ?? "")).toBe(20 * 60_000);
    await waitFor(() => expect(screen.getAllByTestId("patient-upcoming")).toHaveLength(3));
  });

  it("is not shown without the right to manage appointments", async () => {
    const pharmacy = await signInAs("pharmacy");
    expect(pharmacy.user.permissions).not.toContain("manage_appointments");
    renderApp(<PatientAppointmentsPanel patient={ana} />, { ...pharmacy, path: `/patients/${ana.id}` });
    expect(screen.queryByTestId("patient-appointments")).not.toBeInTheDocument();
  });
});
