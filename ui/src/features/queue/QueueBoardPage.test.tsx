// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

import * as ops from "../../api/operations";
import type { BoardResponse } from "../../bindings/BoardResponse";
import type { Stage } from "../../bindings/Stage";
import { card, okafor, walsh } from "../../test/appointments";
import { receptionistUser, renderApp, setupUser } from "../../test/render";
import { QueueBoardPage } from "./QueueBoardPage";

vi.mock("../../api/operations");

const board = vi.mocked(ops.queueBoard);
const move = vi.mocked(ops.moveVisit);
const clinicians = vi.mocked(ops.listClinicians);

const ana = card({ visit_id: "v1", patient_name: "Ana Ruiz", patient_mrn: "R1-000001", clinician_id: "c1", clinician_name: okafor.full_name });
const kofi = card({
  visit_id: "v2",
  patient_name: "Kofi Mensah",
  patient_mrn: "R1-000002",
  clinician_id: "c2",
  clinician_name: walsh.full_name,
  stage: "waiting_doctor",
  minutes_in_stage: 47,
  level: "red",
  appointment_time: null,
});

function respond(cards = [ana, kofi]) {
  board.mockImplementation(async (clinicianId): Promise<BoardResponse> => ({
    date: "2024-06-15",
    amber_minutes: 20,
    red_minutes: 40,
    cards: cards.filter((c) => clinicianId === null || c.clinician_id === clinicianId),
  }));
}

const columnOrder = () =>
  screen.getAllByTestId(/^queue-column-/).map((el) => el.getAttribute("data-testid")?.replace("queue-column-", ""));

describe("the queue board", () => {
  beforeEach(() => {
    board.mockReset();
    move.mockReset();
    clinicians.mockReset().mockResolvedValue({ clinicians: [okafor, walsh] });
  });

  it("shows each card in its stage, with the wait in words as well as colour", async () => {
    respond();
    renderApp(<QueueBoardPage />, { path: "/queue", user: receptionistUser() });
    const waiting = await screen.findByTestId("queue-column-waiting_workup");
    expect(within(waiting).getByTestId("queue-card")).toHaveAttribute("data-mrn", "R1-000001");
    const red = within(screen.getByTestId("queue-column-waiting_doctor")).getByTestId("queue-card");
    expect(red).toHaveAttribute("data-level", "red");
    expect(red).toHaveTextContent("47 min here · Very long wait");
    expect(red).toHaveTextContent("Walk-in");
    expect(within(waiting).getByTestId("queue-card")).toHaveTextContent("appt 09:00");
  });

  it("puts the user's own stages first", async () => {
    respond();
    renderApp(<QueueBoardPage />, { path: "/queue", user: receptionistUser({ roles: ["doctor"] }) });
    await screen.findByTestId("queue-column-waiting_doctor");
    expect(columnOrder().slice(0, 2)).toEqual(["waiting_doctor", "with_doctor"]);
  });

  it("filters by clinician", async () => {
    const u = setupUser();
    respond();
    renderApp(<QueueBoardPage />, { path: "/queue", user: receptionistUser() });
    await waitFor(() => expect(screen.getAllByTestId("queue-card")).toHaveLength(2));
    await u.click(screen.getByTestId("queue-filter-clinician"));
    await u.click(await screen.findByRole("option", { name: "Liam Walsh" }));
    await waitFor(() => expect(board).toHaveBeenLastCalledWith("c2"));
    await waitFor(() => expect(screen.getAllByTestId("queue-card")).toHaveLength(1));
    expect(screen.getByTestId("queue-card")).toHaveAttribute("data-mrn", "R1-000002");
  });

  it("moves a card to the next stage in one click, and to any stage from its menu", async () => {
    const u = setupUser();
    let stage: Stage = "waiting_workup";
    board.mockImplementation(async () => ({ date: "2024-06-15", amber_minutes: 20, red_minutes: 40, cards: [card({ ...ana, stage })] }));
    move.mockImplementation(async (_visit, to) => {
      stage = to;
      return card({ ...ana, stage: to });
    });
    renderApp(<QueueBoardPage />, { path: "/queue", user: receptionistUser() });

    const first = await within(await screen.findByTestId("queue-column-waiting_workup")).findByTestId("queue-card");
    await u.click(within(first).getByTestId("queue-card-next"));
    expect(move).toHaveBeenCalledWith("v1", "in_workup");
    await waitFor(() => expect(within(screen.getByTestId("queue-column-in_workup")).getByTestId("queue-card")).toBeInTheDocument());

    await u.click(within(screen.getByTestId("queue-card")).getByTestId("queue-card-menu"));
    await u.click(await screen.findByTestId("queue-move-billing"));
    expect(move).toHaveBeenLastCalledWith("v1", "billing");
    await waitFor(() => expect(within(screen.getByTestId("queue-column-billing")).getByTestId("queue-card")).toBeInTheDocument());
  });

  it("links each card to its examination for clinical staff only", async () => {
    respond();
    const doctor = receptionistUser({ roles: ["doctor"], permissions: ["signed_in", "read_patients", "read_clinical", "use_queue"] });
    const first = renderApp(<QueueBoardPage />, { path: "/queue", user: doctor });
    const card = await within(await screen.findByTestId("queue-column-waiting_workup")).findByTestId("queue-card");
    expect(within(card).getByTestId("queue-card-exam")).toHaveAttribute("href", "/visits/v1/exam");
    expect(screen.getAllByTestId("queue-card-exam")).toHaveLength(2);
    first.unmount();

    renderApp(<QueueBoardPage />, { path: "/queue", user: receptionistUser() });
    await screen.findByTestId("queue-column-waiting_workup");
    await waitFor(() => expect(screen.getAllByTestId("queue-card")).toHaveLength(2));
    expect(screen.queryByTestId("queue-card-exam")).not.toBeInTheDocument();
  });

  it("says so when nobody is checked in", async () => {
    respond([]);
    renderApp(<QueueBoardPage />, { path: "/queue", user: receptionistUser() });
    expect(await screen.findByTestId("queue-empty")).toHaveTextContent("No one is checked in today yet");
  });
});
