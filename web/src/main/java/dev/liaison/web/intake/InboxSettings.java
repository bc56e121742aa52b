package dev.liaison.web.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How the inbox is drained; every value is a MicroProfile Config key listed in the README. */
@ApplicationScoped
public class InboxSettings {

    private final boolean processingEnabled;
    private final int workers;
    private final Duration pollInterval;
    private final Backoff backoff;

    @Inject
    public InboxSettings(
            @ConfigProperty(name = "liaison.inbox.processing-enabled", defaultValue = "true") boolean processingEnabled,
            @ConfigProperty(name = "liaison.inbox.workers", defaultValue = "2") int workers,
            @ConfigProperty(name = "liaison.inbox.poll-interval", defaultValue = "PT0.5S") Duration pollInterval,
            @ConfigProperty(name = "liaison.inbox.retry.base", defaultValue = "PT1S") Duration retryBase,
            @ConfigProperty(name = "liaison.inbox.retry.max", defaultValue = "PT10M") Duration retryMax,
            @ConfigProperty(name = "liaison.inbox.retry.max-attempts", defaultValue = "8") int maxAttempts) {
        this.processingEnabled = processingEnabled;
        this.workers = workers;
        this.pollInterval = pollInterval;
        this.backoff = new Backoff(retryBase, retryMax, maxAttempts);
    }

    /** For the CDI client proxy only. */
    protected InboxSettings() {
        this(false, 0, null, null, null, 0);
    }

    public boolean processingEnabled() {
        return processingEnabled;
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
