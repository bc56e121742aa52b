package dev.liaison.connectors.bitrix24;

/**
 * A request to the application handler that Liaison refuses, naming the form field at fault. Nothing was stored.
 */
public class AppRequestException extends Exception {

    /** Why: the request is malformed, it cannot be trusted, or it does not fit the connection. */
    public enum Reason { INVALID, UNAUTHORIZED, CONFLICT }

    private final Reason reason;
    private final String field;

    AppRequestException(Reason reason, String field, String message) {
        super(message);
        this.reason = reason;
        this.field = field;
    }

    public Reason reason() {
        return reason;
    }

    /** The form field or connection setting at fault. */
    public String field() {
        return field;
    }
}
