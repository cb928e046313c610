-- The appointment book and visits (one clinic attendance each, opened at check-in).

CREATE TABLE appointments (
    id TEXT PRIMARY KEY,                                -- UUIDv7
    patient_id TEXT NOT NULL REFERENCES patients (id),
    clinician_id TEXT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL CHECK (kind IN ('new_patient', 'follow_up', 'post_op', 'refraction', 'walk_in')),
    starts_at TEXT NOT NULL,                            -- UTC, RFC 3339 with milliseconds (sorts as text)
    ends_at TEXT NOT NULL,
    clinic_day TEXT NOT NULL,                           -- ISO date of starts_at in the clinic's time zone
    status TEXT NOT NULL CHECK (status IN ('scheduled', 'checked_in', 'in_progress', 'completed', 'cancelled', 'no_show')),
    reason TEXT,                                        -- reason for the visit
    notes TEXT,
    overbook_reason TEXT,                               -- set when booked over another appointment on purpose
    cancel_reason TEXT,
    visit_id TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX appointments_day ON appointments (clinic_day, clinician_id, starts_at);
CREATE INDEX appointments_clinician ON appointments (clinician_id, starts_at);
CREATE INDEX appointments_patient ON appointments (patient_id, starts_at);

CREATE TABLE visits (
    id TEXT PRIMARY KEY,                                -- UUIDv7
    patient_id TEXT NOT NULL REFERENCES patients (id),
    appointment_id TEXT REFERENCES appointments (id),
    clinician_id TEXT REFERENCES users (id),
    clinic_day TEXT NOT NULL,
    stage TEXT NOT NULL CHECK (stage IN ('waiting_workup', 'in_workup', 'waiting_doctor', 'with_doctor', 'pharmacy', 'billing', 'done')),
    stage_since TEXT NOT NULL,                          -- UTC instant the visit entered its stage
    checked_in_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX visits_day ON visits (clinic_day, stage);
CREATE INDEX visits_patient ON visits (patient_id, checked_in_at);

-- Each clinician's week (replicated; keyed by the clinician's user id): hours and breaks per weekday as JSON, the
-- default appointment length and lengths per appointment kind.
CREATE TABLE schedules (
    id TEXT PRIMARY KEY REFERENCES users (id),
    days TEXT NOT NULL CHECK (json_valid(days) AND json_array_length(days) = 7),   -- Monday first; null = not working
    default_minutes INTEGER NOT NULL CHECK (default_minutes BETWEEN 5 AND 240),
    minutes_by_kind TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(minutes_by_kind)),
    updated_at TEXT NOT NULL
) STRICT;

-- Days the whole clinic is closed (replicated; keyed by the ISO date).
CREATE TABLE closed_days (
    id TEXT PRIMARY KEY,
    reason TEXT,
    closed INTEGER NOT NULL DEFAULT 1 CHECK (closed IN (0, 1))   -- 0: reopened (rows are never deleted)
) STRICT;
