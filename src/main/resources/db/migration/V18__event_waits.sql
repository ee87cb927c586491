-- Runs parked at a state that waits for an event: which event, matching what (jsonb containment
-- of the event's payload), since when. Deleted when the run goes on.
create table execution_event_waits (
    execution_id bigint      not null,
    state        text        not null,
    event_name   text        not null,
    match        jsonb       not null default '{}'::jsonb,
    since        timestamptz not null default now(),
    primary key (execution_id, event_name)
);
create index execution_event_waits_event on execution_event_waits (event_name);
