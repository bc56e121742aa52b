package dev.liaison.connector.api;

import java.util.Objects;

/**
 * An install, authorization or callback step refused its input or the connection's settings, naming the field at
 * fault (a query or form field such as {@code state}, or a setting as {@code settings.clientId}). Nothing was changed.
 * The message never quotes a value: Liaison shows it to whoever sent the request.
 */
public class SetupRefusedException extends Exception {

    /** Why: the input or the settings are not acceptable, the request cannot be trusted, or it conflicts. */
    public enum Reason { INVALID, UNAUTHORIZED, CONFLICT }

    private final Reason reason;
    private final String field;

    public SetupRefusedException(Reason reason, String field, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.field = Objects.requireNonNull(field, "field");
    }

    public static SetupRefusedException invalid(String field, String message) {
        return new SetupRefusedException(Reason.INVALID, field, message);
    }

    public Reason reason() {
        return reason;
    }

    public String field() {
        return field;
    }
}
