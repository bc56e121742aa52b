package dev.liaison.connectors.support;

import dev.liaison.connector.api.Connector;
import dev.liaison.connector.api.SettingsSpec;
import jakarta.annotation.PreDestroy;

/**
 * What every connector that calls its vendor through {@link RemoteCalls} shares: its kind and settings, named once by
 * the subclass's constructor, and its one {@link RemoteCalls}, shared by all its connections and closed with the
 * connector. Methods are not final because a CDI client proxy must be able to override them.
 */
public abstract class RemoteCallsConnector implements Connector {

    private final String kind;
    private final SettingsSpec settings;
    private final RemoteCalls calls;

    /** {@code calls} is null only in the constructor a CDI client proxy uses. */
    protected RemoteCallsConnector(String kind, SettingsSpec settings, RemoteCalls calls) {
        this.kind = kind;
        this.settings = settings;
        this.calls = calls;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public SettingsSpec settings() {
        return settings;
    }

    /** The connector's calls to its vendor, each connection with its own rate limit and circuit breaker. */
    protected RemoteCalls calls() {
        return calls;
    }

    /** The REST clients hold connection pools; they go with the connector when the application stops. */
    @PreDestroy
    protected void closeClients() {
        calls.close();
    }
}
