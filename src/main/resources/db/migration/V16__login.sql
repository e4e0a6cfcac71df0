-- A browser's login: the form login's encrypted cookie names the user only and stays valid until it expires, so a
-- copy taken before a logout would go on working. Each login also gets a random token in a cookie of its own; the
-- server accepts the login cookie only with a token whose row has not ended. The id is the SHA-256 of the token:
-- what the database holds cannot be replayed as a cookie.
create table login (
    id          varchar(64) primary key,
    username    varchar(64) not null,
    started_at  timestamp(6) with time zone not null,
    client      varchar(64),
    ended_at    timestamp(6) with time zone
);
create index ix_login_username on login (username);
