package dev.liaison.connector.api;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one {@link FetchingReceiver#fetch} read, by the connector's own record keys: the records found, the keys the
 * remote system said do not exist (deleted since the event, or never there), and the failure of the read that should
 * have brought each of the others. Filled by one fetch, then only read.
 *
 * @param <R> the connector's own form of a fetched record
 */
public final class FetchedRecords<R> {

    private final Map<String, R> found = new HashMap<>();
    private final Set<String> absent = new HashSet<>();
    private final Map<String, RemoteSystemException> failures = new HashMap<>();

    public FetchedRecords<R> found(String key, R record) {
        found.put(key, record);
        return this;
    }

    public FetchedRecords<R> absent(String key) {
        absent.add(key);
        return this;
    }

    public FetchedRecords<R> failed(String key, RemoteSystemException failure) {
        failures.put(key, failure);
        return this;
    }

    /** Whether the fetch settled {@code key}: found it, learnt it is absent, or failed to read it. */
    public boolean has(String key) {
        return found.containsKey(key) || absent.contains(key) || failures.containsKey(key);
    }

    /**
     * The record under {@code key}, or empty when the remote system has none.
     *
     * @throws RemoteSystemException the failure of its read, or a retryable one when it was not read at all
     */
    public Optional<R> record(String key) throws RemoteSystemException {
        R record = found.get(key);
        if (record != null) {
            return Optional.of(record);
        }
        if (absent.contains(key)) {
            return Optional.empty();
        }
        RemoteSystemException failure = failures.get(key);
        throw failure != null ? failure
                : RemoteSystemException.retryable("record " + key + " was not fetched with its batch", null);
    }

    /** How many records were asked for, whatever the answer: for logs and tests. */
    public int size() {
        return found.size() + absent.size() + failures.size();
    }
}
