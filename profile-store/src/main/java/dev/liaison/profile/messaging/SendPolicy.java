package dev.liaison.profile.messaging;

/**
 * What may be done with a message whose earlier attempt may have reached the gateway: after a crash while SENDING,
 * or after a failure that leaves the outcome open (a timeout, a reset connection, an unreadable 2xx). The provider
 * call cannot be inside the database transaction, so this is where exactly-once is won or traded away, per kind.
 */
enum SendPolicy {

    /**
     * SMSC: every attempt carries the same client-chosen message id (derived from the idempotency key), and
     * {@code status.php} answers for that id. A repeat asks first and sends only when SMSC has never seen the id:
     * exactly once, at the cost of one status request per repeat.
     */
    ASK_THEN_RESEND,

    /**
     * E-mail: the Message-ID is derived from the idempotency key, so a repeat is the same message to every MTA and
     * mail client that de-duplicates by Message-ID. At least once, with a duplicate recognisable as one; SMTP has
     * no way to ask whether an interrupted DATA was queued.
     */
    RESEND_RECOGNISABLY,

    /**
     * SMS.ru, Twilio and any kind not known here: the gateway takes no client key and cannot be asked by one, so a
     * second send could reach the phone twice. At most once: the message is logged UNKNOWN for a person to review,
     * never resent automatically.
     */
    AT_MOST_ONCE;

    /** Instruction header (read by the SMSC connector): an earlier attempt may have reached the gateway. */
    static final String REPEAT_HEADER = "liaison.repeat";

    static SendPolicy of(String kind) {
        return switch (kind) {
            case "smsc" -> ASK_THEN_RESEND;
            case "email" -> RESEND_RECOGNISABLY;
            default -> AT_MOST_ONCE;
        };
    }
}
