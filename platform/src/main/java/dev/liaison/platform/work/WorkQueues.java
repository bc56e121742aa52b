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

    private static final String INBOX_BATCH_SIZE = "liaison.inbox.batch-size";
    private static final int DEFAULT_INBOX_BATCH_SIZE = 50;
    /**
     * Each entry of a batch has a savepoint; PostgreSQL keeps the first 64 subtransactions of a transaction in
     * shared memory, and beyond them every other session's snapshot looks them up on disk.
     */
    private static final int MAX_INBOX_BATCH_SIZE = 60;

    private static final String INBOX_FETCH_BATCH_SIZE = "liaison.inbox.fetch-batch-size";
    /** amoCRM's largest page of records by id; Bitrix24 reads them with five batch calls of 50. */
    private static final int DEFAULT_INBOX_FETCH_BATCH_SIZE = 250;
    private static final int MAX_INBOX_FETCH_BATCH_SIZE = 1000;

    private final WorkQueueSettings inbox;
    private final WorkQueueSettings outbox;
    private final int inboxBatchSize;
    private final int inboxFetchBatchSize;

    @Inject
    public WorkQueues(Config config) {
        this.inbox = config == null ? null
                : WorkQueueSettings.read(config, "liaison.inbox.", "processing-enabled", INBOX_DEFAULTS);
        this.outbox = config == null ? null
                : WorkQueueSettings.read(config, "liaison.outbox.", "enabled", OUTBOX_DEFAULTS);
        this.inboxBatchSize = config == null ? 0
                : size(config, INBOX_BATCH_SIZE, DEFAULT_INBOX_BATCH_SIZE, MAX_INBOX_BATCH_SIZE);
        this.inboxFetchBatchSize = config == null ? 0
                : size(config, INBOX_FETCH_BATCH_SIZE, DEFAULT_INBOX_FETCH_BATCH_SIZE, MAX_INBOX_FETCH_BATCH_SIZE);
    }

    private static int size(Config config, String name, int fallback, int max) {
        int size = config.getOptionalValue(name, Integer.class).orElse(fallback);
        if (size < 1 || size > max) {
            throw new IllegalArgumentException(name + " must be between 1 and " + max);
        }
        return size;
    }

    /** For the CDI client proxy only. */
    protected WorkQueues() {
        this(null);
    }

    public WorkQueueSettings inbox() {
        return inbox;
    }

    /** How many due entries of one connection an inbox worker processes in one transaction. */
    public int inboxBatchSize() {
        return inboxBatchSize;
    }

    /**
     * How many due entries of one connection have their records fetched together, when its webhooks name records to
     * fetch; they are then processed {@link #inboxBatchSize()} at a time.
     */
    public int inboxFetchBatchSize() {
        return inboxFetchBatchSize;
    }

    public WorkQueueSettings outbox() {
        return outbox;
    }
}
