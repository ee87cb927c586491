-- Node rows and config lookups are written in bulk by the tracking writer, always after the
-- execution row they belong to (the same writer lane, in order). A foreign key would make every
-- row check and lock its execution row, which costs a write per node; executions are never
-- deleted by the service, so the key bought nothing.
alter table node_executions drop constraint node_executions_execution_id_fkey;
alter table execution_config_lookups drop constraint execution_config_lookups_execution_id_fkey;
