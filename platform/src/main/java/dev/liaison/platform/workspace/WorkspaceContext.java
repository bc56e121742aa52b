package dev.liaison.platform.workspace;

import java.util.function.Supplier;

/**
 * The workspace the current thread works for. REST requests get it from the caller's identity, the inbox
 * processor from the inbox entry. A thread that has none sees no rows at all, so a forgotten scope fails closed.
 */
public final class WorkspaceContext {

    /** The one workspace of embedded mode. */
    public static final String DEFAULT = "default";

    /** Reserved for system tasks that must see every workspace (claiming due inbox entries, migrations). */
    public static final String ALL = "*";

    static final String NONE = "";

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private WorkspaceContext() {
    }

    public static String current() {
        String workspace = CURRENT.get();
        return workspace == null ? NONE : workspace;
    }

    public static <T> T call(String workspace, Supplier<T> work) {
        String previous = CURRENT.get();
        CURRENT.set(workspace);
        try {
            return work.get();
        } finally {
            restore(previous);
        }
    }

    public static void run(String workspace, Runnable work) {
        String previous = CURRENT.get();
        CURRENT.set(workspace);
        try {
            work.run();
        } finally {
            restore(previous);
        }
    }

    /** Binds the workspace until {@link #clear()}; for request filters whose end is another callback. */
    public static void enter(String workspace) {
        CURRENT.set(workspace);
    }

    public static void clear() {
        CURRENT.remove();
    }

    private static void restore(String previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
