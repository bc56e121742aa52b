package dev.liaison.platform.failure;

import java.sql.SQLException;

/**
 * Describes failures for logs and the admin API without their messages: database errors quote the offending values
 * ("value too long", duplicate keys), parsers quote their input, and either can be personal data.
 */
public final class Failures {

    /** Enough frames to find the code that failed; the rest is the container's. */
    private static final int FRAMES = 12;
    /** Ids are UUIDs or vendor ids; a longer path segment is input, not an id. */
    private static final int MAX_SEGMENT = 64;

    private Failures() {
    }

    /** The exception types of the cause chain, with the SQL state of database errors. */
    public static String withoutValues(Throwable failure) {
        StringBuilder description = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (description.length() > 0) {
                description.append(" <- ");
            }
            description.append(cause.getClass().getSimpleName());
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                description.append(" (SQLState ").append(sql.getSQLState()).append(')');
            }
        }
        return description.toString();
    }

    /** {@link #withoutValues} and where the innermost cause was thrown, for a log entry that stands in for a trace. */
    public static String withoutValuesWithFrames(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        StringBuilder description = new StringBuilder(withoutValues(failure));
        StackTraceElement[] frames = root.getStackTrace();
        for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
            description.append("\n\tat ").append(frames[i]);
        }
        return description.toString();
    }

    /** Whether a body was cut off by the server's size limit (Undertow's RequestTooBigException, by name). */
    public static boolean isTooLarge(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause.getClass().getSimpleName().equals("RequestTooBigException")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A request path as it may be logged: anyone can send any path, so a segment longer than an id is cut, control
     * characters go, and an unsubscribe link's token (a credential) is not written at all.
     */
    public static String loggablePath(String path) {
        if (path == null) {
            return "";
        }
        String[] segments = path.split("/", -1);
        StringBuilder loggable = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i].replaceAll("\\p{Cntrl}", "");
            if (i > 0) {
                loggable.append('/');
            }
            boolean token = i == 2 && "unsubscribe".equals(segments[1]);
            loggable.append(token ? "{token}" : segment.length() > MAX_SEGMENT ? segment.substring(0, MAX_SEGMENT)
                    + "…" : segment);
        }
        return loggable.toString();
    }
}
