package dev.liaison.connectors.amocrm;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.CredentialStore;
import dev.liaison.connector.api.RemoteSystemException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link CredentialStore} contract as profile-store's SealedCredentialStore keeps it (its H2 test covers the
 * database side), in memory: one rotation at a time per connection, the current settings handed in read-only, the
 * changed keys kept only when the rotation returns. A rotation nested in another of the same connection fails, as
 * the row lock would make it wait for itself.
 */
final class MemoryCredentialStore implements CredentialStore {

    private final Map<String, Map<String, String>> settings = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    ConnectionContext put(ConnectionContext connection) {
        settings.put(connection.id(), new HashMap<>(connection.settings()));
        return connection;
    }

    Map<String, String> settings(String connectionId) {
        return Map.copyOf(settings.get(connectionId));
    }

    @Override
    public <T> T rotate(String connectionId, Rotation<T> rotation) throws RemoteSystemException {
        ReentrantLock lock = locks.computeIfAbsent(connectionId, id -> new ReentrantLock());
        if (lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("a rotation of connection " + connectionId + " inside another one");
        }
        lock.lock();
        try {
            Map<String, String> current = settings.get(connectionId);
            if (current == null) {
                throw new IllegalArgumentException("there is no connection " + connectionId);
            }
            Rotated<T> rotated = rotation.apply(Collections.unmodifiableMap(new HashMap<>(current)));
            Map<String, String> merged = new HashMap<>(current);
            merged.putAll(rotated.changedSettings());
            settings.put(connectionId, merged);
            return rotated.result();
        } finally {
            lock.unlock();
        }
    }
}
