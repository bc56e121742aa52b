-- Sync progress and drift (issue 20, items 4 and 8).
--   records_remaining: what the connector's vendor says is left to read after the last committed page, in the part
--                      of the stream being read (null when the vendor reports no count); the estimated time left is
--                      this over the run's rate.
--   reconciled_at, drift_changed, drift_deleted: the end of the last completed incremental run (a reconciliation)
--                      and the records it handed on, changes and deletions apart; null until one completed. Full runs
--                      leave them alone.
alter table connection_sync add column records_remaining bigint;
alter table connection_sync add column reconciled_at timestamp with time zone;
alter table connection_sync add column drift_changed bigint;
alter table connection_sync add column drift_deleted bigint;

-- The counters of the current (or last) run per entity (CONTACTS, DEALS, TICKETS, DELETIONS, OTHER: from each
-- canonical event's type); a row appears with an entity's first record in the run and goes when the next run starts.
-- Their sums are connection_sync's records_* columns. No personal data.
create table connection_sync_entity (
    connection_id    varchar(36) not null references connection_sync (connection_id),
    workspace_id     varchar(64) not null,
    entity           varchar(20) not null,
    records_seen     bigint      not null,
    records_changed  bigint      not null,
    records_skipped  bigint      not null,
    records_failed   bigint      not null,
    primary key (connection_id, entity)
);
