// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { ApiError } from "../../api/errors";
import * as ops from "../../api/operations";
import type { Consultation } from "../../bindings/Consultation";
import type { ConsultationInput } from "../../bindings/ConsultationInput";
import type { Workup } from "../../bindings/Workup";
import { AppRoutes } from "../../app/AppLayout";
import { doctorUser, exam, noDerived, optometristUser } from "../../test/exams";
import { receptionistUser, renderApp, setupUser } from "../../test/render";
import { ExamPage } from "./ExamPage";

vi.mock("../../api/operations");

const getExam = vi.mocked(ops.getExam);
const searchIcd10 = vi.mocked(ops.searchIcd10);
const saveConsultation = vi.mocked(ops.saveConsultation);
const sign = vi.mocked(ops.signExam);
const addAddendum = vi.mocked(ops.addAddendum);
const printRx = vi.mocked(ops.printSpectacleRx);
const openDocument = vi.mocked(ops.openDocument);

const workup: Workup = {
  acuity: {
    od: { sc: null, cc: null, ph: null, bcva: { text: "6/9", notation: "snellen_metric", logmar: 0.18, off_chart: null, cf_distance_cm: null }, near_sc: null, near_cc: null },
    os: { sc: null, cc: null, ph: null, bcva: null, near_sc: null, near_cc: null },
  },
  refractions: [{ kind: "final", od: { sphere: -1.25, cylinder: { power: -0.5, axis: 90 }, add: null, prism: null, pd: null }, os: null, pd: 63 }],
  iop: { od: 18, os: 17, method: "goldmann", time: "09:30", od_not_recordable: null, os_not_recordable: null },
  findings: { od: null, os: null },
  notes: null,
  copied: [],
};

const consultation: Consultation = {
  complaint: "Blurred vision",
  ocular_history: null,
  medical_history: null,
  family_history: null,
  findings_summary: null,
  diagnoses: [{ code: "H40.1111", description: "Primary open-angle glaucoma, right eye, mild stage", eye: "od", note: null }],
  plan: "Drops",
  follow_up_on: "2024-09-15",
  follow_up_text: "in 3 months",
  notes: null,
  copied: [],
};

const readyToSign = exam({ stage: "with_doctor", workup, workup_derived: noDerived, consultation, consultation_by_name: "Dr Amara Okafor", consultation_saved_at: "2024-06-15T10:00:00Z" });

function open(view = exam({ stage: "waiting_doctor" }), user = doctorUser()) {
  getExam.mockResolvedValue(view);
  return renderApp(<ExamPage visitId="v1" />, { path: "/visits/v1/exam", user });
}

const sentConsultation = (): ConsultationInput => saveConsultation.mock.calls[0]?.[1] as ConsultationInput;

