// @vitest-environment jsdom
import { existsSync, readFileSync } from "node:fs";

import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import * as ops from "../../api/operations";
import { getPrescription, listTaperTemplates, savePrescription, searchMedicines } from "../../api/prescriptionQueries";
import type { PrescriptionItemInput } from "../../bindings/PrescriptionItemInput";
import type { PrescriptionView } from "../../bindings/PrescriptionView";
import type { Step } from "../../bindings/Step";
import { signInAs, type DemoStaff } from "../../test/demoClinic";
import { consultationInput, signed, startedVisit } from "../../test/exams";
import { registered } from "../../test/patients";
import { renderApp, setupUser } from "../../test/render";
import { ExamPage } from "../exam/ExamPage";

type User = ReturnType<typeof setupUser>;

/** A patient of their own with today's visit started and a consultation saved by the doctor. */
async function visit(allergies: string | null = null) {
  await signInAs("doctor");
  const patient = await registered({ first_name: "Rosa", last_name: "Medina", allergies });
  const visitId = await startedVisit(patient.id);
  await ops.saveConsultation(visitId, consultationInput({ complaint: "Red eye", plan: "Drops" }));
  return { patient, visitId };
}

async function open(visitId: string, who: DemoStaff = "doctor") {
  const staff = await signInAs(who);
  return renderApp(<ExamPage visitId={visitId} />, { ...staff, path: `/visits/${visitId}/exam` });
}

async function stored(visitId: string): Promise<PrescriptionView> {
  await signInAs("doctor");
  return getPrescription(visitId);
}

/** The formulary's medicine of that generic name, as the doctor finds it. */
async function medicineId(genericName: string): Promise<string> {
  const found = (await searchMedicines(genericName)).results.find((m) => m.generic_name === genericName);
  if (!found) throw new Error(`The demo formulary has no ${genericName}.`);
  return found.id;
}

const drops = (frequency: Step["frequency"], days: number | null): Step => ({ dose: { amount_tenths: 10, unit: "drop" }, frequency, days });

function line(medicine_id: string, eye: PrescriptionItemInput["eye"], steps: Step[]): PrescriptionItemInput {
  return { id: null, medicine_id, generic_name: null, strength: null, form: null, eye, steps, quantity: 1, repeats: 0, from_stock: null, instructions: null };
}

async function choose(u: User, testId: string, option: string) {
  await u.click(screen.getByTestId(testId));
  await u.click(await screen.findByRole("option", { name: option }));
}

/** Picks a formulary medicine on line `n` by typing the start of its name. */
async function pickMedicine(u: User, n: number, typed: string, label: string) {
  await u.type(screen.getByTestId(`med-medicine-${n}`), typed);
  const option = await waitFor(() => {
    const found = screen.getAllByTestId("medicine-option").find((o) => o.textContent?.startsWith(label));
    if (!found) throw new Error(`No option ${label}`);
    return found;
  });
  await u.click(option);
  expect(await screen.findByTestId(`med-medicine-chosen-${n}`)).toHaveTextContent(label);
}

async function step(u: User, n: number, i: number, frequency: string, days: string) {
  await choose(u, `med-frequency-${n}-${i}`, frequency);
  await u.clear(screen.getByTestId(`med-days-${n}-${i}`));
  await u.type(screen.getByTestId(`med-days-${n}-${i}`), days);
}

async function consultation(u: User) {
  await u.click(await screen.findByTestId("exam-tab-consultation"));
  return screen.findByTestId("med-section");
}

