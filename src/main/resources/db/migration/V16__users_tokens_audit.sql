-- Who may use the service: users (dashboard login, HTTP Basic), API tokens (hashed), and the
-- audit log of every change they made.
create table users (
    id            bigserial primary key,
    username      text        not null unique,
    password_hash text        not null,
    role          text        not null check (role in ('viewer', 'editor', 'admin')),
    disabled      boolean     not null default false,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);

create table api_tokens (
    id           bigserial primary key,
    name         text        not null,
    -- SHA-256 of the token, hex; the token itself is shown once, when it is made.
    token_hash   text        not null unique,
    prefix       text        not null,
    role         text        not null check (role in ('viewer', 'editor', 'admin')),
    -- Limits of this token: requests per minute and executions started per hour (null: none).
    requests_per_minute integer check (requests_per_minute > 0),
    executions_per_hour integer check (executions_per_hour >= 0),
    created_by   text,
    created_at   timestamptz not null default now(),
    expires_at   timestamptz,
    revoked_at   timestamptz,
    last_used_at timestamptz
);

create table audit_log (
    id          bigserial primary key,
    at          timestamptz not null default now(),
    actor       text        not null,
    role        text,
    action      text        not null,
    target_type text,
    target_id   text,
    method      text,
    path        text,
    status      integer,
    details     jsonb
);
create index audit_log_at on audit_log (at);
create index audit_log_actor on audit_log (actor, at);
