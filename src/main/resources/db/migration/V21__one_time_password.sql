-- The password generated on the very first start is for one login: it must be changed before
-- anything else is done.
alter table users add column must_change_password boolean not null default false;
