// @vitest-environment jsdom
import { existsSync } from "node:fs";

import { screen, waitFor, within } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";

import { call } from "../../api/client";
import * as ops from "../../api/operations";
import { AppLayout, AppRoutes } from "../../app/AppLayout";
import type { Batch } from "../../bindings/Batch";
import type { Patient } from "../../bindings/Patient";
import type { PrescriptionItemInput } from "../../bindings/PrescriptionItemInput";
import { DEMO_PASSWORD, freshClinic, signInAs } from "../../test/demoClinic";
import { consultationInput, signed, startedVisit } from "../../test/exams";
import { registered } from "../../test/patients";
import { currentPath, renderApp, setupUser } from "../../test/render";
import { QueueBoardPage } from "../queue/QueueBoardPage";
import { defaultClinicForm } from "../settings/clinicForm";

// The demo shelf: dexamethasone's D05A128 expires before D05B128; moxifloxacin's D02A107 has expired.
let dexamethasone = "";
let moxifloxacin = "";
let doctorName = "";

beforeAll(async () => {
  const doctor = await signInAs("doctor");
  doctorName = doctor.user.full_name;
  const find = async (name: string) => {
    const found = await call("pharmacy.medicines", { query: name, include_inactive: false, limit: null });
    const medicine = found.results.find((m) => m.generic_name === name);
    if (!medicine) throw new Error(`The demo formulary has no ${name}.`);
    return medicine.id;
  };
  dexamethasone = await find("dexamethasone");
  moxifloxacin = await find("moxifloxacin");
});

/** A line of drops in the right eye, four times daily for a week. */
function line(medicineId: string, quantity = 1, repeats = 0): PrescriptionItemInput {
  return {
    id: null,
    medicine_id: medicineId,
    generic_name: null,
    strength: null,
    form: null,
    eye: "od",
    steps: [{ dose: { amount_tenths: 10, unit: "drop" }, frequency: "four_times_daily", days: 7 }],
    quantity,
    repeats,
    from_stock: true,
    instructions: null,
  };
}

let surnames = 0;

/**
 * A patient of their own, examined today by the doctor, whose signed prescription holds `lines`: signing sends the
 * visit to the pharmacy. Leaves the pharmacist signed in.
 */
async function prescribed(lines: PrescriptionItemInput[]): Promise<{ patient: Patient; visitId: string }> {
  await signInAs("doctor");
  surnames += 1;
  const patient = await registered({ first_name: "Ines", last_name: `Dispensa${"abcdefghij"[surnames] ?? surnames}` });
  const visitId = await startedVisit(patient.id);
  await ops.saveConsultation(
    visitId,
    consultationInput({ complaint: "Red right eye", diagnoses: [{ code: "H40.1111", eye: "od", note: null }], plan: "Drops" }),
  );
  await call("prescriptions.save", { visit_id: visitId, items: lines });
  await signed(visitId);
  await signInAs("pharmacy");
  return { patient, visitId };
}

/** Every batch of a medicine by lot, with what it holds, read as the pharmacist. */
async function batches(medicineId: string): Promise<Record<string, Batch>> {
  const { batches: all } = await call("pharmacy.batches", { medicine_id: medicineId, include_empty: true });
  return Object.fromEntries(all.map((b) => [b.lot, b]));
}

async function openSheet(visitId: string) {
  const staff = await signInAs("pharmacy");
  const rendered = renderApp(<AppRoutes />, { ...staff, path: `/pharmacy/${visitId}` });
  await screen.findByTestId("sheet-form");
  return rendered;
}

/** The sheet's line for a medicine (by the core's words for it). */
function lineOf(medicine: string): HTMLElement {
  const found = screen.getAllByTestId("sheet-line").find((l) => within(l).getByTestId("line-medicine").textContent?.startsWith(medicine));
  if (!found) throw new Error(`No line for ${medicine}`);
  return found;
}

function packsOf(lineElement: HTMLElement, lot: string): HTMLElement {
  const row = within(lineElement)
    .getAllByTestId("line-batch")
    .find((r) => r.getAttribute("data-lot") === lot);
  if (!row) throw new Error(`No batch ${lot}`);
  return within(row).getByTestId("line-batch-packs");
}

