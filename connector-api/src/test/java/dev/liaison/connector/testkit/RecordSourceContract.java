package dev.liaison.connector.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.RecordSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link RecordSource} owes the sync scheduler: a full pull reaches the end of the stream, and
 * a pull resumed from a stored cursor continues where the interrupted one stopped.
 */
public abstract class RecordSourceContract {

    private static final int PAGE_LIMIT = 10_000;

    protected abstract RecordSource source();

    /** A connection whose remote side (usually a WireMock fake) holds at least two pages of records. */
    protected abstract ConnectionContext connection();

    @Test
    void fullPullReachesTheEndOfTheStream() throws Exception {
        List<CanonicalEvent> events = pullFrom(null);
        assertFalse(events.isEmpty(), "the fake must hold records for the contract to mean anything");
    }

    @Test
    void pullResumesFromAStoredCursor() throws Exception {
        RecordSource.Page first = source().pull(connection(), null);
        assertTrue(first.hasMore(), "the fake must hold at least two pages for the resume contract");
        List<CanonicalEvent> uninterrupted = pullFrom(null);

        List<CanonicalEvent> resumed = new ArrayList<>(first.events());
        resumed.addAll(pullFrom(first.nextCursor()));

        assertEquals(uninterrupted, resumed);
    }

    @Test
    void everyEventBelongsToThisConnection() throws Exception {
        for (CanonicalEvent event : pullFrom(null)) {
            assertEquals(connection().id(), event.ref().connectionId());
        }
    }

    private List<CanonicalEvent> pullFrom(String cursor) throws Exception {
        List<CanonicalEvent> events = new ArrayList<>();
        String next = cursor;
        for (int page = 0; page < PAGE_LIMIT; page++) {
            RecordSource.Page result = source().pull(connection(), next);
            events.addAll(result.events());
            if (!result.hasMore()) {
                return events;
            }
            next = result.nextCursor();
        }
        throw new AssertionError("no end of stream after " + PAGE_LIMIT + " pages");
    }
}
