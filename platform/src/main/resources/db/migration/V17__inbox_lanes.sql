-- Workers claim the inbox one connection (lane) at a time, oldest due entry first: the due time of every
-- connection and the head of its lane are index lookups, never a scan of a large backlog.
create index ix_inbox_lane on inbox_entry (connection_id, status, next_attempt_at, id);
-- Its first two columns made the old (connection_id, status) index redundant; one index less to write per delivery.
drop index ix_inbox_connection_status;
