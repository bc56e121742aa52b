package dev.liaison.web.outbox;

import dev.liaison.web.intake.Backoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How the outbox is carried out; every value is a MicroProfile Config key listed in the README. */
@ApplicationScoped
public class OutboxSettings {

    private final boolean enabled;
    private final int workers;
    private final Duration pollInterval;
    private final Backoff backoff;

    @Inject
    public OutboxSettings(
            @ConfigProperty(name = "liaison.outbox.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "liaison.outbox.workers", defaultValue = "2") int workers,
            @ConfigProperty(name = "liaison.outbox.poll-interval", defaultValue = "PT0.5S") Duration pollInterval,
            @ConfigProperty(name = "liaison.outbox.retry.base", defaultValue = "PT2S") Duration retryBase,
            @ConfigProperty(name = "liaison.outbox.retry.max", defaultValue = "PT30M") Duration retryMax,
            @ConfigProperty(name = "liaison.outbox.retry.max-attempts", defaultValue = "10") int maxAttempts) {
        this.enabled = enabled;
        this.workers = workers;
        this.pollInterval = pollInterval;
        this.backoff = new Backoff(retryBase, retryMax, maxAttempts);
    }

    /** For the CDI client proxy only. */
    protected OutboxSettings() {
        this(false, 0, null, null, null, 0);
    }

    public boolean enabled() {
        return enabled;
    }

    public int workers() {
        return workers;
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    public Backoff backoff() {
        return backoff;
    }
}
