// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import * as ops from "../../api/operations";
import { useShell } from "../../app/shell";
import type { AppInfo } from "../../bindings/AppInfo";
import type { CurrentUser } from "../../bindings/CurrentUser";
import type { Patient } from "../../bindings/Patient";
import { formatDate } from "../../lib/dates";
import { signInAs } from "../../test/demoClinic";
import { failNextCall } from "../../test/faults";
import { bornMonthsBefore, registered } from "../../test/patients";
import { currentPath, renderApp, setupUser } from "../../test/render";
import type { PatientFormValues } from "./patientForm";

let user = setupUser();
let reception: { user: CurrentUser; info: AppInfo };

beforeAll(async () => {
  reception = await signInAs("reception");
});

function OpenRegister({ prefill }: { prefill?: Partial<PatientFormValues> }) {
  const { openRegister } = useShell();
  return <button onClick={() => openRegister(prefill)}>open form</button>;
}

function OpenEdit({ patient }: { patient: Patient }) {
  const { openEdit } = useShell();
  return <button onClick={() => openEdit(patient)}>edit</button>;
}

async function openForm(prefill?: Partial<PatientFormValues>) {
  const view = renderApp(<OpenRegister prefill={prefill} />, reception);
  await user.click(screen.getByRole("button", { name: "open form" }));
  await screen.findByTestId("patient-form");
  return view;
}

/** Types a whole value at once (one change event), much faster than key by key in jsdom. */
async function fill(testId: string, text: string) {
  const input = screen.getByTestId(testId);
  await user.click(input);
  await user.paste(text);
}

/** The names (Quintanilla unless given) and a date of birth no demo patient shares with them. */
async function fillRequired(firstName: string, lastName = "Quintanilla") {
  await fill("first_name", firstName);
  await fill("last_name", lastName);
  await fill("date_of_birth", "07/03/1982");
}

/** Patients whose names match `query`, archived or not. */
async function found(query: string) {
  return (await ops.searchPatients({ query, limit: null, include_archived: true })).results;
}

/** The id in a patient page's path, once the app is on one. */
async function openedPatientId(location: { history: string[] }): Promise<string> {
  let id = "";
  await waitFor(() => {
    const match = /^\/patients\/(.+)$/.exec(currentPath(location) ?? "");
    expect(match).not.toBeNull();
    id = match?.[1] ?? "";
  });
  return id;
}

