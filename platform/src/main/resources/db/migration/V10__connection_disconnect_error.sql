-- Why the remote system was not cleaned up when the connection was disconnected (e.g. amoCRM unreachable, so
-- Liaison's webhook is still registered there); null when it was, or when there was nothing to clean up.
alter table connection add column disconnect_error varchar(2000);
