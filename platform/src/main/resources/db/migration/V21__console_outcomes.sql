-- What the console shows of messages, rejected deliveries and scenario steps (issue #21, "the API behind the screens").

-- The template a message was asked with (its name, never its text), so a person's messages list what was sent.
alter table message_log add column template varchar(200);