describe("the pharmacy's list", () => {
  it("shows the signed visit with its prescriber and lines left, and opens its sheet from the keyboard", async () => {
    const u = setupUser();
    const { patient, visitId } = await prescribed([line(dexamethasone), line(moxifloxacin)]);
    const { location } = renderApp(<AppRoutes />, { ...(await signInAs("pharmacy")), path: "/pharmacy" });
    const row = await waitFor(() => {
      const found = screen.getAllByTestId("pharmacy-row").find((r) => r.getAttribute("data-visit") === visitId);
      if (!found) throw new Error("not listed yet");
      return found;
    });
    expect(row).toHaveTextContent(`${patient.first_name} ${patient.last_name}`);
    expect(row).toHaveTextContent(patient.mrn);
    expect(row).toHaveTextContent(doctorName);
    expect(within(row).getByTestId("pharmacy-lines-left")).toHaveTextContent("2 of 2");
    within(row).getByTestId("pharmacy-open").focus();
    await u.keyboard("{Enter}");
    await waitFor(() => expect(currentPath(location)).toBe(`/pharmacy/${visitId}`));
    expect(await screen.findByTestId("sheet-patient")).toHaveTextContent(patient.mrn);
    expect(screen.getByTestId("sheet-prescriber")).toHaveTextContent(`Prescribed by ${doctorName}`);
  });
});

