-- When an import last wrote its progress. One left RUNNING with no progress for chairside.import.stalled-after (its
-- server was stopped part way, or its upload stalled) is marked FAILED, so that it no longer shows as running.
alter table import_run add column updated_at timestamp(6) with time zone;
update import_run set updated_at = coalesce(finished_at, started_at);
alter table import_run alter column updated_at set not null;
