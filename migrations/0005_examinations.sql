-- The eye examination of a visit: the optometrist's work-up and the doctor's consultation, signed by the doctor.
-- The forms are stored as validated JSON documents (each value as typed plus its exact fixed-point value); the
-- numbers that are charted over time are copied into `exam_values`, one row per quantity and eye, for the trends.

CREATE TABLE examinations (
    id TEXT PRIMARY KEY,                                -- UUIDv7
    patient_id TEXT NOT NULL REFERENCES patients (id),
    visit_id TEXT NOT NULL REFERENCES visits (id),
    clinic_day TEXT NOT NULL,                           -- the visit's clinic day (ISO)
    workup TEXT CHECK (workup IS NULL OR json_valid(workup)),
    workup_by TEXT REFERENCES users (id),
    workup_saved_at TEXT,
    consultation TEXT CHECK (consultation IS NULL OR json_valid(consultation)),
    consultation_by TEXT REFERENCES users (id),
    consultation_saved_at TEXT,
    diagnosis_codes TEXT NOT NULL DEFAULT '',          -- "H40.1131 H25.13": for the timeline without parsing JSON
    follow_up_on TEXT,                                  -- ISO date the patient is due back (the recall list)
    signed_at TEXT,                                     -- once set, the record is immutable (addenda only)
    signed_by TEXT REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX examinations_visit ON examinations (visit_id);
CREATE INDEX examinations_patient ON examinations (patient_id, clinic_day);
CREATE INDEX examinations_follow_up ON examinations (follow_up_on) WHERE follow_up_on IS NOT NULL;

-- The core refuses to change a signed record; the database refuses too, so no code path can.
CREATE TRIGGER examinations_signed_are_immutable BEFORE UPDATE ON examinations WHEN old.signed_at IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'a signed examination cannot be changed; add an addendum');
END;
CREATE TRIGGER examinations_no_delete BEFORE DELETE ON examinations BEGIN
    SELECT RAISE(ABORT, 'examinations are never deleted');
END;

-- Charted values: id is '<examination id>/<quantity>/<eye>' so re-saving a work-up updates the same rows.
CREATE TABLE exam_values (
    id TEXT PRIMARY KEY,
    examination_id TEXT NOT NULL REFERENCES examinations (id),
    patient_id TEXT NOT NULL REFERENCES patients (id),
    measured_at TEXT NOT NULL,                          -- UTC instant (RFC 3339)
    quantity TEXT NOT NULL,                             -- bcva, va_sc (LogMAR hundredths), iop (tenths of mmHg), ...
    eye TEXT NOT NULL CHECK (eye IN ('od', 'os')),
    value INTEGER,                                      -- NULL once the value was cleared from the form
    display TEXT                                        -- as typed
) STRICT;
CREATE INDEX exam_values_series ON exam_values (patient_id, quantity, measured_at);

-- Corrections to a signed examination: appended, never changed.
CREATE TABLE addenda (
    id TEXT PRIMARY KEY,                                -- UUIDv7
    examination_id TEXT NOT NULL REFERENCES examinations (id),
    author_id TEXT NOT NULL REFERENCES users (id),
    text TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX addenda_examination ON addenda (examination_id, created_at);
CREATE TRIGGER addenda_no_update BEFORE UPDATE ON addenda BEGIN
    SELECT RAISE(ABORT, 'addenda are never changed');
END;
CREATE TRIGGER addenda_no_delete BEFORE DELETE ON addenda BEGIN
    SELECT RAISE(ABORT, 'addenda are never deleted');
END;
