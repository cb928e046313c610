-- The day's takings: a cashier closes their day at their workstation by counting what is in the drawer against
-- what the payments say, and the closing is kept as a numbered day report. And a shadow of issued invoices' lines
-- so that the takings report by service reads an index instead of parsing every invoice's JSON.

-- ── Closed days ──────────────────────────────────────────────────────────────────────────────────────────────────
-- One per cashier, workstation and clinic day; written once and never changed. The per-method figures are a JSON
-- array [{method, expected_minor, counted_minor, variance_minor}] because the methods a day saw vary; cash counted
-- by denomination, when the cashier counted that way, is [{value_minor, count}].
CREATE TABLE cash_ups (
    id TEXT PRIMARY KEY,                                -- UUIDv7
    number TEXT NOT NULL,                               -- '<workstation>-DAY-<year>-<0001>', gapless per workstation
    workstation TEXT NOT NULL,
    cashier_id TEXT NOT NULL REFERENCES users (id),
    clinic_day TEXT NOT NULL,                           -- ISO date, the clinic's day
    currency TEXT NOT NULL,
    methods TEXT NOT NULL CHECK (json_valid(methods) AND json_type(methods) = 'array'),
    denominations TEXT CHECK (denominations IS NULL OR (json_valid(denominations) AND json_type(denominations) = 'array')),
    expected_minor INTEGER NOT NULL,                    -- money methods only: net of refunds, so it may be negative
    counted_minor INTEGER NOT NULL CHECK (counted_minor >= 0),
    variance_minor INTEGER NOT NULL,                    -- counted − expected
    variance_reason TEXT,
    payments INTEGER NOT NULL CHECK (payments >= 0),
    refunds INTEGER NOT NULL CHECK (refunds >= 0),
    closed_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CHECK (variance_minor = counted_minor - expected_minor),
    CHECK (variance_minor = 0 OR variance_reason IS NOT NULL)
) STRICT;
CREATE UNIQUE INDEX cash_ups_number ON cash_ups (number);
CREATE UNIQUE INDEX cash_ups_day ON cash_ups (workstation, cashier_id, clinic_day);
CREATE INDEX cash_ups_clinic_day ON cash_ups (clinic_day);
CREATE TRIGGER cash_ups_no_update BEFORE UPDATE ON cash_ups BEGIN
    SELECT RAISE(ABORT, 'a closed day is never changed; later corrections post to the current day');
END;
CREATE TRIGGER cash_ups_no_delete BEFORE DELETE ON cash_ups BEGIN
    SELECT RAISE(ABORT, 'a closed day is never deleted');
END;
CREATE TRIGGER cash_ups_no_replace BEFORE INSERT ON cash_ups
WHEN EXISTS (SELECT 1 FROM cash_ups WHERE id = new.id) BEGIN
    SELECT RAISE(ABORT, 'a closed day is never replaced');
END;

-- Payments by desk and moment, for the day sheet of one cashier at one workstation; and by moment with the figures
-- the takings report sums, so a year's report reads the index alone.
CREATE INDEX payments_desk ON payments (workstation, received_by, received_at);
CREATE INDEX payments_takings ON payments (received_at, kind, method, amount_minor);

-- ── Issued lines, for the reports (local) ────────────────────────────────────────────────────────────────────────
-- Kept by triggers from the invoices table, whichever way an invoice arrives (issued here or by sync): one row per
-- line of an issued invoice, removed again when the invoice is voided. Never replicated; rebuilt from invoices.
-- Keyed by the moment of issue first, so a period's lines are one range of the table itself.
CREATE TABLE invoice_line_facts (
    issued_at TEXT NOT NULL,
    invoice_id TEXT NOT NULL,
    line_no INTEGER NOT NULL,
    payer_kind TEXT NOT NULL,
    item_kind TEXT NOT NULL,                            -- 'service' | 'medicine'
    item_id TEXT NOT NULL,                              -- service id or medicine id
    code TEXT,                                          -- the service's code
    description TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    discount_minor INTEGER NOT NULL,
    net_minor INTEGER NOT NULL,
    tax_minor INTEGER NOT NULL,
    PRIMARY KEY (issued_at, invoice_id, line_no)
) STRICT, WITHOUT ROWID;
CREATE INDEX invoice_line_facts_invoice ON invoice_line_facts (invoice_id);

CREATE TRIGGER invoice_line_facts_on_issue AFTER UPDATE OF status ON invoices
WHEN new.status = 'issued' AND old.status = 'draft' BEGIN
    INSERT OR REPLACE INTO invoice_line_facts
        (invoice_id, line_no, issued_at, payer_kind, item_kind, item_id, code, description, quantity,
         discount_minor, net_minor, tax_minor)
    SELECT new.id, l.key, new.issued_at, new.payer_kind,
           json_extract(l.value, '$.source.kind'),
           coalesce(json_extract(l.value, '$.source.service_id'), json_extract(l.value, '$.source.medicine_id'), ''),
           json_extract(l.value, '$.source.code'),
           json_extract(l.value, '$.description'),
           json_extract(l.value, '$.quantity'),
           json_extract(l.value, '$.amounts.discount_minor'),
           json_extract(l.value, '$.amounts.net_minor'),
           json_extract(l.value, '$.amounts.tax_minor')
      FROM json_each(new.lines) l;
END;
-- An invoice that arrives already issued (by sync, or issued elsewhere before this workstation saw its draft).
CREATE TRIGGER invoice_line_facts_on_insert AFTER INSERT ON invoices
WHEN new.status = 'issued' BEGIN
    INSERT OR REPLACE INTO invoice_line_facts
        (invoice_id, line_no, issued_at, payer_kind, item_kind, item_id, code, description, quantity,
         discount_minor, net_minor, tax_minor)
    SELECT new.id, l.key, new.issued_at, new.payer_kind,
           json_extract(l.value, '$.source.kind'),
           coalesce(json_extract(l.value, '$.source.service_id'), json_extract(l.value, '$.source.medicine_id'), ''),
           json_extract(l.value, '$.source.code'),
           json_extract(l.value, '$.description'),
           json_extract(l.value, '$.quantity'),
           json_extract(l.value, '$.amounts.discount_minor'),
           json_extract(l.value, '$.amounts.net_minor'),
           json_extract(l.value, '$.amounts.tax_minor')
      FROM json_each(new.lines) l;
END;
CREATE TRIGGER invoice_line_facts_on_void AFTER UPDATE OF status ON invoices
WHEN new.status = 'void' BEGIN
    DELETE FROM invoice_line_facts WHERE invoice_id = new.id;
END;
-- Invoices issued before this migration.
INSERT INTO invoice_line_facts
    (invoice_id, line_no, issued_at, payer_kind, item_kind, item_id, code, description, quantity,
     discount_minor, net_minor, tax_minor)
SELECT i.id, l.key, i.issued_at, i.payer_kind,
       json_extract(l.value, '$.source.kind'),
       coalesce(json_extract(l.value, '$.source.service_id'), json_extract(l.value, '$.source.medicine_id'), ''),
       json_extract(l.value, '$.source.code'),
       json_extract(l.value, '$.description'),
       json_extract(l.value, '$.quantity'),
       json_extract(l.value, '$.amounts.discount_minor'),
       json_extract(l.value, '$.amounts.net_minor'),
       json_extract(l.value, '$.amounts.tax_minor')
  FROM invoices i, json_each(i.lines) l
 WHERE i.status = 'issued';
