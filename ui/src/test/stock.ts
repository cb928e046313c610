// Stock made through the real core for the stock screens' tests: the demo shelf's medicines found by name, and a
// dispense from a signed prescription, done as the doctor and the pharmacist would.
import * as ops from "../api/operations";
import { call } from "../api/client";
import { stockOps } from "../api/stockQueries";
import type { StockLine } from "../bindings/StockLine";
import { consultationInput, signed, startedVisit } from "./exams";
import { signInAs } from "./demoClinic";
import { registered } from "./patients";

/** The stock line of the demo medicine whose name starts with `generic` (as whoever is signed in). */
export async function stockLine(generic: string): Promise<StockLine> {
  const { lines } = await stockOps.stock(true);
  const line = lines.find((l) => l.medicine.startsWith(`${generic} `));
  if (!line) throw new Error(`The demo formulary has no ${generic}.`);
  return line;
}

/**
 * A patient of their own, examined today by the doctor, who prescribes one pack of `medicineId` for the right eye
 * and signs; the pharmacist then dispenses it from the batches the core proposes (first expiry first out). Leaves
 * the pharmacist signed in. Returns the patient and the lots handed over.
 */
export async function dispensedTo(medicineId: string, lastName: string) {
  await signInAs("doctor");
  const patient = await registered({ first_name: "Iris", last_name: lastName });
  const visitId = await startedVisit(patient.id);
  await ops.saveConsultation(visitId, consultationInput({ complaint: "Red right eye", plan: "Drops" }));
  await call("prescriptions.save", {
    visit_id: visitId,
    items: [
      {
        id: null,
        medicine_id: medicineId,
        generic_name: null,
        strength: null,
        form: null,
        eye: "od",
        steps: [{ dose: { amount_tenths: 10, unit: "drop" }, frequency: "four_times_daily", days: 7 }],
        quantity: 1,
        repeats: 0,
        from_stock: true,
        instructions: null,
      },
    ],
  });
  await signed(visitId);
  await signInAs("pharmacy");
  const sheet = await call("pharmacy.dispensing", { visit_id: visitId });
  const [item] = sheet.items;
  if (!item || item.proposed.length === 0) throw new Error("The core proposed no batch to dispense from.");
  await call("pharmacy.dispense", {
    visit_id: visitId,
    items: [
      {
        item_id: item.item_id,
        batches: item.proposed.map((p) => ({ batch_id: p.batch_id, packs: p.packs })),
        other_batch_reason: null,
        not_dispensed: null,
        note: null,
      },
    ],
  });
  return { patient, lots: item.proposed.map((p) => p.lot) };
}
