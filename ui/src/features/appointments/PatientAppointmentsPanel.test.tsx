// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

import * as ops from "../../api/operations";
import { appointment, okafor, schedule, walsh } from "../../test/appointments";
import { currentPath, patient, receptionistUser, renderApp, setupUser } from "../../test/render";
import { PatientAppointmentsPanel } from "./PatientAppointmentsPanel";

vi.mock("../../api/operations");

const today = appointment({ id: "t1", clinic_day: "2024-06-15", start_time: "11:00", reason: "Pressure check" });
const later = appointment({ id: "l1", clinic_day: "2024-06-20", start_time: "09:40", clinician_name: "Liam Walsh", kind: "refraction" });
const past = appointment({ id: "p1", clinic_day: "2024-05-02", status: "completed" });

describe("a patient's appointments", () => {
  beforeEach(() => {
    vi.mocked(ops.setAppointmentStatus).mockReset();
    vi.mocked(ops.bookAppointment).mockReset();
    vi.mocked(ops.patientAppointments).mockResolvedValue({ upcoming: [today, later], recent: [past] });
    vi.mocked(ops.listClinicians).mockResolvedValue({ clinicians: [okafor, walsh] });
    vi.mocked(ops.getSchedule).mockImplementation(async (id) => schedule(id));
    vi.mocked(ops.freeSlots).mockImplementation(async (clinicianId, date) => ({
      date,
      closed_reason: null,
      length_minutes: 20,
      slots: clinicianId === "c2" ? [{ time: "14:20", starts_at: "", ends_at: "" }] : [],
    }));
  });

  it("offers check-in for today's scheduled appointment only", async () => {
    const u = setupUser();
    vi.mocked(ops.setAppointmentStatus).mockResolvedValue({ ...today, status: "checked_in" });
    renderApp(<PatientAppointmentsPanel patient={patient()} />, { path: "/patients/p1" });
    const rows = await screen.findAllByTestId("patient-upcoming");
    expect(rows).toHaveLength(2);
    expect(within(rows[1] as HTMLElement).queryByTestId("patient-checkin")).not.toBeInTheDocument();
    expect(screen.getAllByTestId("patient-recent")).toHaveLength(1);
    await u.click(within(rows[0] as HTMLElement).getByTestId("patient-checkin"));
    expect(ops.setAppointmentStatus).toHaveBeenCalledWith("t1", "checked_in", null);
  });

  it("opens an appointment in the book", async () => {
    const u = setupUser();
    const { location } = renderApp(<PatientAppointmentsPanel patient={patient()} />, { path: "/patients/p1" });
    const rows = await screen.findAllByTestId("patient-upcoming");
    await u.click(within(rows[1] as HTMLElement).getByTestId("patient-appointment-open"));
    expect(currentPath(location)).toBe("/book/2024-06-20/l1");
  });

  it("books with the patient filled in, offering the clinician's free times", async () => {
    const u = setupUser();
    vi.mocked(ops.bookAppointment).mockResolvedValue(appointment({ id: "new", clinician_id: "c2", start_time: "14:20" }));
    renderApp(<PatientAppointmentsPanel patient={patient()} />, { path: "/patients/p1" });
    await u.click(await screen.findByTestId("patient-book-appointment"));
    const form = await screen.findByTestId("booking-form");
    expect(within(form).getByTestId("booking-patient")).toHaveTextContent("Ruiz, Ana");
    await u.click(within(form).getByTestId("booking-clinician"));
    await u.click(await screen.findByRole("option", { name: "Liam Walsh" }));
    await u.click(await within(form).findByText("14:20"));
    expect(within(form).getByTestId("booking-time")).toHaveValue("14:20");
    await u.click(within(form).getByTestId("booking-submit"));
    await waitFor(() =>
      expect(ops.bookAppointment).toHaveBeenCalledWith(
        expect.objectContaining({ patient_id: "p1", clinician_id: "c2", date: "2024-06-15", time: "14:20", length_minutes: 20, kind: "follow_up" }),
      ),
    );
  });

  it("is not shown without the right to manage appointments", () => {
    renderApp(<PatientAppointmentsPanel patient={patient()} />, {
      path: "/patients/p1",
      user: receptionistUser({ permissions: ["signed_in", "read_patients"] }),
    });
    expect(screen.queryByTestId("patient-appointments")).not.toBeInTheDocument();
  });
});
