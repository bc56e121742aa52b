package dev.liaison.connector.api;

import java.util.Locale;

/** A webhook delivery failed verification. The message says why, and never contains the secret. */
public class WebhookRejectedException extends Exception {

    /** Why, in the few words a per-connection count of refusals is kept under. */
    public enum Reason {
        /** A signature, token or URL secret is missing or does not match. */
        BAD_SIGNATURE,
        /** The signed time is outside the replay window. */
        STALE_TIMESTAMP,
        /** The delivery is signed right but names another account, portal or member. */
        WRONG_ACCOUNT,
        /** The connection lacks a setting the check needs: no delivery can pass until it is fixed. */
        NOT_CONFIGURED,
        /** The body cannot be read far enough to be checked. */
        MALFORMED_BODY;

        /** {@code BAD_SIGNATURE} as {@code bad-signature}. */
        public String slug() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Reason reason;

    /** A credential that is missing or does not match ({@link Reason#BAD_SIGNATURE}). */
    public WebhookRejectedException(String message) {
        this(Reason.BAD_SIGNATURE, message);
    }

    public WebhookRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
