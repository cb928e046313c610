// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { ApiError } from "../../api/errors";
import * as ops from "../../api/operations";
import { useShell } from "../../app/shell";
import { currentPath, setupUser, patient, renderApp, summary } from "../../test/render";
import type { PatientFormValues } from "./patientForm";

vi.mock("../../api/operations");

let user = setupUser();

const register = vi.mocked(ops.registerPatient);
const update = vi.mocked(ops.updatePatient);

function OpenRegister({ prefill }: { prefill?: Partial<PatientFormValues> }) {
  const { openRegister } = useShell();
  return <button onClick={() => openRegister(prefill)}>open form</button>;
}

function OpenEdit() {
  const { openEdit } = useShell();
  return (
    <button
      onClick={() => openEdit(patient({ email: "ana@example.com", phones: ["0712 345 678", "020 7946 0958"], allergies: "Latex" }))}
    >
      edit
    </button>
  );
}

async function openForm(prefill?: Partial<PatientFormValues>) {
  const view = renderApp(<OpenRegister prefill={prefill} />);
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

async function fillRequired() {
  await fill("first_name", "Ana");
  await fill("last_name", "Ruiz");
  await fill("date_of_birth", "07/03/1982");
}

describe("registration form", () => {
  beforeEach(() => {
    user = setupUser();
    register.mockReset();
    update.mockReset();
  });

  it("shows what is missing and sends nothing", async () => {
    await openForm();
    await user.click(screen.getByTestId("submit-patient"));

    expect(await screen.findByText("First name is required")).toBeInTheDocument();
    expect(screen.getByText("Last name is required")).toBeInTheDocument();
    expect(screen.getByText("Date of birth is required")).toBeInTheDocument();
    expect(screen.getByTestId("first_name")).toHaveAttribute("aria-invalid", "true");
    await waitFor(() => expect(screen.getByTestId("first_name")).toHaveFocus());
    expect(register).not.toHaveBeenCalled();
  });

  it("hints at the age once the date of birth parses, and at the format before", async () => {
    await openForm();
    expect(screen.getByText("Type as DD/MM/YYYY")).toBeInTheDocument();
    await fill("date_of_birth", "07/03/1982");
    expect(screen.getByText("Age: 42 years")).toBeInTheDocument();
  });

  it("registers with Enter from a text input, sending ISO dates, and opens the new patient", async () => {
    register.mockResolvedValue({ outcome: "registered", patient: patient({ id: "new-1", mrn: "R1-000042" }) });
    const { location } = await openForm();
    await fillRequired();
    await user.click(screen.getByRole("radio", { name: "Female" }));
    await fill("phone-0", "0712 345 678");
    await fill("email", "ana@example.com");
    await user.keyboard("{Enter}");

    await waitFor(() => expect(register).toHaveBeenCalledTimes(1));
    expect(register).toHaveBeenCalledWith({
      allow_duplicate: false,
      patient: expect.objectContaining({
        first_name: "Ana",
        last_name: "Ruiz",
        date_of_birth: "1982-03-07",
        sex: "female",
        phones: ["0712 345 678"],
        email: "ana@example.com",
        address: null,
      }),
    });
    await waitFor(() => expect(currentPath(location)).toBe("/patients/new-1"));
    expect(await screen.findByText(/MRN R1-000042/)).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId("patient-form")).not.toBeInTheDocument());
  });

  it("does not submit on Enter in a textarea", async () => {
    await openForm();
    await user.type(screen.getByTestId("medical_history"), "Glaucoma{Enter}Diabetes");
    expect(screen.getByTestId("medical_history")).toHaveValue("Glaucoma\nDiabetes");
    expect(screen.queryByText("First name is required")).not.toBeInTheDocument();
  });

  it("shows the core's field error on the field it names", async () => {
    register.mockRejectedValue(new ApiError("validation", "This email address is not valid", "email"));
    await openForm();
    await fillRequired();
    await fill("email", "ana@example.invalid");
    await user.click(screen.getByTestId("submit-patient"));

    const email = screen.getByTestId("email");
    expect(await screen.findByText("This email address is not valid")).toBeInTheDocument();
    expect(email).toHaveAttribute("aria-invalid", "true");
    expect(email).toHaveAccessibleDescription(expect.stringContaining("This email address is not valid"));
    expect(screen.getByTestId("first_name")).not.toHaveAttribute("aria-invalid", "true");

    // Editing the field clears the server's complaint.
    await user.type(email, "x");
    expect(screen.queryByText("This email address is not valid")).not.toBeInTheDocument();
  });

  it("maps an indexed phone error to that phone", async () => {
    register.mockRejectedValue(new ApiError("validation", "Number is not in service", "patient.phones[1]"));
    await openForm();
    await fillRequired();
    await fill("phone-0", "0712 345 678");
    await user.click(screen.getByRole("button", { name: "Add another number" }));
    await fill("phone-1", "0800 000 000");
    await user.click(screen.getByTestId("submit-patient"));

    expect(await screen.findByText("Number is not in service")).toBeInTheDocument();
    expect(screen.getByTestId("phone-1")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByTestId("phone-0")).not.toHaveAttribute("aria-invalid", "true");
  });

  it("shows an error that belongs to no field at the top of the form", async () => {
    register.mockRejectedValue(new ApiError("storage", "disk full"));
    await openForm();
    await fillRequired();
    await user.click(screen.getByTestId("submit-patient"));
    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText("disk full")).toBeInTheDocument();
  });

  it("offers possible duplicates, and registers anyway with allow_duplicate", async () => {
    const existing = summary({ id: "old-1", mrn: "R1-000007", phones: ["0799 111 222"] });
    register
      .mockResolvedValueOnce({ outcome: "possible_duplicates", candidates: [existing] })
      .mockResolvedValueOnce({ outcome: "registered", patient: patient({ id: "new-2", mrn: "R1-000043" }) });
    const { location } = await openForm();
    await fillRequired();
    await user.click(screen.getByTestId("submit-patient"));

    const candidates = await screen.findByTestId("duplicate-candidates");
    expect(within(candidates).getByText("Ruiz, Ana")).toBeInTheDocument();
    expect(within(candidates).getByText("R1-000007")).toBeInTheDocument();
    expect(within(candidates).getByText("07/03/1982")).toBeInTheDocument();
    expect(within(candidates).getByText("0799 111 222")).toBeInTheDocument();
    expect(within(candidates).getByRole("button", { name: "Open existing" })).toBeInTheDocument();

    await user.click(screen.getByTestId("register-anyway"));
    await waitFor(() => expect(register).toHaveBeenCalledTimes(2));
    expect(register.mock.calls[1]?.[0]).toMatchObject({ allow_duplicate: true, patient: { first_name: "Ana" } });
    await waitFor(() => expect(currentPath(location)).toBe("/patients/new-2"));
  });

  it("opens an existing candidate instead of registering", async () => {
    register.mockResolvedValue({ outcome: "possible_duplicates", candidates: [summary({ id: "old-1" })] });
    const { location } = await openForm();
    await fillRequired();
    await user.click(screen.getByTestId("submit-patient"));
    await user.click(await screen.findByRole("button", { name: "Open existing" }));
    expect(currentPath(location)).toBe("/patients/old-1");
    expect(register).toHaveBeenCalledTimes(1);
  });

  it("cancels with Escape", async () => {
    await openForm({ last_name: "Mensah" });
    expect(screen.getByTestId("last_name")).toHaveValue("Mensah");
    await user.type(screen.getByTestId("first_name"), "{Escape}");
    await waitFor(() => expect(screen.queryByTestId("patient-form")).not.toBeInTheDocument());
  });

  it("edits a patient with the form prefilled and saves through patients.update", async () => {
    update.mockResolvedValue(patient({ first_name: "Anna" }));
    const { location } = renderApp(<OpenEdit />);
    await user.click(screen.getByRole("button", { name: "edit" }));
    await screen.findByTestId("patient-form");

    expect(screen.getByTestId("date_of_birth")).toHaveValue("07/03/1982");
    expect(screen.getByTestId("phone-1")).toHaveValue("020 7946 0958");
    expect(screen.getByTestId("allergies")).toHaveValue("Latex");
    await user.clear(screen.getByTestId("first_name"));
    await fill("first_name", "Anna");
    await user.click(screen.getByRole("button", { name: "Save changes" }));

    await waitFor(() =>
      expect(update).toHaveBeenCalledWith({
        id: "p1",
        patient: expect.objectContaining({ first_name: "Anna", date_of_birth: "1982-03-07", allergies: "Latex" }),
      }),
    );
    await waitFor(() => expect(currentPath(location)).toBe("/patients/p1"));
  });
});
