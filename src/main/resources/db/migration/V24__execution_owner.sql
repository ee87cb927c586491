-- The instance running an execution (service_instances.id): another instance takes a running
-- execution over only once its owner is gone (no heartbeat within the lease, or stopped).
alter table workflow_executions add column owner text;
