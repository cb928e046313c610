-- Billing at the cash desk: the price list with dated prices, invoices (draft → issued → void) whose lines are a
-- JSON array on the invoice row, append-only payments and refunds, and the patient's credit as append-only
-- movements. Money is integer minor units of the clinic's currency, never floating point.
--
-- Why the lines are JSON on the invoice and not rows: a draft is edited as a whole (the cashier removes a line,
-- changes a quantity), and the Writer has no replicated delete, so line rows would need tombstones; as one field the
-- lines of a draft are replaced together and merge as one value, and once issued they are frozen with the row by the
-- same trigger. The totals columns are written only when the invoice is issued, computed from those lines in the
-- issuing transaction, so an issued invoice's printed lines always add up to its printed total.

-- ── Price list ───────────────────────────────────────────────────────────────────────────────────────────────────
-- What the clinic charges for. Never deleted: a service no longer offered is made inactive.
CREATE TABLE services (
    id TEXT PRIMARY KEY,                                -- UUIDv7
    code TEXT NOT NULL,                                 -- short, as typed at the desk: "CONS-N", "OCT"
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('consultation_new', 'consultation_follow_up', 'post_operative',
                                       'refraction', 'test', 'procedure', 'other')),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX services_code ON services (code);
CREATE TRIGGER services_no_delete BEFORE DELETE ON services BEGIN
    SELECT RAISE(ABORT, 'services are never deleted; make one inactive');
END;

-- A service's price from a date on; the price in effect on a day is the latest valid_from not after it. The id is
-- '<service id>/<valid_from>', so setting the price of the same day again replaces it. Invoices copy the price into
-- their lines, so a later change never alters an invoice.
CREATE TABLE service_prices (
    id TEXT PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES services (id),
    price_minor INTEGER NOT NULL CHECK (price_minor >= 0),
    tax_rate_bp INTEGER NOT NULL DEFAULT 0 CHECK (tax_rate_bp BETWEEN 0 AND 10000), -- basis points: 1800 = 18%
    valid_from TEXT NOT NULL,                           -- ISO date, the clinic's day
    set_by TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX service_prices_service ON service_prices (service_id, valid_from);
CREATE TRIGGER service_prices_no_delete BEFORE DELETE ON service_prices BEGIN
    SELECT RAISE(ABORT, 'prices are never deleted; set a new price from a date');
END;

-- ── Invoices ─────────────────────────────────────────────────────────────────────────────────────────────────────
CREATE TABLE invoices (
    id TEXT PRIMARY KEY,                                -- UUIDv7
    patient_id TEXT NOT NULL REFERENCES patients (id),
    visit_id TEXT REFERENCES visits (id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'issued', 'void')),
    payer_kind TEXT NOT NULL DEFAULT 'patient' CHECK (payer_kind IN ('patient', 'payer')),
    payer_name TEXT,                                    -- the insurer or company, when payer_kind = 'payer'
    payer_reference TEXT,                               -- its policy or reference number
    currency TEXT NOT NULL,                             -- ISO 4217, copied from the clinic's settings
    lines TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(lines) AND json_type(lines) = 'array'),
    note TEXT,
    -- NULL while a draft; set once, by the issuing transaction.
    number TEXT,                                        -- '<workstation>-<year>-<000123>', gapless per workstation
    subtotal_minor INTEGER CHECK (subtotal_minor IS NULL OR subtotal_minor >= 0), -- sum of rounded line totals
    tax_minor INTEGER CHECK (tax_minor IS NULL OR tax_minor >= 0),                -- sum of rounded line taxes
    total_minor INTEGER CHECK (total_minor IS NULL OR total_minor >= 0),          -- subtotal + tax
    issued_at TEXT,
    issued_by TEXT REFERENCES users (id),
    voided_at TEXT,
    voided_by TEXT REFERENCES users (id),
    void_reason TEXT,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (status = 'draft' OR (number IS NOT NULL AND total_minor IS NOT NULL AND issued_at IS NOT NULL)),
    CHECK (status <> 'void' OR (void_reason IS NOT NULL AND voided_at IS NOT NULL)),
    CHECK (payer_kind = 'patient' OR payer_name IS NOT NULL)
) STRICT;
CREATE UNIQUE INDEX invoices_number ON invoices (number) WHERE number IS NOT NULL;
CREATE INDEX invoices_patient ON invoices (patient_id, created_at);
CREATE INDEX invoices_visit ON invoices (visit_id);
CREATE INDEX invoices_issued ON invoices (issued_at) WHERE issued_at IS NOT NULL;

-- An issued invoice is frozen: the only change it accepts is being voided (status, voided_at/by, void_reason and
-- updated_at); a void invoice accepts none. Every frozen column is compared with IS, so NULLs count.
CREATE TRIGGER invoices_issued_frozen BEFORE UPDATE ON invoices
WHEN old.status <> 'draft' AND NOT (
    old.status = 'issued' AND new.status = 'void'
    AND new.id IS old.id AND new.patient_id IS old.patient_id AND new.visit_id IS old.visit_id
    AND new.payer_kind IS old.payer_kind AND new.payer_name IS old.payer_name
    AND new.payer_reference IS old.payer_reference AND new.currency IS old.currency AND new.lines IS old.lines
    AND new.note IS old.note AND new.number IS old.number AND new.subtotal_minor IS old.subtotal_minor
    AND new.tax_minor IS old.tax_minor AND new.total_minor IS old.total_minor AND new.issued_at IS old.issued_at
    AND new.issued_by IS old.issued_by AND new.created_by IS old.created_by AND new.created_at IS old.created_at
) BEGIN
    SELECT RAISE(ABORT, 'an issued invoice is never changed; void it with a reason');
