package dev.liaison.connector.api;

import java.util.Map;
import java.util.Objects;

/**
 * Where a connector keeps the credentials that change after a connection is made: OAuth access tokens and their
 * single-use, rotating refresh tokens. Liaison stores them sealed with the connection's other secret settings.
 * <p>
 * {@link #rotate} runs one rotation at a time per connection, across threads and nodes: the implementation holds a
 * lock on the connection for the duration, hands the rotation the settings as they are now (a concurrent rotation
 * may just have replaced them) and stores what it returns before releasing the lock. A refresh token is therefore
 * never sent twice, and a token obtained is never lost because its caller crashed before storing it.
 */
public interface CredentialStore {

    <T> T rotate(String connectionId, Rotation<T> rotation) throws RemoteSystemException;

    /** One rotation: look at the current settings, call the remote system if needed, say what changed. */
    @FunctionalInterface
    interface Rotation<T> {
        Rotated<T> apply(Map<String, String> currentSettings) throws RemoteSystemException;
    }

    /** The settings to replace (only these keys; the rest stay) and the rotation's result for its caller. */
    record Rotated<T>(Map<String, String> changedSettings, T result) {

        public Rotated {
            changedSettings = Map.copyOf(Objects.requireNonNull(changedSettings, "changedSettings"));
        }

        public static <T> Rotated<T> unchanged(T result) {
            return new Rotated<>(Map.of(), result);
        }
    }
}
