package dev.liaison.platform.sync;

import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/**
 * How this node runs pull syncs, from MicroProfile Config under {@code liaison.sync.} (keys and defaults in the
 * README). The per-connection settings, whether to import at creation and how often to reconcile, are connection
 * settings instead ({@link dev.liaison.connector.api.SettingsSpec#withSyncSettings()}).
 *
 * @param enabled          whether this node runs syncs at all
 * @param workers          how many connections this node syncs at once
 * @param pollInterval     how often an idle worker looks for a due sync
 * @param lease            how long a claim holds a connection without committing a page; a node that dies holds it
 *                         this long at most. Longer than the slowest page pull, rate-limit waits included
 * @param retryDelay       how soon a failed attempt is tried again, unless the remote system asks for longer
 * @param progressInterval how often a long run logs its progress
 */
public record SyncSettings(boolean enabled, int workers, Duration pollInterval, Duration lease, Duration retryDelay,
                           Duration progressInterval) {

    static final String PREFIX = "liaison.sync.";

    public static SyncSettings read(Config config) {
        SyncSettings settings = new SyncSettings(
                config.getOptionalValue(PREFIX + "enabled", Boolean.class).orElse(true),
                config.getOptionalValue(PREFIX + "workers", Integer.class).orElse(1),
                config.getOptionalValue(PREFIX + "poll-interval", Duration.class).orElse(Duration.ofSeconds(10)),
                config.getOptionalValue(PREFIX + "lease", Duration.class).orElse(Duration.ofMinutes(5)),
                config.getOptionalValue(PREFIX + "retry-delay", Duration.class).orElse(Duration.ofMinutes(1)),
                config.getOptionalValue(PREFIX + "progress-interval", Duration.class).orElse(Duration.ofSeconds(30)));
        if (settings.workers() < 1) {
            throw new IllegalArgumentException(PREFIX + "workers must be at least 1");
        }
        return settings;
    }
}
