-- OpenAPI documents imported as api-call nodes; kept so imports survive a restart.
create table api_imports (
    id          bigserial primary key,
    name        text        not null,
    base_url    text        not null,
    document    jsonb       not null,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    constraint api_imports_name_unique unique (name)
);
