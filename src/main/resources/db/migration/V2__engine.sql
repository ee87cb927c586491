-- The engine: when a parked execution is due to resume, and the config lookups each
-- execution made.

alter table workflow_executions add column resume_at timestamptz;
create index workflow_executions_resume_idx on workflow_executions (resume_at)
    where status = 'waiting' and resume_at is not null;

create table execution_config_lookups (
    id           bigserial primary key,
    execution_id bigint      not null references workflow_executions (id) on delete cascade,
    node_id      text,
    module_name  text        not null,
    key          text        not null,
    scope_id     text,
    value        jsonb,
    source       text        not null,
    looked_up_at timestamptz not null default now()
);
create index execution_config_lookups_execution_idx on execution_config_lookups (execution_id, id);
