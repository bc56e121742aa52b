package dev.liaison.platform.connection;

/** Another connection of the workspace already has this name, ignoring case. Nothing was changed. */
public class ConnectionNameTakenException extends RuntimeException {

    public ConnectionNameTakenException() {
        super("another connection of the workspace has this name");
    }
}
