-- Pull sync per connection (issue 20): where the connector's RecordSource stands, when it runs next, and which node
-- runs it now. One row per connection whose connector pulls records; created with the connection (or by the first
-- POST .../sync for connections older than this table).
--   phase: IDLE (waits for next_run_at), RUNNING (held by lease_owner until lease_expires_at), PAUSED (never
--          claimed), FAILED (the last attempt failed; retried at next_run_at from the last committed page).
--   sync_cursor: the connector's opaque cursor after the last committed page; null starts from the beginning.
--   in_run: a run started and has not reached the end of the stream; a claim then resumes it instead of starting
--           a new one (after a kill -9, a lost lease, a pause or a failure).
--   run_number: counts runs; part of the synthetic inbox entry's dedup key, so two runs never share a page key.
--   records_*: counters of the current (or last) run; last_error holds no personal data and is bounded.
--   last_cursor_at: the newest event time of the committed pages: how far the sync has read the source's history.
create table connection_sync (
    connection_id     varchar(36)              primary key references connection (id),
    workspace_id      varchar(64)              not null,
    phase             varchar(20)              not null,
    sync_cursor       varchar(4000),
    in_run            boolean                  not null,
    full_run          boolean                  not null,
    run_number        bigint                   not null,
    interval_seconds  bigint                   not null,
    next_run_at       timestamp with time zone not null,
    lease_owner       varchar(100),
    lease_expires_at  timestamp with time zone,
    pages             bigint                   not null,
    records_seen      bigint                   not null,
    records_changed   bigint                   not null,
    records_skipped   bigint                   not null,
    records_failed    bigint                   not null,
    started_at        timestamp with time zone,
    finished_at       timestamp with time zone,
    last_error        varchar(500),
    last_cursor_at    timestamp with time zone
);

-- The due claim looks at rows by due time across workspaces.
create index ix_connection_sync_due on connection_sync (next_run_at);
