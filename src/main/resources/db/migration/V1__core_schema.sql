-- Chairside core schema. Portable between H2 (default) and PostgreSQL (scale-out):
-- only standard types, identity via sequences, no vendor functions.

create sequence app_user_seq start with 1 increment by 50;
create table app_user (
    id              bigint primary key,
    username        varchar(64)  not null,
    password_hash   varchar(100) not null,
    roles           varchar(100) not null,
    display_name    varchar(100),
    created_at      timestamp(6) with time zone not null,
    created_by      varchar(64)  not null,
    constraint uq_app_user_username unique (username)
);

create sequence patient_seq start with 1 increment by 50;
create table patient (
    id              bigint primary key,
    mrn             varchar(32)  not null,
    given_name      varchar(100) not null,
    family_name     varchar(100) not null,
    birth_date      date         not null,
    weight_kg       numeric(5,1),
    created_at      timestamp(6) with time zone not null,
    created_by      varchar(64)  not null,
    constraint uq_patient_mrn unique (mrn)
);

create sequence recliner_seq start with 1 increment by 50;
create table recliner (
    id              bigint primary key,
    name            varchar(40)  not null,
    created_at      timestamp(6) with time zone not null,
    created_by      varchar(64)  not null,
    constraint uq_recliner_name unique (name)
);

create sequence infusion_session_seq start with 1 increment by 50;
create table infusion_session (
    id                      bigint primary key,
    patient_id              bigint       not null references patient (id),
    recliner_id             bigint       not null references recliner (id),
    -- Equals recliner_id while the session is open, null once closed: the unique constraint
    -- lets the database, not the JVM, guarantee one open session per recliner across instances.
    open_recliner_id        bigint,
    state                   varchar(16)  not null,
    weight_kg               numeric(5,1) not null,
    drug                    varchar(60)  not null,
    dose_mg_per_kg          numeric(6,3) not null,
    planned_minutes         integer      not null,
    created_at              timestamp(6) with time zone not null,
    created_by              varchar(64)  not null,
    started_at              timestamp(6) with time zone,
    infusion_ended_at       timestamp(6) with time zone,
    closed_at               timestamp(6) with time zone,
    -- the time the current phase began; charting-overdue counts from the later of this and the last reading
    phase_since             timestamp(6) with time zone not null,
    last_reading_taken_at   timestamp(6) with time zone,
    version                 bigint       not null,
    constraint uq_session_open_recliner unique (open_recliner_id)
);
create index ix_session_patient on infusion_session (patient_id);
create index ix_session_state on infusion_session (state);

create sequence session_transition_seq start with 1 increment by 50;
create table session_transition (
    id              bigint primary key,
    session_id      bigint       not null references infusion_session (id),
    from_state      varchar(16)  not null,
    to_state        varchar(16)  not null,
    reason          varchar(500),
    -- set when a provider overrode the pre-start blood-pressure gate
    clearance       boolean      not null,
    at              timestamp(6) with time zone not null,
    by_user         varchar(64)  not null
);
create index ix_transition_session on session_transition (session_id);

create sequence reading_seq start with 1 increment by 50;
create table reading (
    id                  bigint primary key,
    session_id          bigint       not null references infusion_session (id),
    taken_at            timestamp(6) with time zone not null,
    entered_at          timestamp(6) with time zone not null,
    -- the session state when charted: readings charted while CHECKED_IN form the baseline
    phase               varchar(16)  not null,
    systolic            integer,
    diastolic           integer,
    heart_rate          integer,
    spo2                integer,
    respiratory_rate    integer,
    temperature_c       double precision,
    source              varchar(16)  not null,
    -- an importer's idempotency key (e.g. HL7 message control id + OBX time); null for manual entry
    source_ref          varchar(200),
    charted_by          varchar(64)  not null,
    -- amendment: the corrected reading points at the original; the original is never changed
    -- except to record that it was superseded
    amends_id           bigint references reading (id),
    amend_reason        varchar(500),
    superseded_by_id    bigint references reading (id),
    superseded_at       timestamp(6) with time zone,
    superseded_by_user  varchar(64),
    constraint uq_reading_source_ref unique (session_id, source_ref)
);
create index ix_reading_session_taken on reading (session_id, taken_at);

create sequence threshold_setting_seq start with 1 increment by 50;
create table threshold_setting (
    id              bigint primary key,
    -- 'CLINIC' for the clinic defaults, 'SESSION' for one session's overrides
    scope           varchar(16)  not null,
    session_id      bigint references infusion_session (id),
    -- a unique key per scope: 'CLINIC' or 'SESSION:<id>'
    scope_key       varchar(40)  not null,
    body            varchar(65535) not null,
    updated_at      timestamp(6) with time zone not null,
    updated_by      varchar(64)  not null,
    version         bigint       not null,
    constraint uq_threshold_scope unique (scope_key)
);

create sequence alert_seq start with 1 increment by 50;
create table alert (
    id                  bigint primary key,
    session_id          bigint       not null references infusion_session (id),
    condition_code      varchar(40)  not null,
    condition_label     varchar(100) not null,
    priority            varchar(8)   not null,
    state               varchar(16)  not null,
    -- equals condition_code while the alert is open, null once resolved: the database guarantees
    -- one open alert per session and condition even when several instances evaluate at once
    open_condition      varchar(40),
    message             varchar(300) not null,
    vital               varchar(24),
    operator            varchar(16),
    limit_value         double precision,
    trigger_value       double precision,
    worst_value         double precision,
    last_value          double precision,
    breach_count        integer      not null,
    first_reading_id    bigint references reading (id),
    last_reading_id     bigint references reading (id),
    -- a latched HIGH alert whose value has recovered: acknowledging it resolves it
    condition_cleared   boolean      not null,
    historical          boolean      not null,
    escalated           boolean      not null,
    escalated_at        timestamp(6) with time zone,
    raised_at           timestamp(6) with time zone not null,
    -- when the alert last became ACTIVE (raised, or re-raised at a higher priority): escalation counts from here
    active_since        timestamp(6) with time zone not null,
    updated_at          timestamp(6) with time zone not null,
    acknowledged_at     timestamp(6) with time zone,
    acknowledged_by     varchar(64),
    acknowledge_note    varchar(500),
    resolved_at         timestamp(6) with time zone,
    resolved_by         varchar(64),
    version             bigint       not null,
    constraint uq_alert_open unique (session_id, open_condition)
);
create index ix_alert_state on alert (state);
create index ix_alert_session on alert (session_id);

-- The outbox and replay log of the live stream. Ids are assigned by the application from
-- event_counter under a row lock held until commit, so they are contiguous and in commit order.
create table event_log (
    id              bigint primary key,
    type            varchar(16)  not null,
    session_id      bigint,
    payload         varchar(65535) not null,
    created_at      timestamp(6) with time zone not null
);

create table event_counter (
    name            varchar(16)  primary key,
    last_id         bigint       not null
);
insert into event_counter (name, last_id) values ('events', 0);

create sequence audit_entry_seq start with 1 increment by 50;
create table audit_entry (
    id              bigint primary key,
    at              timestamp(6) with time zone not null,
    actor           varchar(64)  not null,
    action          varchar(40)  not null,
    entity          varchar(40)  not null,
    entity_id       varchar(40),
    detail          varchar(4000)
);
create index ix_audit_entity on audit_entry (entity, entity_id);
