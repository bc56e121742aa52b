package dev.liaison.platform.work;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/** The settings of the two work queues: the webhook inbox and the action outbox. */
@ApplicationScoped
public class WorkQueues {

    private static final WorkQueueSettings INBOX_DEFAULTS = new WorkQueueSettings(true, 2, Duration.ofSeconds(1),
            new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(10), 8));
    private static final WorkQueueSettings OUTBOX_DEFAULTS = new WorkQueueSettings(true, 2, Duration.ofSeconds(1),
            new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(30), 10));

    private final WorkQueueSettings inbox;
    private final WorkQueueSettings outbox;

    @Inject
    public WorkQueues(Config config) {
        this.inbox = config == null ? null
                : WorkQueueSettings.read(config, "liaison.inbox.", "processing-enabled", INBOX_DEFAULTS);
        this.outbox = config == null ? null
                : WorkQueueSettings.read(config, "liaison.outbox.", "enabled", OUTBOX_DEFAULTS);
    }

    /** For the CDI client proxy only. */
    protected WorkQueues() {
        this(null);
    }

    public WorkQueueSettings inbox() {
        return inbox;
    }

    public WorkQueueSettings outbox() {
        return outbox;
    }
}
