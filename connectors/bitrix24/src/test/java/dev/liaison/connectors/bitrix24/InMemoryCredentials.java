package dev.liaison.connectors.bitrix24;

import dev.liaison.connector.api.CredentialStore;
import dev.liaison.connector.api.RemoteSystemException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CredentialStore contract in memory: one rotation at a time per connection (a lock per id), the current
 * settings handed in, the changed keys stored before the lock is released. Records every stored change.
 */
final class InMemoryCredentials implements CredentialStore {

    private final Map<String, Map<String, String>> settings = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final List<Map<String, String>> stored = new ArrayList<>();

    void put(String connectionId, Map<String, String> values) {
        settings.put(connectionId, new HashMap<>(values));
    }

    Map<String, String> settings(String connectionId) {
        return Map.copyOf(settings.getOrDefault(connectionId, Map.of()));
    }

    synchronized List<Map<String, String>> stored() {
        return List.copyOf(stored);
    }

    @Override
    public <T> T rotate(String connectionId, Rotation<T> rotation) throws RemoteSystemException {
        synchronized (locks.computeIfAbsent(connectionId, id -> new Object())) {
            Rotated<T> rotated = rotation.apply(settings(connectionId));
            if (!rotated.changedSettings().isEmpty()) {
                settings.computeIfAbsent(connectionId, id -> new HashMap<>()).putAll(rotated.changedSettings());
                synchronized (this) {
                    stored.add(rotated.changedSettings());
                }
            }
            return rotated.result();
        }
    }
}
