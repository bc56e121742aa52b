package dev.liaison.connector.api;

/**
 * Undoes what a connector set up in the remote system for one connection (a webhook subscription, event bindings)
 * when an admin disconnects it. Liaison calls it before it disables the connection, outside any transaction, with
 * the connection's current settings, and again each time the admin repeats the disconnect, so it must be idempotent:
 * something the remote system no longer has counts as undone.
 * <p>
 * A {@link RemoteSystemException} does not keep the connection from being disabled: Liaison disables it anyway, logs
 * the exception's message and shows it to the admin, so the message must not quote secrets.
 */
public interface Disconnectable {

    void disconnect(ConnectionContext connection) throws RemoteSystemException;
}
