package dev.liaison.platform.trace;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The correlation id of the delivery the current thread works on, bound around the processing of one inbox entry.
 * The outbox stores it with every action it adds meanwhile, and log lines of processing, scenarios and the outbox
 * executor start with {@link #prefix()}. A thread that processes no delivery (a timer, a REST call) has none.
 */
public final class Correlation {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private Correlation() {
    }

    public static Optional<String> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Runs {@code work} with {@code requestId} bound (none when null), and restores what was bound before. */
    public static void run(String requestId, Runnable work) {
        String previous = CURRENT.get();
        bind(requestId);
        try {
            work.run();
        } finally {
            bind(previous);
        }
    }

    /** Like {@link #run}, for work with a result. */
    public static <T> T call(String requestId, Supplier<T> work) {
        String previous = CURRENT.get();
        bind(requestId);
        try {
            return work.get();
        } finally {
            bind(previous);
        }
    }

    /** {@code "[request <id>] "} for log lines, or nothing when no id is bound. */
    public static String prefix() {
        return prefix(CURRENT.get());
    }

    /** {@code "[request <id>] "} for a log line about a row that carries {@code requestId}, or nothing for null. */
    public static String prefix(String requestId) {
        return requestId == null ? "" : "[request " + requestId + "] ";
    }

    private static void bind(String requestId) {
        if (requestId == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(requestId);
        }
    }
}
