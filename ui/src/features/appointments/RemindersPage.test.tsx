// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

import * as ops from "../../api/operations";
import type { Reminder } from "../../bindings/Reminder";
import { appointment } from "../../test/appointments";
import { renderApp, setupUser } from "../../test/render";
import { RemindersPage } from "./RemindersPage";

vi.mock("../../api/operations");

const list = vi.mocked(ops.reminders);
const mark = vi.mocked(ops.markCalled);

const row = (id: string, clinician: [string, string], time: string, mrn: string): Reminder => ({
  appointment: appointment({ id, clinician_id: clinician[0], clinician_name: clinician[1], start_time: time, patient_mrn: mrn, clinic_day: "2024-06-16" }),
  phones: ["0712 345 678"],
  called_at: null,
  called_by_name: null,
  call_note: null,
});

describe("reminder calls", () => {
  let rows: Reminder[];
  beforeEach(() => {
    rows = [row("a1", ["c1", "Dr Amara Okafor"], "09:00", "R1-000001"), row("a2", ["c2", "Liam Walsh"], "08:30", "R1-000002")];
    list.mockReset().mockImplementation(async (date) => ({ date: date ?? "2024-06-16", reminders: rows }));
    mark.mockReset().mockImplementation(async (id, called, note) => {
      rows = rows.map((r) =>
        r.appointment.id === id
          ? { ...r, called_at: called ? "2024-06-15T10:00:00Z" : null, called_by_name: called ? "Rita Byrne" : null, call_note: note }
          : r,
      );
      return rows.find((r) => r.appointment.id === id) as Reminder;
    });
  });

  it("lists tomorrow's patients by clinician, phones ready to dial", async () => {
    renderApp(<RemindersPage />, { path: "/book/reminders" });
    const listEl = await screen.findByTestId("reminders-list");
    expect(list).toHaveBeenCalledWith(null);
    expect(within(listEl).getByText("Dr Amara Okafor")).toBeInTheDocument();
    expect(within(listEl).getByText("Liam Walsh")).toBeInTheDocument();
    expect(within(listEl).getAllByRole("link", { name: "0712 345 678" })[0]).toHaveAttribute("href", "tel:0712345678");
    expect(screen.getByText(/Sunday 16 June 2024 · tomorrow · 2 of 2 still to call/)).toBeInTheDocument();
  });

  it("marks a call with its note, and shows who called", async () => {
    const u = setupUser();
    renderApp(<RemindersPage />, { path: "/book/reminders" });
    const first = (await screen.findAllByTestId("reminder-row"))[0] as HTMLElement;
    await u.type(within(first).getByTestId("reminder-note"), "Left a voicemail");
    await u.click(within(first).getByTestId("reminder-called"));
    expect(mark).toHaveBeenCalledWith("a1", true, "Left a voicemail");
    expect(await within(first).findByTestId("reminder-called-by")).toHaveTextContent("Rita Byrne");
    expect(within(first).getByTestId("reminder-called")).toBeChecked();
    expect(screen.getByText(/1 of 2 still to call/)).toBeInTheDocument();

    await u.click(within(first).getByTestId("reminder-called"));
    expect(mark).toHaveBeenLastCalledWith("a1", false, null);
    await waitFor(() => expect(within(first).queryByTestId("reminder-called-by")).not.toBeInTheDocument());
  });

  it("prints the list", async () => {
    const u = setupUser();
    const print = vi.spyOn(window, "print").mockImplementation(() => {});
    renderApp(<RemindersPage />, { path: "/book/reminders" });
    await screen.findByTestId("reminders-list");
    await u.click(screen.getByTestId("reminders-print"));
    expect(print).toHaveBeenCalledTimes(1);
  });

  it("saves the list as a PDF and opens it", async () => {
    const u = setupUser();
    vi.mocked(ops.printReminders).mockResolvedValue({ path: "/docs/Reminder calls 2024-06-16.pdf", file_name: "Reminder calls 2024-06-16.pdf", bytes: 9000 });
    vi.mocked(ops.openDocument).mockResolvedValue(undefined);
    renderApp(<RemindersPage />, { path: "/book/reminders" });
    await screen.findByTestId("reminders-list");
    await u.click(screen.getByTestId("reminders-pdf"));
    expect(ops.printReminders).toHaveBeenCalledWith("2024-06-16");
    await waitFor(() => expect(ops.openDocument).toHaveBeenCalledWith("/docs/Reminder calls 2024-06-16.pdf"));
    expect(await screen.findByText("Reminder calls 2024-06-16.pdf, in /docs")).toBeInTheDocument();
  });

  it("says when there is nobody to ring", async () => {
    rows = [];
    renderApp(<RemindersPage />, { path: "/book/reminders" });
    expect(await screen.findByTestId("reminders-empty")).toHaveTextContent("Nobody has an appointment on Sunday 16 June 2024");
    expect(screen.getByTestId("reminders-print")).toBeDisabled();
    expect(screen.getByTestId("reminders-pdf")).toBeDisabled();
  });
});
