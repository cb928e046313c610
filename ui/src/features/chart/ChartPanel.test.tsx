// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import * as ops from "../../api/operations";
import type { AcuityInput } from "../../bindings/AcuityInput";
import type { EyeAcuityInput } from "../../bindings/EyeAcuityInput";
import { formatDate } from "../../lib/dates";
import { signInAs, type DemoStaff, todaysTrailOf } from "../../test/demoClinic";
import {
  consultationInput,
  finalRx,
  finished,
  pastVisit,
  rxEye,
  signed,
  startedVisit,
  workupInput,
  iopInput,
} from "../../test/exams";
import { registered } from "../../test/patients";
import { currentPath, renderApp, setupUser } from "../../test/render";
import { ChartPanel } from "./ChartPanel";


const blank: EyeAcuityInput = { sc: null, cc: null, ph: null, bcva: null, near_sc: null, near_cc: null };

function bcva(od: string, os: string): AcuityInput {
  return { od: { ...blank, bcva: od }, os: { ...blank, bcva: os } };
}

/** Renders the chart of a patient, as stored by the core, for `who`. */
async function renderChart(patientId: string, who: DemoStaff = "doctor") {
  const staff = await signInAs(who);
  const patient = await ops.getPatient(patientId);
  return { ...renderApp(<ChartPanel patient={patient} />, { ...staff, path: `/patients/${patientId}` }), ...staff };
}

