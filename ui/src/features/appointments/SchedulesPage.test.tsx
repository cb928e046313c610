// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { ApiError } from "../../api/errors";
import * as ops from "../../api/operations";
import { okafor, schedule, walsh } from "../../test/appointments";
import { renderApp, setupUser } from "../../test/render";
import { SchedulesPage } from "./SchedulesPage";

vi.mock("../../api/operations");

describe("schedules", () => {
  beforeEach(() => {
    vi.mocked(ops.listClinicians).mockResolvedValue({ clinicians: [okafor, walsh] });
    vi.mocked(ops.getSchedule).mockImplementation(async (id) => schedule(id));
    vi.mocked(ops.freeSlots).mockImplementation(async (_c, date) => ({ date, closed_reason: null, length_minutes: 20, slots: [] }));
    vi.mocked(ops.setSchedule).mockReset();
    vi.mocked(ops.setClosedDay).mockReset();
  });

  it("saves a changed week", async () => {
    const u = setupUser();
    vi.mocked(ops.setSchedule).mockImplementation(async (s) => s);
    renderApp(<SchedulesPage />, { path: "/book/schedules" });
    await screen.findByTestId("schedule-form");
    await u.click(screen.getByTestId("schedule-day-5-working")); // Saturday off
    await u.click(screen.getByTestId("schedule-day-0-add-break"));
    await u.clear(screen.getByTestId("schedule-day-0-break-1-start"));
    await u.type(screen.getByTestId("schedule-day-0-break-1-start"), "10:30");
    await u.clear(screen.getByTestId("schedule-day-0-break-1-end"));
    await u.type(screen.getByTestId("schedule-day-0-break-1-end"), "10:45");
    await u.type(screen.getByTestId("schedule-minutes-refraction"), "25");
    await u.click(screen.getByTestId("schedule-submit"));
    await waitFor(() => expect(ops.setSchedule).toHaveBeenCalled());
    const saved = vi.mocked(ops.setSchedule).mock.calls[0]?.[0];
    expect(saved?.days[5]).toBeNull();
    expect(saved?.days[0]?.breaks).toEqual([
      { start: "13:00", end: "14:00" },
      { start: "10:30", end: "10:45" },
    ]);
    expect(saved?.minutes_by_kind).toContainEqual({ kind: "refraction", minutes: 25 });
  });

  it("checks times before saving and shows the core's refusal at the day it names", async () => {
    const u = setupUser();
    vi.mocked(ops.setSchedule).mockRejectedValue(new ApiError("validation", "The break 13:00–14:00 must lie within the working hours.", "days[2]"));
    renderApp(<SchedulesPage />, { path: "/book/schedules" });
    await screen.findByTestId("schedule-form");
    await u.clear(screen.getByTestId("schedule-day-1-end"));
    await u.type(screen.getByTestId("schedule-day-1-end"), "8:00");
    await u.click(screen.getByTestId("schedule-submit"));
    expect(await screen.findByText("The day must end after it starts.")).toBeInTheDocument();
    expect(ops.setSchedule).not.toHaveBeenCalled();

    await u.clear(screen.getByTestId("schedule-day-1-end"));
    await u.type(screen.getByTestId("schedule-day-1-end"), "17:00");
    await u.click(screen.getByTestId("schedule-submit"));
    const wednesday = screen.getByTestId("schedule-day-2");
    expect(await within(wednesday).findByText("The break 13:00–14:00 must lie within the working hours.")).toBeInTheDocument();
  });

  it("closes the clinic on a day", async () => {
    const u = setupUser();
    vi.mocked(ops.setClosedDay).mockResolvedValue(undefined);
    renderApp(<SchedulesPage />, { path: "/book/schedules" });
    await u.type(await screen.findByTestId("closed-day-reason"), "Bank holiday");
    await u.click(screen.getByTestId("closed-day-submit"));
    await waitFor(() => expect(ops.setClosedDay).toHaveBeenCalledWith({ date: "2024-06-16", closed: true, reason: "Bank holiday" }));
  });
});
