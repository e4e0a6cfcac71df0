-- A session's newest readings (the board's trend of each chair, the rules' look-back at every charting): H2 uses an
-- index to return rows in order only when the ORDER BY names the index's columns from its first, in the index's
-- directions. For "session_id = ? order by taken_at desc, id desc" it took the foreign-key index on session_id and
-- sorted every reading of the session (1,219 rows for 12, 3-11 ms, so a board of 256 chairs took 2.7-4 s); with this
-- index and "order by session_id desc, taken_at desc, id desc" it reads 12 entries (0.5-0.9 ms). It replaces the
-- (session_id, taken_at) index, so a reading still goes into as many B-trees.
drop index ix_reading_session_taken;
create index ix_reading_session_newest on reading (session_id desc, taken_at desc, id desc);
