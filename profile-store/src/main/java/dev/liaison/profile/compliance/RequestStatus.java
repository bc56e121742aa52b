package dev.liaison.profile.compliance;

/** Where a request stands. COMPLETED and REJECTED are final; PARTIALLY_COMPLETED becomes COMPLETED after retries. */
public enum RequestStatus {
    RECEIVED,
    /** An officer recorded the identity verification; execution is queued. */
    VERIFIED,
    IN_PROGRESS,
    /** Every system, Liaison included, reported success. */
    COMPLETED,
    /** At least one system has not (yet) succeeded; its result says why and when it is tried again. */
    PARTIALLY_COMPLETED,
    REJECTED;

    public boolean closed() {
        return this == COMPLETED || this == REJECTED;
    }
}