describe("the consultation", () => {
  beforeEach(() => {
    getExam.mockReset();
    vi.mocked(ops.checkWorkup).mockReset().mockResolvedValue(noDerived);
    searchIcd10.mockReset().mockResolvedValue({
      codes: [
        { code: "H40.1111", description: "Primary open-angle glaucoma, right eye, mild stage", billable: true },
        { code: "H40.111", description: "Primary open-angle glaucoma, right eye", billable: false },
      ],
    });
    saveConsultation.mockReset();
  });

  it("adds a diagnosis found by words, on the eye its code names, and saves it with the follow-up", async () => {
    const u = setupUser();
    saveConsultation.mockImplementation(async (_visit, c) => ({
      ...exam({ stage: "with_doctor" }),
      consultation: { ...consultation, diagnoses: c.diagnoses.map((d) => ({ ...d, description: "Primary open-angle glaucoma, right eye, mild stage" })) },
    }));
    open();
    await u.click(await screen.findByTestId("exam-tab-consultation"));
    await u.type(screen.getByTestId("consult-complaint"), "Blurred vision");
    await u.type(screen.getByTestId("dx-search"), "glauc open");
    const options = await screen.findAllByTestId("dx-option");
    expect(options.map((o) => o.textContent)).toEqual([
      "H40.1111— Primary open-angle glaucoma, right eye, mild stage",
      "H40.111— Primary open-angle glaucoma, right eyeA heading: choose a more specific code",
    ]);
    await waitFor(() => expect(searchIcd10).toHaveBeenLastCalledWith("glauc open", 30));
    // A heading cannot be chosen.
    await u.click(options[1] as HTMLElement);
    expect(screen.queryByTestId("dx-row")).not.toBeInTheDocument();
    await u.click(options[0] as HTMLElement);
    const row = await screen.findByTestId("dx-row");
    expect(row).toHaveAttribute("data-code", "H40.1111");
    expect(row).toHaveAttribute("data-eye", "od");
    expect(within(row).getByTestId("dx-eye-0")).toHaveValue("OD (right)");
    expect(screen.getByTestId("dx-search")).toHaveValue("");

    await u.click(screen.getByText("Months"));
    await u.type(screen.getByTestId("followup-count"), "3");
    await u.click(screen.getByTestId("consult-save"));
    await waitFor(() => expect(saveConsultation).toHaveBeenCalledTimes(1));
    expect(sentConsultation()).toMatchObject({
      complaint: "Blurred vision",
      diagnoses: [{ code: "H40.1111", eye: "od", note: null }],
      follow_up: { kind: "months", count: 3 },
    });
    expect(await screen.findByTestId("followup-on")).toHaveTextContent("Due back on Sunday 15 September 2024 (in 3 months)");
  });

  it("shows the core's refusal of an eye on that diagnosis's eye field", async () => {
    const u = setupUser();
    saveConsultation.mockRejectedValue(new ApiError("validation", "H40.1111 is coded for the right eye (OD).", "diagnoses.0.eye"));
    open(exam({ stage: "with_doctor", consultation }));
    await u.click(await screen.findByTestId("exam-tab-consultation"));
    await u.click(screen.getByTestId("consult-save"));
    await waitFor(() => expect(screen.getByTestId("dx-eye-0")).toHaveAttribute("aria-invalid", "true"));
    expect(screen.getByText("H40.1111 is coded for the right eye (OD).")).toBeInTheDocument();
  });

  it("copies the history from the last visit, marked copied until edited", async () => {
    const u = setupUser();
    saveConsultation.mockResolvedValue(exam());
    open(exam({ previous: { clinic_day: "2024-01-10", current_glasses: null, ocular_history: "POAG", medical_history: null, family_history: "Father: glaucoma" } }));
    await u.click(await screen.findByTestId("exam-tab-consultation"));
    await u.click(screen.getByTestId("consult-copy-history"));
    expect(screen.getByTestId("consult-ocular-history")).toHaveValue("POAG");
    expect(screen.getByTestId("consult-copied-badge")).toHaveTextContent("Copied from 10/01/2024");
    await u.type(screen.getByTestId("consult-ocular-history"), ", on drops");
    expect(screen.queryByTestId("consult-copied-badge")).not.toBeInTheDocument();
    await u.click(screen.getByTestId("consult-save"));
    await waitFor(() => expect(saveConsultation).toHaveBeenCalled());
    expect(sentConsultation()).toMatchObject({ ocular_history: "POAG, on drops", family_history: "Father: glaucoma", copied: [] });
  });

  it("is read-only for an optometrist, whose work-up stays editable", async () => {
    const u = setupUser();
    open(exam({ stage: "with_doctor", consultation }), optometristUser());
    await u.click(await screen.findByTestId("exam-tab-consultation"));
    expect(screen.getByTestId("consult-read-only")).toBeInTheDocument();
    expect(screen.getByTestId("consult-complaint")).toHaveAttribute("readonly");
    expect(screen.queryByTestId("consult-save")).not.toBeInTheDocument();
    expect(screen.queryByTestId("dx-search")).not.toBeInTheDocument();
    expect(screen.getByTestId("va-od-sc")).not.toHaveAttribute("readonly");
    expect(screen.getByTestId("workup-save")).toBeInTheDocument();
  });

  it("is not shown to a receptionist at all", async () => {
    renderApp(<AppRoutes />, { path: "/visits/v1/exam", user: receptionistUser() });
    expect(await screen.findByTestId("no-access")).toBeInTheDocument();
    expect(getExam).not.toHaveBeenCalled();
  });
});

