-- A patient's usual clinician, whom booking proposes first. Optional: most patients have none until reception or
-- the clinic sets one. A clinician who leaves stays named on old records; the core only lets an active doctor or
-- optometrist be newly chosen.
ALTER TABLE patients ADD COLUMN usual_clinician_id TEXT REFERENCES users (id);
