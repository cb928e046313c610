-- A clinic is a demo only if it was set up as one: the flag is written at set-up before the first account, and can
-- be neither added later, nor changed, nor removed (REPLACE fires the delete trigger too, since every connection
-- turns recursive_triggers on).
CREATE TRIGGER IF NOT EXISTS demo_flag_is_fixed_update BEFORE UPDATE ON settings
WHEN OLD.id = 'demo_clinic'
BEGIN
    SELECT RAISE(ABORT, 'Whether a clinic is a demo is fixed when it is set up.');
END;

CREATE TRIGGER IF NOT EXISTS demo_flag_is_fixed_delete BEFORE DELETE ON settings
WHEN OLD.id = 'demo_clinic'
BEGIN
    SELECT RAISE(ABORT, 'Whether a clinic is a demo is fixed when it is set up.');
END;

CREATE TRIGGER IF NOT EXISTS demo_flag_only_at_set_up BEFORE INSERT ON settings
WHEN NEW.id = 'demo_clinic' AND EXISTS (SELECT 1 FROM users)
BEGIN
    SELECT RAISE(ABORT, 'Whether a clinic is a demo is fixed when it is set up.');
END;
