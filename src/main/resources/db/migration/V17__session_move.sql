-- A patient moved to another recliner during their session (a chair that fails mid-infusion, a bay needed for
-- another patient, a patient wanted nearer the station): the session follows them, and its timeline says from which
-- chair to which, when, by whom and why. The chairs' names are kept as they were called then.
create sequence session_move_seq start with 1 increment by 50;
create table session_move (
    id                  bigint primary key,
    session_id          bigint       not null references infusion_session (id),
    from_recliner_id    bigint       not null references recliner (id),
    from_recliner_name  varchar(40)  not null,
    to_recliner_id      bigint       not null references recliner (id),
    to_recliner_name    varchar(40)  not null,
    reason              varchar(500),
    at                  timestamp(6) with time zone not null,
    by_user             varchar(64)  not null
);
create index ix_move_session on session_move (session_id);
