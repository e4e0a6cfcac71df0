-- The two observations that, with the five vitals, complete the set NEWS2 scores: supplemental oxygen (true) or room
-- air (false), and the level of consciousness on the ACVPU scale (ALERT, NEW_CONFUSION, VOICE, PAIN, UNRESPONSIVE).
-- Both optional, as every vital is; the score itself is not stored: it is derived from the stored values.
alter table reading add column on_oxygen boolean;
alter table reading add column consciousness varchar(16);