describe("the dispensing sheet", () => {
  it("proposes the batch that expires first and never offers an expired one", async () => {
    const { visitId } = await prescribed([line(dexamethasone, 2), line(moxifloxacin)]);
    await openSheet(visitId);
    const dex = lineOf("dexamethasone");
    expect(within(dex).getByTestId("line-eye")).toHaveTextContent("Right eye");
    expect(within(dex).getByTestId("line-directions")).toHaveTextContent(/four times daily/);
    expect(within(dex).getByTestId("line-prescribed")).toHaveTextContent("2 packs");
    expect(within(dex).getByTestId("line-still-allowed")).toHaveTextContent("2 packs");
    const lots = within(dex)
      .getAllByTestId("line-batch")
      .map((r) => [r.getAttribute("data-lot"), r.hasAttribute("data-proposed")]);
    expect(lots).toEqual([
      ["D05A128", true],
      ["D05B128", false],
    ]);
    expect(packsOf(dex, "D05A128")).toHaveValue("2");
    expect(packsOf(dex, "D05B128")).toHaveValue("");

    const moxi = lineOf("moxifloxacin");
    const moxiLots = within(moxi)
      .getAllByTestId("line-batch")
      .map((r) => r.getAttribute("data-lot"));
    expect(moxiLots).toContain("D02B107");
    expect(moxiLots).not.toContain("D02A107");
  });

  it("dispenses the proposal, lowers what the batch holds, prints the label and takes a return back", async () => {
    const u = setupUser();
    const { patient, visitId } = await prescribed([line(dexamethasone)]);
    const before = (await batches(dexamethasone))["D05A128"]?.on_hand ?? 0;
    await openSheet(visitId);
    await u.click(screen.getByTestId("sheet-dispense"));
    expect(await screen.findByTestId("sheet-moved-to-billing")).toHaveTextContent("has moved to billing");
    const dex = lineOf("dexamethasone");
    expect(dex).toHaveAttribute("data-status", "dispensed");
    expect(within(dex).getByTestId("line-dispensed")).toHaveTextContent("1 pack");
    expect((await batches(dexamethasone))["D05A128"]?.on_hand).toBe(before - 1);
    const sheet = await call("pharmacy.dispensing", { visit_id: visitId });
    expect(sheet.items[0]?.dispensed).toBe(1);

    // The label is saved by MRN; outside the desktop app nothing opens it, and the screen says where it is.
    await u.click(within(dex).getByTestId("line-print-label"));
    const notice = await screen.findByText(new RegExp(`^The file is saved at (\\S+${patient.mrn}\\S*\\.pdf)\\.`));
    const path = /saved at (\S+\.pdf)\./.exec(notice.textContent ?? "")?.[1] ?? "";
    expect(existsSync(path)).toBe(true);

    // The patient brings the pack back: it goes into the batch it came from.
    await u.click(within(dex).getByTestId("line-return"));
    const dialog = await screen.findByRole("dialog");
    await u.click(within(dialog).getByTestId("return-submit"));
    expect(await within(dialog).findByText("Say why the patient returned it.")).toBeInTheDocument();
    await u.type(within(dialog).getByTestId("return-reason"), "Already had a bottle at home");
    await u.click(within(dialog).getByTestId("return-submit"));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect((await batches(dexamethasone))["D05A128"]?.on_hand).toBe(before);
  });

  it("shows the core's refusal of more packs than allowed under the line, and stores nothing", async () => {
    const u = setupUser();
    const { visitId } = await prescribed([line(dexamethasone)]);
    const before = (await batches(dexamethasone))["D05A128"]?.on_hand;
    await openSheet(visitId);
    const dex = lineOf("dexamethasone");
    await u.clear(packsOf(dex, "D05A128"));
    await u.type(packsOf(dex, "D05A128"), "2");
    await u.click(screen.getByTestId("sheet-dispense"));
    expect(await within(dex).findByTestId("line-batches-error")).toHaveTextContent(/^At most 1 pack of dexamethasone .* may still be dispensed/);
    expect(screen.queryByTestId("sheet-moved-to-billing")).not.toBeInTheDocument();
    expect((await batches(dexamethasone))["D05A128"]?.on_hand).toBe(before);
    const sheet = await call("pharmacy.dispensing", { visit_id: visitId });
    expect(sheet.items[0]?.dispensed).toBe(0);
    expect(sheet.stage).toBe("pharmacy");
  });

  it("refuses the later batch without a reason and takes it with one", async () => {
    const u = setupUser();
    const { visitId } = await prescribed([line(dexamethasone)]);
    const before = await batches(dexamethasone);
    await openSheet(visitId);
    const dex = lineOf("dexamethasone");
    await u.clear(packsOf(dex, "D05A128"));
    await u.type(packsOf(dex, "D05B128"), "1");
    await u.click(screen.getByTestId("sheet-dispense"));
    const reason = within(dex).getByTestId("line-other-batch-reason");
    expect(await within(dex).findByText(/^First expiry first out proposes 1 pack from lot D05A128; say why/)).toBeInTheDocument();
    expect(reason).toHaveAttribute("aria-invalid", "true");
    expect((await batches(dexamethasone))["D05B128"]?.on_hand).toBe(before["D05B128"]?.on_hand);

    await u.type(reason, "Patient asked for the longer-dated bottle");
    await u.click(screen.getByTestId("sheet-dispense"));
    await screen.findByTestId("sheet-moved-to-billing");
    const after = await batches(dexamethasone);
    expect(after["D05B128"]?.on_hand).toBe((before["D05B128"]?.on_hand ?? 0) - 1);
    expect(after["D05A128"]?.on_hand).toBe(before["D05A128"]?.on_hand);
  });

  it("records a declined line with the rest dispensed, and the visit leaves the list for billing", async () => {
    const u = setupUser();
    const { patient, visitId } = await prescribed([line(dexamethasone), line(moxifloxacin)]);
    const { location } = await openSheet(visitId);
    const moxi = lineOf("moxifloxacin");
    await u.click(within(moxi).getByText("Not dispensed"));
    await u.click(within(moxi).getByTestId("line-not-dispensed-reason"));
    await u.click(await screen.findByRole("option", { name: "Declined by the patient" }));
    await u.click(screen.getByTestId("sheet-dispense"));

    expect(await screen.findByTestId("sheet-moved-to-billing")).toHaveTextContent(`${patient.first_name} ${patient.last_name} has moved to billing`);
    expect(lineOf("moxifloxacin")).toHaveAttribute("data-status", "not_dispensed");
    expect(within(lineOf("moxifloxacin")).getByTestId("line-status")).toHaveTextContent("Not dispensed: declined by the patient");
    expect(lineOf("dexamethasone")).toHaveAttribute("data-status", "dispensed");
    const board = await ops.queueBoard(null);
    expect(board.cards.find((c) => c.visit_id === visitId)?.stage).toBe("billing");

    await u.click(screen.getByTestId("sheet-done"));
    await waitFor(() => expect(currentPath(location)).toBe("/pharmacy"));
    await screen.findByTestId("pharmacy-page");
    await waitFor(() => expect(screen.queryByTestId("pharmacy-loading")).not.toBeInTheDocument());
    const rows = screen.queryAllByTestId("pharmacy-row").map((r) => r.getAttribute("data-visit"));
    expect(rows).not.toContain(visitId);
  });
});

