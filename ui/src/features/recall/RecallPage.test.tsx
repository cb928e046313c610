// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

import * as ops from "../../api/operations";
import type { RecallEntry } from "../../bindings/RecallEntry";
import { appointment, okafor, schedule, walsh } from "../../test/appointments";
import { recallEntry } from "../../test/exams";
import { patient, renderApp, setupUser } from "../../test/render";
import { RecallPage } from "./RecallPage";

vi.mock("../../api/operations");

const recall = vi.mocked(ops.recall);

describe("the recall list", () => {
  let entries: RecallEntry[];
  beforeEach(() => {
    entries = [
      recallEntry({ patient_id: "p1", due_on: "2024-06-10", patient_name: "Ana Ruiz" }),
      recallEntry({ patient_id: "p2", patient_name: "Kofi Mensah", patient_mrn: "R1-000002", due_on: "2024-06-20", booked_on: "2024-06-21" }),
    ];
    recall.mockReset().mockImplementation(async (from, to) => ({ from: from ?? "2024-05-18", to: to ?? "2024-07-13", entries }));
    vi.mocked(ops.getPatient).mockReset().mockResolvedValue(patient());
    vi.mocked(ops.listClinicians).mockResolvedValue({ clinicians: [okafor, walsh] });
    vi.mocked(ops.getSchedule).mockImplementation(async (id) => schedule(id));
    vi.mocked(ops.freeSlots).mockImplementation(async (_c, date) => ({ date, closed_reason: null, length_minutes: 20, slots: [{ time: "10:40", starts_at: "", ends_at: "" }] }));
    vi.mocked(ops.bookAppointment).mockReset();
  });

  it("lists who is due, whether booked, with the core's default range", async () => {
    renderApp(<RecallPage />, { path: "/recall" });
    const rows = await screen.findAllByTestId("recall-row");
    expect(recall).toHaveBeenCalledWith(null, null);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("10/06/2024");
    expect(rows[0]).toHaveTextContent("5 days overdue");
    expect(rows[0]).toHaveTextContent("in 3 months");
    expect(within(rows[0] as HTMLElement).getByRole("link", { name: "Ana Ruiz" })).toHaveAttribute("href", "/patients/p1");
    expect(within(rows[0] as HTMLElement).getByTestId("recall-book")).toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).getByTestId("recall-booked")).toHaveTextContent("Booked on 21/06/2024");
    expect(within(rows[1] as HTMLElement).queryByTestId("recall-book")).not.toBeInTheDocument();
    // The range fields take the core's answer a render after the rows: wait, on a busy machine too.
    await waitFor(() => expect(screen.getByTestId("recall-from")).toHaveValue("18/05/2024"));
    expect(screen.getByText(/2 due, 1 booked, 1 to contact/)).toBeInTheDocument();
  });

  it("books a patient due back in the usual form, then shows them booked", async () => {
    const u = setupUser();
    vi.mocked(ops.bookAppointment).mockImplementation(async (r) => {
      entries = entries.map((e) => (e.patient_id === r.patient_id ? { ...e, booked_on: r.date } : e));
      return appointment({ clinic_day: r.date, start_time: r.time });
    });
    renderApp(<RecallPage />, { path: "/recall" });
    const first = (await screen.findAllByTestId("recall-row"))[0] as HTMLElement;
    await u.click(within(first).getByTestId("recall-book"));
    const form = await screen.findByTestId("booking-form");
    expect(within(form).getByTestId("booking-patient")).toHaveTextContent("Ruiz, Ana");
    // Overdue: offered from today.
    expect(within(form).getByTestId("booking-date")).toHaveValue("15/06/2024");
    await u.click(within(form).getByTestId("booking-clinician"));
    await u.click(await screen.findByRole("option", { name: "Dr Amara Okafor" }));
    await u.click(await within(form).findByText("10:40"));
    await u.click(within(form).getByTestId("booking-submit"));
    await waitFor(() => expect(ops.bookAppointment).toHaveBeenCalledWith(expect.objectContaining({ patient_id: "p1", clinician_id: "c1", date: "2024-06-15", time: "10:40" })));
    await waitFor(() => expect(within(screen.getAllByTestId("recall-row")[0] as HTMLElement).getByTestId("recall-booked")).toHaveTextContent("Booked on 15/06/2024"));
  });

  it("says when nobody is due", async () => {
    entries = [];
    renderApp(<RecallPage />, { path: "/recall" });
    expect(await screen.findByTestId("recall-empty")).toHaveTextContent("between 18/05/2024 and 13/07/2024");
  });
});
