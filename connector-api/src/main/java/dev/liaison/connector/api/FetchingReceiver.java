package dev.liaison.connector.api;

import java.util.List;

/**
 * A {@link WebhookReceiver} whose deliveries name records that must be read back from the remote system (Bitrix24
 * sends ids only; amoCRM's bodies are not trusted). Processing gathers the deliveries due for one connection, asks
 * {@link #fetch} for all their records at once, which reads them with the vendor's batch calls while no transaction
 * and no database connection is held, and then builds each delivery's events with
 * {@link #parse(ConnectionContext, WebhookRequest, FetchedRecords)}, which never calls the remote system.
 *
 * @param <R> the connector's own form of a fetched record
 */
public interface FetchingReceiver<R> extends WebhookReceiver {

    /**
     * Reads every record the deliveries name, in as few remote calls as the vendor allows. Never throws: a delivery
     * that cannot be understood is left for {@code parse} to refuse, and a failed read is kept in the result for each
     * record it concerns, so that only the deliveries naming those records are retried.
     */
    FetchedRecords<R> fetch(ConnectionContext connection, List<WebhookRequest> deliveries);

    /**
     * {@link #parse(ConnectionContext, WebhookRequest)} from records already fetched.
     *
     * @throws RemoteSystemException the failure of the read that should have brought a record the delivery names,
     *                               or a retryable one when that record was not fetched at all
     */
    List<CanonicalEvent> parse(ConnectionContext connection, WebhookRequest request, FetchedRecords<R> fetched)
            throws MalformedPayloadException, RemoteSystemException;

    /** One delivery on its own: its records are fetched, then parsed. */
    @Override
    default List<CanonicalEvent> parse(ConnectionContext connection, WebhookRequest request)
            throws MalformedPayloadException, RemoteSystemException {
        return parse(connection, request, fetch(connection, List.of(request)));
    }
}
