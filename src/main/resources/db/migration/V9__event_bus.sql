-- The event bus. event_log is the transactional outbox: a change and its event commit together.
-- Delivery: the relay gives each new event a place in the delivery order (seq), one relay at a
-- time, so seq only ever grows as seen by readers; each subscriber keeps its position in that
-- order and a receipt per event it handled (at-least-once delivery, one effect per subscriber).
alter table event_log add column event_id text;
update event_log set event_id = gen_random_uuid()::text where event_id is null;
alter table event_log alter column event_id set not null;
alter table event_log alter column event_id set default gen_random_uuid()::text;
alter table event_log add constraint event_log_event_id_key unique (event_id);
-- null until the relay has ordered the event (embedded) or received it back from Kafka.
alter table event_log add column seq bigint;
-- null until the relay has sent the event to Kafka (distributed mode only).
alter table event_log add column relayed_at timestamptz;
create sequence event_seq;
create unique index event_log_seq_idx on event_log (seq) where seq is not null;
create index event_log_unordered_idx on event_log (id) where seq is null;
create index event_log_unrelayed_idx on event_log (id) where relayed_at is null;
update event_log set seq = nextval('event_seq'), relayed_at = now() where seq is null;

-- Wakes the relay as soon as an insert commits (the poll is only the fallback).
create function event_log_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('oven_events', '');
    return null;
end $$;
create trigger event_log_notify after insert on event_log
    for each statement execute function event_log_notify();

create table event_subscriptions (
    subscriber text primary key,
    pattern    text        not null,
    position   bigint      not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

create table event_receipts (
    subscriber  text        not null,
    event_id    bigint      not null,
    status      text        not null,
    error       text,
    received_at timestamptz not null default now(),
    primary key (subscriber, event_id)
);

-- What each wiring did with each event it received.
create table wiring_firings (
    id          bigserial primary key,
    wiring_id   bigint      not null,
    event_id    bigint      not null,
    event_name  text        not null,
    status      text        not null,
    input       jsonb,
    output      jsonb,
    error       text,
    fired_at    timestamptz not null default now(),
    duration_ms double precision
);
create index wiring_firings_wiring_idx on wiring_firings (wiring_id, id);

