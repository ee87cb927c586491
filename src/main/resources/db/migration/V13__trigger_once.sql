-- An event starts each triggered workflow once: the execution carries the event's id, unique per
-- workflow, so an event delivered again after a crash (its receipt lost, its execution stored)
-- finds the execution it started and starts no second one.
alter table workflow_executions add column trigger_event_id text;
create unique index workflow_executions_trigger_once on workflow_executions (workflow_id, trigger_event_id)
    where trigger_event_id is not null;
