// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { ApiError } from "../../api/errors";
import * as ops from "../../api/operations";
import { currentPath, setupUser, renderApp, summary } from "../../test/render";
import { PatientsPage } from "./PatientsPage";

vi.mock("../../api/operations");

let user = setupUser();

const search = vi.mocked(ops.searchPatients);

const ana = summary({ id: "p1", mrn: "R1-000001", first_name: "Ana", last_name: "Ruiz" });
const luis = summary({
  id: "p2",
  mrn: "R1-000002",
  first_name: "Luis",
  last_name: "Ruiz",
  date_of_birth: "2023-01-20",
  age_years: 1,
  phones: [],
});
const zoe = summary({ id: "p3", mrn: "R1-000003", first_name: "Zoë", last_name: "Ruiz", archived: true });

function answer(results = [ana, luis, zoe]) {
  return { results, total_shown: results.length };
}

describe("PatientsPage", () => {
  beforeEach(() => {
    user = setupUser();
    search.mockReset();
  });

  it("shows recent patients, then searches for what is typed", async () => {
    search.mockResolvedValueOnce(answer([ana])).mockResolvedValue(answer([ana, luis]));
    renderApp(<PatientsPage />);

    expect(await screen.findByText("Recently registered patients")).toBeInTheDocument();
    expect(search).toHaveBeenCalledWith({ query: "", limit: 50, include_archived: false });
    const input = screen.getByTestId("patient-search");
    expect(input).toHaveFocus();

    await user.type(input, "ruiz");
    await waitFor(() => expect(search).toHaveBeenLastCalledWith({ query: "ruiz", limit: 50, include_archived: false }));
    // Debounced: not one call per keystroke.
    expect(search.mock.calls.length).toBeLessThanOrEqual(3);

    const rows = await screen.findAllByTestId("patient-row");
    await waitFor(() => expect(screen.getAllByTestId("patient-row")).toHaveLength(2));
    expect(rows[0]).toHaveAttribute("data-mrn", "R1-000001");
    const first = within(screen.getAllByTestId("patient-row")[0] as HTMLElement);
    expect(first.getByText("Ruiz, Ana")).toBeInTheDocument();
    expect(first.getByText("07/03/1982")).toBeInTheDocument();
    expect(first.getByText(/42 years/)).toBeInTheDocument();
    expect(first.getByText("0712 345 678")).toBeInTheDocument();
    expect(screen.getByText("2 matches for “ruiz”")).toBeInTheDocument();
  });

  it("shows the archived badge, the age of small children in months, and asks for archived ones when toggled", async () => {
    search.mockResolvedValue(answer());
    renderApp(<PatientsPage />);
    const rows = await screen.findAllByTestId("patient-row");
    expect(within(rows[2] as HTMLElement).getByText("Archived")).toBeInTheDocument();
    expect(within(rows[0] as HTMLElement).queryByText("Archived")).not.toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).getByText(/16 months/)).toBeInTheDocument();

    await user.click(screen.getByRole("switch", { name: "Include archived" }));
    await waitFor(() => expect(search).toHaveBeenLastCalledWith({ query: "", limit: 50, include_archived: true }));
  });

  it("moves the highlight with the arrow keys and opens the highlighted patient with Enter", async () => {
    search.mockResolvedValue(answer());
    const { location } = renderApp(<PatientsPage />);
    await screen.findAllByTestId("patient-row");
    const input = screen.getByTestId("patient-search");

    await user.type(input, "{ArrowDown}{ArrowDown}{ArrowDown}{ArrowUp}");
    const rows = screen.getAllByTestId("patient-row");
    expect(rows[1]).toHaveAttribute("aria-selected", "true");
    expect(rows[0]).toHaveAttribute("aria-selected", "false");

    await user.keyboard("{Enter}");
    expect(currentPath(location)).toBe("/patients/p2");
  });

  it("opens the first patient with Enter when nothing is highlighted, and any row on click", async () => {
    search.mockResolvedValue(answer());
    const { location } = renderApp(<PatientsPage />);
    await screen.findAllByTestId("patient-row");

    await user.type(screen.getByTestId("patient-search"), "{Enter}");
    expect(currentPath(location)).toBe("/patients/p1");

    await user.click(screen.getByText("R1-000003"));
    expect(currentPath(location)).toBe("/patients/p3");
  });

  it("searches for exactly what was typed when Enter comes before the debounce", async () => {
    search.mockImplementation((request) =>
      Promise.resolve(request.query === "R1-000002" ? answer([{ ...luis, matched_by: "mrn" }]) : answer([ana])),
    );
    const { location } = renderApp(<PatientsPage />);
    await screen.findAllByTestId("patient-row");

    await user.type(screen.getByTestId("patient-search"), "R1-000002{Enter}");
    await waitFor(() => expect(currentPath(location)).toBe("/patients/p2"));
  });

  it("invites registering the first patient when there are none", async () => {
    search.mockResolvedValue(answer([]));
    renderApp(<PatientsPage />);
    expect(await screen.findByText("No patients yet")).toBeInTheDocument();
    await user.click(screen.getAllByRole("button", { name: /Register patient/ })[1] as HTMLElement);
    expect(await screen.findByTestId("patient-form")).toBeInTheDocument();
  });

  it("says when nothing matches and offers to register with the typed name", async () => {
    search.mockImplementation((request) => Promise.resolve(answer(request.query === "" ? [ana] : [])));
    renderApp(<PatientsPage />);
    await screen.findAllByTestId("patient-row");

    await user.type(screen.getByTestId("patient-search"), "Kofi Mensah");
    expect(await screen.findByText("No patients match “Kofi Mensah”")).toBeInTheDocument();
    await user.click(screen.getByTestId("register-from-search"));

    expect(await screen.findByTestId("patient-form")).toBeInTheDocument();
    expect(screen.getByTestId("first_name")).toHaveValue("Kofi");
    expect(screen.getByTestId("last_name")).toHaveValue("Mensah");
  });

  it("shows a search failure instead of a blank page, with a retry", async () => {
    search.mockRejectedValueOnce(new ApiError("storage", "database disk image is malformed"));
    renderApp(<PatientsPage />);

    expect(await screen.findByText("Could not search patients")).toBeInTheDocument();
    expect(screen.getByText("database disk image is malformed")).toBeInTheDocument();

    search.mockResolvedValue(answer([ana]));
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("Ruiz, Ana")).toBeInTheDocument();
  });

  it("shows a loading indicator until the first answer", async () => {
    let resolve: (value: ReturnType<typeof answer>) => void = () => {};
    search.mockReturnValue(new Promise((r) => (resolve = r)));
    renderApp(<PatientsPage />);
    expect(screen.getByTestId("patients-loading")).toBeInTheDocument();
    resolve(answer([ana]));
    expect(await screen.findByText("Ruiz, Ana")).toBeInTheDocument();
    expect(screen.queryByTestId("patients-loading")).not.toBeInTheDocument();
  });
});
