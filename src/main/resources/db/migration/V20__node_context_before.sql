-- The context a top-level node started with (masked, bounded like inputs): what a re-run from
-- that node starts from.
alter table node_executions add column context_before jsonb;
