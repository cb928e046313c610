// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

import * as ops from "../../api/operations";
import { chart, doctorUser, optometristUser, trendPoint } from "../../test/exams";
import { currentPath, patient, receptionistUser, renderApp, setupUser } from "../../test/render";
import { ChartPanel } from "./ChartPanel";

vi.mock("../../api/operations");

const getChart = vi.mocked(ops.getChart);

const withHistory = chart({
  visits: [
    { visit_id: "v2", clinic_day: "2024-05-02", clinician_name: "Dr Amara Okafor", has_workup: true, has_consultation: true, signed: true, diagnoses: [{ code: "H40.1111", description: "Primary open-angle glaucoma, right eye, mild stage" }] },
    { visit_id: "v1", clinic_day: "2023-11-20", clinician_name: "Liam Walsh", has_workup: true, has_consultation: false, signed: false, diagnoses: [] },
  ],
  trends: {
    bcva_od: [trendPoint("2023-11-20", 0.3, "6/12", "6/12"), trendPoint("2024-05-02", 0.18, "6/9", "6/9")],
    bcva_os: [trendPoint("2023-11-20", 0.48, "6/18", "6/18"), trendPoint("2024-05-02", 0.3, "20/40", "6/12")],
    iop_od: [trendPoint("2023-11-20", 19, "19"), trendPoint("2024-05-02", 24, "24")],
    iop_os: [trendPoint("2023-11-20", 17, "17"), trendPoint("2024-05-02", 18, "18")],
    iop_limit: 21,
  },
  latest_final_refraction: {
    clinic_day: "2024-05-02",
    visit_id: "v2",
    refraction: { kind: "final", od: { sphere: -1.25, cylinder: { power: -0.5, axis: 90 }, add: 2, prism: null, pd: null }, os: null, pd: 63 },
    od: "-1.25 / -0.50 × 090",
    os: null,
  },
});

describe("the patient's chart", () => {
  beforeEach(() => {
    getChart.mockReset();
    vi.mocked(ops.startVisit).mockReset();
  });

  it("draws both eyes' acuity and pressure, with the pressure limit, and lists the visits", async () => {
    getChart.mockResolvedValue(withHistory);
    renderApp(<ChartPanel patient={patient()} />, { path: "/patients/p1", user: doctorUser() });
    const bcva = await screen.findByTestId("chart-bcva");
    expect(bcva).toHaveAttribute("data-points", "2");
    expect(within(bcva).getByText("OD — right eye")).toBeInTheDocument();
    expect(within(bcva).getByText("OS — left eye")).toBeInTheDocument();
    await waitFor(() => expect(bcva.querySelectorAll(".recharts-line")).toHaveLength(2));
    // Better vision is up: the LogMAR axis is reversed.
    expect(within(bcva).getByText("LogMAR (better ↑)")).toBeInTheDocument();
    const iop = screen.getByTestId("chart-iop");
    await waitFor(() => expect(iop.querySelectorAll(".recharts-line")).toHaveLength(2));
    await waitFor(() => expect(iop.querySelector(".recharts-reference-line")).not.toBeNull());
    expect(within(iop).getAllByText("21 mmHg").length).toBeGreaterThan(0);
    expect(screen.getByText(/Latest: OD 6\/9 \(02\/05\/2024\) · OS 6\/12 \(typed 20\/40\) \(02\/05\/2024\)/)).toBeInTheDocument();

    const rows = screen.getAllByTestId("chart-visit-row");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("02/05/2024");
    expect(rows[0]).toHaveTextContent("H40.1111 Primary open-angle glaucoma, right eye, mild stage");
    expect(within(rows[0] as HTMLElement).getByTestId("chart-visit-signed")).toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).queryByTestId("chart-visit-signed")).not.toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).getByTestId("chart-visit-open")).toHaveAttribute("href", "/visits/v1/exam");
    expect(screen.getByTestId("chart-latest-rx-od")).toHaveTextContent("-1.25 / -0.50 × 090 ADD +2.00");
    expect(screen.getByTestId("chart-latest-rx-os")).toHaveTextContent("—");
  });

  it("says when there are no visits yet, and when visits have no measurements", async () => {
    getChart.mockResolvedValue(chart());
    const first = renderApp(<ChartPanel patient={patient()} />, { path: "/patients/p1", user: doctorUser() });
    expect(await screen.findByTestId("chart-no-visits")).toBeInTheDocument();
    expect(screen.queryByTestId("chart-bcva")).not.toBeInTheDocument();
    first.unmount();

    getChart.mockResolvedValue(chart({ visits: withHistory.visits }));
    renderApp(<ChartPanel patient={patient()} />, { path: "/patients/p1", user: doctorUser() });
    expect(await screen.findByTestId("chart-no-measurements")).toBeInTheDocument();
    expect(screen.getAllByTestId("chart-visit-row")).toHaveLength(2);
  });

  it("starts an examination and opens it", async () => {
    const u = setupUser();
    getChart.mockResolvedValue(chart());
    vi.mocked(ops.startVisit).mockResolvedValue({ visit_id: "v9", created: true });
    const { location } = renderApp(<ChartPanel patient={patient()} />, { path: "/patients/p1", user: optometristUser() });
    await u.click(await screen.findByTestId("chart-start-exam"));
    expect(ops.startVisit).toHaveBeenCalledWith("p1");
    await waitFor(() => expect(currentPath(location)).toBe("/visits/v9/exam"));
  });

  it("is not there without clinical access, and cannot start an archived patient's examination", async () => {
    renderApp(<ChartPanel patient={patient()} />, { path: "/patients/p1", user: receptionistUser() });
    expect(screen.queryByTestId("chart")).not.toBeInTheDocument();
    expect(getChart).not.toHaveBeenCalled();

    getChart.mockResolvedValue(chart());
    renderApp(<ChartPanel patient={patient({ archived: true })} />, { path: "/patients/p1", user: doctorUser() });
    expect(await screen.findByTestId("chart-start-exam")).toBeDisabled();
  });
});
