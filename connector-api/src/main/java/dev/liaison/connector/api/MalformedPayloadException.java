package dev.liaison.connector.api;

/** A payload cannot be understood. Retrying the same payload will not help, so it goes to the dead letters. */
public class MalformedPayloadException extends Exception {

    public MalformedPayloadException(String reason) {
        super(reason);
    }

    public MalformedPayloadException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
