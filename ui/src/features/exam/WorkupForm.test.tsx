// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { ApiError } from "../../api/errors";
import * as ops from "../../api/operations";
import type { RefractionInput } from "../../bindings/RefractionInput";
import type { WorkupInput } from "../../bindings/WorkupInput";
import { exam, noDerived, optometristUser } from "../../test/exams";
import { renderApp, setupUser } from "../../test/render";
import { ExamPage } from "./ExamPage";

vi.mock("../../api/operations");

const getExam = vi.mocked(ops.getExam);
const check = vi.mocked(ops.checkWorkup);
const save = vi.mocked(ops.saveWorkup);

const glasses: RefractionInput = {
  kind: "current_glasses",
  od: { sphere: "-1.25", cylinder: "-0.50", axis: "90", add: null, prism: null, prism_base: null, pd: null },
  os: { sphere: "-1.00", cylinder: null, axis: null, add: null, prism: null, prism_base: null, pd: null },
  pd: "63",
};

function open(view = exam()) {
  getExam.mockResolvedValue(view);
  return renderApp(<ExamPage visitId="v1" />, { path: "/visits/v1/exam", user: optometristUser() });
}

const sent = (call = 0): WorkupInput => save.mock.calls[call]?.[1] as WorkupInput;

describe("the work-up form", () => {
  beforeEach(() => {
    getExam.mockReset();
    check.mockReset().mockResolvedValue(noDerived);
    save.mockReset();
  });

  it("shows who the patient is, with allergies prominent", async () => {
    open();
    const header = await screen.findByTestId("exam-patient");
    expect(header).toHaveTextContent("Ana Ruiz");
    expect(header).toHaveTextContent("R1-000001");
    expect(header).toHaveTextContent("Dr Amara Okafor");
    expect(within(header).getByTestId("exam-allergies")).toHaveTextContent("Penicillin");
    expect(within(header).getByTestId("exam-stage")).toHaveTextContent("In work-up");
    expect(within(header).getByTestId("exam-signed-status")).toHaveTextContent("Not signed");
  });

  it("goes OD then OS then the next row with Tab, in acuity and in a refraction", async () => {
    const u = setupUser();
    open();
    const odSc = await screen.findByTestId("va-od-sc");
    expect(odSc).toHaveAttribute("placeholder", "6/9");
    odSc.focus();
    await u.tab();
    expect(document.activeElement).toBe(screen.getByTestId("va-os-sc"));
    await u.tab();
    expect(document.activeElement).toBe(screen.getByTestId("va-od-cc"));

    await u.click(screen.getByTestId("rx-add-final"));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("rx-final-od-sphere")));
    await u.tab();
    expect(document.activeElement).toBe(screen.getByTestId("rx-final-os-sphere"));
    await u.tab();
    expect(document.activeElement).toBe(screen.getByTestId("rx-final-od-cylinder"));
  });

  it("does not save on Enter, and saves on Ctrl+S", async () => {
    const u = setupUser();
    save.mockResolvedValue(exam());
    open();
    await u.type(await screen.findByTestId("va-od-sc"), "6/9{Enter}");
    expect(save).not.toHaveBeenCalled();
    await u.keyboard("{Control>}s{/Control}");
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    expect(sent().acuity.od.sc).toBe("6/9");
  });

  it("puts the core's error on final.od.axis under that field and moves the cursor there", async () => {
    const u = setupUser();
    save.mockRejectedValue(new ApiError("validation", "Axis is required with a cylinder: a whole number from 1 to 180.", "final.od.axis"));
    open();
    await u.click(await screen.findByTestId("rx-add-final"));
    await u.type(screen.getByTestId("rx-final-od-sphere"), "-1.25");
    await u.type(screen.getByTestId("rx-final-od-cylinder"), "-0.50");
    await u.click(screen.getByTestId("workup-save"));

    const axis = screen.getByTestId("rx-final-od-axis");
    await waitFor(() => expect(axis).toHaveAttribute("aria-invalid", "true"));
    expect(screen.getByText("Axis is required with a cylinder: a whole number from 1 to 180.")).toBeInTheDocument();
    await waitFor(() => expect(document.activeElement).toBe(axis));
    expect(screen.getByTestId("rx-final-os-axis")).not.toHaveAttribute("aria-invalid", "true");
    expect(sent().refractions).toEqual([
      {
        kind: "final",
        od: { sphere: "-1.25", cylinder: "-0.50", axis: null, add: null, prism: null, prism_base: null, pd: null },
        os: { sphere: null, cylinder: null, axis: null, add: null, prism: null, prism_base: null, pd: null },
        pd: null,
      },
    ]);
  });

  it("shows the running check's errors on fields once left, and the derived values of the rest", async () => {
    const u = setupUser();
    check.mockImplementation(async (input) => {
      const final = input.refractions.find((r) => r.kind === "final");
      if (final?.od.cylinder && !final.od.axis) throw new ApiError("validation", "Axis is required with a cylinder.", "final.od.axis");
      return {
        ...noDerived,
        acuity_od: { ...noDerived.acuity_od, bcva: input.acuity.od.bcva ? "6/12" : null, bcva_logmar: input.acuity.od.bcva ? "0.30" : null },
        refractions: final ? [{ kind: "final", od: null, os: final.os.sphere ? { minus_form: "-2.00 DS", plus_form: "-2.00 DS", spherical_equivalent: "-2.00" } : null }] : [],
      };
    });
    open();
    await u.type(await screen.findByTestId("va-od-bcva"), "20/40");
    await u.click(screen.getByTestId("rx-add-final"));
    await u.type(screen.getByTestId("rx-final-od-sphere"), "-1.25");
    await u.type(screen.getByTestId("rx-final-od-cylinder"), "-0.50");
    await u.type(screen.getByTestId("rx-final-os-sphere"), "-2.00");

    // The right eye's axis is wrong, yet the rest is still checked: the left eye's SE and the acuity show.
    expect(await screen.findByText("6/12 · LogMAR 0.30")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId("rx-final-os-se")).toHaveTextContent("-2.00"));
    // The axis was never visited, so its error waits.
    expect(screen.getByTestId("rx-final-od-axis")).not.toHaveAttribute("aria-invalid");
    await u.click(screen.getByTestId("rx-final-od-axis"));
    await u.tab();
    await waitFor(() => expect(screen.getByTestId("rx-final-od-axis")).toHaveAttribute("aria-invalid", "true"));
    expect(screen.getByText("Axis is required with a cylinder.")).toBeInTheDocument();
  });

  it("copies the last visit's glasses marked as copied, until a copied field is edited", async () => {
    const u = setupUser();
    save.mockImplementation(async () => exam());
    open(exam({ previous: { clinic_day: "2024-01-10", current_glasses: glasses, ocular_history: null, medical_history: null, family_history: null } }));
    await u.click(await screen.findByTestId("rx-copy-last"));
    expect(screen.getByTestId("copied-badge")).toHaveTextContent("Copied from 10/01/2024");
    expect(screen.getByTestId("rx-current_glasses-od-axis")).toHaveValue("90");
    expect(screen.getByTestId("rx-current_glasses-pd")).toHaveValue("63");
    await u.click(screen.getByTestId("workup-save"));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    expect(sent(0).copied).toEqual(["current_glasses"]);
    expect(sent(0).refractions[0]).toEqual(glasses);

    await u.type(screen.getByTestId("rx-current_glasses-os-add"), "+2.00");
    expect(screen.queryByTestId("copied-badge")).not.toBeInTheDocument();
    await u.click(screen.getByTestId("workup-save"));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(2));
    expect(sent(1).copied).toEqual([]);
  });

  it("offers no copy when the last visit had no glasses", async () => {
    open(exam({ previous: { clinic_day: "2024-01-10", current_glasses: null, ocular_history: null, medical_history: null, family_history: null } }));
    await screen.findByTestId("rx-add-final");
    expect(screen.queryByTestId("rx-copy-last")).not.toBeInTheDocument();
  });

  it("records normal with one click, abnormal in words, and an eye not examined as such", async () => {
    const u = setupUser();
    save.mockResolvedValue(exam());
    open();
    await u.click(await screen.findByTestId("findings-od-all-normal"));
    expect(screen.getByTestId("slit-od-cornea-normal")).toBeChecked();
    expect(screen.getByTestId("fundus-od-periphery-normal")).toBeChecked();
    await u.type(screen.getByTestId("slit-od-lens-text"), "Nuclear sclerosis 2+");
    expect(screen.getByTestId("slit-od-lens-normal")).not.toBeChecked();
    await u.click(screen.getByTestId("findings-os-not-examined"));
    expect(screen.getByTestId("slit-os-lens-text")).toBeDisabled();
    await u.click(screen.getByTestId("workup-save"));
    await waitFor(() => expect(save).toHaveBeenCalled());
    const findings = sent().findings;
    expect(findings.os).toBeNull();
    expect(findings.od?.slit_lamp.cornea).toEqual({ status: "normal" });
    expect(findings.od?.slit_lamp.lens).toEqual({ status: "abnormal", text: "Nuclear sclerosis 2+" });
  });

  it("shows pressure flags as hints from the core", async () => {
    const u = setupUser();
    check.mockImplementation(async (input) => ({
      ...noDerived,
      iop_flags: input.iop ? { od_high: true, os_high: false, asymmetric: true } : null,
    }));
    open();
    const time = await screen.findByTestId("iop-time");
    expect((time as HTMLInputElement).value).toMatch(/^\d{2}:\d{2}$/);
    await u.type(screen.getByTestId("iop-od"), "26");
    await u.type(screen.getByTestId("iop-os"), "18");
    await waitFor(() => expect(screen.getAllByTestId("iop-flag")).toHaveLength(2));
    expect(screen.getAllByTestId("iop-flag").map((f) => f.textContent)).toEqual([
      expect.stringContaining("OD above 21 mmHg"),
      expect.stringContaining("Difference over 5 mmHg"),
    ]);
    expect(screen.getByTestId("iop-od")).not.toHaveAttribute("aria-invalid");
  });

  it("moves the patient on after saving and says who saved when", async () => {
    const u = setupUser();
    save.mockImplementation(async (_visit, workup) => ({
      ...exam(),
      stage: "waiting_doctor",
      workup: {
        acuity: {
          od: { sc: { text: workup.acuity.od.sc ?? "", notation: "snellen_metric", logmar: 0.18, off_chart: null, cf_distance_cm: null }, cc: null, ph: null, bcva: null, near_sc: null, near_cc: null },
          os: { sc: null, cc: null, ph: null, bcva: null, near_sc: null, near_cc: null },
        },
        refractions: [],
        iop: null,
        findings: { od: null, os: null },
        notes: null,
        copied: [],
      },
      workup_derived: noDerived,
      workup_by_name: "Liam Walsh",
      workup_saved_at: "2024-06-15T09:41:00Z",
    }));
    open();
    expect(await screen.findByTestId("workup-saved-by")).toHaveTextContent("Not saved yet.");
    await u.type(screen.getByTestId("va-od-sc"), "6/9");
    expect(screen.getByTestId("workup-saved-by")).toHaveTextContent("Unsaved changes");
    await u.click(screen.getByTestId("workup-save"));
    await waitFor(() => expect(screen.getByTestId("exam-stage")).toHaveTextContent("Waiting for doctor"));
    expect(screen.getByTestId("workup-saved-by")).toHaveTextContent(/Saved by Liam Walsh on 15\/06\/2024/);
    expect(screen.getByTestId("workup-saved-by")).not.toHaveTextContent("Unsaved changes");
    expect(screen.getByTestId("va-od-sc")).toHaveValue("6/9");
  });
});
