package dev.liaison.platform.connection;

import java.util.Locale;

/**
 * Connection names are unique per workspace, ignoring case, because scenarios bind connections by name: two called
 * {@code mail} would leave a scenario to pick one silently.
 */
public final class ConnectionNames {

    /** {@code connection.name}. */
    public static final int LIMIT = 200;

    private ConnectionNames() {
    }

    /** What uniqueness compares: the trimmed name in lower case, the same in every locale. */
    public static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
