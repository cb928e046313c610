// The examination part of the in-memory backend, driven through the same operations as the UI: the screens'
// component tests and the VITE_MOCK_API screenshots rely on it behaving like the core.
import { beforeAll, describe, expect, it, vi } from "vitest";

import type { WorkupInput } from "../bindings/WorkupInput";
import { signInToMock } from "../test/mockBackend";
import * as ops from "./operations";

vi.mock("./tauri", async () => ({ tauriTransport: (await import("./mock")).mockTransport, tauriOpenDocument: (await import("./mock")).mockOpenDocument }));

const eye = (sphere: string | null, cylinder: string | null, axis: string | null) => ({ sphere, cylinder, axis, add: null, prism: null, prism_base: null, pd: null });

function workup(axis: string | null): WorkupInput {
  return {
    acuity: {
      od: { sc: "6/18", cc: null, ph: null, bcva: "6/9", near_sc: null, near_cc: null },
      os: { sc: null, cc: null, ph: null, bcva: "6/12", near_sc: null, near_cc: null },
    },
    refractions: [{ kind: "final", od: eye("-1.25", "-0.50", axis), os: eye("-1.00", null, null), pd: "63" }],
    iop: { od: "24", os: "17", method: "goldmann", time: "09:30", od_not_recordable: false, od_not_recordable_reason: null, os_not_recordable: false, os_not_recordable_reason: null },
    findings: { od: null, os: null },
    notes: null,
    copied: [],
  };
}

let visitId = "";

beforeAll(async () => {
  await signInToMock("drokafor", "see clearly 2026");
  const board = await ops.queueBoard(null);
  const waiting = board.cards.find((c) => c.stage === "waiting_workup");
  if (!waiting) throw new Error("the demo board has nobody waiting for a work-up");
  visitId = waiting.visit_id;
});

describe("the mock's examinations", () => {
  it("offers the last visit's glasses and history to copy", async () => {
    const view = await ops.getExam(visitId);
    expect(view.previous?.current_glasses?.kind).toBe("current_glasses");
    expect(view.previous?.ocular_history).toBeTruthy();
    expect(view.settings.va_notation).toBe("snellen_metric");
  });

  it("refuses a cylinder without axis on the axis, saves a valid work-up and moves the patient on", async () => {
    await expect(ops.saveWorkup(visitId, workup(null))).rejects.toMatchObject({ code: "validation", field: "final.od.axis" });
    const derived = await ops.checkWorkup(workup("90"));
    expect(derived.iop_flags).toEqual({ od_high: true, os_high: false, asymmetric: true });
    expect(derived.acuity_od.bcva_logmar).toBe("0.18");
    const view = await ops.saveWorkup(visitId, workup("90"));
    expect(view.stage).toBe("waiting_doctor");
    expect(view.workup_by_name).toBe("Dr Amara Okafor");
    expect(view.workup_derived?.refractions[0]?.od?.spherical_equivalent).toBe("-1.50");
  });

  it("checks a diagnosis's eye against its code and computes the follow-up", async () => {
    const base = { complaint: "Blurred", ocular_history: null, medical_history: null, family_history: null, findings_summary: null, plan: null, notes: null, copied: [] };
    await expect(
      ops.saveConsultation(visitId, { ...base, diagnoses: [{ code: "H40.1111", eye: "os", note: null }], follow_up: null }),
    ).rejects.toMatchObject({ field: "diagnoses.0.eye" });
    await expect(
      ops.saveConsultation(visitId, { ...base, diagnoses: [{ code: "H40.111", eye: "od", note: null }], follow_up: null }),
    ).rejects.toMatchObject({ field: "diagnoses.0.code" });
    const view = await ops.saveConsultation(visitId, { ...base, diagnoses: [{ code: "h401111", eye: "od", note: null }], follow_up: { kind: "weeks", count: 6 } });
    expect(view.stage).toBe("with_doctor");
    expect(view.consultation?.diagnoses[0]?.code).toBe("H40.1111");
    expect(view.consultation?.follow_up_text).toBe("in 6 weeks");
  });

  it("signs only with the password, after which the record is closed and charted", async () => {
    await expect(ops.signExam(visitId, "not it")).rejects.toMatchObject({ code: "validation", field: "password" });
    const signed = await ops.signExam(visitId, "see clearly 2026");
    expect(signed.signed_by_name).toBe("Dr Amara Okafor");
    expect(signed.stage).toBe("billing");
    await expect(ops.saveWorkup(visitId, workup("90"))).rejects.toMatchObject({ code: "conflict" });
    const withNote = await ops.addAddendum(visitId, "Phoned with results");
    expect(withNote.addenda.map((a) => a.text)).toEqual(["Phoned with results"]);

    const chart = await ops.getChart(signed.patient.id);
    expect(chart.visits[0]).toMatchObject({ visit_id: visitId, signed: true, diagnoses: [{ code: "H40.1111" }] });
    expect(chart.trends.iop_od.at(-1)?.value).toBe(24);
    expect(chart.trends.bcva_od.length).toBeGreaterThan(1);
    expect(chart.latest_final_refraction?.od).toBe("-1.25 / -0.50 × 090");
    const document = await ops.printSpectacleRx(visitId, "Varifocals");
    expect(document.file_name).toMatch(/^Spectacle Rx /);
    await expect(ops.openDocument(document.path)).resolves.toBeUndefined();
  });

  it("searches ICD-10 by code or by words in any order", async () => {
    const byWords = await ops.searchIcd10("open glauc right", 5);
    expect(byWords.codes.length).toBeGreaterThan(0);
    expect(byWords.codes.every((c) => c.description.includes("right eye"))).toBe(true);
    expect(byWords.codes[0]?.billable).toBe(true);
    const byCode = await ops.searchIcd10("H25.1", 20);
    expect(byCode.codes.every((c) => c.code.startsWith("H25.1"))).toBe(true);
  });

  it("lists patients due back in the default range", async () => {
    const list = await ops.recall(null, null);
    expect(list.entries.length).toBeGreaterThan(0);
    expect(list.entries.every((e) => e.due_on >= list.from && e.due_on <= list.to)).toBe(true);
  });
});
