package dev.liaison.platform.connection;

import dev.liaison.connector.api.ConnectionContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Finds active connections by id for intake and processing, whatever their workspace: a webhook path names the
 * connection, and the connection names the workspace. Cached briefly because every webhook needs it.
 */
@ApplicationScoped
public class ConnectionDirectory {

    private record Cached(Optional<ConnectionContext> connection, Instant expiresAt) {
    }

    private final ConnectionStore connections;
    private final Clock clock;
    private final Duration timeToLive;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    @Inject
    public ConnectionDirectory(ConnectionStore connections, Clock clock,
                               @ConfigProperty(name = "liaison.connections.cache-ttl", defaultValue = "PT5S")
                               Duration timeToLive) {
        this.connections = connections;
        this.clock = clock;
        this.timeToLive = timeToLive;
    }

    /** For the CDI client proxy only. */
    protected ConnectionDirectory() {
        this(null, null, null);
    }

    /** The active connection with this id, or empty when it does not exist or is disabled. */
    public Optional<ConnectionContext> active(String connectionId) {
        Instant now = clock.instant();
        Cached cached = cache.get(connectionId);
        if (cached == null || cached.expiresAt().isBefore(now)) {
            cached = new Cached(connections.findInAnyWorkspace(connectionId), now.plus(timeToLive));
            cache.put(connectionId, cached);
        }
        return cached.connection();
    }

    public void forget(String connectionId) {
        cache.remove(connectionId);
    }
}
