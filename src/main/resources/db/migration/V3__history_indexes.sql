-- History lists past sessions newest first and filters them by check-in date (from/to): an index on the
-- check-in time lets PostgreSQL read the newest page and a date range in order instead of sorting every session.
-- The name search needs none: it matches the small patient table first, then uses ix_session_patient.
create index ix_session_created on infusion_session (created_at, id);
