package dev.liaison.platform.connection;

/**
 * The connection changed since the caller read it (its version is not the one the caller expected), so a change
 * based on that reading could undo someone else's. Nothing was changed.
 */
public class ConnectionChangedException extends RuntimeException {

    public ConnectionChangedException(String connectionId) {
        super("connection " + connectionId + " changed since it was read");
    }
}
