-- core.sql runs as database roles of its own (created at start by SqlRoles when the service's
-- user may create roles, else by a DBA): oven_sql_reader may read the game modules' tables and
-- nothing else, oven_sql_writer may also insert and update them. Their passwords are generated
-- once and kept here, where only the service's own user can read them.
create table sql_role_secrets (
    role     text primary key,
    password text not null
);
