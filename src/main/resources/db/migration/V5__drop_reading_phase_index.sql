-- The (session, phase, taken-at) index served the baseline lookup on every charting. Since V4 the session row
-- holds its baseline, and the lookup runs only when a baseline reading is amended; the index is still written
-- by every reading, and each index a reading touches is one more B-tree page the commit rewrites.
drop index ix_reading_session_phase;
