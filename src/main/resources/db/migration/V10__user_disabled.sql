-- A user who leaves the clinic is disabled, not deleted: their name stays on every reading, alert and audit entry
-- they made, and an admin can enable them again. Null means the user may log in.
alter table app_user add column disabled_at timestamp(6) with time zone;
alter table app_user add column disabled_by varchar(64);
