-- A test run (execute with "test": true) uses the outputs pinned on its nodes (meta.pinned.output)
-- instead of running them; production runs never do. A pinned node's row says so.
alter table workflow_executions add column test boolean not null default false;
alter table node_executions drop constraint node_executions_status;
-- not valid: the rows already stored passed the stricter check before it; a table of millions of
-- node rows is not scanned again under a lock at upgrade. New rows are checked.
alter table node_executions add constraint node_executions_status
    check (status in ('pending', 'running', 'completed', 'failed', 'skipped', 'interrupted', 'pinned')) not valid;
