-- What each instance runs: workflow id → deployed version ({"12": 3}), and workflow id → why the
-- current version could not be deployed there. A save waits until every live instance runs it.
alter table service_instances add column deployed jsonb not null default '{}'::jsonb;
alter table service_instances add column deploy_failures jsonb not null default '{}'::jsonb;
