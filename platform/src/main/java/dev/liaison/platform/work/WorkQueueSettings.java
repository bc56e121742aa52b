package dev.liaison.platform.work;

import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/**
 * How one database work queue is drained: whether at all, by how many workers, how often idle workers look,
 * and when failures are retried. Read from MicroProfile Config under the queue's prefix ({@code liaison.inbox.},
 * {@code liaison.outbox.}); the keys and defaults are listed in the README.
 */
public record WorkQueueSettings(boolean enabled, int workers, Duration pollInterval, Backoff backoff) {

    static WorkQueueSettings read(Config config, String prefix, String enabledKey, WorkQueueSettings defaults) {
        return new WorkQueueSettings(
                config.getOptionalValue(prefix + enabledKey, Boolean.class).orElse(defaults.enabled()),
                config.getOptionalValue(prefix + "workers", Integer.class).orElse(defaults.workers()),
                config.getOptionalValue(prefix + "poll-interval", Duration.class).orElse(defaults.pollInterval()),
                new Backoff(
                        config.getOptionalValue(prefix + "retry.base", Duration.class)
                                .orElse(defaults.backoff().base()),
                        config.getOptionalValue(prefix + "retry.max", Duration.class).orElse(defaults.backoff().max()),
                        config.getOptionalValue(prefix + "retry.max-attempts", Integer.class)
                                .orElse(defaults.backoff().maxAttempts())));
    }
}
