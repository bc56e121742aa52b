package dev.liaison.connector.api;

import java.util.List;

/**
 * Incremental, resumable pull of records. The cursor is opaque to Liaison: it is stored after each page, and a
 * restart passes the stored one back. A {@code null} cursor starts from the beginning.
 */
public interface RecordSource {

    Page pull(ConnectionContext connection, String cursor) throws RemoteSystemException, MalformedPayloadException;

    /** One page of events and the cursor to continue from; {@code hasMore} is false at the end of the stream. */
    record Page(List<CanonicalEvent> events, String nextCursor, boolean hasMore) {

        public Page {
            events = List.copyOf(events);
        }
    }
}
