-- The contraindication screening before an infusion starts: each of the domain's four answered yes or no, by whom and
-- when. A second screening (the patient's answer changed, or a value was wrong) is a new row: the start is judged on
-- the newest, and the earlier ones stay on the record.
create sequence session_screening_seq start with 1 increment by 50;
create table session_screening (
    id                         bigint primary key,
    session_id                 bigint       not null references infusion_session (id),
    unstable_cardiovascular    boolean      not null,
    aneurysmal_vascular        boolean      not null,
    uncontrolled_hypertension  boolean      not null,
    psychosis_or_mania         boolean      not null,
    note                       varchar(500),
    at                         timestamp(6) with time zone not null,
    by_user                    varchar(64)  not null
);
create index ix_screening_session on session_screening (session_id);
