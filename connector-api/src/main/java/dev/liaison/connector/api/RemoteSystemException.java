package dev.liaison.connector.api;

import java.time.Duration;
import java.util.Optional;

/**
 * A call to the remote system failed. {@code retryable} says whether the same call may succeed later (timeouts,
 * 5xx, rate limits); {@code retryAfter} carries the remote system's own hint when it gave one.
 */
public class RemoteSystemException extends Exception {

    private final boolean retryable;
    private final Duration retryAfter;

    public RemoteSystemException(String message, boolean retryable, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public static RemoteSystemException retryable(String message, Duration retryAfter) {
        return new RemoteSystemException(message, true, retryAfter, null);
    }

    public static RemoteSystemException permanent(String message) {
        return new RemoteSystemException(message, false, null, null);
    }

    public boolean retryable() {
        return retryable;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
