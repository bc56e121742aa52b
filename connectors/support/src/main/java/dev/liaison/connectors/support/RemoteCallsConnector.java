package dev.liaison.connectors.support;

import dev.liaison.connector.api.ConnectionHealthReporter;
import dev.liaison.connector.api.Connector;
import dev.liaison.connector.api.RemoteCallObserver;
import dev.liaison.connector.api.SettingsSpec;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * What every connector that calls its vendor through {@link RemoteCalls} shares: its kind and settings, named once by
 * the subclass's constructor, and its one {@link RemoteCalls}, shared by all its connections and closed with the
 * connector, whose guards it reports for the connection's health. Methods are not final because a CDI client proxy
 * must be able to override them.
 */
public abstract class RemoteCallsConnector implements Connector, ConnectionHealthReporter {

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

    @Override
    public Optional<CallGuards> callGuards(String connectionId) {
        return calls.guards(connectionId);
    }

    /**
     * Reports the calls' rate-limit waits and circuit changes to the server's observer (its metrics). An initializer
     * method rather than a constructor parameter, so that every connector gets it without naming it in its own
     * constructor; outside a server nothing calls it and nothing is reported.
     */
    @Inject
    protected void observeCallsWith(RemoteCallObserver observer) {
        calls.observeWith(observer);
    }

    /** The REST clients hold connection pools; they go with the connector when the application stops. */
    @PreDestroy
    protected void closeClients() {
        calls.close();
    }
}
