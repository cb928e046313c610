-- Medication prescriptions and the clinic pharmacy: the formulary, stock as a ledger of movements per batch,
-- dispensing against a signed prescription, and stock counts. Quantities are whole packs (the formulary's pack is
-- the unit the pharmacy hands over: a 5 mL bottle, a strip of 10 tablets); money is integer minor units.

-- ── Formulary ────────────────────────────────────────────────────────────────────────────────────────────────────
-- The medicines the clinic prescribes, stocked or not. Never deleted: an unused medicine is made inactive.
CREATE TABLE medicines (
    id TEXT PRIMARY KEY,                                -- UUIDv7 (the starter list's rows have fixed ids)
    generic_name TEXT NOT NULL,                         -- "prednisolone acetate"
    brand TEXT,                                         -- optional trade name
    strength TEXT NOT NULL DEFAULT '',                  -- as printed: "1%", "0.5%", "250 mg"
    form TEXT NOT NULL,                                 -- solution, suspension, emulsion, ointment, gel, tablet, capsule, other
    route TEXT NOT NULL,                                -- eye, oral, skin, other ("eye" lines carry an eye)
    pack_size_hundredths INTEGER NOT NULL CHECK (pack_size_hundredths > 0), -- 500 = 5 mL, 350 = 3.5 g, 1000 = 10 tablets
    pack_unit TEXT NOT NULL,                            -- ml, g, tablets, capsules, units
    stocked INTEGER NOT NULL DEFAULT 1 CHECK (stocked IN (0, 1)),  -- 0: prescribed, bought elsewhere
    reorder_level INTEGER NOT NULL DEFAULT 0 CHECK (reorder_level >= 0), -- packs
    price_minor INTEGER CHECK (price_minor IS NULL OR price_minor >= 0), -- per pack, the clinic's currency
    use_within_days INTEGER CHECK (use_within_days IS NULL OR use_within_days > 0), -- discard N days after opening
    starter INTEGER NOT NULL DEFAULT 0 CHECK (starter IN (0, 1)),  -- shipped starting point, not advice
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE TRIGGER medicines_no_delete BEFORE DELETE ON medicines BEGIN
    SELECT RAISE(ABORT, 'medicines are never deleted; make one inactive');
END;

-- Local search index, kept by triggers like the patients' name tokens: folded words of the generic and brand names.
CREATE TABLE medicine_tokens (
    token TEXT NOT NULL,
    medicine_rowid INTEGER NOT NULL,
    PRIMARY KEY (token, medicine_rowid)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER medicines_index_insert AFTER INSERT ON medicines BEGIN
    INSERT OR IGNORE INTO medicine_tokens (token, medicine_rowid)
        SELECT j.value, new.rowid FROM json_each(fovea_name_tokens(new.generic_name, new.brand)) j;
END;
CREATE TRIGGER medicines_index_names AFTER UPDATE OF generic_name, brand ON medicines BEGIN
    DELETE FROM medicine_tokens WHERE medicine_rowid = old.rowid;
    INSERT OR IGNORE INTO medicine_tokens (token, medicine_rowid)
        SELECT j.value, new.rowid FROM json_each(fovea_name_tokens(new.generic_name, new.brand)) j;
END;

-- ── Stock ────────────────────────────────────────────────────────────────────────────────────────────────────────
-- A batch as delivered. Its quantity on hand is never stored: it is the sum of its movements.
CREATE TABLE stock_batches (
    id TEXT PRIMARY KEY,                                -- UUIDv7
    medicine_id TEXT NOT NULL REFERENCES medicines (id),
    lot TEXT NOT NULL,
    expires_on TEXT,                                    -- ISO date; NULL only when received as "no expiry"
    supplier TEXT,
    cost_minor INTEGER CHECK (cost_minor IS NULL OR cost_minor >= 0), -- per pack
    quarantined INTEGER NOT NULL DEFAULT 0 CHECK (quarantined IN (0, 1)), -- never offered while set
    quarantine_reason TEXT,
    received_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX stock_batches_medicine ON stock_batches (medicine_id, expires_on);
CREATE INDEX stock_batches_lot ON stock_batches (lot);
CREATE TRIGGER stock_batches_no_delete BEFORE DELETE ON stock_batches BEGIN
    SELECT RAISE(ABORT, 'stock batches are never deleted');
END;

-- The ledger: append-only. A mistake is corrected by a reversal that references it.
CREATE TABLE stock_movements (
    id TEXT PRIMARY KEY,                                -- UUIDv7
    batch_id TEXT NOT NULL REFERENCES stock_batches (id),
    medicine_id TEXT NOT NULL REFERENCES medicines (id),
    kind TEXT NOT NULL,                                 -- receipt, dispense, patient_return, supplier_return, adjustment,
                                                        -- count_variance, expiry_write_off, reversal
    quantity INTEGER NOT NULL CHECK (quantity <> 0),    -- packs; positive into stock, negative out
    reason TEXT,                                        -- required for adjustments, returns, write-offs, reversals
    reverses_id TEXT REFERENCES stock_movements (id),   -- for a reversal
    dispense_id TEXT,                                   -- the dispense_lines row, for dispense and patient_return
    patient_id TEXT REFERENCES patients (id),           -- who received it (lot recalls)
    count_id TEXT,                                      -- the stock_counts row, for count_variance
    moved_at TEXT NOT NULL,                             -- UTC instant
    moved_by TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL
) STRICT;
-- Covering (quantity): a batch's on hand, now or as of a count's moment, is summed from the index alone.
CREATE INDEX stock_movements_batch ON stock_movements (batch_id, moved_at, quantity);
CREATE INDEX stock_movements_medicine ON stock_movements (medicine_id, moved_at);
CREATE INDEX stock_movements_patient ON stock_movements (patient_id) WHERE patient_id IS NOT NULL;
CREATE INDEX stock_movements_dispense ON stock_movements (dispense_id) WHERE dispense_id IS NOT NULL;
CREATE UNIQUE INDEX stock_movements_reversed_once ON stock_movements (reverses_id) WHERE reverses_id IS NOT NULL;
CREATE TRIGGER stock_movements_no_update BEFORE UPDATE ON stock_movements BEGIN
    SELECT RAISE(ABORT, 'stock movements are never changed; post a reversal');
END;
CREATE TRIGGER stock_movements_no_delete BEFORE DELETE ON stock_movements BEGIN
    SELECT RAISE(ABORT, 'stock movements are never deleted; post a reversal');
END;

-- A stock count: lines record what was counted and when; posting turns each line's difference from the ledger at
-- that moment into a count_variance movement, so stock that moved during the count is not miscounted.
CREATE TABLE stock_counts (
    id TEXT PRIMARY KEY,                                -- UUIDv7
    note TEXT,
    started_at TEXT NOT NULL,
    started_by TEXT NOT NULL REFERENCES users (id),
    posted_at TEXT,                                     -- once set, the count is closed
    posted_by TEXT REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE TABLE stock_count_lines (
    id TEXT PRIMARY KEY,                                -- '<count id>/<batch id>': counting a batch again replaces it
    count_id TEXT NOT NULL REFERENCES stock_counts (id),
    batch_id TEXT NOT NULL REFERENCES stock_batches (id),
    counted INTEGER NOT NULL CHECK (counted >= 0),
    counted_at TEXT NOT NULL,
    counted_by TEXT NOT NULL REFERENCES users (id)
) STRICT;
CREATE INDEX stock_count_lines_count ON stock_count_lines (count_id);

-- ── Prescriptions ────────────────────────────────────────────────────────────────────────────────────────────────
-- The medication prescription of a visit, written in the consultation and signed with the examination. The items
-- are a validated JSON array; each item has its own id, which dispensing refers to.
CREATE TABLE medication_prescriptions (
    id TEXT PRIMARY KEY,                                -- UUIDv7
    examination_id TEXT NOT NULL REFERENCES examinations (id),
    visit_id TEXT NOT NULL REFERENCES visits (id),
    patient_id TEXT NOT NULL REFERENCES patients (id),
    items TEXT NOT NULL CHECK (json_valid(items) AND json_type(items) = 'array'),
    written_by TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX medication_prescriptions_examination ON medication_prescriptions (examination_id);
CREATE INDEX medication_prescriptions_patient ON medication_prescriptions (patient_id);

-- Sealed with the examination, like its charted values (0006).
CREATE TRIGGER medication_prescriptions_signed_no_insert BEFORE INSERT ON medication_prescriptions
WHEN (SELECT signed_at FROM examinations WHERE id = new.examination_id) IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'the prescription of a signed examination cannot be changed; add an addendum');
END;
CREATE TRIGGER medication_prescriptions_signed_no_update BEFORE UPDATE ON medication_prescriptions
WHEN (SELECT signed_at FROM examinations WHERE id = old.examination_id) IS NOT NULL
  OR (SELECT signed_at FROM examinations WHERE id = new.examination_id) IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'the prescription of a signed examination cannot be changed; add an addendum');
END;
CREATE TRIGGER medication_prescriptions_no_delete BEFORE DELETE ON medication_prescriptions BEGIN
    SELECT RAISE(ABORT, 'prescriptions are never deleted');
END;

-- Taper templates the clinic edits ("after cataract surgery"); a doctor applies one to a line in one click.
CREATE TABLE taper_templates (
    id TEXT PRIMARY KEY,                                -- UUIDv7
    name TEXT NOT NULL,
    medicine_id TEXT REFERENCES medicines (id),         -- suggested medicine, optional
    steps TEXT NOT NULL CHECK (json_valid(steps) AND json_type(steps) = 'array'),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE TRIGGER taper_templates_no_delete BEFORE DELETE ON taper_templates BEGIN
    SELECT RAISE(ABORT, 'taper templates are never deleted; make one inactive');
END;

-- ── Dispensing ───────────────────────────────────────────────────────────────────────────────────────────────────
-- What the pharmacy did with one prescription item: packs handed over (with their stock movements) or why not.
-- Append-only; a line may be dispensed in several parts.
CREATE TABLE dispense_lines (
    id TEXT PRIMARY KEY,                                -- UUIDv7
    prescription_id TEXT NOT NULL REFERENCES medication_prescriptions (id),
    item_id TEXT NOT NULL,                              -- the item's id inside the prescription
    visit_id TEXT NOT NULL REFERENCES visits (id),
    patient_id TEXT NOT NULL REFERENCES patients (id),
    outcome TEXT NOT NULL,                              -- dispensed, not_dispensed
    quantity INTEGER NOT NULL CHECK (quantity >= 0),    -- packs handed over (0 when not dispensed)
    reason TEXT,                                        -- not dispensed: out_of_stock, declined, bought_elsewhere, other
    note TEXT,                                          -- free text: another batch chosen and why, the "other" reason
    dispensed_at TEXT NOT NULL,
    dispensed_by TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX dispense_lines_prescription ON dispense_lines (prescription_id, item_id);
CREATE INDEX dispense_lines_visit ON dispense_lines (visit_id);
CREATE TRIGGER dispense_lines_no_update BEFORE UPDATE ON dispense_lines BEGIN
    SELECT RAISE(ABORT, 'dispensing records are never changed');
END;
CREATE TRIGGER dispense_lines_no_delete BEFORE DELETE ON dispense_lines BEGIN
    SELECT RAISE(ABORT, 'dispensing records are never deleted');
END;
