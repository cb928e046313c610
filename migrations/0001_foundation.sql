-- Foundation: this workstation's identity, the operation log, clinic settings and patients.
--
-- Replicated tables (settings, patients) are written only through the core's write path, which appends an
-- operation-log entry in the same transaction. Local tables (site, counters, oplog itself, search indexes) are not
-- replicated.

-- This workstation. Exactly one row, created at first open.
CREATE TABLE site (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    site_id TEXT NOT NULL,                 -- UUID, never changes
    code TEXT,                             -- short human code such as R1; NULL until first start
    last_seq INTEGER NOT NULL DEFAULT 0,   -- sequence of the last operation this site wrote
    max_hlc TEXT NOT NULL DEFAULT '',      -- highest hybrid-logical-clock time seen, restored at start
    created_at TEXT NOT NULL
) STRICT;

-- Per-workstation counters for numbers people say aloud (MRN ...); unique across workstations because they are
-- prefixed with the workstation code.
CREATE TABLE counters (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Every change to replicated data, in the order this database saw it.
CREATE TABLE oplog (
    site_id TEXT NOT NULL,      -- the workstation that made the change
    seq INTEGER NOT NULL,       -- 1, 2, 3 ... per site, without gaps
    hlc TEXT NOT NULL,          -- hybrid logical clock, 16 hex digits (NTP64), sortable as text
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    fields TEXT NOT NULL CHECK (json_valid(fields)),  -- JSON object: the fields this change set, with their values
    applied_at TEXT NOT NULL,
    PRIMARY KEY (site_id, seq)
) STRICT, WITHOUT ROWID;
CREATE INDEX oplog_row ON oplog (tbl, row_id);

-- Clinic-wide settings, replicated. The key is the row's identity.
CREATE TABLE settings (
    id TEXT PRIMARY KEY,        -- setting name, e.g. clinic_name
    value TEXT
) STRICT;

CREATE TABLE patients (
    id TEXT PRIMARY KEY,                    -- UUIDv7
    mrn TEXT NOT NULL UNIQUE,               -- workstation code + 6-digit sequence, e.g. R1-000042
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    date_of_birth TEXT NOT NULL,            -- ISO date
    sex TEXT NOT NULL CHECK (sex IN ('female', 'male', 'other', 'unknown')),
    phones TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(phones) AND json_type(phones) = 'array'),
    email TEXT,
    address TEXT,
    national_id TEXT,
    medical_history TEXT,
    allergies TEXT,
    current_medications TEXT,
    emergency_contact_name TEXT,
    emergency_contact_phone TEXT,
    archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at TEXT NOT NULL,               -- UTC instant, RFC 3339
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX patients_dob ON patients (date_of_birth);
CREATE INDEX patients_created ON patients (created_at);

-- Local search indexes, derived from patients by triggers.

-- One row per word of a patient's name, folded (`José` -> `jose`, `O'Brien` -> `o`, `brien`, `obrien`). Ordered by
-- word then by the folded "last first" name, so a prefix search reads its results already sorted and stops at the
-- limit instead of sorting every match.
CREATE TABLE patient_name_tokens (
    token TEXT NOT NULL,
    sort_key TEXT NOT NULL,
    patient_rowid INTEGER NOT NULL,
    PRIMARY KEY (token, sort_key, patient_rowid)
) STRICT, WITHOUT ROWID;
CREATE INDEX patient_name_tokens_patient ON patient_name_tokens (patient_rowid, token);

CREATE TABLE patient_phones (
    reversed_digits TEXT NOT NULL,
    patient_rowid INTEGER NOT NULL,
    PRIMARY KEY (reversed_digits, patient_rowid)
) STRICT, WITHOUT ROWID;
CREATE INDEX patient_phones_patient ON patient_phones (patient_rowid);

CREATE TRIGGER patients_index_insert AFTER INSERT ON patients BEGIN
    INSERT OR IGNORE INTO patient_name_tokens (token, sort_key, patient_rowid)
        SELECT value, fovea_sort_key(new.first_name, new.last_name), new.rowid
        FROM json_each(fovea_name_tokens(new.first_name, new.last_name));
    INSERT OR IGNORE INTO patient_phones (reversed_digits, patient_rowid)
        SELECT fovea_reversed_digits(value), new.rowid FROM json_each(new.phones)
        WHERE fovea_reversed_digits(value) <> '';
END;

CREATE TRIGGER patients_index_names AFTER UPDATE OF first_name, last_name ON patients BEGIN
    DELETE FROM patient_name_tokens WHERE patient_rowid = old.rowid;
    INSERT OR IGNORE INTO patient_name_tokens (token, sort_key, patient_rowid)
        SELECT value, fovea_sort_key(new.first_name, new.last_name), new.rowid
        FROM json_each(fovea_name_tokens(new.first_name, new.last_name));
END;

CREATE TRIGGER patients_index_phones AFTER UPDATE OF phones ON patients BEGIN
    DELETE FROM patient_phones WHERE patient_rowid = old.rowid;
    INSERT OR IGNORE INTO patient_phones (reversed_digits, patient_rowid)
        SELECT fovea_reversed_digits(value), new.rowid FROM json_each(new.phones)
        WHERE fovea_reversed_digits(value) <> '';
END;

CREATE TRIGGER patients_no_delete BEFORE DELETE ON patients BEGIN
    SELECT RAISE(ABORT, 'patients are archived, never deleted');
END;
