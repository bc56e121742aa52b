package dev.liaison.connector.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** Sends one message through a gateway. Only the consent gate calls it. */
public interface MessageSender {

    DeliveryReceipt send(ConnectionContext connection, OutboundMessage message) throws RemoteSystemException;

    /**
     * One message. {@code idempotencyKey} is the same for every attempt at the same message, so a gateway that
     * supports it can drop a repeat.
     */
    record OutboundMessage(
            String idempotencyKey,
            String channel,
            String recipient,
            String subject,
            String body,
            Map<String, String> headers) {

        public OutboundMessage {
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(recipient, "recipient");
            headers = Map.copyOf(headers == null ? Map.of() : headers);
        }
    }

    record DeliveryReceipt(String providerMessageId, Instant acceptedAt) {
    }
}
