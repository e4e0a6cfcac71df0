-- Wrong passwords per username and client address, kept in the database so that every instance behind a balancer
-- counts the same failures and a restart does not reset a lock. A row lives until its failures and any lock have run
-- out; a scheduled job deletes it then.
create table login_failure (
    username        varchar(64)  not null,
    client          varchar(64)  not null,
    failures        integer      not null,
    window_start    timestamp(6) with time zone not null,
    locked_until    timestamp(6) with time zone,
    constraint pk_login_failure primary key (username, client)
);
