package dev.liaison.web.problem;

import java.util.ArrayList;
import java.util.List;

/**
 * Describes an unexpected exception for the log without its messages. Messages quote values: a database's "value
 * too long" error repeats the value, a parser the input, an exception of ours an id or a name from a request. The
 * log gets each exception's type and where the root cause was thrown, which is what a fix needs.
 */
public final class Failures {

    private static final int FRAMES = 12;

    private Failures() {
    }

    /** "IllegalStateException caused by SQLException at a.B.c(B.java:12) < ..." without any message. */
    public static String describe(Throwable failure) {
        List<String> kinds = new ArrayList<>();
        Throwable root = failure;
        for (Throwable cause = failure; cause != null && kinds.size() < 10; cause = cause.getCause()) {
            kinds.add(cause.getClass().getName());
            root = cause;
        }
        StringBuilder text = new StringBuilder(String.join(" caused by ", kinds));
        StackTraceElement[] frames = root.getStackTrace();
        for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
            text.append(i == 0 ? " at " : " < ").append(frames[i]);
        }
        return text.toString();
    }

    /** Whether a body was cut off by the server's size limit (Undertow's RequestTooBigException, by name). */
    public static boolean isTooLarge(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getClass().getSimpleName().equals("RequestTooBigException")) {
                return true;
            }
        }
        return false;
    }
}
