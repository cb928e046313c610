// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";

import * as ops from "../../api/operations";
import type { AppInfo } from "../../bindings/AppInfo";
import type { CurrentUser } from "../../bindings/CurrentUser";
import type { PatientInput } from "../../bindings/PatientInput";
import type { RefractionInput } from "../../bindings/RefractionInput";
import type { Workup } from "../../bindings/Workup";
import type { WorkupInput } from "../../bindings/WorkupInput";
import { formatDate } from "../../lib/dates";
import { signInAs } from "../../test/demoClinic";
import { finalRx, finished, rxEye, startedVisit, workupInput } from "../../test/exams";
import { registered } from "../../test/patients";
import { renderApp, setupUser } from "../../test/render";
import { ExamPage } from "./ExamPage";

let optom: { user: CurrentUser; info: AppInfo };

beforeAll(async () => {
  optom = await signInAs("optom");
});

/**
 * A patient of their own for each test, with today's visit started by the doctor (the visit's clinician) and in the
 * work-up; with `before`, an earlier visit today whose work-up the optometrist saved and which is closed.
 */
async function visit({ patient = {}, before }: { patient?: Partial<PatientInput>; before?: WorkupInput } = {}) {
  await signInAs("doctor");
  const p = await registered({ first_name: "Ana", last_name: "Quintanilla", ...patient });
  if (before) {
    const earlier = await startedVisit(p.id);
    await signInAs("optom");
    await ops.saveWorkup(earlier, before);
    await signInAs("doctor");
    await finished(earlier);
  }
  const visitId = await startedVisit(p.id);
  return { patient: p, visitId };
}

/** Opens the examination as the optometrist. */
async function open(visitId: string) {
  optom = await signInAs("optom");
  return renderApp(<ExamPage visitId={visitId} />, { ...optom, path: `/visits/${visitId}/exam` });
}

/** What the core has stored as the visit's work-up. */
async function stored(visitId: string): Promise<Workup | null> {
  return (await ops.getExam(visitId)).workup;
}

const glasses: RefractionInput = finalRx(rxEye("-1.25", "-0.50", "90"), rxEye("-1.00"), "63");

