package dev.liaison.connector.api;

import java.util.List;

/**
 * Incremental, resumable pull of records. The cursor is opaque to Liaison: it is stored after each page, and a
 * restart passes the stored one back. A {@code null} cursor starts from the beginning.
 */
public interface RecordSource {

    Page pull(ConnectionContext connection, String cursor) throws RemoteSystemException, MalformedPayloadException;

    /**
     * One page of events and the cursor to continue from; {@code hasMore} is false at the end of the stream.
     *
     * @param remaining how many records the vendor says are still to be read after this page, in the part of the
     *                  stream being read now (Bitrix24 counts one entity at a time, so while contacts are read the
     *                  leads and deals that follow are not in it); null when the vendor reports no count. Only the
     *                  sync's estimated time left uses it.
     */
    record Page(List<CanonicalEvent> events, String nextCursor, boolean hasMore, Long remaining) {

        public Page {
            events = List.copyOf(events);
            if (remaining != null && remaining < 0) {
                throw new IllegalArgumentException("remaining must not be negative");
            }
        }

        /** A page of a vendor that reports no count of what is left. */
        public Page(List<CanonicalEvent> events, String nextCursor, boolean hasMore) {
            this(events, nextCursor, hasMore, null);
        }
    }
}
