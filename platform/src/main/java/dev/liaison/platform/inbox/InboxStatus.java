package dev.liaison.platform.inbox;

public enum InboxStatus {
    /** Stored and waiting for (another) processing attempt. */
    PENDING,
    /** Processed: every canonical event of the delivery was handed on in one transaction. */
    DONE,
    /** Given up on after the last attempt or because the payload cannot be understood; kept for replay. */
    DEAD
}
