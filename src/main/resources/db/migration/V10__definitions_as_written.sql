-- Definitions are kept as written, key order included (jsonb would reorder their keys, so a
-- saved workflow came back with its states shuffled). Nothing queries inside them.
alter table workflows alter column definition type json using definition::json;
alter table workflow_versions alter column definition type json using definition::json;
