package dev.liaison.platform.connection;

public enum ConnectionStatus {
    /** Webhooks are accepted and processed. */
    ACTIVE,
    /** Uninstalled or switched off: webhooks are refused with 404 as if the connection did not exist. */
    DISABLED
}