describe("the work-up form", () => {
  it("shows who the patient is, with allergies prominent", async () => {
    const { patient, visitId } = await visit({ patient: { allergies: "Penicillin" } });
    await open(visitId);
    const header = await screen.findByTestId("exam-patient");
    expect(header).toHaveTextContent("Ana Quintanilla");
    expect(header).toHaveTextContent(patient.mrn);
    expect(header).toHaveTextContent("Dr Amara Okafor");
    expect(within(header).getByTestId("exam-allergies")).toHaveTextContent("Penicillin");
    expect(within(header).getByTestId("exam-stage")).toHaveTextContent("In work-up");
    expect(within(header).getByTestId("exam-signed-status")).toHaveTextContent("Not signed");
  });

  it("goes OD then OS then the next row with Tab, in acuity and in a refraction", async () => {
    const u = setupUser();
    const { visitId } = await visit();
    await open(visitId);
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
    const { visitId } = await visit();
    await open(visitId);
    await u.type(await screen.findByTestId("va-od-sc"), "20/30{Enter}");
    // The core has checked the form as typed (it shows the acuity in the clinic's notation), yet nothing is saved.
    expect(await screen.findByText("6/9")).toBeInTheDocument();
    expect(screen.getByTestId("workup-saved-by")).toHaveTextContent("Not saved yet. · Unsaved changes");
    expect(await stored(visitId)).toBeNull();

    await u.keyboard("{Control>}s{/Control}");
    await waitFor(() => expect(screen.getByTestId("workup-saved-by")).toHaveTextContent(/^Saved by Siobhán Byrne/));
    expect((await stored(visitId))?.acuity.od.sc).toMatchObject({ text: "20/30", notation: "snellen_imperial" });
  });

  it("puts the core's error on final.od.axis under that field and moves the cursor there", async () => {
    const u = setupUser();
    const { visitId } = await visit();
    await open(visitId);
    await u.click(await screen.findByTestId("rx-add-final"));
    await u.type(screen.getByTestId("rx-final-od-sphere"), "-1.25");
    await u.type(screen.getByTestId("rx-final-od-cylinder"), "-0.50");
    await u.click(screen.getByTestId("workup-save"));

    const axis = screen.getByTestId("rx-final-od-axis");
    await waitFor(() => expect(axis).toHaveAttribute("aria-invalid", "true"));
    expect(screen.getByText("Axis is required with a cylinder: a whole number from 1 to 180.")).toBeInTheDocument();
    await waitFor(() => expect(document.activeElement).toBe(axis));
    expect(screen.getByTestId("rx-final-os-axis")).not.toHaveAttribute("aria-invalid", "true");
    // Refused: nothing stored, the patient still in the work-up.
    expect(await stored(visitId)).toBeNull();
    expect(screen.getByTestId("exam-stage")).toHaveTextContent("In work-up");
    expect(screen.getByTestId("workup-saved-by")).toHaveTextContent("Not saved yet.");
  });

  it("shows the running check's errors on fields once left, and the derived values of the rest", async () => {
    const u = setupUser();
    const { visitId } = await visit();
    await open(visitId);
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
    expect(screen.getByText("Axis is required with a cylinder: a whole number from 1 to 180.")).toBeInTheDocument();
  });

  it("copies the last visit's glasses marked as copied, until a copied field is edited", async () => {
    const u = setupUser();
    const { visitId } = await visit({ before: workupInput({ refractions: [glasses] }) });
    await open(visitId);
    await u.click(await screen.findByTestId("rx-copy-last"));
    const today = formatDate(optom.info.today, optom.info.date_format);
    expect(screen.getByTestId("copied-badge")).toHaveTextContent(`Copied from ${today}`);
    expect(screen.getByTestId("rx-current_glasses-od-axis")).toHaveValue("90");
    expect(screen.getByTestId("rx-current_glasses-pd")).toHaveValue("63");
    await u.click(screen.getByTestId("workup-save"));
    await waitFor(() => expect(screen.getByTestId("workup-saved-by")).toHaveTextContent(/^Saved by/));
    let workup = await stored(visitId);
    expect(workup?.copied).toEqual(["current_glasses"]);
    // The last visit's final refraction, stored as today's current glasses.
    expect(workup?.refractions).toEqual([
      {
        kind: "current_glasses",
        od: { sphere: -1.25, cylinder: { power: -0.5, axis: 90 }, add: null, prism: null, pd: null },
        os: { sphere: -1, cylinder: null, add: null, prism: null, pd: null },
        pd: 63,
      },
    ]);

    await u.type(screen.getByTestId("rx-current_glasses-os-add"), "+2.00");
    expect(screen.queryByTestId("copied-badge")).not.toBeInTheDocument();
    await u.click(screen.getByTestId("workup-save"));
    await waitFor(async () => expect((await stored(visitId))?.copied).toEqual([]));
    workup = await stored(visitId);
    expect(workup?.refractions[0]?.os?.add).toBe(2);
  });

  it("offers no copy when the last visit had no glasses", async () => {
    const { visitId } = await visit({ before: workupInput({ notes: "Acuity only; refraction declined" }) });
    const view = await ops.getExam(visitId);
    // There is a last visit to copy from, only without glasses.
    expect(view.previous).toMatchObject({ current_glasses: null });
    await open(visitId);
    await screen.findByTestId("rx-add-final");
    expect(screen.queryByTestId("rx-copy-last")).not.toBeInTheDocument();
  });

  it("records normal with one click, abnormal in words, and an eye not examined as such", async () => {
    const u = setupUser();
    const { visitId } = await visit();
    await open(visitId);
    await u.click(await screen.findByTestId("findings-od-all-normal"));
    expect(screen.getByTestId("slit-od-cornea-normal")).toBeChecked();
    expect(screen.getByTestId("fundus-od-periphery-normal")).toBeChecked();
    await u.type(screen.getByTestId("slit-od-lens-text"), "Nuclear sclerosis 2+");
    expect(screen.getByTestId("slit-od-lens-normal")).not.toBeChecked();
    await u.click(screen.getByTestId("findings-os-not-examined"));
    expect(screen.getByTestId("slit-os-lens-text")).toBeDisabled();
    await u.click(screen.getByTestId("workup-save"));
    await waitFor(() => expect(screen.getByTestId("workup-saved-by")).toHaveTextContent(/^Saved by/));
    const findings = (await stored(visitId))?.findings;
    expect(findings?.os).toBeNull();
    expect(findings?.od?.slit_lamp.cornea).toEqual({ status: "normal" });
    expect(findings?.od?.fundus.periphery).toEqual({ status: "normal" });
    expect(findings?.od?.slit_lamp.lens).toEqual({ status: "abnormal", text: "Nuclear sclerosis 2+" });
  });

  it("shows pressure flags as hints from the core", async () => {
    const u = setupUser();
    const { visitId } = await visit();
    await open(visitId);
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
    const { visitId } = await visit();
    await open(visitId);
    expect(await screen.findByTestId("workup-saved-by")).toHaveTextContent("Not saved yet.");
    await u.type(screen.getByTestId("va-od-sc"), "6/9");
    expect(screen.getByTestId("workup-saved-by")).toHaveTextContent("Unsaved changes");
    await u.click(screen.getByTestId("workup-save"));
    await waitFor(() => expect(screen.getByTestId("exam-stage")).toHaveTextContent("Waiting for doctor"));
    const today = formatDate(optom.info.today, optom.info.date_format);
    expect(screen.getByTestId("workup-saved-by")).toHaveTextContent(new RegExp(`Saved by Siobhán Byrne on ${today}`));
    expect(screen.getByTestId("workup-saved-by")).not.toHaveTextContent("Unsaved changes");
    expect(screen.getByTestId("va-od-sc")).toHaveValue("6/9");
    expect((await ops.getExam(visitId)).stage).toBe("waiting_doctor");
  });
});
