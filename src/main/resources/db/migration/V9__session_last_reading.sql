-- When a session's newest reading was taken, moved out of the session's row. Charting set it with every reading, and
-- H2 rewrites a row's entry in every index of its table when it updates the row, whether or not the indexed columns
-- changed (measured: all five of infusion_session's indexes, each a B-tree page and its parents that the commit
-- writes again, for every session of every group). Keyed by the session, this table is one B-tree. The session's row
-- is now updated by its own changes only (check-in, phases, baseline, a new alert). A session has a row here from its
-- first reading on.
create table session_last_reading (
    session_id  bigint primary key references infusion_session (id),
    taken_at    timestamp(6) with time zone not null
);
insert into session_last_reading (session_id, taken_at)
    select id, last_reading_taken_at from infusion_session where last_reading_taken_at is not null;
alter table infusion_session drop column last_reading_taken_at;
