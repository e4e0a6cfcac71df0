-- Scores a nurse records in the chair: sedation (MOAA/S in its 0-5 or 1-6 form, RASS), dissociation (CADSS) and the
-- modified Aldrete discharge score with its five items. The scale's name is stored with every score: the same number
-- means different things on different scales. Never updated: a correction is a new row pointing back (amends_id), and
-- the original records who superseded it, when and why, as readings do.
create sequence assessment_seq start with 1 increment by 50;
create table assessment (
    id                  bigint primary key,
    session_id          bigint       not null references infusion_session (id),
    taken_at            timestamp(6) with time zone not null,
    entered_at          timestamp(6) with time zone not null,
    -- the session state when recorded: a discharge needs an Aldrete score taken after the infusion ended
    phase               varchar(16)  not null,
    scale               varchar(16)  not null,
    score               integer      not null,
    aldrete_activity        integer,
    aldrete_respiration     integer,
    aldrete_circulation     integer,
    aldrete_consciousness   integer,
    aldrete_oxygen          integer,
    note                varchar(500),
    charted_by          varchar(64)  not null,
    amends_id           bigint references assessment (id),
    amend_reason        varchar(500),
    superseded_by_id    bigint references assessment (id),
    superseded_at       timestamp(6) with time zone,
    superseded_by_user  varchar(64)
);
create index ix_assessment_session_taken on assessment (session_id, taken_at);
