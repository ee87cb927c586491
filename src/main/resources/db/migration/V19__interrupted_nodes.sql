-- A node the service stopped in the middle of (a crash, a kill) is recorded as interrupted; it
-- runs again as its next attempt.
alter table node_executions drop constraint node_executions_status;
alter table node_executions add constraint node_executions_status
    check (status in ('pending', 'running', 'completed', 'failed', 'skipped', 'interrupted'));
