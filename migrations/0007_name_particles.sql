-- Name particles written as a separate word (`Ó Briain`, `van der Berg`) are now also indexed joined to the next
-- word (`obriain`, `vanderberg`), as `O'Brien` already was as `obrien`. Rebuild the local name index of the
-- patients already registered so that they are found the same way.
DELETE FROM patient_name_tokens;
INSERT OR IGNORE INTO patient_name_tokens (token, sort_key, patient_rowid)
    SELECT j.value, fovea_sort_key(p.first_name, p.last_name), p.rowid
    FROM patients p, json_each(fovea_name_tokens(p.first_name, p.last_name)) j;
