-- A config row may hold a secret: its value is masked wherever an execution records it.
alter table module_configs add column secret boolean not null default false;
