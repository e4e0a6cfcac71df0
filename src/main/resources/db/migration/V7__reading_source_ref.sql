-- An importer's idempotency key (HL7 control id + OBX time, FHIR identity, CSV row content) is unique per
-- session. Until V7 a unique index on reading (session_id, source_ref) held that, so every reading wrote an
-- entry keyed by its session there, manual readings too with a null key: one more B-tree leaf per charted
-- session for every commit to rewrite. The keys now live in a table that only imports write; reading.source_ref
-- still records each reading's key.
create table reading_source_ref (
    session_id      bigint       not null,
    source_ref      varchar(200) not null,
    reading_id      bigint       not null references reading (id),
    primary key (session_id, source_ref)
);
insert into reading_source_ref (session_id, source_ref, reading_id)
    select session_id, source_ref, id from reading where source_ref is not null;
alter table reading drop constraint uq_reading_source_ref;
