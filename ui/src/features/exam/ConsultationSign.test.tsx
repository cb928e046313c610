// @vitest-environment jsdom
import { existsSync, statSync } from "node:fs";

import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import * as ops from "../../api/operations";
import { AppRoutes } from "../../app/AppLayout";
import type { ConsultationInput } from "../../bindings/ConsultationInput";
import type { ExaminationView } from "../../bindings/ExaminationView";
import type { WorkupInput } from "../../bindings/WorkupInput";
import { formatDate, parseIso } from "../../lib/dates";
import { DEMO_PASSWORD, signInAs, type DemoStaff, todaysTrailOf } from "../../test/demoClinic";
import { consultationInput, finalRx, finished, iopInput, rxEye, startedVisit, workupInput } from "../../test/exams";
import { registered } from "../../test/patients";
import { renderApp, setupUser } from "../../test/render";
import { longDay } from "../appointments/time";
import { ExamPage } from "./ExamPage";

/** Best-corrected 6/9 on the right, a final refraction for glasses, pressures by Goldmann. */
const workup: WorkupInput = workupInput({
  acuity: {
    od: { sc: null, cc: null, ph: null, bcva: "6/9", near_sc: null, near_cc: null },
    os: { sc: null, cc: null, ph: null, bcva: null, near_sc: null, near_cc: null },
  },
  refractions: [finalRx(rxEye("-1.25", "-0.50", "90"), rxEye(null), "63")],
  iop: iopInput("18", "17"),
});

const consultation: ConsultationInput = consultationInput({
  complaint: "Blurred vision",
  diagnoses: [{ code: "H40.1111", eye: "od", note: null }],
  plan: "Drops",
  follow_up: { kind: "months", count: 3 },
});

/**
 * A patient of their own for each test, with today's visit started by the doctor; the optometrist's work-up saved
 * unless `workup` is null; the doctor's consultation saved when given. With `previous`, an earlier visit today whose
 * consultation the doctor saved and which is closed.
 */
async function visit({
  withWorkup = workup,
  withConsultation,
  previous,
}: { withWorkup?: WorkupInput | null; withConsultation?: ConsultationInput; previous?: ConsultationInput } = {}) {
  await signInAs("doctor");
  const patient = await registered({ first_name: "Ana", last_name: "Quintanilla" });
  if (previous) {
    const earlier = await startedVisit(patient.id);
    await ops.saveConsultation(earlier, previous);
    await finished(earlier);
  }
  const visitId = await startedVisit(patient.id);
  if (withWorkup) {
    await signInAs("optom");
    await ops.saveWorkup(visitId, withWorkup);
    await signInAs("doctor");
  }
  if (withConsultation) await ops.saveConsultation(visitId, withConsultation);
  return { patient, visitId };
}

/** Opens the examination as `who` (the doctor unless said). */
async function open(visitId: string, who: DemoStaff = "doctor") {
  const staff = await signInAs(who);
  return { ...renderApp(<ExamPage visitId={visitId} />, { ...staff, path: `/visits/${visitId}/exam` }), ...staff };
}

/** What the core has stored for the visit, read as the doctor. */
async function stored(visitId: string): Promise<ExaminationView> {
  await signInAs("doctor");
  return ops.getExam(visitId);
}

