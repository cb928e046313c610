// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";

import * as ops from "../../api/operations";
import type { AppInfo } from "../../bindings/AppInfo";
import type { Clinician } from "../../bindings/Clinician";
import type { CurrentUser } from "../../bindings/CurrentUser";
import { formatDate } from "../../lib/dates";
import { clinician } from "../../test/appointments";
import { signInAs } from "../../test/demoClinic";
import { failNextCall } from "../../test/faults";
import { renderApp, setupUser } from "../../test/render";
import { SchedulesPage } from "./SchedulesPage";
import { addDays, longDay, weekdayIndex } from "./time";

let reception: { user: CurrentUser; info: AppInfo };
let okafor: Clinician;

beforeAll(async () => {
  reception = await signInAs("reception");
  okafor = await clinician("doctor");
});

/** The first day at least `days` after `today` that falls on `weekday` (0 Monday … 6 Sunday). */
function dayAfter(today: string, days: number, weekday: number): string {
  let day = addDays(today, days);
  while (weekdayIndex(day) !== weekday) day = addDays(day, 1);
  return day;
}

function renderPage() {
  return renderApp(<SchedulesPage />, { ...reception, path: "/book/schedules" });
}

describe("schedules", () => {
  it("saves a changed week", async () => {
    const u = setupUser();
    renderPage();
    // The first clinician's week: the core's default, Monday to Friday with lunch.
    await screen.findByTestId("schedule-form");
    expect(screen.getByTestId("schedules-clinician")).toHaveValue("Dr Amara Okafor");
    expect(screen.getByTestId("schedule-day-4-working")).toBeChecked();
    expect(screen.getByTestId("schedule-day-5-working")).not.toBeChecked();
    await u.click(screen.getByTestId("schedule-day-4-working")); // Friday off
    await u.click(screen.getByTestId("schedule-day-0-add-break"));
    await u.clear(screen.getByTestId("schedule-day-0-break-1-start"));
    await u.type(screen.getByTestId("schedule-day-0-break-1-start"), "10:30");
    await u.clear(screen.getByTestId("schedule-day-0-break-1-end"));
    await u.type(screen.getByTestId("schedule-day-0-break-1-end"), "10:45");
    await u.type(screen.getByTestId("schedule-minutes-refraction"), "25");
    await u.click(screen.getByTestId("schedule-submit"));
    expect(await screen.findByText("Schedule saved")).toBeInTheDocument();

    const saved = await ops.getSchedule(okafor.id);
    expect(saved.days[4]).toBeNull();
    expect(saved.days[0]?.breaks).toEqual([
      { start: "13:00", end: "14:00" },
      { start: "10:30", end: "10:45" },
    ]);
    expect(saved.minutes_by_kind).toContainEqual({ kind: "refraction", minutes: 25 });
    expect(saved.minutes_by_kind).toContainEqual({ kind: "new_patient", minutes: 30 });
    // The core now offers no Friday slots and none in the new break.
    const friday = dayAfter(reception.info.today, 30, 4);
    expect((await ops.freeSlots(okafor.id, friday, "follow_up")).closed_reason).toBe("Not working on this weekday.");
    const monday = (await ops.freeSlots(okafor.id, dayAfter(reception.info.today, 30, 0), "follow_up")).slots.map((s) => s.time);
    expect(monday).toContain("10:00");
    expect(monday).not.toContain("10:20");
    expect(monday).toContain("10:45");
  });

  it("checks times before saving and shows the core's refusal at the day it names", async () => {
    const u = setupUser();
    const before = await ops.getSchedule(okafor.id);
    renderPage();
    await screen.findByTestId("schedule-form");
    await u.clear(screen.getByTestId("schedule-day-1-end"));
    await u.type(screen.getByTestId("schedule-day-1-end"), "8:00");
    await u.click(screen.getByTestId("schedule-submit"));
    const tuesday = screen.getByTestId("schedule-day-1");
    expect(await within(tuesday).findByText("The day must end after it starts.")).toBeInTheDocument();
    expect(await ops.getSchedule(okafor.id)).toEqual(before);

    // The form refuses every time the core would, so the core's own refusal cannot be reached from this screen:
    // its answer is given here, word for word and with the field it names (`days[2]`, from schedule.rs).
    failNextCall("schedules.set", "validation", "The break 13:00–14:00 must lie within the working hours.", "days[2]");
    await u.clear(screen.getByTestId("schedule-day-1-end"));
    await u.type(screen.getByTestId("schedule-day-1-end"), "17:00");
    await u.click(screen.getByTestId("schedule-submit"));
    const wednesday = screen.getByTestId("schedule-day-2");
    expect(await within(wednesday).findByText("The break 13:00–14:00 must lie within the working hours.")).toBeInTheDocument();
    expect(within(tuesday).queryByRole("alert")).not.toBeInTheDocument();
  });

  it("closes the clinic on a day, and reopens it", async () => {
    const u = setupUser();
    // A Wednesday, which the doctor works whatever the first test changed.
    const day = dayAfter(reception.info.today, 30, 2);
    renderPage();
    const dateInput = await screen.findByTestId("closed-day-date");
    // Tomorrow unless another day is chosen.
    expect(dateInput).toHaveValue(formatDate(addDays(reception.info.today, 1), reception.info.date_format));
    await u.clear(dateInput);
    await u.type(dateInput, `${day}{Tab}`);
    expect(await screen.findByText(`${longDay(day)} is open.`)).toBeInTheDocument();

    await u.type(screen.getByTestId("closed-day-reason"), "Bank holiday");
    await u.click(screen.getByTestId("closed-day-submit"));
    expect(await screen.findByText(`${longDay(day)} is closed: Bank holiday`)).toBeInTheDocument();
    const closed = await ops.freeSlots(okafor.id, day, "follow_up");
    expect(closed).toMatchObject({ closed_reason: "Bank holiday", slots: [] });

    await u.click(screen.getByTestId("closed-day-reopen"));
    expect(await screen.findByText(`${longDay(day)} is open.`)).toBeInTheDocument();
    await waitFor(async () => expect((await ops.freeSlots(okafor.id, day, "follow_up")).closed_reason).toBeNull());
  });
});
