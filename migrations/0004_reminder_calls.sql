-- Reminder calls for the next day's appointments: who rang the patient, when, and what came of it.

ALTER TABLE appointments ADD COLUMN reminder_called_at TEXT;   -- UTC instant; NULL = not called yet
ALTER TABLE appointments ADD COLUMN reminder_called_by TEXT REFERENCES users (id);
ALTER TABLE appointments ADD COLUMN reminder_note TEXT;
