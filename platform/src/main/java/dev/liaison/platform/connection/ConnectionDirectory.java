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
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Finds active connections by id for intake and processing, whatever their workspace: a webhook path names the
 * connection, and the connection names the workspace. Cached briefly because every webhook needs it.
 * <p>
 * The ids come from the paths of unauthenticated requests ({@code /hooks/{id}}, {@code /install/{kind}/{id}}), so
 * the cache must not grow with what callers make up: an id no connection can have is never looked up nor kept, and
 * once the cache holds more than {@link #SWEEP_ABOVE} entries, expired ones are swept (at most once per time to
 * live) and an id that named nothing is no longer kept.
 */
@ApplicationScoped
public class ConnectionDirectory {

    /** The width of {@code connection.id}: a longer id names no connection. */
    static final int MAX_ID_LENGTH = 36;
    /** Far above the connections a node serves, so that only made-up ids make a sweep necessary. */
    static final int SWEEP_ABOVE = 10_000;

    private record Cached(Optional<ConnectionContext> connection, Instant expiresAt) {
    }

    private final ConnectionStore connections;
    private final Clock clock;
    private final Duration timeToLive;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> nextSweep = new AtomicReference<>(Instant.MIN);

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
        if (connectionId == null || connectionId.isEmpty() || connectionId.length() > MAX_ID_LENGTH) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Cached cached = cache.get(connectionId);
        if (cached != null && !cached.expiresAt().isBefore(now)) {
            return cached.connection();
        }
        Optional<ConnectionContext> found = connections.findInAnyWorkspace(connectionId);
        if (found.isPresent() || roomForUnknown(now)) {
            cache.put(connectionId, new Cached(found, now.plus(timeToLive)));
        }
        return found;
    }

    /**
     * The active connection with this id as the database holds it now, whatever this node cached; the answer is
     * cached for the next {@link #active}. For long work that must follow a change made on any node at its next step
     * (a sync reads its connection before every page, so a PATCHed token is used from the next page on).
     */
    public Optional<ConnectionContext> current(String connectionId) {
        cache.remove(connectionId == null ? "" : connectionId);
        return active(connectionId);
    }

    /** How many ids are cached, found or not; for tests. */
    int size() {
        return cache.size();
    }

    /** Whether an id that named no connection may be kept; sweeps expired entries when the cache is large. */
    private boolean roomForUnknown(Instant now) {
        if (cache.size() <= SWEEP_ABOVE) {
            return true;
        }
        Instant due = nextSweep.get();
        if (!now.isBefore(due) && nextSweep.compareAndSet(due, now.plus(timeToLive))) {
            cache.values().removeIf(entry -> entry.expiresAt().isBefore(now));
        }
        return cache.size() <= SWEEP_ABOVE;
    }

    public void forget(String connectionId) {
        cache.remove(connectionId);
    }
}
