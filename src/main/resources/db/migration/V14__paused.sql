-- A run can be paused at a node boundary, and resumed where it stopped.
alter table workflow_executions drop constraint workflow_executions_status;
alter table workflow_executions add constraint workflow_executions_status
    check (status in ('pending', 'running', 'waiting', 'paused', 'completed', 'failed', 'cancelled'));
