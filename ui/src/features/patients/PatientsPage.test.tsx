// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { AppInfo } from "../../bindings/AppInfo";
import type { CurrentUser } from "../../bindings/CurrentUser";
import type { Patient } from "../../bindings/Patient";
import { signInAs } from "../../test/demoClinic";
import { failNextCall, holdNextCall } from "../../test/faults";
import { bornMonthsBefore, registered } from "../../test/patients";
import { currentPath, renderApp, setupUser } from "../../test/render";
import { PatientsPage } from "./PatientsPage";

let user = setupUser();
let reception: { user: CurrentUser; info: AppInfo };
// Three patients no demo name shares, registered last, so they lead the recent list (newest first).
let ana: Patient;
let luis: Patient;
let zoe: Patient;

beforeAll(async () => {
  reception = await signInAs("reception");
  ana = await registered({ first_name: "Ana", last_name: "Quintanilla", date_of_birth: "1982-03-07", phones: ["0712 345 678"] });
  luis = await registered({ first_name: "Luis", last_name: "Quintanilla", date_of_birth: bornMonthsBefore(reception.info.today, 16) });
  zoe = await registered({ first_name: "Zoë", last_name: "Quintanilla", date_of_birth: "1990-05-01" });
  await (await import("../../api/operations")).archivePatient(zoe.id, true);
});

function renderPage() {
  return renderApp(<PatientsPage />, reception);
}

describe("PatientsPage", () => {
  beforeEach(() => {
    user = setupUser();
  });

  it("shows recent patients, then searches for what is typed", async () => {
    renderPage();

    expect(await screen.findByText("Recently registered patients")).toBeInTheDocument();
    const input = screen.getByTestId("patient-search");
    expect(input).toHaveFocus();
    // Newest first, archived left out.
    const recent = await screen.findAllByTestId("patient-row");
    expect(recent[0]).toHaveAttribute("data-mrn", luis.mrn);
    expect(recent[1]).toHaveAttribute("data-mrn", ana.mrn);

    await user.type(input, "quintanilla");
    expect(await screen.findByText("2 matches for “quintanilla”")).toBeInTheDocument();
    const rows = screen.getAllByTestId("patient-row");
    expect(rows).toHaveLength(2);
    const first = within(rows.find((r) => r.getAttribute("data-mrn") === ana.mrn) as HTMLElement);
    expect(first.getByText("Quintanilla, Ana")).toBeInTheDocument();
    expect(first.getByText("07/03/1982")).toBeInTheDocument();
    expect(first.getByText(/\d+ years/)).toBeInTheDocument();
    expect(first.getByText("0712 345 678")).toBeInTheDocument();
  });

  it("shows the archived badge, the age of small children in months, and finds archived ones when toggled", async () => {
    renderPage();
    await user.type(screen.getByTestId("patient-search"), "quintanilla");
    await screen.findByText("2 matches for “quintanilla”");
    const child = screen.getAllByTestId("patient-row").find((r) => r.getAttribute("data-mrn") === luis.mrn);
    expect(within(child as HTMLElement).getByText(/16 months/)).toBeInTheDocument();
    expect(screen.queryByText("Archived")).not.toBeInTheDocument();

    await user.click(screen.getByRole("switch", { name: "Include archived" }));
    expect(await screen.findByText("3 matches for “quintanilla”")).toBeInTheDocument();
    const archived = screen.getAllByTestId("patient-row").find((r) => r.getAttribute("data-mrn") === zoe.mrn);
    expect(within(archived as HTMLElement).getByText("Archived")).toBeInTheDocument();
  });

  it("moves the highlight with the arrow keys and opens the highlighted patient with Enter", async () => {
    const { location } = renderPage();
    await screen.findAllByTestId("patient-row");
    const input = screen.getByTestId("patient-search");

    await user.type(input, "{ArrowDown}{ArrowDown}{ArrowDown}{ArrowUp}");
    const rows = screen.getAllByTestId("patient-row");
    expect(rows[1]).toHaveAttribute("aria-selected", "true");
    expect(rows[0]).toHaveAttribute("aria-selected", "false");

    await user.keyboard("{Enter}");
    expect(currentPath(location)).toBe(`/patients/${ana.id}`);
  });

  it("opens the first patient with Enter when nothing is highlighted, and any row on click", async () => {
    const { location } = renderPage();
    await screen.findAllByTestId("patient-row");

    await user.type(screen.getByTestId("patient-search"), "{Enter}");
    expect(currentPath(location)).toBe(`/patients/${luis.id}`);

    await user.click(screen.getByText(ana.mrn));
    expect(currentPath(location)).toBe(`/patients/${ana.id}`);
  });

  it("searches for exactly what was typed when Enter comes before the debounce", async () => {
    const { location } = renderPage();
    await screen.findAllByTestId("patient-row");

    await user.type(screen.getByTestId("patient-search"), `${ana.mrn}{Enter}`);
    await waitFor(() => expect(currentPath(location)).toBe(`/patients/${ana.id}`));
  });

  it("says when nothing matches and offers to register with the typed name", async () => {
    renderPage();
    await screen.findAllByTestId("patient-row");

    await user.type(screen.getByTestId("patient-search"), "Kofi Zzyzxmensah");
    expect(await screen.findByText("No patients match “Kofi Zzyzxmensah”")).toBeInTheDocument();
    await user.click(screen.getByTestId("register-from-search"));

    expect(await screen.findByTestId("patient-form")).toBeInTheDocument();
    expect(screen.getByTestId("first_name")).toHaveValue("Kofi");
    expect(screen.getByTestId("last_name")).toHaveValue("Zzyzxmensah");
  });

  it("shows a search failure instead of a blank page, with a retry", async () => {
    failNextCall("patients.search", "storage", "database disk image is malformed");
    renderPage();

    expect(await screen.findByText("Could not search patients")).toBeInTheDocument();
    expect(screen.getByText("database disk image is malformed")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("Quintanilla, Ana")).toBeInTheDocument();
  });

  it("shows a loading indicator until the first answer", async () => {
    const release = holdNextCall("patients.search");
    renderPage();
    expect(screen.getByTestId("patients-loading")).toBeInTheDocument();
    release();
    expect(await screen.findByText("Quintanilla, Ana")).toBeInTheDocument();
    expect(screen.queryByTestId("patients-loading")).not.toBeInTheDocument();
  });
});
