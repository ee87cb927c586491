-- The players and sessions game modules.

create table players (
    id                       bigserial primary key,
    username                 text        not null,
    display_name             text,
    status                   text        not null default 'active'
        constraint players_status check (status in ('active', 'inactive', 'banned')),
    total_play_time_seconds  bigint      not null default 0,
    last_seen_at             timestamptz,
    created_at               timestamptz not null default now(),
    updated_at               timestamptz not null default now(),
    constraint players_username_unique unique (username)
);
create index players_status_idx on players (status);

create table sessions (
    id              bigserial primary key,
    player_id       bigint      not null references players (id),
    map_id          bigint      not null,
    started_at      timestamptz not null default now(),
    ended_at        timestamptz,
    start_tile_x    integer,
    start_tile_y    integer,
    end_tile_x      integer,
    end_tile_y      integer,
    tiles_traveled  integer     not null default 0,
    chunks_loaded   integer     not null default 0
);
create index sessions_player_idx on sessions (player_id, started_at desc);
-- sessions/active: a player's sessions that have not ended.
create index sessions_active_idx on sessions (player_id) where ended_at is null;
