import { describe, expect, it } from "vitest";

import { recallEntry } from "../../test/exams";
import { bookingDraftFor, dueLabel } from "./recall";

describe("the recall list", () => {
  it("says how far the due day is", () => {
    expect(dueLabel("2024-06-15", "2024-06-15")).toBe("due today");
    expect(dueLabel("2024-06-16", "2024-06-15")).toBe("due tomorrow");
    expect(dueLabel("2024-06-25", "2024-06-15")).toBe("due in 10 days");
    expect(dueLabel("2024-06-14", "2024-06-15")).toBe("1 day overdue");
    expect(dueLabel("2024-05-31", "2024-06-15")).toBe("15 days overdue");
    expect(dueLabel("soon", "2024-06-15")).toBeNull();
  });

  it("books on the due day, or today once it has passed", () => {
    const patient = { id: "p1", mrn: "R1-000001", first_name: "María José", last_name: "Ruiz", date_of_birth: "1982-03-07" };
    const ahead = bookingDraftFor(recallEntry({ due_on: "2024-06-20" }), patient, "2024-06-15", 7);
    expect(ahead).toEqual({ key: 7, date: "2024-06-20", time: "", clinicianId: null, patient });
    expect(bookingDraftFor(recallEntry({ due_on: "2024-06-01" }), patient, "2024-06-15", 8).date).toBe("2024-06-15");
  });
});