describe("the patient's chart", () => {
  it("draws both eyes' acuity and pressure, with the pressure limit, and lists the visits", async () => {
    const { info } = await signInAs("doctor");
    // Last week: a work-up only, never signed.
    const before = await pastVisit(info.today, { daysBack: 2 });
    await signInAs("optom");
    await ops.saveWorkup(before.visitId, workupInput({ acuity: bcva("6/12", "6/18"), iop: iopInput("19", "17") }));
    // Today: glasses prescribed, a diagnosis, signed.
    await signInAs("doctor");
    const today = await startedVisit(before.patientId);
    await ops.saveWorkup(
      today,
      workupInput({
        acuity: bcva("6/9", "20/40"),
        iop: iopInput("24", "18"),
        refractions: [finalRx({ ...rxEye("-1.25", "-0.50", "90"), add: "+2.00" }, rxEye(null), "63")],
      }),
    );
    await ops.saveConsultation(today, consultationInput({ diagnoses: [{ code: "H40.1111", eye: "od", note: null }] }));
    await signed(today);

    await renderChart(before.patientId);
    const bcvaChart = await screen.findByTestId("chart-bcva");
    expect(bcvaChart).toHaveAttribute("data-points", "2");
    expect(within(bcvaChart).getByText("OD — right eye")).toBeInTheDocument();
    expect(within(bcvaChart).getByText("OS — left eye")).toBeInTheDocument();
    await waitFor(() => expect(bcvaChart.querySelectorAll(".recharts-line")).toHaveLength(2));
    // Better vision is up: the LogMAR axis is reversed.
    expect(within(bcvaChart).getByText("LogMAR (better ↑)")).toBeInTheDocument();
    const iopChart = screen.getByTestId("chart-iop");
    expect(iopChart).toHaveAttribute("data-points", "2");
    await waitFor(() => expect(iopChart.querySelectorAll(".recharts-line")).toHaveLength(2));
    await waitFor(() => expect(iopChart.querySelector(".recharts-reference-line")).not.toBeNull());
    expect(within(iopChart).getAllByText("21 mmHg").length).toBeGreaterThan(0);
    const day = formatDate(info.today, info.date_format);
    expect(screen.getByText(`Latest: OD 6/9 (${day}) · OS 6/12 (typed 20/40) (${day})`)).toBeInTheDocument();
    expect(screen.getByText(`Latest: OD 24 mmHg (${day}) · OS 18 mmHg (${day})`)).toBeInTheDocument();

    // Latest first.
    const rows = screen.getAllByTestId("chart-visit-row");
    expect(rows).toHaveLength(2);
    const [latest, earlier] = rows as [HTMLElement, HTMLElement];
    expect(latest).toHaveTextContent(day);
    expect(latest).toHaveTextContent("Dr Amara Okafor");
    expect(latest).toHaveTextContent("H40.1111 Primary open-angle glaucoma, right eye, mild stage");
    expect(within(latest).getByTestId("chart-visit-signed")).toBeInTheDocument();
    expect(within(latest).getByTestId("chart-visit-open")).toHaveAttribute("href", `/visits/${today}/exam`);
    expect(earlier).toHaveTextContent(formatDate(before.clinicDay, info.date_format));
    expect(earlier).toHaveTextContent(before.clinicianName);
    expect(earlier).toHaveTextContent("Work-up only");
    expect(within(earlier).queryByTestId("chart-visit-signed")).not.toBeInTheDocument();
    expect(within(earlier).getByTestId("chart-visit-open")).toHaveAttribute("href", `/visits/${before.visitId}/exam`);
    expect(screen.getByTestId("chart-latest-rx-od")).toHaveTextContent("-1.25 / -0.50 × 090 ADD +2.00");
    expect(screen.getByTestId("chart-latest-rx-os")).toHaveTextContent("—");
  });

  it("says when there are no visits yet, and when visits have no measurements", async () => {
    await signInAs("doctor");
    const never = await registered({ first_name: "Ana", last_name: "Quintanilla" });
    const first = await renderChart(never.id);
    expect(await screen.findByTestId("chart-no-visits")).toBeInTheDocument();
    expect(screen.queryByTestId("chart-bcva")).not.toBeInTheDocument();
    first.unmount();

    // Two visits today: unaided acuity only (not charted), then one with nothing saved yet.
    const seen = await registered({ first_name: "Luis", last_name: "Quintanilla" });
    const one = await startedVisit(seen.id);
    await ops.saveWorkup(one, workupInput({ acuity: { od: { ...blank, sc: "6/12" }, os: blank } }));
    await finished(one);
    await startedVisit(seen.id);
    await renderChart(seen.id);
    expect(await screen.findByTestId("chart-no-measurements")).toBeInTheDocument();
    const rows = screen.getAllByTestId("chart-visit-row");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("Nothing recorded yet");
    expect(rows[1]).toHaveTextContent("Work-up only");
    expect(screen.getByText("No final refraction recorded yet.")).toBeInTheDocument();
  });

  it("starts an examination and opens it", async () => {
    const u = setupUser();
    await signInAs("doctor");
    const patient = await registered({ first_name: "Ana", last_name: "Quintanilla" });
    const { location } = await renderChart(patient.id, "optom");
    await u.click(await screen.findByTestId("chart-start-exam"));
    await waitFor(() => expect(currentPath(location)).toMatch(/^\/visits\/[^/]+\/exam$/));
    const visitId = currentPath(location)?.split("/")[2] ?? "";
    // A new visit today, the optometrist's, straight into the work-up.
    const view = await ops.getExam(visitId);
    expect(view).toMatchObject({ stage: "in_workup", clinician_name: "Siobhán Byrne" });
    expect(view.patient.id).toBe(patient.id);
  });

  it("is not there without clinical access, and cannot start an archived patient's examination", async () => {
    await signInAs("doctor");
    const patient = await registered({ first_name: "Ana", last_name: "Quintanilla" });
    const reception = await renderChart(patient.id, "reception");
    expect(screen.queryByTestId("chart")).not.toBeInTheDocument();
    // The core records every call, refused ones too: the receptionist's session never asked for a chart.
    const trail = await todaysTrailOf(reception.user.id);
    expect(trail.filter((e) => e.operation === "exams.chart")).toEqual([]);
    reception.unmount();

    await signInAs("doctor");
    await ops.archivePatient(patient.id, true);
    await renderChart(patient.id);
    expect(await screen.findByTestId("chart-start-exam")).toBeDisabled();
    await expect(ops.startVisit(patient.id)).rejects.toMatchObject({
      code: "conflict",
      message: "This patient is archived; restore them first.",
    });
  });
});
