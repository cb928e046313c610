import { describe, expect, it } from "vitest";

import type { Patient } from "../../bindings/Patient";
import {
  emptyPatientForm,
  isPatientField,
  patientToForm,
  prefillFromSearch,
  toPatientInput,
  validatePatientForm,
} from "./patientForm";

const context = { dateFormat: "DMY" as const, today: "2024-06-15" };

describe("validatePatientForm", () => {
  it("requires names and date of birth", () => {
    expect(validatePatientForm(emptyPatientForm, context)).toEqual({
      first_name: "First name is required",
      last_name: "Last name is required",
      date_of_birth: "Date of birth is required",
    });
  });

  it("checks the date of birth against today and 130 years", () => {
    const base = { ...emptyPatientForm, first_name: "A", last_name: "B" };
    expect(validatePatientForm({ ...base, date_of_birth: "16/06/2024" }, context).date_of_birth).toMatch(/future/);
    expect(validatePatientForm({ ...base, date_of_birth: "14/06/1894" }, context).date_of_birth).toMatch(/130/);
    expect(validatePatientForm({ ...base, date_of_birth: "15/06/1894" }, context)).toEqual({});
    expect(validatePatientForm({ ...base, date_of_birth: "31/02/2000" }, context).date_of_birth).toBe(
      "Enter a real date as DD/MM/YYYY",
    );
  });

  it("checks phones and email shape", () => {
    const values = {
      ...emptyPatientForm,
      first_name: "A",
      last_name: "B",
      date_of_birth: "2000-01-01",
      phones: ["+44 (0)20 7946.0958", "12345", "abc123456"],
      email: "not-an-email",
      emergency_contact_phone: "1".repeat(21),
    };
    expect(validatePatientForm(values, context)).toEqual({
      "phones.1": "A phone number has 6 to 20 digits",
      "phones.2": "Use only digits, spaces and + - ( ) .",
      email: "This does not look like an email address",
      emergency_contact_phone: "A phone number has 6 to 20 digits",
    });
  });
});

describe("toPatientInput", () => {
  it("trims, drops blank phones, sends ISO dates and nulls for empty optional fields", () => {
    const input = toPatientInput(
      { ...emptyPatientForm, first_name: " Ana ", last_name: "Ruiz", date_of_birth: "7/3/1982", phones: ["", " 555 1234 "] },
      "DMY",
    );
    expect(input).toMatchObject({
      first_name: "Ana",
      last_name: "Ruiz",
      date_of_birth: "1982-03-07",
      phones: ["555 1234"],
      email: null,
      allergies: null,
      sex: "unknown",
    });
  });

  it("passes an unparsable date through for the core to judge", () => {
    expect(toPatientInput({ ...emptyPatientForm, date_of_birth: " 1982 " }, "DMY").date_of_birth).toBe("1982");
  });
});

describe("patientToForm", () => {
  it("shows the date in the clinic format and keeps one phone row", () => {
    const patient = {
      id: "p1",
      mrn: "R1-000001",
      first_name: "Ana",
      last_name: "Ruiz",
      date_of_birth: "1982-03-07",
      age_years: 42,
      sex: "female",
      phones: [],
      email: null,
      address: null,
      national_id: null,
      medical_history: null,
      allergies: "Penicillin",
      current_medications: null,
      emergency_contact_name: null,
      emergency_contact_phone: null,
      usual_clinician_id: null,
      usual_clinician_name: null,
      archived: false,
      created_at: "2024-01-01T00:00:00Z",
      updated_at: "2024-01-01T00:00:00Z",
    } satisfies Patient;
    const form = patientToForm(patient, "MDY");
    expect(form.date_of_birth).toBe("03/07/1982");
    expect(form.phones).toEqual([""]);
    expect(form.allergies).toBe("Penicillin");
    expect(form.email).toBe("");
  });
});

describe("prefillFromSearch", () => {
  it("splits names sensibly", () => {
    expect(prefillFromSearch("Ruiz", "DMY")).toEqual({ last_name: "Ruiz" });
    expect(prefillFromSearch("Ana María  Ruiz", "DMY")).toEqual({ first_name: "Ana María", last_name: "Ruiz" });
    expect(prefillFromSearch("Ruiz, Ana", "DMY")).toEqual({ first_name: "Ana", last_name: "Ruiz" });
  });

  it("recognizes dates and phone numbers, and ignores MRNs", () => {
    expect(prefillFromSearch("1982-03-07", "DMY")).toEqual({ date_of_birth: "07/03/1982" });
    expect(prefillFromSearch("0712 345 678", "DMY")).toEqual({ phones: ["0712 345 678"] });
    expect(prefillFromSearch("R1-000042", "DMY")).toEqual({});
    expect(prefillFromSearch("  ", "DMY")).toEqual({});
  });
});

describe("isPatientField", () => {
  it("knows the form's fields", () => {
    expect(isPatientField("first_name")).toBe(true);
    expect(isPatientField("phones")).toBe(true);
    expect(isPatientField("phones.3")).toBe(true);
    expect(isPatientField("mrn")).toBe(false);
  });
});
