package dev.liaison.platform.inbox;

/**
 * An observer cannot apply an event and retrying will not change that (e.g. a consent purpose this installation
 * does not know). The inbox marks the delivery dead at once, with this message as the reason.
 */
public class UnprocessableEventException extends RuntimeException {

    public UnprocessableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
