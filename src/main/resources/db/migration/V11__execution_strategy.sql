-- How api-call nodes run in an execution (direct, network, none = dry run; null = each
-- endpoint's default), kept so a run resumed from a timer or after a restart runs the same way.
alter table workflow_executions add column strategy text;
