-- The positions module: where players are on maps.

create table map_assignments (
    id              bigserial primary key,
    player_id       bigint      not null references players (id),
    map_id          bigint      not null,
    is_active       boolean     not null default true,
    spawn_tile_x    integer,
    spawn_tile_y    integer,
    current_tile_x  integer,
    current_tile_y  integer,
    assigned_at     timestamptz not null default now(),
    left_at         timestamptz
);
-- At most one active assignment per player; map-assignments/active reads it.
create unique index map_assignments_one_active on map_assignments (player_id) where is_active;
create index map_assignments_player_idx on map_assignments (player_id, assigned_at desc);

create table player_positions (
    id           bigserial primary key,
    player_id    bigint      not null references players (id),
    session_id   bigint      references sessions (id),
    map_id       bigint      not null,
    tile_x       integer     not null,
    tile_y       integer     not null,
    chunk_x      integer,
    chunk_y      integer,
    world_x      double precision,
    world_y      double precision,
    recorded_at  timestamptz not null default now()
);
create index player_positions_player_idx on player_positions (player_id, recorded_at desc);

create table visited_chunks (
    id                bigserial primary key,
    player_id         bigint      not null references players (id),
    map_id            bigint      not null,
    chunk_x           integer     not null,
    chunk_y           integer     not null,
    first_visited_at  timestamptz not null default now(),
    visit_count       integer     not null default 1,
    constraint visited_chunks_unique unique (player_id, map_id, chunk_x, chunk_y)
);