describe("a partial dispensing", () => {
  it("hands over part of the first supply, keeps the line open and the visit on the list", async () => {
    const u = setupUser();
    const { visitId } = await prescribed([line(dexamethasone, 2)]);
    const before = (await batches(dexamethasone))["D05A128"]?.on_hand ?? 0;
    await openSheet(visitId);
    const dex = lineOf("dexamethasone");
    await u.clear(packsOf(dex, "D05A128"));
    await u.type(packsOf(dex, "D05A128"), "1");
    await u.click(screen.getByTestId("sheet-dispense"));
    // The form comes back as the core now proposes it: one pack left, still from the first-expiring batch.
    await waitFor(() => expect(within(lineOf("dexamethasone")).getByTestId("line-dispensed")).toHaveTextContent("1 pack"));
    const open = lineOf("dexamethasone");
    expect(open).toHaveAttribute("data-status", "open");
    expect(within(open).getByTestId("line-still-allowed")).toHaveTextContent("1 pack");
    expect(packsOf(open, "D05A128")).toHaveValue("1");
    expect(screen.queryByTestId("sheet-moved-to-billing")).not.toBeInTheDocument();
    expect((await batches(dexamethasone))["D05A128"]?.on_hand).toBe(before - 1);
    const listed = (await call("pharmacy.to_dispense", {})).visits.find((v) => v.visit_id === visitId);
    expect(listed?.lines_outstanding).toBe(1);
    expect(listed?.stage).toBe("pharmacy");
  });
});

describe("access", () => {
  it("links a card at the pharmacy stage to its sheet for the pharmacist, not for reception", async () => {
    const u = setupUser();
    const { patient, visitId } = await prescribed([line(dexamethasone)]);
    const cardOf = () =>
      waitFor(() => {
        const card = screen.getAllByTestId("queue-card").find((c) => c.getAttribute("data-mrn") === patient.mrn);
        if (!card) throw new Error("not on the board yet");
        return card;
      });

    const reception = renderApp(<QueueBoardPage />, { ...(await signInAs("reception")), path: "/queue" });
    expect(await cardOf()).toHaveAttribute("data-stage", "pharmacy");
    expect(within(await cardOf()).queryByTestId("queue-card-dispense")).not.toBeInTheDocument();
    reception.unmount();

    const { location } = renderApp(<QueueBoardPage />, { ...(await signInAs("pharmacy")), path: "/queue" });
    const link = within(await cardOf()).getByTestId("queue-card-dispense");
    expect(link).toHaveTextContent("Dispense");
    await u.click(link);
    await waitFor(() => expect(currentPath(location)).toBe(`/pharmacy/${visitId}`));
  });

  it("shows the Pharmacy nav to the pharmacist and not to a receptionist", async () => {
    const pharmacist = renderApp(<AppLayout />, { ...(await signInAs("pharmacy")), path: "/pharmacy" });
    expect(screen.getByTestId("nav-pharmacy")).toHaveAttribute("href", "/pharmacy");
    expect(await screen.findByTestId("pharmacy-page")).toBeInTheDocument();
    pharmacist.unmount();

    renderApp(<AppLayout />, { ...(await signInAs("reception")), path: "/pharmacy" });
    expect(screen.queryByTestId("nav-pharmacy")).not.toBeInTheDocument();
    expect(screen.getByTestId("no-access")).toBeInTheDocument();
  });
});

describe("an empty pharmacy", () => {
  it("says there is nothing to dispense", async () => {
    // A clinic of its own with no visits at all, and a pharmacist.
    await freshClinic({ empty: true });
    await ops.setupApp({
      clinic: { ...defaultClinicForm(), clinic_name: "Riverside Eye Clinic", address: null, phone: null, idle_lock_minutes: 10, session_hours: 12 },
      workstation_code: "R1",
      admin: { username: "mary", full_name: "Mary O'Connor", password: DEMO_PASSWORD },
      demo_patients: 0,
      demo: false,
    });
    await ops.signIn({ username: "mary", password: DEMO_PASSWORD });
    await ops.createUser({ username: "piotr", full_name: "Piotr Zieliński", roles: ["pharmacist"], password: DEMO_PASSWORD, profile: null });
    const user = await ops.signIn({ username: "piotr", password: DEMO_PASSWORD });
    renderApp(<AppRoutes />, { user, info: await ops.getAppInfo(), path: "/pharmacy" });
    expect(await screen.findByTestId("pharmacy-empty")).toHaveTextContent("No patient is waiting at the pharmacy.");
    expect(screen.queryByTestId("pharmacy-list")).not.toBeInTheDocument();
  });
});