END;
-- A draft is issued (the CHECKs above require its number, total and moment) and never goes straight to void.
CREATE TRIGGER invoices_draft_not_voided BEFORE UPDATE OF status ON invoices
WHEN old.status = 'draft' AND new.status = 'void' BEGIN
    SELECT RAISE(ABORT, 'a draft has no number to void; change the draft instead');
END;
-- Never deleted, drafts included. (Every Fovea connection sets recursive_triggers, so this stops INSERT OR REPLACE
-- over an existing row too; the insert trigger below stops it on a connection that does not.)
CREATE TRIGGER invoices_no_delete BEFORE DELETE ON invoices BEGIN
    SELECT RAISE(ABORT, 'invoices are never deleted; void an issued one with a reason');
END;
CREATE TRIGGER invoices_no_replace BEFORE INSERT ON invoices
WHEN EXISTS (SELECT 1 FROM invoices WHERE id = new.id)
  OR (new.number IS NOT NULL AND EXISTS (SELECT 1 FROM invoices WHERE number = new.number)) BEGIN
    SELECT RAISE(ABORT, 'invoices are never replaced; void an issued one with a reason');
END;

-- ── Payments ─────────────────────────────────────────────────────────────────────────────────────────────────────
-- Money in (kind 'payment') and back out (kind 'refund', naming the payment it returns). Append-only: a mistake is
-- corrected by a refund, never by an edit. amount_minor is what counts against the invoice; cash tendered and the
-- change given are kept beside it, and any overpayment kept as credit is a patient_credit movement.
CREATE TABLE payments (
    id TEXT PRIMARY KEY,                                -- UUIDv7
    invoice_id TEXT NOT NULL REFERENCES invoices (id),
    patient_id TEXT NOT NULL REFERENCES patients (id),
    kind TEXT NOT NULL CHECK (kind IN ('payment', 'refund')),
    method TEXT NOT NULL CHECK (method IN ('cash', 'card', 'mobile_money', 'bank_transfer', 'cheque', 'credit')),
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    tendered_minor INTEGER CHECK (tendered_minor IS NULL OR tendered_minor > 0),
    change_minor INTEGER CHECK (change_minor IS NULL OR change_minor >= 0),
    reference TEXT,                                     -- card slip, transfer or cheque number
    refund_of TEXT REFERENCES payments (id),
    reason TEXT,                                        -- required for refunds
    received_at TEXT NOT NULL,
    received_by TEXT NOT NULL REFERENCES users (id),
    workstation TEXT,                                   -- the desk that took it (cash-up per workstation)
    created_at TEXT NOT NULL,
    CHECK ((kind = 'refund') = (refund_of IS NOT NULL))
) STRICT;
CREATE INDEX payments_invoice ON payments (invoice_id);
CREATE INDEX payments_patient ON payments (patient_id);
CREATE INDEX payments_received ON payments (received_at);
CREATE INDEX payments_refund_of ON payments (refund_of) WHERE refund_of IS NOT NULL;
CREATE TRIGGER payments_no_update BEFORE UPDATE ON payments BEGIN
    SELECT RAISE(ABORT, 'payments are never changed; refund against the payment');
END;
CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments BEGIN
    SELECT RAISE(ABORT, 'payments are never deleted; refund against the payment');
END;
CREATE TRIGGER payments_no_replace BEFORE INSERT ON payments
WHEN EXISTS (SELECT 1 FROM payments WHERE id = new.id) BEGIN
    SELECT RAISE(ABORT, 'payments are never replaced; refund against the payment');
END;

-- ── Patient credit ───────────────────────────────────────────────────────────────────────────────────────────────
-- A patient's account: an overpayment kept as credit (+), credit used to pay an invoice (−), a refund of a credit
-- payment returned to it (+). The balance is the sum; append-only like the stock ledger.
CREATE TABLE patient_credit (
    id TEXT PRIMARY KEY,                                -- UUIDv7
    patient_id TEXT NOT NULL REFERENCES patients (id),
    amount_minor INTEGER NOT NULL CHECK (amount_minor <> 0),
    kind TEXT NOT NULL CHECK (kind IN ('overpayment', 'used', 'refund')),
    payment_id TEXT REFERENCES payments (id),
    invoice_id TEXT REFERENCES invoices (id),
    at TEXT NOT NULL,
    by_user TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX patient_credit_patient ON patient_credit (patient_id);
CREATE TRIGGER patient_credit_no_update BEFORE UPDATE ON patient_credit BEGIN
    SELECT RAISE(ABORT, 'credit movements are never changed');
END;
CREATE TRIGGER patient_credit_no_delete BEFORE DELETE ON patient_credit BEGIN
    SELECT RAISE(ABORT, 'credit movements are never deleted');
END;
CREATE TRIGGER patient_credit_no_replace BEFORE INSERT ON patient_credit
WHEN EXISTS (SELECT 1 FROM patient_credit WHERE id = new.id) BEGIN
    SELECT RAISE(ABORT, 'credit movements are never replaced');
END;
