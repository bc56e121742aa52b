package dev.liaison.platform.inbox;

/** The inbox could not be read or written; the database is unreachable or refused the statement. */
public class InboxException extends RuntimeException {

    public InboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
