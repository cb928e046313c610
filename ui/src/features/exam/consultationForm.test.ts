import { describe, expect, it } from "vitest";

import type { Consultation } from "../../bindings/Consultation";
import type { PreviousVisit } from "../../bindings/PreviousVisit";
import {
  addDiagnosis,
  blankConsultation,
  consultationErrorTarget,
  consultationToValues,
  copyHistory,
  eyeFromDescription,
  followUpFromSaved,
  followUpInput,
  hasHistory,
  removeDiagnosis,
  setText,
  toConsultationInput,
} from "./consultationForm";

const previous: PreviousVisit = {
  clinic_day: "2024-01-10",
  current_glasses: null,
  ocular_history: "POAG since 2019",
  medical_history: null,
  family_history: "Father: glaucoma",
};

describe("the eye a diagnosis starts on", () => {
  it("follows the words of the description", () => {
    expect(eyeFromDescription("Primary open-angle glaucoma, right eye, mild stage")).toBe("od");
    expect(eyeFromDescription("Age-related nuclear cataract, left eye")).toBe("os");
    expect(eyeFromDescription("Primary open-angle glaucoma, bilateral, mild stage")).toBe("ou");
    expect(eyeFromDescription("Dry eye syndrome of bilateral lacrimal glands")).toBe("ou");
    expect(eyeFromDescription("Chalazion right upper eyelid and left lower eyelid")).toBe("ou");
    expect(eyeFromDescription("Hordeolum externum left upper eyelid")).toBe("os");
  });

  it("is OU when the code names no eye, and is not fooled by parts of words", () => {
    expect(eyeFromDescription("Presbyopia")).toBe("ou");
    expect(eyeFromDescription("Age-related nuclear cataract, unspecified eye")).toBe("ou");
    expect(eyeFromDescription("Bright light sensitivity, leftover words")).toBe("ou");
  });
});

describe("diagnoses", () => {
  it("adds a code with its eye, not the same code on the same eye twice, and removes by position", () => {
    const code = { code: "H40.1111", description: "Primary open-angle glaucoma, right eye, mild stage", billable: true };
    let values = addDiagnosis(blankConsultation(), code);
    expect(values.diagnoses).toEqual([{ code: "H40.1111", description: code.description, eye: "od", note: "" }]);
    expect(addDiagnosis(values, code)).toBe(values);
    values = addDiagnosis(values, { code: "H52.4", description: "Presbyopia", billable: true });
    expect(values.diagnoses.map((d) => `${d.code}:${d.eye}`)).toEqual(["H40.1111:od", "H52.4:ou"]);
    expect(removeDiagnosis(values, 0).diagnoses.map((d) => d.code)).toEqual(["H52.4"]);
  });
});

describe("history copied from the last visit", () => {
  it("fills what the last visit recorded and marks it copied until a history is edited", () => {
    const start = { ...blankConsultation(), medical_history: "Asthma" };
    let values = copyHistory(start, previous);
    expect(values.ocular_history).toBe("POAG since 2019");
    expect(values.medical_history).toBe("Asthma");
    expect(values.family_history).toBe("Father: glaucoma");
    expect(values.copied).toEqual(["history"]);
    values = setText(values, "plan", "Review in 3 months");
    expect(values.copied).toEqual(["history"]);
    values = setText(values, "family_history", "Father and brother: glaucoma");
    expect(values.copied).toEqual([]);
  });

  it("is offered only when the last visit recorded some history", () => {
    expect(hasHistory(previous)).toBe(true);
    expect(hasHistory(null)).toBe(false);
    expect(hasHistory({ ...previous, ocular_history: " ", family_history: null })).toBe(false);
  });
});

describe("the follow-up", () => {
  it("builds weeks, months or a date", () => {
    expect(followUpInput({ kind: "none", count: "", date: null })).toEqual({ input: null, error: null });
    expect(followUpInput({ kind: "weeks", count: " 6 ", date: null })).toEqual({ input: { kind: "weeks", count: 6 }, error: null });
    expect(followUpInput({ kind: "months", count: "3", date: null })).toEqual({ input: { kind: "months", count: 3 }, error: null });
    expect(followUpInput({ kind: "date", count: "", date: "2024-09-01" })).toEqual({ input: { kind: "date", date: "2024-09-01" }, error: null });
  });

  it("says what is missing before asking the core", () => {
    expect(followUpInput({ kind: "months", count: "", date: null }).error).toBe("Give a whole number of months.");
    expect(followUpInput({ kind: "weeks", count: "2.5", date: null }).error).toBe("Give a whole number of weeks.");
    expect(followUpInput({ kind: "weeks", count: "0", date: null }).input).toBeNull();
    expect(followUpInput({ kind: "date", count: "", date: null }).error).toBe("Choose the day the patient should come back.");
  });

  it("reads a saved follow-up back as it was asked for", () => {
    expect(followUpFromSaved("in 3 months", "2024-09-15")).toEqual({ kind: "months", count: "3", date: null });
    expect(followUpFromSaved("in 1 week", "2024-06-22")).toEqual({ kind: "weeks", count: "1", date: null });
    expect(followUpFromSaved("on 01/09/2024", "2024-09-01")).toEqual({ kind: "date", count: "", date: "2024-09-01" });
    expect(followUpFromSaved(null, null)).toEqual({ kind: "none", count: "", date: null });
  });
});

describe("the consultation as stored and as sent", () => {
  it("round-trips through the form", () => {
    const stored: Consultation = {
      complaint: "Blurred vision",
      ocular_history: null,
      medical_history: "Diabetes",
      family_history: null,
      findings_summary: null,
      diagnoses: [{ code: "H25.13", description: "Age-related nuclear cataract, bilateral", eye: "ou", note: "Worse OD" }],
      plan: "Refer",
      follow_up_on: "2024-09-15",
      follow_up_text: "in 3 months",
      notes: null,
      copied: ["history"],
    };
    const values = consultationToValues(stored);
    const input = toConsultationInput(values, followUpInput(values.followUp).input);
    expect(input).toEqual({
      complaint: "Blurred vision",
      ocular_history: null,
      medical_history: "Diabetes",
      family_history: null,
      findings_summary: null,
      diagnoses: [{ code: "H25.13", eye: "ou", note: "Worse OD" }],
      plan: "Refer",
      follow_up: { kind: "months", count: 3 },
      notes: null,
      copied: ["history"],
    });
  });

  it("puts the core's errors on their fields", () => {
    expect(consultationErrorTarget("complaint", "none")).toBe("consult-complaint");
    expect(consultationErrorTarget("ocular_history", "none")).toBe("consult-ocular-history");
    expect(consultationErrorTarget("diagnoses.1.eye", "none")).toBe("dx-eye-1");
    expect(consultationErrorTarget("diagnoses.0.code", "none")).toBe("dx-code-0");
    expect(consultationErrorTarget("diagnoses.2.note", "none")).toBe("dx-note-2");
    expect(consultationErrorTarget("diagnoses", "none")).toBe("dx-search");
    expect(consultationErrorTarget("follow_up", "months")).toBe("followup-count");
    expect(consultationErrorTarget("follow_up", "date")).toBe("followup-date");
    expect(consultationErrorTarget("copied", "none")).toBeNull();
  });
});