describe("registration form", () => {
  beforeEach(async () => {
    user = setupUser();
    await signInAs("reception");
  });

  it("shows what is missing and sends nothing", async () => {
    await openForm();
    await user.click(screen.getByTestId("submit-patient"));

    expect(await screen.findByText("First name is required")).toBeInTheDocument();
    expect(screen.getByText("Last name is required")).toBeInTheDocument();
    expect(screen.getByText("Date of birth is required")).toBeInTheDocument();
    expect(screen.getByTestId("first_name")).toHaveAttribute("aria-invalid", "true");
    await waitFor(() => expect(screen.getByTestId("first_name")).toHaveFocus());
    // Had the form asked the core, its answer ("First name is required.") would stand on the field instead.
    await new Promise((later) => setTimeout(later, 300));
    expect(screen.queryByText("First name is required.")).not.toBeInTheDocument();
    expect(screen.getByText("First name is required")).toBeInTheDocument();
  });

  it("hints at the age once the date of birth parses, and at the format before", async () => {
    await openForm();
    expect(screen.getByText("Type as DD/MM/YYYY")).toBeInTheDocument();
    const { today, date_format } = reception.info;
    await fill("date_of_birth", formatDate(bornMonthsBefore(today, 42 * 12), date_format));
    expect(screen.getByText("Age: 42 years")).toBeInTheDocument();
  });

  it("registers with Enter from a text input, and opens the new patient", async () => {
    const { location } = await openForm();
    await fillRequired("Ana");
    await user.click(screen.getByRole("radio", { name: "Female" }));
    await fill("phone-0", "0712 345 678");
    await fill("email", "ana@example.com");
    await user.keyboard("{Enter}");

    const id = await openedPatientId(location);
    const saved = await ops.getPatient(id);
    expect(saved).toMatchObject({
      first_name: "Ana",
      last_name: "Quintanilla",
      date_of_birth: "1982-03-07",
      sex: "female",
      phones: ["0712 345 678"],
      email: "ana@example.com",
      address: null,
    });
    expect(await screen.findByText(new RegExp(`MRN ${saved.mrn}`))).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId("patient-form")).not.toBeInTheDocument());
  });

  it("does not submit on Enter in a textarea", async () => {
    await openForm();
    await user.type(screen.getByTestId("medical_history"), "Glaucoma{Enter}Diabetes");
    expect(screen.getByTestId("medical_history")).toHaveValue("Glaucoma\nDiabetes");
    expect(screen.queryByText("First name is required")).not.toBeInTheDocument();
    expect(screen.getByTestId("patient-form")).toBeInTheDocument();
  });

  it("shows the core's field error on the field it names", async () => {
    const { location } = await openForm();
    await fillRequired("Beatriz");
    // Looks like an address to the form's hint; the core knows a domain has no underscore.
    await fill("email", "beatriz@exa_mple.com");
    await user.click(screen.getByTestId("submit-patient"));

    const message = "“beatriz@exa_mple.com” is not an email address (like name@example.com).";
    const email = screen.getByTestId("email");
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(email).toHaveAttribute("aria-invalid", "true");
    expect(email).toHaveAccessibleDescription(expect.stringContaining(message));
    expect(screen.getByTestId("first_name")).not.toHaveAttribute("aria-invalid", "true");
    await waitFor(() => expect(email).toHaveFocus());
    expect(currentPath(location)).toBe("/patients");

    // Editing the field clears the server's complaint.
    await user.type(email, "x");
    expect(screen.queryByText(message)).not.toBeInTheDocument();
    expect(await found("Beatriz Quintanilla")).toEqual([]);
  });

  it("shows the core's complaint about a phone number under the numbers, until one is edited", async () => {
    await openForm();
    await fillRequired("Carmen");
    await fill("phone-0", "0712 345 678");
    await user.click(screen.getByRole("button", { name: "Add another number" }));
    // Digits and allowed characters, as the form's hint checks; the core also wants + only at the start.
    await fill("phone-1", "0800+000 000");
    await user.click(screen.getByTestId("submit-patient"));

    const message = "Put + only at the start of a phone number.";
    const contact = within(screen.getByRole("region", { name: "Contact" }));
    expect(await contact.findByText(message)).toHaveAttribute("role", "alert");
    await waitFor(() => expect(screen.getByTestId("phone-0")).toHaveFocus());

    await user.clear(screen.getByTestId("phone-1"));
    expect(screen.queryByText(message)).not.toBeInTheDocument();
    expect(await found("Carmen Quintanilla")).toEqual([]);
  });

  it("shows an error that belongs to no field at the top of the form", async () => {
    failNextCall("patients.register", "storage", "disk full");
    await openForm();
    await fillRequired("Dolores");
    await user.click(screen.getByTestId("submit-patient"));
    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText("disk full")).toBeInTheDocument();
    expect(screen.getByTestId("patient-form")).toBeInTheDocument();
  });

  it("offers possible duplicates, and registers anyway with allow_duplicate", async () => {
    const existing = await registered({
      first_name: "Elena",
      last_name: "Quintanilla",
      date_of_birth: "1982-03-07",
      phones: ["0799 111 222"],
    });
    const { location } = await openForm();
    await fillRequired("Elena");
    await user.click(screen.getByTestId("submit-patient"));

    const candidates = await screen.findByTestId("duplicate-candidates");
    expect(within(candidates).getAllByTestId("duplicate-row")).toHaveLength(1);
    expect(within(candidates).getByText("Quintanilla, Elena")).toBeInTheDocument();
    expect(within(candidates).getByText(existing.mrn)).toBeInTheDocument();
    expect(within(candidates).getByText("07/03/1982")).toBeInTheDocument();
    expect(within(candidates).getByText("0799 111 222")).toBeInTheDocument();
    expect(within(candidates).getByRole("button", { name: "Open existing" })).toBeInTheDocument();
    // Nothing registered yet: the core only asked.
    expect(await found("Elena Quintanilla")).toHaveLength(1);

    await user.click(screen.getByTestId("register-anyway"));
    const id = await openedPatientId(location);
    expect(id).not.toBe(existing.id);
    expect((await found("Elena Quintanilla")).map((p) => p.id).sort()).toEqual([existing.id, id].sort());
  });

  it("opens an existing candidate instead of registering", async () => {
    const existing = await registered({ first_name: "Fátima", last_name: "Quintanilla", date_of_birth: "1982-03-07" });
    const { location } = await openForm();
    await fillRequired("Fátima");
    await user.click(screen.getByTestId("submit-patient"));
    await user.click(await screen.findByRole("button", { name: "Open existing" }));
    expect(currentPath(location)).toBe(`/patients/${existing.id}`);
    expect((await found("Fátima Quintanilla")).map((p) => p.id)).toEqual([existing.id]);
  });

  it("cancels with Escape", async () => {
    await openForm({ last_name: "Mensah" });
    expect(screen.getByTestId("last_name")).toHaveValue("Mensah");
    await user.type(screen.getByTestId("first_name"), "{Escape}");
    await waitFor(() => expect(screen.queryByTestId("patient-form")).not.toBeInTheDocument());
  });

  it("edits a patient with the form prefilled and saves through patients.update", async () => {
    const gloria = await registered({
      first_name: "Gloria",
      last_name: "Quintanilla",
      date_of_birth: "1982-03-07",
      email: "gloria@example.com",
      phones: ["0712 345 678", "020 7946 0958"],
      allergies: "Latex",
    });
    const { location } = renderApp(<OpenEdit patient={gloria} />, reception);
    await user.click(screen.getByRole("button", { name: "edit" }));
    await screen.findByTestId("patient-form");

    expect(screen.getByTestId("date_of_birth")).toHaveValue("07/03/1982");
    expect(screen.getByTestId("phone-1")).toHaveValue("020 7946 0958");
    expect(screen.getByTestId("allergies")).toHaveValue("Latex");
    expect(screen.getByTestId("email")).toHaveValue("gloria@example.com");
    await user.clear(screen.getByTestId("first_name"));
    await fill("first_name", "Glòria");
    await user.click(screen.getByRole("button", { name: "Save changes" }));

    await waitFor(() => expect(currentPath(location)).toBe(`/patients/${gloria.id}`));
    expect((await found("Quintanilla Glòria")).map((p) => p.id)).toEqual([gloria.id]);
    expect(await ops.getPatient(gloria.id)).toMatchObject({
      mrn: gloria.mrn,
      first_name: "Glòria",
      date_of_birth: "1982-03-07",
      phones: ["0712 345 678", "020 7946 0958"],
      allergies: "Latex",
      email: "gloria@example.com",
    });
  });
});

describe("usual clinician", () => {
  it("is chosen on the form, saved by the core, and proposed first when booking", async () => {
    user = setupUser();
    await signInAs("reception");
    const { location } = await openForm();
    await fillRequired("Ulla");
    await user.click(screen.getByTestId("patient-usual-clinician"));
    await user.click(await screen.findByRole("option", { name: "Siobhán Byrne" }));
    await user.click(screen.getByTestId("submit-patient"));
    const id = await openedPatientId(location);
    const saved = await ops.getPatient(id);
    expect(saved.usual_clinician_name).toBe("Siobhán Byrne");
    const proposed = await ops.listClinicians(id);
    expect(proposed.clinicians[0]?.id).toBe(saved.usual_clinician_id);
    expect(proposed.usual_clinician_id).toBe(saved.usual_clinician_id);
  });
});
