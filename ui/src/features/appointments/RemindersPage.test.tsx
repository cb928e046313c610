// @vitest-environment jsdom
import { existsSync, readFileSync } from "node:fs";

import { screen, waitFor, within } from "@testing-library/react";
import { beforeAll, describe, expect, it, vi } from "vitest";

import * as ops from "../../api/operations";
import type { AppInfo } from "../../bindings/AppInfo";
import type { CurrentUser } from "../../bindings/CurrentUser";
import type { Patient } from "../../bindings/Patient";
import { booked, clinician, weekdayAfter } from "../../test/appointments";
import { signInAs } from "../../test/demoClinic";
import { registered } from "../../test/patients";
import { renderApp, setupUser } from "../../test/render";
import { RemindersPage } from "./RemindersPage";
import { addDays, longDay } from "./time";

let reception: { user: CurrentUser; info: AppInfo };
let tomorrow: string;
let ana: Patient;
let kofi: Patient;
/** How many the core lists for tomorrow: the demo book's patients and ours. */
let total: number;

beforeAll(async () => {
  reception = await signInAs("reception");
  tomorrow = addDays(reception.info.today, 1);
  const okafor = await clinician("doctor");
  const byrne = await clinician("optom");
  ana = await registered({ first_name: "Ana", last_name: "Quintanilla", phones: ["0712 345 678"] });
  kofi = await registered({ first_name: "Kofi", last_name: "Quintanilla", phones: ["+44 20 7946 0000"] });
  // Before the demo book's first hour, so they clash with nothing the demo booked.
  await booked(ana.id, okafor.id, tomorrow, "08:00", { reason: "Pressure check" });
  await booked(kofi.id, byrne.id, tomorrow, "07:40", { kind: "refraction" });
  total = (await ops.reminders(null)).reminders.length;
});

function renderPage() {
  return renderApp(<RemindersPage />, { ...reception, path: "/book/reminders" });
}

async function rowOf(patient: Patient): Promise<HTMLElement> {
  return waitFor(() => {
    const row = screen.getAllByTestId("reminder-row").find((r) => r.getAttribute("data-mrn") === patient.mrn);
    if (!row) throw new Error(`${patient.mrn} is not on the list`);
    return row;
  });
}

describe("reminder calls", () => {
  it("lists tomorrow's patients by clinician, phones ready to dial", async () => {
    renderPage();
    const list = await screen.findByTestId("reminders-list");
    expect(await screen.findByText(`${longDay(tomorrow)} · tomorrow · ${total} of ${total} still to call`)).toBeInTheDocument();
    expect(within(list).getByRole("heading", { name: /^Dr Amara Okafor/ })).toBeInTheDocument();
    expect(within(list).getByRole("heading", { name: /^Siobhán Byrne/ })).toBeInTheDocument();

    const anaRow = within(await rowOf(ana));
    expect(anaRow.getByText("08:00")).toBeInTheDocument();
    expect(anaRow.getByText("Pressure check")).toBeInTheDocument();
    expect(anaRow.getByRole("link", { name: "0712 345 678" })).toHaveAttribute("href", "tel:0712345678");
    const kofiRow = within(await rowOf(kofi));
    expect(kofiRow.getByText("Refraction")).toBeInTheDocument();
    expect(kofiRow.getByRole("link", { name: "+44 20 7946 0000" })).toHaveAttribute("href", "tel:+442079460000");
  });

  it("marks a call with its note, and shows who called", async () => {
    const u = setupUser();
    renderPage();
    const row = await rowOf(ana);
    await u.type(within(row).getByTestId("reminder-note"), "Left a voicemail");
    await u.click(within(row).getByTestId("reminder-called"));
    const calledBy = await within(row).findByTestId("reminder-called-by");
    expect(calledBy).toHaveTextContent(reception.user.full_name);
    expect(calledBy).toHaveTextContent("— Left a voicemail");
    expect(within(row).getByTestId("reminder-called")).toBeChecked();
    expect(screen.getByText(new RegExp(`· ${total - 1} of ${total} still to call`))).toBeInTheDocument();
    const stored = (await ops.reminders(tomorrow)).reminders.find((r) => r.appointment.patient_id === ana.id);
    expect(stored).toMatchObject({ called_by_name: reception.user.full_name, call_note: "Left a voicemail" });
    expect(stored?.called_at).not.toBeNull();

    await u.click(within(row).getByTestId("reminder-called"));
    await waitFor(() => expect(within(row).queryByTestId("reminder-called-by")).not.toBeInTheDocument());
    expect(within(row).getByTestId("reminder-called")).not.toBeChecked();
    expect(screen.getByText(new RegExp(`· ${total} of ${total} still to call`))).toBeInTheDocument();
    const cleared = (await ops.reminders(tomorrow)).reminders.find((r) => r.appointment.patient_id === ana.id);
    expect(cleared).toMatchObject({ called_at: null, called_by_name: null, call_note: null });
  });

  it("prints the list", async () => {
    const u = setupUser();
    const print = vi.spyOn(window, "print").mockImplementation(() => {});
    renderPage();
    await screen.findByTestId("reminders-list");
    await u.click(screen.getByTestId("reminders-print"));
    expect(print).toHaveBeenCalledTimes(1);
  });

  it("saves the list as a PDF and says where it is", async () => {
    const u = setupUser();
    renderPage();
    await screen.findByTestId("reminders-list");
    await u.click(screen.getByTestId("reminders-pdf"));
    // Outside the desktop app there is no viewer to hand the file to: the page says where the core saved it.
    expect(await screen.findByText("Call list saved, but it could not be opened")).toBeInTheDocument();
    const message = screen.getByText(/^The file is saved at /).textContent ?? "";
    expect(message).toMatch(/Documents open only in the desktop app\./);
    const path = /^The file is saved at (.+\.pdf)\. /.exec(message)?.[1] ?? "";
    // Named after the day, numbered when another test file's list of that day took the name first.
    expect(path).toMatch(new RegExp(`/Reminder-calls-${tomorrow}(-\\d+)?\\.pdf$`));
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("says when there is nobody to ring", async () => {
    const u = setupUser();
    // A weekday a month ahead, past the demo book.
    const quietDay = weekdayAfter(reception.info.today, 30);
    renderPage();
    await screen.findByTestId("reminders-list");
    await u.clear(screen.getByTestId("reminders-date"));
    await u.type(screen.getByTestId("reminders-date"), `${quietDay}{Tab}`);
    expect(await screen.findByTestId("reminders-empty")).toHaveTextContent(`Nobody has an appointment on ${longDay(quietDay)}`);
    expect(screen.getByTestId("reminders-print")).toBeDisabled();
    expect(screen.getByTestId("reminders-pdf")).toBeDisabled();
  });
});
