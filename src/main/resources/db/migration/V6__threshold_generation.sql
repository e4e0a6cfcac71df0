-- Counts changes to threshold_setting: every save through the API bumps it in the same transaction, so the
-- charting writers can keep each session's effective profile in memory and read only this row per group.
-- Threshold settings must be changed through the API (a direct SQL update would not be seen until a restart
-- or the next API change).
create table threshold_generation (
    id              integer primary key,
    generation      bigint       not null
);
insert into threshold_generation (id, generation) values (1, 0);
