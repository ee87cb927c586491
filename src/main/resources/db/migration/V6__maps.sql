-- The maps module: tiles, world configs, maps and their chunks.

create table tiles (
    id         bigserial primary key,
    tile_id    integer     not null,
    name       text        not null,
    color_hex  text,
    flags      integer     not null default 0,
    category   text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint tiles_tile_id_unique unique (tile_id),
    constraint tiles_tile_id_small check (tile_id between 0 and 32767)
);

create table world_configs (
    id            bigserial primary key,
    name          text        not null,
    is_active     boolean     not null default false,
    chunk_size    integer     not null default 32,
    load_radius   integer     not null default 2,
    seed          bigint,
    map_mode      text        not null default 'discovery'
        constraint world_configs_mode check (map_mode in ('discovery', 'fixed')),
    noise_scale   double precision,
    noise_octaves integer,
    water_level   double precision,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    constraint world_configs_name_unique unique (name)
);
-- Activating one deactivates the others: at most one is active.
create unique index world_configs_one_active on world_configs (is_active) where is_active;

create table maps (
    id              bigserial primary key,
    name            text        not null,
    world_config_id bigint      references world_configs (id),
    mode            text        not null default 'discovery'
        constraint maps_mode check (mode in ('discovery', 'fixed')),
    seed            bigint,
    bounds          jsonb,
    status          text        not null default 'draft'
        constraint maps_status check (status in ('draft', 'published', 'archived')),
    total_chunks    integer     not null default 0,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);

create table chunks (
    id          bigserial primary key,
    map_id      bigint      not null references maps (id) on delete cascade,
    chunk_x     integer     not null,
    chunk_y     integer     not null,
    layer_data  text,
    version     integer     not null default 1,
    constraint chunks_unique unique (map_id, chunk_x, chunk_y)
);
