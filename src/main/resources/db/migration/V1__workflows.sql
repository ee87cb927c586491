-- Workflows and their history. JSON is jsonb throughout; names are snake_case and the API
-- answers them in camelCase.

create table workflows (
    id                bigserial primary key,
    name              text        not null,
    slug              text        not null,
    description       text,
    definition        jsonb       not null,
    trigger_event     text,
    trigger_condition jsonb,
    enabled           boolean     not null default true,
    version           integer     not null default 1,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    constraint workflows_slug_unique unique (slug)
);
-- List sorts and filters: by name (case-insensitive search and sort), by time, by trigger.
create index workflows_name_idx on workflows (lower(name));
create index workflows_updated_at_idx on workflows (updated_at);
create index workflows_created_at_idx on workflows (created_at);
create index workflows_trigger_event_idx on workflows (trigger_event) where trigger_event is not null;

-- One row per version of a workflow, the first included, so any version can be read back
-- and restored.
create table workflow_versions (
    id                bigserial primary key,
    workflow_id       bigint      not null references workflows (id) on delete cascade,
    version           integer     not null,
    name              text        not null,
    description       text,
    definition        jsonb       not null,
    trigger_event     text,
    trigger_condition jsonb,
    enabled           boolean     not null,
    created_at        timestamptz not null default now(),
    constraint workflow_versions_unique unique (workflow_id, version)
);

-- Runs outlive the workflow they ran: deleting a workflow keeps its history.
create table workflow_executions (
    id               bigserial primary key,
    workflow_id      bigint      references workflows (id) on delete set null,
    workflow_version integer     not null,
    status           text        not null
        constraint workflow_executions_status check
            (status in ('pending', 'running', 'waiting', 'completed', 'failed', 'cancelled')),
    trigger_event    text,
    trigger_payload  jsonb,
    context          jsonb       not null default '{}'::jsonb,
    snapshot         jsonb,
    current_state    text,
    started_at       timestamptz not null default now(),
    completed_at     timestamptz,
    error            text
);
create index workflow_executions_workflow_idx on workflow_executions (workflow_id, started_at desc);
create index workflow_executions_status_idx on workflow_executions (status, started_at desc);
create index workflow_executions_started_at_idx on workflow_executions (started_at desc);

create table node_executions (
    id           bigserial primary key,
    execution_id bigint      not null references workflow_executions (id) on delete cascade,
    node_id      text        not null,
    node_type    text,
    status       text        not null
        constraint node_executions_status check
            (status in ('pending', 'running', 'completed', 'failed', 'skipped')),
    input        jsonb,
    output       jsonb,
    error        text,
    attempt      integer     not null default 1,
    started_at   timestamptz,
    completed_at timestamptz,
    duration_ms  bigint
);
-- An execution's nodes are read in the order they ran.
create index node_executions_execution_idx on node_executions (execution_id, id);

create table module_configs (
    id          bigserial primary key,
    module_name text        not null,
    scope       text        not null
        constraint module_configs_scope check (scope in ('module', 'instance')),
    scope_id    text,
    key         text        not null,
    value       jsonb,
    description text,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    constraint module_configs_scope_id check ((scope = 'module') = (scope_id is null)),
    constraint module_configs_unique unique nulls not distinct (module_name, scope, scope_id, key)
);
create index module_configs_lookup_idx on module_configs (module_name, key);

create table event_wirings (
    id            bigserial primary key,
    source_module text        not null,
    source_event  text        not null,
    target_module text        not null,
    target_action text        not null,
    transform     jsonb,
    condition     jsonb,
    label         text,
    description   text,
    enabled       boolean     not null default true,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
create index event_wirings_source_event_idx on event_wirings (source_event) where enabled;

-- The transactional outbox: an event is appended here in the transaction of the change
-- that caused it, and delivered from here.
create table event_log (
    id             bigserial primary key,
    name           text        not null,
    source         text        not null,
    payload        jsonb       not null default '{}'::jsonb,
    correlation_id text,
    emitted_at     timestamptz not null default now()
);
create index event_log_name_idx on event_log (name, id);
create index event_log_source_idx on event_log (source, id);
create index event_log_emitted_at_idx on event_log (emitted_at);
