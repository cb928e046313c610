// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";

import * as ops from "../../api/operations";
import type { Appointment } from "../../bindings/Appointment";
import type { AppInfo } from "../../bindings/AppInfo";
import type { Clinician } from "../../bindings/Clinician";
import type { CurrentUser } from "../../bindings/CurrentUser";
import type { Patient } from "../../bindings/Patient";
import { checkedInToday, clinician } from "../../test/appointments";
import { freshClinic, signInAs } from "../../test/demoClinic";
import { registered } from "../../test/patients";
import { renderApp, setupUser } from "../../test/render";
import { QueueBoardPage } from "./QueueBoardPage";
import { STAGES } from "./stages";

let reception: { user: CurrentUser; info: AppInfo };
let okafor: Clinician;
let byrne: Clinician;
// Our own patients on today's board, among the demo clinic's: found by MRN.
let ana: Patient;
let kofi: Patient;
let lena: Patient;
let anaVisit: Appointment;
let kofiVisit: string;
let lenaVisit: Appointment;

beforeAll(async () => {
  reception = await signInAs("reception");
  okafor = await clinician("doctor");
  byrne = await clinician("optom");
  ana = await registered({ first_name: "Ana", last_name: "Quintanilla" });
  kofi = await registered({ first_name: "Kofi", last_name: "Quintanilla" });
  lena = await registered({ first_name: "Lena", last_name: "Quintanilla" });
  const { today } = reception.info;
  // Booked before the demo book's first hour, so nothing clashes; checking in opens the visit.
  anaVisit = await checkedInToday(ana.id, okafor.id, today, "07:00");
  lenaVisit = await checkedInToday(lena.id, byrne.id, today, "07:20");
  // A visit without an appointment: the optometrist starts an examination from the patient's page.
  await signInAs("optom");
  kofiVisit = (await ops.startVisit(kofi.id)).visit_id;
  await ops.moveVisit(kofiVisit, "waiting_doctor");
  await signInAs("reception");
});

function renderBoard(as: { user: CurrentUser; info: AppInfo } = reception) {
  return renderApp(<QueueBoardPage />, { ...as, path: "/queue" });
}

/** The card of `patient` on the board, once it has arrived. */
async function cardOf(patient: Patient): Promise<HTMLElement> {
  return waitFor(() => {
    const card = screen.queryAllByTestId("queue-card").find((c) => c.getAttribute("data-mrn") === patient.mrn);
    if (!card) throw new Error(`${patient.mrn} is not on the board`);
    return card;
  });
}

const columnOrder = () =>
  screen.getAllByTestId(/^queue-column-/).map((el) => el.getAttribute("data-testid")?.replace("queue-column-", ""));

