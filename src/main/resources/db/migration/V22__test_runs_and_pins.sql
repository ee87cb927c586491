-- A test run (execute with "test": true) uses the outputs pinned on its nodes (meta.pinned.output)
-- instead of running them; production runs never do. A pinned node's row says so.
alter table workflow_executions add column test boolean not null default false;
alter table node_executions drop constraint node_executions_status;
alter table node_executions add constraint node_executions_status
    check (status in ('pending', 'running', 'completed', 'failed', 'skipped', 'interrupted', 'pinned'));
