-- Every running instance of the service registers here and beats its heart: the first piece of
-- running several instances on one database (who is alive, since when, on which host).
create table service_instances (
    id           text primary key,
    host         text not null,
    pid          bigint not null,
    version      text,
    started_at   timestamptz not null default now(),
    heartbeat_at timestamptz not null default now(),
    stopped_at   timestamptz
);
