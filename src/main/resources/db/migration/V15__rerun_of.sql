-- A retried execution records the one it came from.
alter table workflow_executions add column rerun_of bigint;
