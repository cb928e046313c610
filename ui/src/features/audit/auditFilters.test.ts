import { describe, expect, it } from "vitest";

import { buildAuditRequest, noAuditFilters } from "./auditFilters";

describe("buildAuditRequest", () => {
  it("asks for everything, newest first, when nothing is filtered", () => {
    expect(buildAuditRequest(noAuditFilters, "DMY")).toEqual({
      request: { patient_id: null, user_id: null, from: null, to: null, limit: 200 },
      errors: {},
    });
  });

  it("sends dates typed in the clinic's format, or ISO, as ISO days", () => {
    const built = buildAuditRequest({ patientId: "p1", userId: "u1", from: "1/6/2024", to: "2024-06-15" }, "DMY");
    expect(built.request).toEqual({ patient_id: "p1", user_id: "u1", from: "2024-06-01", to: "2024-06-15", limit: 200 });
    expect(buildAuditRequest({ ...noAuditFilters, from: "06/01/2024" }, "MDY").request.from).toBe("2024-06-01");
  });

  it("explains dates it cannot use", () => {
    expect(buildAuditRequest({ ...noAuditFilters, from: "31/02/2024" }, "DMY").errors).toEqual({ from: "Type a date as DD/MM/YYYY" });
    expect(buildAuditRequest({ ...noAuditFilters, from: "2024-06-15", to: "2024-06-01" }, "DMY").errors).toEqual({
      to: "The end is before the start",
    });
  });
});
