package dev.liaison.platform.processing;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.FetchingReceiver;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.WebhookRequest;
import dev.liaison.platform.connection.ConnectionDirectory;
import dev.liaison.platform.failure.Failures;
import dev.liaison.platform.inbox.InboxEntry;
import dev.liaison.platform.registry.ConnectorRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Fetches the records a lane's due entries name, with the connector's batch reads, before the entries are claimed
 * for processing: called with no transaction, so no database connection is held while the connector waits for its
 * rate limit or for the remote system.
 */
@ApplicationScoped
public class LaneFetch {

    private static final Logger LOG = Logger.getLogger(LaneFetch.class.getName());

    private final ConnectionDirectory directory;
    private final ConnectorRegistry connectors;

    @Inject
    public LaneFetch(ConnectionDirectory directory, ConnectorRegistry connectors) {
        this.directory = directory;
        this.connectors = connectors;
    }

    /** For the CDI client proxy only. */
    protected LaneFetch() {
        this(null, null);
    }

    /** Whether the connection's webhooks name records to fetch, which then happens outside the transaction. */
    boolean fetchesRecords(String connectionId) {
        return receiver(connectionId).isPresent();
    }

    /**
     * Fetches the records of {@code due}, all of one connection. A connection disabled or changed meanwhile yields a
     * lane whose parser fails retryably: processing then finds the connection gone, or tries again.
     */
    FetchedLane fetch(List<InboxEntry> due) {
        String connectionId = due.get(0).connectionId();
        List<Long> ids = due.stream().map(InboxEntry::id).toList();
        Optional<ConnectionContext> connection = directory.active(connectionId);
        Optional<FetchingReceiver<?>> receiver = connection.flatMap(this::receiverOf);
        if (connection.isEmpty() || receiver.isEmpty()) {
            return new FetchedLane(connectionId, ids, (context, request) -> {
                throw RemoteSystemException.retryable("the connection changed while its records were fetched", null);
            });
        }
        List<WebhookRequest> requests = due.stream().map(InboxEntry::toRequest).toList();
        try {
            return new FetchedLane(connectionId, ids, fetchWith(receiver.get(), connection.get(), requests));
        } catch (RuntimeException bug) {
            String reason = "fetching the records failed: " + Failures.withoutValues(bug);
            LOG.warning(() -> "Connection " + connectionId + ": " + reason);
            return new FetchedLane(connectionId, ids, (context, request) -> {
                throw RemoteSystemException.retryable(reason, null);
            });
        }
    }

    private static <R> FetchedLane.Parser fetchWith(FetchingReceiver<R> receiver, ConnectionContext connection,
                                                    List<WebhookRequest> requests) {
        return FetchedLane.parserOf(receiver, receiver.fetch(connection, requests));
    }

    private Optional<FetchingReceiver<?>> receiver(String connectionId) {
        return directory.active(connectionId).flatMap(this::receiverOf);
    }

    private Optional<FetchingReceiver<?>> receiverOf(ConnectionContext connection) {
        return connectors.find(connection.kind(), FetchingReceiver.class).map(receiver -> (FetchingReceiver<?>) receiver);
    }
}
