import { describe, expect, it } from "vitest";

import { ApiError } from "../api/errors";
import { fieldErrorFromApi, normalizeFieldPath } from "./formErrors";

const fields = new Set(["first_name", "phones", "phones.0", "phones.1", "email"]);
const isField = (path: string) => fields.has(path);

describe("fieldErrorFromApi", () => {
  it("maps a validation error to the named field", () => {
    const error = new ApiError("validation", "Enter a valid email", "email");
    expect(fieldErrorFromApi(error, isField)).toEqual({ field: "email", message: "Enter a valid email" });
  });

  it("understands wrapped and indexed paths", () => {
    expect(normalizeFieldPath("patient.first_name")).toBe("first_name");
    expect(normalizeFieldPath("phones[1]")).toBe("phones.1");
    expect(normalizeFieldPath("patient.phones[0]")).toBe("phones.0");
    expect(fieldErrorFromApi(new ApiError("validation", "Too short", "phones[1]"), isField)).toEqual({
      field: "phones.1",
      message: "Too short",
    });
  });

  it("returns null for errors without a field or for a field the form does not have", () => {
    expect(fieldErrorFromApi(new ApiError("storage", "Disk full"), isField)).toBeNull();
    expect(fieldErrorFromApi(new ApiError("validation", "Bad", "something_else"), isField)).toBeNull();
  });
});
