-- A signed examination is immutable in every table that holds part of it, whatever writes to the file.
-- `INSERT OR REPLACE` deletes the old row without firing delete triggers unless `recursive_triggers` is on; every
-- connection Fovea opens turns it on, so the delete triggers below (and those of 0002 and 0005) stop REPLACE too.

-- The charted values of a signed examination: no new values, no changes, no removal, no moving them between
-- examinations.
CREATE TRIGGER exam_values_signed_no_insert BEFORE INSERT ON exam_values
WHEN (SELECT signed_at FROM examinations WHERE id = new.examination_id) IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'the values of a signed examination cannot be changed; add an addendum');
END;
CREATE TRIGGER exam_values_signed_no_update BEFORE UPDATE ON exam_values
WHEN (SELECT signed_at FROM examinations WHERE id = old.examination_id) IS NOT NULL
  OR (SELECT signed_at FROM examinations WHERE id = new.examination_id) IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'the values of a signed examination cannot be changed; add an addendum');
END;
CREATE TRIGGER exam_values_signed_no_delete BEFORE DELETE ON exam_values
WHEN (SELECT signed_at FROM examinations WHERE id = old.examination_id) IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'the values of a signed examination cannot be changed; add an addendum');
END;

-- An addendum belongs to a signed examination and names its author; it cannot be attached to a draft, where it
-- would escape the seal.
CREATE TRIGGER addenda_only_on_signed BEFORE INSERT ON addenda
WHEN (SELECT signed_at FROM examinations WHERE id = new.examination_id) IS NULL BEGIN
    SELECT RAISE(ABORT, 'addenda are for signed examinations');
END;