describe("prescribing in the consultation", () => {
  it("writes a dexamethasone taper for the right eye and moxifloxacin for both eyes, and the core stores both", async () => {
    const u = setupUser();
    const { visitId } = await visit();
    await open(visitId);
    await consultation(u);
    expect(await screen.findByTestId("med-empty")).toBeInTheDocument();

    await u.click(screen.getByTestId("med-add-line"));
    await pickMedicine(u, 0, "dexa", "dexamethasone 0.1% solution");
    // The picker said what the pharmacy has; the line keeps saying it.
    expect(within(screen.getByTestId("med-line-0")).getByText(/On hand: \d+ packs? of 5 mL · nearest expiry/)).toBeInTheDocument();
    await choose(u, "med-eye-0", "Right eye");
    await step(u, 0, 0, "four times daily", "7");
    await u.click(screen.getByTestId("med-add-step-0"));
    await step(u, 0, 1, "twice daily", "7");
    await u.click(screen.getByTestId("med-add-step-0"));
    await choose(u, "med-frequency-0-2", "once daily");

    await u.click(screen.getByTestId("med-add-line"));
    await pickMedicine(u, 1, "moxi", "moxifloxacin 0.5% solution");
    await choose(u, "med-eye-1", "Both eyes");
    await step(u, 1, 0, "four times daily", "7");
    await u.clear(screen.getByTestId("med-quantity-1"));
    await u.type(screen.getByTestId("med-quantity-1"), "2");
    await u.type(screen.getByTestId("med-instructions-1"), "Wait 5 minutes between drops");
    expect(screen.getByTestId("sign-unsaved")).toHaveTextContent("The prescription has unsaved changes");
    await u.click(screen.getByTestId("med-save"));

    // The core's dated course under the tapering line only.
    const schedule = await screen.findByTestId("med-schedule-0");
    expect(within(schedule).getAllByTestId("med-schedule-row")).toHaveLength(3);
    expect(within(schedule).getAllByTestId("med-schedule-row")[2]).toHaveTextContent("until reviewed");
    expect(screen.queryByTestId("med-schedule-1")).not.toBeInTheDocument();
    expect(screen.getByTestId("med-directions-0")).toHaveTextContent(
      "1 drop in the right eye four times daily for 7 days, then 1 drop twice daily for 7 days, then 1 drop once daily until reviewed",
    );
    expect(screen.getByTestId("med-directions-1")).toHaveTextContent("1 drop in both eyes four times daily for 7 days");
    expect(screen.queryByTestId("sign-unsaved")).not.toBeInTheDocument();

    const view = await stored(visitId);
    expect(view.lines.map((l) => l.item)).toMatchObject([
      {
        medicine: { generic_name: "dexamethasone", strength: "0.1%", form: "solution" },
        eye: "od",
        steps: [drops("four_times_daily", 7), drops("twice_daily", 7), drops("once_daily", null)],
        quantity: 1,
        repeats: 0,
        from_stock: true,
      },
      {
        medicine: { generic_name: "moxifloxacin", strength: "0.5%" },
        eye: "ou",
        steps: [drops("four_times_daily", 7)],
        quantity: 2,
        instructions: "Wait 5 minutes between drops",
      },
    ]);
    // Two whole lines typed through the screen in jsdom take a while.
  }, 120_000);

  it("refuses a line without an eye before asking the core, and shows the core's refusal on its field", async () => {
    const u = setupUser();
    const { visitId } = await visit();
    await open(visitId);
    await consultation(u);
    await u.click(await screen.findByTestId("med-add-line"));
    await pickMedicine(u, 0, "moxi", "moxifloxacin 0.5% solution");
    await step(u, 0, 0, "four times daily", "0");
    await u.click(screen.getByTestId("med-save"));
    expect(await screen.findByText("Choose the eye (or Not an eye medicine).")).toBeInTheDocument();
    await choose(u, "med-eye-0", "Left eye");
    await u.click(screen.getByTestId("med-save"));
    // Zero days is the core's to refuse.
    await waitFor(() => expect(screen.getByTestId("med-days-0-0")).toHaveAttribute("aria-invalid", "true"));
    expect(screen.getByText("A step lasts from 1 to 365 days.")).toBeInTheDocument();
    expect((await stored(visitId)).lines).toEqual([]);
  });

  it("shows the allergy warning beside the line of a medicine the patient is allergic to", async () => {
    const u = setupUser();
    const { visitId } = await visit("Quinolones (rash)");
    await savePrescription(visitId, [line(await medicineId("moxifloxacin"), "ou", [drops("four_times_daily", 7)])]);
    await open(visitId);
    await consultation(u);
    const warning = await within(await screen.findByTestId("med-line-0")).findByTestId("med-warning");
    expect(warning).toHaveAttribute("data-kind", "allergy");
    expect((await stored(visitId)).warnings.map((w) => [w.kind, w.item, w.message])).toEqual([["allergy", 0, warning.textContent]]);
  });

  it("warns when the same medicine is prescribed twice", async () => {
    const u = setupUser();
    const { visitId } = await visit();
    await savePrescription(visitId, [line(await medicineId("moxifloxacin"), "od", [drops("four_times_daily", 7)])]);
    await open(visitId);
    await consultation(u);
    await screen.findByTestId("med-line-0");
    expect(screen.queryByTestId("med-warning")).not.toBeInTheDocument();
    await u.click(await screen.findByTestId("med-add-line"));
    await pickMedicine(u, 1, "moxi", "moxifloxacin 0.5% solution");
    await choose(u, "med-eye-1", "Left eye");
    await step(u, 1, 0, "twice daily", "5");
    await u.click(screen.getByTestId("med-save"));
    const warning = await within(screen.getByTestId("med-line-1")).findByTestId("med-warning");
    expect(warning).toHaveAttribute("data-kind", "duplicate");
    const view = await stored(visitId);
    expect(view.warnings).toContainEqual(expect.objectContaining({ kind: "duplicate", item: 1, message: warning.textContent }));
  });

  it("applies the clinic's template to the chosen eye in one click, and saves a line as a new template", async () => {
    const u = setupUser();
    const { visitId } = await visit();
    await open(visitId);
    await consultation(u);
    const template = await screen.findByText("After cataract surgery (prednisolone 1%)");
    const row = template.closest("[data-testid=med-template]") as HTMLElement;
    await u.click(within(row).getByTestId("med-apply-os"));
    const filled = screen.getByTestId("med-line-0");
    expect(within(filled).getByTestId("med-medicine-chosen-0")).toHaveTextContent("prednisolone acetate 1% suspension");
    expect(screen.getByTestId("med-eye-0")).toHaveValue("Left eye");
    expect(["med-frequency-0-0", "med-frequency-0-1", "med-frequency-0-2", "med-frequency-0-3"].map((t) => (screen.getByTestId(t) as HTMLInputElement).value)).toEqual([
      "four times daily",
      "three times daily",
      "twice daily",
      "once daily",
    ]);
    await u.click(screen.getByTestId("med-save"));
    await screen.findByTestId("med-schedule-0");
    const [saved] = (await stored(visitId)).lines.map((l) => l.item);
    expect(saved).toMatchObject({
      eye: "os",
      medicine: { generic_name: "prednisolone acetate" },
      steps: [drops("four_times_daily", 7), drops("three_times_daily", 7), drops("twice_daily", 7), drops("once_daily", 7)],
    });

    // The course as a template of its own.
    await signInAs("doctor");
    await u.click(screen.getByTestId("med-save-template-0"));
    await u.type(screen.getByTestId("med-template-name-0"), "Slow prednisolone taper{Enter}");
    expect(await screen.findByText("Slow prednisolone taper")).toBeInTheDocument();
    const made = (await listTaperTemplates()).find((t) => t.name === "Slow prednisolone taper");
    expect(made).toMatchObject({ medicine_name: "prednisolone acetate 1% suspension", steps: saved?.steps });
  });

  it("is read-only once the examination is signed", async () => {
    const u = setupUser();
    const { visitId } = await visit();
    await savePrescription(visitId, [line(await medicineId("moxifloxacin"), "ou", [drops("four_times_daily", 7)])]);
    await signed(visitId);
    await open(visitId);
    await consultation(u);
    expect(await screen.findByTestId("med-read-only")).toHaveTextContent("1 drop in both eyes four times daily for 7 days");
    expect(screen.getByTestId("med-line-0")).toHaveTextContent("Both eyes");
    expect(screen.queryByTestId("med-save")).not.toBeInTheDocument();
    expect(screen.queryByTestId("med-add-line")).not.toBeInTheDocument();
    expect(screen.queryByTestId("med-medicine-0")).not.toBeInTheDocument();
    await expect(savePrescription(visitId, [])).rejects.toMatchObject({ code: "conflict" });
  });

  it("is not shown to someone who may not prescribe", async () => {
    const u = setupUser();
    const { visitId } = await visit();
    await savePrescription(visitId, [line(await medicineId("moxifloxacin"), "ou", [drops("four_times_daily", 7)])]);
    await open(visitId, "optom");
    await u.click(await screen.findByTestId("exam-tab-consultation"));
    expect(screen.getByTestId("consult-read-only")).toBeInTheDocument();
    expect(screen.queryByTestId("med-section")).not.toBeInTheDocument();
    expect(screen.queryByTestId("med-add-line")).not.toBeInTheDocument();
  });

  it("prints the medicine prescription as a PDF once there is one", async () => {
    const u = setupUser();
    const { patient, visitId } = await visit();
    const first = await open(visitId);
    // Once the consultation shows the empty prescription, the panel knows there is none.
    await consultation(u);
    await screen.findByTestId("med-empty");
    await u.click(screen.getByTestId("exam-tab-sign"));
    await screen.findByTestId("print-panel");
    expect(screen.queryByTestId("print-medicines")).not.toBeInTheDocument();
    first.unmount();

    await savePrescription(visitId, [line(await medicineId("dexamethasone"), "od", [drops("four_times_daily", 7), drops("once_daily", 7)])]);
    await signed(visitId);
    await open(visitId);
    await u.click(await screen.findByTestId("exam-tab-sign"));
    await u.click(await screen.findByTestId("print-medicines"));
    const notice = /^The file is saved at (\S+\.pdf)\./;
    const shown = await screen.findAllByText(notice);
    expect(screen.getAllByText("Medicine prescription saved, but it could not be opened").length).toBeGreaterThan(0);
    const path = notice.exec(shown[0]?.textContent ?? "")?.[1] ?? "";
    expect(path).toContain(patient.mrn);
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path).subarray(0, 5).toString()).toBe("%PDF-");
  });
});