/** `months` months after an ISO day, on the same day of the month or the month's last when it has fewer days. */
function monthsAfter(iso: string, months: number): string {
  const d = parseIso(iso);
  if (!d) throw new Error(`Not a day: ${iso}`);
  const total = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d.day, last)).padStart(2, "0")}`;
}

describe("the consultation", () => {
  it("adds a diagnosis found by words or code, on the eye its code names, and saves it with a follow-up", async () => {
    const u = setupUser();
    const { visitId } = await visit();
    const { info } = await open(visitId);
    await u.click(await screen.findByTestId("exam-tab-consultation"));
    await u.type(screen.getByTestId("consult-complaint"), "Blurred vision");

    // Words in any order, from the core's ICD-10 list.
    await u.type(screen.getByTestId("dx-search"), "glauc open right mild");
    await waitFor(() =>
      expect(screen.getAllByTestId("dx-option").map((o) => o.textContent)).toEqual([
        "H40.1111— Primary open-angle glaucoma, right eye, mild stage",
      ]),
    );
    // By code: the specific codes, and their heading, which cannot be chosen.
    await u.clear(screen.getByTestId("dx-search"));
    await u.type(screen.getByTestId("dx-search"), "H40.111");
    await waitFor(() => expect(screen.getAllByTestId("dx-option")).toHaveLength(6));
    const options = screen.getAllByTestId("dx-option");
    const codes = options.map((o) => o.getAttribute("data-code"));
    expect(codes).toEqual(["H40.1110", "H40.1111", "H40.1112", "H40.1113", "H40.1114", "H40.111"]);
    expect(options[5]).toHaveTextContent(
      "H40.111— Primary open-angle glaucoma, right eyeA heading: choose a more specific code",
    );
    await u.click(options[5] as HTMLElement);
    expect(screen.queryByTestId("dx-row")).not.toBeInTheDocument();
    await u.click(options[1] as HTMLElement);
    const row = await screen.findByTestId("dx-row");
    expect(row).toHaveAttribute("data-code", "H40.1111");
    expect(row).toHaveAttribute("data-eye", "od");
    expect(within(row).getByTestId("dx-eye-0")).toHaveValue("OD (right)");
    expect(screen.getByTestId("dx-search")).toHaveValue("");

    await u.click(screen.getByText("Months"));
    await u.type(screen.getByTestId("followup-count"), "3");
    await u.click(screen.getByTestId("consult-save"));
    const due = monthsAfter(info.today, 3);
    expect(await screen.findByTestId("followup-on")).toHaveTextContent(`Due back on ${longDay(due)} (in 3 months)`);
    const view = await stored(visitId);
    expect(view.stage).toBe("with_doctor");
    expect(view.consultation).toMatchObject({
      complaint: "Blurred vision",
      diagnoses: [
        { code: "H40.1111", description: "Primary open-angle glaucoma, right eye, mild stage", eye: "od", note: null },
      ],
      follow_up_on: due,
      follow_up_text: "in 3 months",
    });
  });

  it("shows the core's refusal of an eye on that diagnosis's eye field", async () => {
    const u = setupUser();
    const { visitId } = await visit({ withConsultation: consultation });
    await open(visitId);
    await u.click(await screen.findByTestId("exam-tab-consultation"));
    // A right-eye code put on the left eye.
    await u.click(screen.getByTestId("dx-eye-0"));
    await u.click(await screen.findByRole("option", { name: "OS (left)" }));
    await u.click(screen.getByTestId("consult-save"));
    await waitFor(() => expect(screen.getByTestId("dx-eye-0")).toHaveAttribute("aria-invalid", "true"));
    expect(
      screen.getByText("H40.1111 is coded for the right eye (OD); choose that eye or the code for the left eye (OS)."),
    ).toBeInTheDocument();
    expect((await stored(visitId)).consultation?.diagnoses).toMatchObject([{ code: "H40.1111", eye: "od" }]);
  });

  it("copies the history from the last visit, marked copied until edited", async () => {
    const u = setupUser();
    const { visitId } = await visit({
      previous: consultationInput({ ocular_history: "POAG", family_history: "Father: glaucoma" }),
    });
    const { info } = await open(visitId);
    await u.click(await screen.findByTestId("exam-tab-consultation"));
    await u.click(screen.getByTestId("consult-copy-history"));
    expect(screen.getByTestId("consult-ocular-history")).toHaveValue("POAG");
    expect(screen.getByTestId("consult-family-history")).toHaveValue("Father: glaucoma");
    const today = formatDate(info.today, info.date_format);
    expect(screen.getByTestId("consult-copied-badge")).toHaveTextContent(`Copied from ${today}`);
    await u.type(screen.getByTestId("consult-ocular-history"), ", on drops");
    expect(screen.queryByTestId("consult-copied-badge")).not.toBeInTheDocument();
    await u.click(screen.getByTestId("consult-save"));
    await waitFor(async () => expect((await stored(visitId)).consultation).not.toBeNull());
    expect((await stored(visitId)).consultation).toMatchObject({
      ocular_history: "POAG, on drops",
      family_history: "Father: glaucoma",
      copied: [],
    });
  });

  it("is read-only for an optometrist, whose work-up stays editable", async () => {
    const u = setupUser();
    const { visitId } = await visit({ withConsultation: consultation });
    await open(visitId, "optom");
    await u.click(await screen.findByTestId("exam-tab-consultation"));
    expect(screen.getByTestId("consult-read-only")).toBeInTheDocument();
    expect(screen.getByTestId("consult-complaint")).toHaveAttribute("readonly");
    expect(screen.getByTestId("consult-complaint")).toHaveValue("Blurred vision");
    expect(screen.queryByTestId("consult-save")).not.toBeInTheDocument();
    expect(screen.queryByTestId("dx-search")).not.toBeInTheDocument();
    expect(screen.getByTestId("va-od-sc")).not.toHaveAttribute("readonly");
    expect(screen.getByTestId("workup-save")).toBeInTheDocument();
  });

  it("is not shown to a receptionist at all, who never asks for it", async () => {
    const { visitId } = await visit({ withConsultation: consultation });
    const reception = await signInAs("reception");
    renderApp(<AppRoutes />, { ...reception, path: `/visits/${visitId}/exam` });
    expect(await screen.findByTestId("no-access")).toBeInTheDocument();
    // The core records every call, refused ones too: the receptionist's session made no examination call.
    const trail = await todaysTrailOf(reception.user.id);
    expect(trail.filter((e) => e.operation.startsWith("exams."))).toEqual([]);
  });
});

describe("signing and printing", () => {
  it("refuses a wrong password in the form, then signs and makes the whole record read-only", async () => {
    const u = setupUser();
    const { visitId } = await visit({ withConsultation: consultation });
    const { info } = await open(visitId);
    await u.click(await screen.findByTestId("exam-tab-sign"));
    await u.click(screen.getByTestId("sign-open"));
    const password = await screen.findByTestId("sign-password");
    await waitFor(() => expect(document.activeElement).toBe(password));
    await u.type(password, "guess{Enter}");
    expect(await screen.findByText("That is not your password.")).toBeInTheDocument();
    expect(screen.queryByTestId("signed-banner")).not.toBeInTheDocument();
    expect((await stored(visitId)).signed_at).toBeNull();

    await u.type(screen.getByTestId("sign-password"), `${DEMO_PASSWORD}{Enter}`);
    const today = formatDate(info.today, info.date_format);
    expect(await screen.findByTestId("signed-banner")).toHaveTextContent(`Signed by Dr Amara Okafor on ${today}`);
    expect(screen.getByTestId("exam-signed-status")).toHaveTextContent("Signed");
    expect(screen.getByTestId("exam-stage")).toHaveTextContent("Billing");
    expect(screen.queryByTestId("sign-open")).not.toBeInTheDocument();
    expect(screen.getByTestId("va-od-bcva")).toHaveAttribute("readonly");
    expect(screen.queryByTestId("workup-save")).not.toBeInTheDocument();
    expect(screen.queryByTestId("rx-add-final")).not.toBeInTheDocument();
    expect(screen.getByTestId("consult-complaint")).toHaveAttribute("readonly");
    expect(screen.queryByTestId("consult-save")).not.toBeInTheDocument();
    expect(await stored(visitId)).toMatchObject({ signed_by_name: "Dr Amara Okafor", stage: "billing" });

    await signInAs("doctor");
    await u.type(screen.getByTestId("addendum-text"), "Drops started");
    await u.click(screen.getByTestId("addendum-submit"));
    expect(await screen.findByTestId("addendum-row")).toHaveTextContent("Drops started");
    expect(screen.getByTestId("addendum-row")).toHaveTextContent("Dr Amara Okafor");
    expect((await stored(visitId)).addenda.map((a) => a.text)).toEqual(["Drops started"]);
  });

  it("waits for unsaved changes before signing", async () => {
    const u = setupUser();
    const { visitId } = await visit({ withConsultation: consultation });
    await open(visitId);
    await u.click(await screen.findByTestId("exam-tab-consultation"));
    await u.type(screen.getByTestId("consult-plan"), " and review");
    await u.click(screen.getByTestId("exam-tab-sign"));
    expect(screen.getByTestId("sign-unsaved")).toHaveTextContent("The consultation has unsaved changes");
    expect(screen.getByTestId("sign-open")).toBeDisabled();
  });

  it("prints an unsigned examination's prescription as a draft, with lens notes, saying where it is", async () => {
    const u = setupUser();
    const { patient, visitId } = await visit({ withConsultation: consultation });
    await open(visitId);
    await u.click(await screen.findByTestId("exam-tab-sign"));
    await u.click(screen.getByTestId("print-rx"));
    await u.type(screen.getByTestId("print-rx-notes"), "Varifocals");
    await u.click(screen.getByTestId("print-rx-submit"));
    // Outside the desktop app nothing can open the PDF; the core saved it, and the screen says where.
    // Named by MRN and kind, never by the patient's name; a draft's name says so.
    const file = `Spectacle.Rx.draft.${patient.mrn}(?:-\\d+)?\\.pdf`;
    const notice = new RegExp(`^The file is saved at (\\S+${file})\\.`);
    const shown = await screen.findAllByText(notice);
    expect(screen.getAllByText("Draft prescription saved (not valid until signed), but it could not be opened")).toHaveLength(shown.length);
    expect(screen.getByTestId("print-panel")).toHaveTextContent("Until the examination is signed it prints as a draft, marked not valid.");
    const path = notice.exec(shown[0]?.textContent ?? "")?.[1] ?? "";
    expect(existsSync(path)).toBe(true);
    expect(statSync(path).size).toBeGreaterThan(1000);
    expect(screen.queryByTestId("print-rx-notes")).not.toBeInTheDocument();

    // Without notes, printed again.
    await u.click(screen.getByTestId("print-rx"));
    expect(screen.getByTestId("print-rx-notes")).toHaveValue("");
    await u.click(screen.getByTestId("print-rx-submit"));
    await waitFor(() => expect(screen.getAllByText(notice).length).toBeGreaterThan(shown.length));
    // A second file beside the first, which stays.
    const paths = new Set(screen.getAllByText(notice).map((n) => notice.exec(n.textContent ?? "")?.[1]));
    expect(paths.size).toBe(2);
    for (const p of paths) expect(existsSync(p ?? "")).toBe(true);
  });

  it("puts the core's refusal of lens notes under the notes field", async () => {
    const u = setupUser();
    const { visitId } = await visit({ withConsultation: consultation });
    await open(visitId);
    await u.click(await screen.findByTestId("exam-tab-sign"));
    await u.click(screen.getByTestId("print-rx"));
    const notes = screen.getByTestId("print-rx-notes");
    await u.click(notes);
    await u.paste("x".repeat(601));
    await u.click(screen.getByTestId("print-rx-submit"));
    await waitFor(() => expect(notes).toHaveAttribute("aria-invalid", "true"));
    expect(screen.getByText("Lens notes is too long (at most 600 characters).")).toBeInTheDocument();
  });

  it("cannot print glasses without a final refraction, as the core refuses", async () => {
    const u = setupUser();
    const { visitId } = await visit({ withWorkup: { ...workup, refractions: [] } });
    await open(visitId);
    await u.click(await screen.findByTestId("exam-tab-sign"));
    expect(screen.getByTestId("print-rx")).toBeDisabled();
    await expect(ops.printSpectacleRx(visitId, null)).rejects.toMatchObject({
      code: "conflict",
      message: "The work-up has no final refraction; record one to print glasses.",
    });
  });
});