describe("signing and printing", () => {
  beforeEach(() => {
    getExam.mockReset();
    vi.mocked(ops.checkWorkup).mockReset().mockResolvedValue(noDerived);
    sign.mockReset();
    addAddendum.mockReset();
    printRx.mockReset();
    openDocument.mockReset();
  });

  it("refuses a wrong password in the form, then signs and makes the whole record read-only", async () => {
    const u = setupUser();
    const signed = { ...readyToSign, stage: "billing" as const, signed_at: "2024-06-15T10:30:00Z", signed_by_name: "Dr Amara Okafor" };
    sign.mockImplementation(async (_visit, password) => {
      if (password !== "see clearly 2026") throw new ApiError("validation", "That is not your password.", "password");
      return signed;
    });
    addAddendum.mockResolvedValue({ ...signed, addenda: [{ id: "a1", author_name: "Dr Amara Okafor", text: "Drops started", created_at: "2024-06-15T11:00:00Z" }] });
    open(readyToSign);
    await u.click(await screen.findByTestId("exam-tab-sign"));
    await u.click(screen.getByTestId("sign-open"));
    const password = await screen.findByTestId("sign-password");
    await waitFor(() => expect(document.activeElement).toBe(password));
    await u.type(password, "guess{Enter}");
    expect(await screen.findByText("That is not your password.")).toBeInTheDocument();
    expect(sign).toHaveBeenLastCalledWith("v1", "guess");
    expect(screen.queryByTestId("signed-banner")).not.toBeInTheDocument();

    await u.type(screen.getByTestId("sign-password"), "see clearly 2026{Enter}");
    expect(await screen.findByTestId("signed-banner")).toHaveTextContent("Signed by Dr Amara Okafor on 15/06/2024");
    expect(screen.getByTestId("exam-signed-status")).toHaveTextContent("Signed");
    expect(screen.queryByTestId("sign-open")).not.toBeInTheDocument();
    expect(screen.getByTestId("va-od-bcva")).toHaveAttribute("readonly");
    expect(screen.queryByTestId("workup-save")).not.toBeInTheDocument();
    expect(screen.queryByTestId("rx-add-final")).not.toBeInTheDocument();
    expect(screen.getByTestId("consult-complaint")).toHaveAttribute("readonly");
    expect(screen.queryByTestId("consult-save")).not.toBeInTheDocument();

    await u.type(screen.getByTestId("addendum-text"), "Drops started");
    await u.click(screen.getByTestId("addendum-submit"));
    expect(addAddendum).toHaveBeenCalledWith("v1", "Drops started");
    expect(await screen.findByTestId("addendum-row")).toHaveTextContent("Drops started");
  });

  it("waits for unsaved changes before signing", async () => {
    const u = setupUser();
    open(readyToSign);
    await u.click(await screen.findByTestId("exam-tab-consultation"));
    await u.type(screen.getByTestId("consult-plan"), " and review");
    await u.click(screen.getByTestId("exam-tab-sign"));
    expect(screen.getByTestId("sign-unsaved")).toHaveTextContent("The consultation has unsaved changes");
    expect(screen.getByTestId("sign-open")).toBeDisabled();
  });

  it("prints the spectacle prescription with lens notes and opens it, saying where it is", async () => {
    const u = setupUser();
    printRx.mockResolvedValue({ path: "/docs/Spectacle Rx R1-000001 Ana Ruiz.pdf", file_name: "Spectacle Rx R1-000001 Ana Ruiz.pdf", bytes: 20_000 });
    openDocument.mockRejectedValueOnce(new ApiError("storage", "No program could open it."));
    open(readyToSign);
    await u.click(await screen.findByTestId("exam-tab-sign"));
    await u.click(screen.getByTestId("print-rx"));
    await u.type(screen.getByTestId("print-rx-notes"), "Varifocals");
    await u.click(screen.getByTestId("print-rx-submit"));
    expect(printRx).toHaveBeenCalledWith("v1", "Varifocals");
    await waitFor(() => expect(openDocument).toHaveBeenCalledWith("/docs/Spectacle Rx R1-000001 Ana Ruiz.pdf"));
    expect(await screen.findByText(/The file is saved at \/docs\/Spectacle Rx R1-000001 Ana Ruiz.pdf/)).toBeInTheDocument();

    openDocument.mockResolvedValueOnce(undefined);
    await u.click(screen.getByTestId("print-rx"));
    await u.click(screen.getByTestId("print-rx-submit"));
    expect(printRx).toHaveBeenLastCalledWith("v1", null);
    expect(await screen.findByText("Spectacle prescription saved")).toBeInTheDocument();
  });

  it("cannot print glasses without a final refraction", async () => {
    const u = setupUser();
    open(exam({ workup: { ...workup, refractions: [] }, workup_derived: noDerived }));
    await u.click(await screen.findByTestId("exam-tab-sign"));
    expect(screen.getByTestId("print-rx")).toBeDisabled();
  });
});
