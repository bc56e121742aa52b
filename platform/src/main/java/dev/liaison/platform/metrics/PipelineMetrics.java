package dev.liaison.platform.metrics;

/**
 * What the pipeline counts for Prometheus. Labels are bounded on purpose: connection ids (a few per workspace),
 * scenario names, and fixed reason codes, never free text or anything about a person. Modules that count call this
 * interface and need no metrics library; {@link #NONE} serves unit tests and tools.
 */
public interface PipelineMetrics {

    /** Counts nothing. */
    PipelineMetrics NONE = new PipelineMetrics() {
    };

    /** Why intake refused a webhook: the {@code reason} label of {@code liaison_webhooks_rejected_total}. */
    enum Rejection {
        /** The connection is unknown, disabled or takes no webhooks (counted under connection "unknown"). */
        UNKNOWN_CONNECTION("unknown-connection"),
        /** The signature or token did not verify. */
        VERIFICATION("verification"),
        /** The body could not be read or names no event id. */
        INVALID("invalid"),
        /** The body is over the size limit. */
        TOO_LARGE("too-large"),
        /** Not a POST. */
        METHOD("method");

        private final String label;

        Rejection(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Intake stored a delivery, or recognised it as a redelivery. */
    default void webhookAccepted(String connectionId, boolean duplicate) {
    }

    /** {@code connectionId} is null when the connection is not known: the label is then "unknown". */
    default void webhookRejected(String connectionId, Rejection reason) {
    }

    /** An inbox entry was processed and is done. */
    default void inboxEntryProcessed(String connectionId) {
    }

    /** A processing attempt failed; the entry is tried again later, or dead (see the dead-letter gauge). */
    default void inboxEntryFailed(String connectionId) {
    }

    /** An outbox action was carried out (or settled) in an attempt. */
    default void outboxActionDone(String connectionId, String actionType) {
    }

    /** An attempt at an outbox action failed; it is retried later or dead. */
    default void outboxActionFailed(String connectionId, String actionType) {
    }

    /** The consent gate refused a message; {@code reason} is a fixed code such as "withdrawn". */
    default void consentRefused(String reason) {
    }

    /** A scenario run started. */
    default void scenarioStarted(String scenario) {
    }

    /** A step of a scenario run was refused by the gate (no consent, erased, restricted, suppressed, capped). */
    default void scenarioRefused(String scenario) {
    }

    /** A pull sync committed a page: how many records it read, handed on, skipped and failed. */
    default void syncRecords(String connectionId, long seen, long changed, long skipped, long failed) {
    }
}
