package dev.liaison.connector.api;

import java.util.List;
import java.util.Optional;

/**
 * Accepts webhook deliveries for one kind of system. Intake calls {@link #verify} and {@link #dedupKey} before it
 * stores anything and answers the sender; {@link #parse} runs later, asynchronously, from the stored raw request.
 */
public interface WebhookReceiver {

    /**
     * Checks that the delivery really comes from the connected account (signature, application token, pinned
     * account id). Must be cheap and must not call the remote system.
     *
     * @throws WebhookRejectedException when the delivery is forged, stale or belongs to another account
     */
    void verify(ConnectionContext connection, WebhookRequest request) throws WebhookRejectedException;

    /**
     * A key that is the same every time the same event is delivered again, and differs between events.
     *
     * @throws MalformedPayloadException when the delivery has no way to tell events apart
     */
    String dedupKey(ConnectionContext connection, WebhookRequest request) throws MalformedPayloadException;

    /**
     * Turns a verified delivery into canonical events. Either every event of the delivery is returned, or the
     * method throws: it never returns a partial list. Connectors whose webhooks carry only ids (Bitrix24) or
     * must not be trusted (amoCRM) fetch the records here; the inbox retries such a delivery later when the
     * remote system fails.
     *
     * @throws MalformedPayloadException when the body cannot be understood; retrying will not help
     * @throws RemoteSystemException when fetching from the remote system failed
     */
    List<CanonicalEvent> parse(ConnectionContext connection, WebhookRequest request)
            throws MalformedPayloadException, RemoteSystemException;

    /**
     * The exact body a sender must read back before it stops resending, for senders that insist on one (SMS.ru
     * resends a status callback until the answer is {@code 100}). Intake answers an accepted delivery, stored or
     * duplicate, with 200 and this body as {@code text/plain}; empty means Liaison's own 202 JSON answer.
     */
    default Optional<String> acknowledgement() {
        return Optional.empty();
    }
}
