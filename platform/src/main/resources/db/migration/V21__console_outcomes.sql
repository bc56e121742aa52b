-- What the console shows of messages, rejected deliveries and scenario steps (issue #21, "the API behind the screens").

-- The template a message was asked with (its name, never its text), so a person's messages list what was sent.
alter table message_log add column template varchar(200);

-- Webhook deliveries a connection refused, counted by reason (bad-signature, stale-timestamp, malformed-body,
-- unknown-event, ...). The refused body is never stored: it may be forged, and it is nobody's business to keep.
create table inbox_rejection (
    workspace_id    varchar(64)              not null,
    connection_id   varchar(36)              not null references connection (id),
    reason          varchar(40)              not null,
    rejected_count  bigint                   not null,
    last_at         timestamp with time zone not null,
    constraint pk_inbox_rejection primary key (connection_id, reason)
);

-- The outbox action a scenario step queued (send, write-crm, route), so the person's trace can show what became of
-- it: a step is traced DONE when it queues, and its action may still fail later. No foreign key: the trace outlives
-- the outbox's housekeeping.
alter table scenario_trace add column outbox_id bigint;
