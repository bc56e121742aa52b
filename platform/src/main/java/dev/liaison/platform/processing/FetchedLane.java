package dev.liaison.platform.processing;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.FetchedRecords;
import dev.liaison.connector.api.FetchingReceiver;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.WebhookRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The due entries of one connection whose records were fetched before their transaction ({@link LaneFetch}), and
 * how to turn each of them into events from those records without calling the remote system.
 */
record FetchedLane(String connectionId, List<Long> entryIds, Parser parser) {

    /** Parses one delivery of the lane from the records fetched for it. */
    @FunctionalInterface
    interface Parser {
        List<CanonicalEvent> parse(ConnectionContext connection, WebhookRequest request)
                throws MalformedPayloadException, RemoteSystemException;
    }

    FetchedLane {
        entryIds = List.copyOf(entryIds);
    }

    /** The lane in parts of at most {@code size} entries, each processed in a transaction of its own. */
    List<FetchedLane> parts(int size) {
        List<FetchedLane> parts = new ArrayList<>();
        for (int from = 0; from < entryIds.size(); from += size) {
            parts.add(new FetchedLane(connectionId, entryIds.subList(from, Math.min(entryIds.size(), from + size)),
                    parser));
        }
        return parts;
    }

    /** Binds a receiver to what its own fetch read, so that the record type stays the receiver's. */
    static <R> Parser parserOf(FetchingReceiver<R> receiver, FetchedRecords<R> records) {
        return (connection, request) -> receiver.parse(connection, request, records);
    }
}
