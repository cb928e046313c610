-- Staff accounts, sign-in lockout and the tamper-evident audit trail.

-- Staff, replicated so that anyone can sign in at any workstation.
CREATE TABLE users (
    id TEXT PRIMARY KEY,                        -- UUIDv7
    username TEXT NOT NULL,                     -- lower case, unique
    full_name TEXT NOT NULL,
    roles TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(roles) AND json_type(roles) = 'array'),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    password_hash TEXT NOT NULL,                -- Argon2id PHC string
    specialization TEXT,                        -- doctors and optometrists
    licence_number TEXT,
    signature_text TEXT,                        -- printed under the signature line
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX users_username ON users (username);

CREATE TRIGGER users_no_delete BEFORE DELETE ON users BEGIN
    SELECT RAISE(ABORT, 'users are deactivated, never deleted');
END;

-- Failed sign-ins on this workstation, by the name typed (whether or not such a user exists, so that lockout
-- reveals nothing). Local: a lockout protects the keyboard it happens at.
CREATE TABLE sign_in_failures (
    username TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,                  -- consecutive failures since the last lockout or success
    lockouts INTEGER NOT NULL,                  -- lockouts since the last success; each doubles the wait
    locked_until TEXT                           -- RFC 3339 UTC
) STRICT, WITHOUT ROWID;

-- Who did what, when, where, to which patient. Append-only and replicated; each entry's hash covers its content
-- and the previous entry of the same workstation, so altering, removing or reordering entries breaks the chain.
CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,                        -- UUIDv7
    site_id TEXT NOT NULL,
    seq INTEGER NOT NULL,                       -- 1, 2, 3 ... per workstation
    at TEXT NOT NULL,                           -- RFC 3339 UTC
    workstation TEXT NOT NULL,                  -- the workstation code at the time
    user_id TEXT,
    username TEXT,
    operation TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
    patient_id TEXT,
    rows TEXT,                                  -- JSON array of "table:id" written by the operation
    detail TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    UNIQUE (site_id, seq)
) STRICT;
CREATE INDEX audit_log_patient ON audit_log (patient_id, at);
CREATE INDEX audit_log_user ON audit_log (user_id, at);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

-- The head of this workstation's audit chain, so that removing its newest entries is detected too.
ALTER TABLE site ADD COLUMN audit_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE site ADD COLUMN audit_hash TEXT NOT NULL DEFAULT '0000000000000000000000000000000000000000000000000000000000000000';
