-- Workflows whose core.sql may write (INSERT/UPDATE on the game tables, as oven_sql_writer): set
-- by an admin, one row per workflow; no row, read-only.
create table workflow_sql_writes (
    workflow_id bigint primary key references workflows (id) on delete cascade,
    granted_by  text,
    granted_at  timestamptz not null default now()
);
