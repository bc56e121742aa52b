package dev.liaison.platform.sync;

import dev.liaison.connector.api.RecordSource;
import dev.liaison.connector.api.SettingsSpec;
import dev.liaison.platform.registry.ConnectorRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What the admin API does with a connection's sync, in the caller's workspace. Callers check first that the
 * connection exists there and that its connector pulls records ({@link #pulls}). Not transactional: each change is
 * one statement that commits on its own, so that the worker woken right after it finds the sync due.
 */
@ApplicationScoped
public class SyncControl {

    private final SyncStore store;
    private final ConnectorRegistry connectors;
    private final SyncRunner runner;
    private final Clock clock;

    @Inject
    public SyncControl(SyncStore store, ConnectorRegistry connectors, SyncRunner runner, Clock clock) {
        this.store = store;
        this.connectors = connectors;
        this.runner = runner;
        this.clock = clock;
    }

    /** For the CDI client proxy only. */
    protected SyncControl() {
        this(null, null, null, null);
    }

    /** Whether connections of this kind are synced: their connector implements {@link RecordSource}. */
    public boolean pulls(String kind) {
        return connectors.find(kind, RecordSource.class).isPresent();
    }

    /**
     * A connection was created: when its connector pulls records, its sync is kept from now on and the initial
     * import is due at once, unless its {@value SettingsSpec#INITIAL_IMPORT} setting is {@code false}. The settings
     * were validated at creation.
     */
    public void connectionCreated(String connectionId, String kind, Map<String, String> settings) {
        if (!pulls(kind)) {
            return;
        }
        boolean importNow = !"false".equalsIgnoreCase(settings.getOrDefault(SettingsSpec.INITIAL_IMPORT, "").trim());
        store.register(connectionId, SettingsSpec.syncInterval(settings.get(SettingsSpec.SYNC_INTERVAL)), importNow,
                clock.instant());
        if (importNow) {
            runner.nudge();
        }
    }

    public Optional<SyncState> state(String connectionId) {
        return store.find(connectionId);
    }

    /**
     * Runs the sync now; {@code full} reads everything again from the beginning. A connection created before syncs
     * were kept gets its sync here, its first run a full one.
     */
    public SyncState runNow(String connectionId, boolean full, Map<String, String> settings) {
        if (store.find(connectionId).isEmpty()) {
            store.register(connectionId, interval(settings), true, clock.instant());
        } else {
            store.runNow(connectionId, full, clock.instant());
        }
        runner.nudge();
        return store.find(connectionId).orElseThrow();
    }

    /** @return empty when the connection has no sync yet */
    public Optional<SyncState> pause(String connectionId) {
        store.pause(connectionId);
        return store.find(connectionId);
    }

    /** @return empty when the connection has no sync yet; a sync that was not paused is left as it is */
    public Optional<SyncState> resume(String connectionId) {
        if (store.resume(connectionId, clock.instant())) {
            runner.nudge();
        }
        return store.find(connectionId);
    }

    private static Duration interval(Map<String, String> settings) {
        try {
            return SettingsSpec.syncInterval(settings.get(SettingsSpec.SYNC_INTERVAL));
        } catch (IllegalArgumentException e) {
            return SettingsSpec.DEFAULT_SYNC_INTERVAL;
        }
    }
}
