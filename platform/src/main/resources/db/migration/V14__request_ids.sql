-- The correlation id of a delivery (issue 19, item 5): the sender's X-Request-Id or traceparent when it is
-- well-formed, else one Liaison made up at intake. It is returned in the webhook's answer, kept with the inbox entry,
-- and copied onto every outbox action that processing the entry decided, so an operator can follow one delivery from
-- the sender's logs to the connected system's call. It is made of [A-Za-z0-9-] only and never holds personal data.
-- Rows stored before this migration have none.
alter table inbox_entry add column request_id varchar(64);
alter table outbox_action add column request_id varchar(64);
