-- Settings of this workstation alone (its printer, say): local, never replicated, so each PC keeps its own.
CREATE TABLE IF NOT EXISTS workstation_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
