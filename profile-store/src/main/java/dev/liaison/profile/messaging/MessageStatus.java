package dev.liaison.profile.messaging;

/** Where one message stands in the message log. */
public enum MessageStatus {
    /** Enqueued; the gate has not decided yet, or deferred it to the end of quiet hours. */
    QUEUED,
    /** Committed as about to be handed to the gateway; after a crash it is resolved, never blindly resent. */
    SENDING,
    /** The gateway accepted it. */
    SENT,
    /** The gateway reported it delivered (or read). */
    DELIVERED,
    /** The gateway refused it for good, or reported it undeliverable. */
    FAILED,
    /** The gate refused it: no consent, erased, restricted, suppressed, over the frequency cap. */
    REFUSED,
    /** It may or may not have reached a gateway that cannot be asked; a person must look before anything is resent. */
    UNKNOWN
}
