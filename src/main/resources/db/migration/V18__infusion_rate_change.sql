-- The pump's rate changed during the session (slowed for a rising pressure or strong dissociation, brought back up):
-- each change is an event on the timeline, and the dose given so far is worked out from the protocol's rate and these.
create sequence infusion_rate_change_seq start with 1 increment by 50;
create table infusion_rate_change (
    id                  bigint primary key,
    session_id          bigint        not null references infusion_session (id),
    mg_per_kg_per_hour  numeric(6,3)  not null,
    reason              varchar(500),
    at                  timestamp(6) with time zone not null,
    by_user             varchar(64)   not null
);
create index ix_rate_change_session on infusion_rate_change (session_id);
