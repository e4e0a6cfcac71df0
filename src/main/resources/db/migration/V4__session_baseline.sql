-- The session remembers which reading is its baseline. Finding it by query ("the newest complete reading
-- charted while checked in") made H2 read and sort every reading of the session on each charting: its
-- planner prefers the foreign-key index on session_id to any composite index for an ORDER BY ... LIMIT.
alter table infusion_session add column baseline_reading_id bigint;

update infusion_session s set baseline_reading_id = (
    select r.id from reading r
    where r.session_id = s.id and r.phase = 'CHECKED_IN' and r.superseded_by_id is null
      and r.systolic is not null and r.diastolic is not null and r.heart_rate is not null and r.spo2 is not null
    order by r.taken_at desc, r.id desc
    fetch first 1 rows only);
