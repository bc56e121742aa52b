package dev.liaison.web.admin;

import dev.liaison.connector.api.ConnectionHealthReporter;
import dev.liaison.platform.connection.ConnectionEntity;
import dev.liaison.platform.connection.ConnectionStore;
import dev.liaison.platform.metrics.RemoteCallMetrics;
import dev.liaison.platform.outbox.OutboxExecutor;
import dev.liaison.platform.registry.ConnectorRegistry;
import dev.liaison.platform.sync.SyncControl;
import dev.liaison.platform.sync.SyncState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;

/**
 * Gathers a connection's health from where each part lives: the connector's call guards and token expiry (through
 * {@link ConnectionHealthReporter}, so that no connector is named here), this node's wait tallies, and the stored
 * sync. Reads only.
 */
@ApplicationScoped
public class ConnectionHealth {

    private final ConnectorRegistry connectors;
    private final ConnectionStore connections;
    private final RemoteCallMetrics calls;
    private final SyncControl sync;

    @Inject
    public ConnectionHealth(ConnectorRegistry connectors, ConnectionStore connections, RemoteCallMetrics calls,
                            SyncControl sync) {
        this.connectors = connectors;
        this.connections = connections;
        this.calls = calls;
        this.sync = sync;
    }

    /** For the CDI client proxy only. */
    protected ConnectionHealth() {
        this(null, null, null, null);
    }

    public ConnectionHealthView of(ConnectionEntity connection) {
        Optional<ConnectionHealthReporter> reporter = connectors.find(connection.kind(),
                ConnectionHealthReporter.class);
        Optional<ConnectionHealthReporter.CallGuards> guards = reporter.flatMap(known ->
                known.callGuards(connection.id()));
        Optional<Instant> tokenExpiresAt = reporter.flatMap(known ->
                known.accessTokenExpiresAt(connections.context(connection)));
        Optional<SyncState> synced = sync.pulls(connection.kind()) ? sync.state(connection.id()) : Optional.empty();
        return ConnectionHealthView.of(OutboxExecutor.nodeName(), guards, calls.waits(connection.id()),
                tokenExpiresAt, synced);
    }
}
