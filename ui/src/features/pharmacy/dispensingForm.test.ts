import { describe, expect, it } from "vitest";

import { ApiError } from "../../api/errors";
import { errorKey, sheetFieldError, type SentLine } from "./dispensingForm";

const sent: SentLine[] = [
  { itemId: "moxi", batchIds: [] },
  { itemId: "dex", batchIds: ["b-early", "b-late"] },
];
const at = (field: string | null) => sheetFieldError(new ApiError("validation", "No.", field), sent);

describe("where the core's refusal of a dispensing shows", () => {
  it("puts it on the line, the batch row or the field the core names, by the request's order", () => {
    expect(at("items.1.batches.1.packs")).toEqual({ [errorKey.batch("dex", "b-late")]: "No." });
    expect(at("items.1.batches.0.batch_id")).toEqual({ [errorKey.batch("dex", "b-early")]: "No." });
    expect(at("items.1.batches")).toEqual({ [errorKey.batches("dex")]: "No." });
    expect(at("items.1.other_batch_reason")).toEqual({ [errorKey.otherBatchReason("dex")]: "No." });
    expect(at("items.0.note")).toEqual({ [errorKey.note("moxi")]: "No." });
    expect(at("items.0.not_dispensed")).toEqual({ [errorKey.notDispensed("moxi")]: "No." });
    expect(at("items.0")).toEqual({ [errorKey.line("moxi")]: "No." });
    expect(at("items.0.item_id")).toEqual({ [errorKey.line("moxi")]: "No." });
  });

  it("leaves the rest to the whole form", () => {
    expect(at(null)).toBeNull();
    expect(at("items")).toBeNull();
    expect(at("items.5.batches")).toBeNull();
    expect(at("visit_id")).toBeNull();
  });
});