describe("the queue board", () => {
  it("shows each card in its stage, with the appointment time or a walk-in badge and the wait", async () => {
    renderBoard();
    const card = await cardOf(ana);
    expect(screen.getByTestId("queue-column-waiting_workup")).toContainElement(card);
    expect(card).toHaveAttribute("data-stage", "waiting_workup");
    expect(card).toHaveTextContent("appt 07:00");
    expect(card).toHaveTextContent("Dr Amara Okafor");
    // Just checked in: no colour, no warning words.
    expect(card).toHaveAttribute("data-level", "normal");
    expect(within(card).getByTestId("queue-card-wait")).toHaveTextContent(/^\d+ min here$/);

    const walkIn = await cardOf(kofi);
    expect(screen.getByTestId("queue-column-waiting_doctor")).toContainElement(walkIn);
    expect(walkIn).toHaveTextContent("Walk-in");
    expect(walkIn).not.toHaveTextContent("appt");
    expect(walkIn).toHaveTextContent("Siobhán Byrne");
    expect(await screen.findByText(/amber after 20 min, red after 40 min in a stage/)).toBeInTheDocument();
  });

  it("keeps the flow's order for reception and puts a doctor's own stages first", async () => {
    const first = renderBoard();
    await cardOf(ana);
    expect(columnOrder()).toEqual([...STAGES]);
    first.unmount();

    const doctor = await signInAs("doctor");
    renderBoard(doctor);
    await cardOf(ana);
    expect(columnOrder().slice(0, 2)).toEqual(["waiting_doctor", "with_doctor"]);
    expect(columnOrder()).toHaveLength(STAGES.length);
    await signInAs("reception");
  });

  it("filters by clinician", async () => {
    const u = setupUser();
    renderBoard();
    await cardOf(ana);
    await cardOf(kofi);
    await u.click(screen.getByTestId("queue-filter-clinician"));
    await u.click(await screen.findByRole("option", { name: "Siobhán Byrne" }));

    await waitFor(() => expect(screen.queryAllByTestId("queue-card").some((c) => c.getAttribute("data-mrn") === ana.mrn)).toBe(false));
    await cardOf(kofi);
    await cardOf(lena);
    // Only her patients remain (the Done column stays folded), as many as the core lists for her.
    const shown = screen.getAllByTestId("queue-card");
    for (const card of shown) expect(card).toHaveTextContent("Siobhán Byrne");
    const hers = (await ops.queueBoard(byrne.id)).cards.filter((c) => c.stage !== "done");
    expect(shown).toHaveLength(hers.length);
  });

  it("moves a card to the next stage in one click, and to any stage from its menu", async () => {
    const u = setupUser();
    renderBoard();
    const card = await cardOf(lena);
    expect(screen.getByTestId("queue-column-waiting_workup")).toContainElement(card);
    await u.click(within(card).getByTestId("queue-card-next"));
    await waitFor(async () => expect(screen.getByTestId("queue-column-in_workup")).toContainElement(await cardOf(lena)));
    const stageOf = async () => (await ops.queueBoard(null)).cards.find((c) => c.visit_id === lenaVisit.visit_id)?.stage;
    expect(await stageOf()).toBe("in_workup");

    await u.click(within(await cardOf(lena)).getByTestId("queue-card-menu"));
    await u.click(await screen.findByTestId("queue-move-billing"));
    await waitFor(async () => expect(screen.getByTestId("queue-column-billing")).toContainElement(await cardOf(lena)));
    expect(await stageOf()).toBe("billing");
  });

  it("links each card to its examination for clinical staff only", async () => {
    const doctor = await signInAs("doctor");
    const first = renderBoard(doctor);
    const card = await cardOf(ana);
    expect(within(card).getByTestId("queue-card-exam")).toHaveAttribute("href", `/visits/${anaVisit.visit_id}/exam`);
    expect(within(await cardOf(kofi)).getByTestId("queue-card-exam")).toHaveAttribute("href", `/visits/${kofiVisit}/exam`);
    expect(screen.getAllByTestId("queue-card-exam")).toHaveLength(screen.getAllByTestId("queue-card").length);
    first.unmount();

    await signInAs("reception");
    renderBoard();
    await cardOf(ana);
    await cardOf(kofi);
    expect(screen.queryByTestId("queue-card-exam")).not.toBeInTheDocument();
  });

  it("hands a waiting patient to another clinician from the card's menu, and shows walk-ins booked at the desk", async () => {
    const u = setupUser();
    const mia = await registered({ first_name: "Mia", last_name: "Quintanilla" });
    const noor = await registered({ first_name: "Noor", last_name: "Quintanilla" });
    const miaVisit = await checkedInToday(mia.id, okafor.id, reception.info.today, "07:40");
    await ops.walkIn({ patient_id: noor.id, clinician_id: okafor.id, reason: "Red eye" });
    renderBoard();
    const walkIn = await cardOf(noor);
    expect(within(walkIn).getByTestId("queue-card-walk-in")).toHaveTextContent("Walk-in");
    expect(walkIn).not.toHaveTextContent("appt");

    await u.click(within(await cardOf(mia)).getByTestId("queue-card-menu"));
    await u.click(await screen.findByTestId("queue-card-reassign"));
    const dialog = await screen.findByTestId("reassign-form");
    await u.click(within(dialog).getByTestId("reassign-to"));
    await u.click(await screen.findByRole("option", { name: byrne.full_name }));
    expect(await within(dialog).findByTestId("reassign-preview")).toHaveTextContent("with 1 waiting patient");
    await u.type(within(dialog).getByTestId("reassign-reason"), "Dr Okafor called away");
    await u.click(within(dialog).getByTestId("reassign-confirm"));
    await waitFor(async () => expect(await cardOf(mia)).toHaveTextContent(byrne.full_name));
    const card = (await ops.queueBoard(null)).cards.find((c) => c.visit_id === miaVisit.visit_id);
    expect(card?.clinician_id).toBe(byrne.id);

    // With the doctor already: the menu offers no reassignment.
    await u.click(within(await cardOf(mia)).getByTestId("queue-card-menu"));
    await u.click(await screen.findByTestId("queue-move-with_doctor"));
    const moved = await waitFor(async () => {
      const c = await cardOf(mia);
      if (c.getAttribute("data-stage") !== "with_doctor") throw new Error("not yet moved");
      return c;
    });
    await u.click(within(moved).getByTestId("queue-card-menu"));
    await screen.findByTestId("queue-move-done");
    expect(screen.queryByTestId("queue-card-reassign")).not.toBeInTheDocument();
  });

  // Last: it moves this file onto a clinic of its own.
  it("says so when nobody is checked in, and when the chosen clinician has nobody", async () => {
    const u = setupUser();
    // A new clinic with staff but no book: the demo clinic always has today's patients on a weekday.
    await freshClinic({ empty: true });
    await ops.setupApp({
      clinic: {
        clinic_name: "Quiet Eye Clinic",
        address: null,
        phone: null,
        registration: null,
        currency: "EUR",
        time_zone: "UTC",
        date_format: "DMY",
        paper_size: "A4",
        idle_lock_minutes: 10,
        session_hours: 12,
      },
      workstation_code: "Q1",
      admin: { username: "boss", full_name: "Bea Oyelaran", password: "quiet clinic 2026" },
      demo_patients: 0,
      demo: false,
    });
    await ops.signIn({ username: "boss", password: "quiet clinic 2026" });
    for (const [username, full_name, role] of [
      ["desk", "Dara Kiely", "receptionist"],
      ["drmoss", "Dr Ines Moss", "doctor"],
    ] as const) {
      await ops.createUser({ username, full_name, roles: [role], password: "quiet clinic 2026", profile: null });
    }
    const user = await ops.signIn({ username: "desk", password: "quiet clinic 2026" });
    const info = await ops.getAppInfo();

    renderBoard({ user, info });
    const empty = await screen.findByTestId("queue-empty");
    expect(empty).toHaveTextContent("No one is checked in today yet");
    expect(within(empty).getByRole("link", { name: /Open today’s book/ })).toHaveAttribute("href", "/book");

    await u.click(screen.getByTestId("queue-filter-clinician"));
    await u.click(await screen.findByRole("option", { name: "Dr Ines Moss" }));
    expect(await screen.findByText("No patients of this clinician on the board today.")).toBeInTheDocument();
    expect(screen.getByTestId("queue-column-waiting_workup")).toBeInTheDocument();
  });
});
