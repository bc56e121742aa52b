package dev.liaison.platform.trace;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The correlation id of a delivery: the sender's own when it sent a well-formed one, else a new random one. A sender's
 * id ends up in log lines and in the database, so only short ids of letters, digits and dashes are taken: nothing a
 * log reader could mistake for another line, nothing long enough to carry a payload. A W3C {@code traceparent}
 * ({@code 00-<trace id>-<parent id>-<flags>}) passes the same test and is kept whole.
 */
public final class RequestIds {

    /** The header the webhook answer carries the id in, and the first one read from a request. */
    public static final String HEADER = "X-Request-Id";
    /** Read when there is no usable {@value #HEADER}. */
    public static final String TRACEPARENT = "traceparent";
    /** {@code inbox_entry.request_id} and {@code outbox_action.request_id}. */
    public static final int MAX_LENGTH = 64;

    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9-]{1," + MAX_LENGTH + "}");

    private RequestIds() {
    }

    /** Whether {@code candidate} may be used as it is. */
    public static boolean wellFormed(String candidate) {
        return candidate != null && WELL_FORMED.matcher(candidate).matches();
    }

    /**
     * The id for a request with these headers (names in any case): {@value #HEADER} if well-formed, else
     * {@value #TRACEPARENT} if well-formed, else a new one.
     */
    public static String of(Map<String, List<String>> headers) {
        return first(headers, HEADER).or(() -> first(headers, TRACEPARENT)).orElseGet(RequestIds::generate);
    }

    public static String generate() {
        return UUID.randomUUID().toString();
    }

    private static Optional<String> first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (name.equalsIgnoreCase(header.getKey()) && header.getValue().size() == 1
                    && wellFormed(header.getValue().get(0))) {
                return Optional.of(header.getValue().get(0));
            }
        }
        return Optional.empty();
    }
}
