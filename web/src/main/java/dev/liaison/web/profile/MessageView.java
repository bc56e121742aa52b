package dev.liaison.web.profile;

import dev.liaison.profile.messaging.MessageLogStore;
import java.time.Instant;

/**
 * A person's message as its log row has it: what was asked for and what became of it. {@code reason} says why it
 * was refused (no consent, suppressed, erased), why it waits (quiet hours, and until when; a retry) or why it failed
 * (the gateway's answer, addresses and phone numbers masked); null once it went out. No text, no address.
 */
public record MessageView(long id, String connectionId, String channel, String purpose, String template, String status,
                          String reason, String deliveryDetail, Instant createdAt, Instant sendingAt, Instant sentAt,
                          Instant updatedAt) {

    static MessageView of(MessageLogStore.Entry entry) {
        return new MessageView(entry.id(), entry.connectionId(), entry.channel(), entry.purpose(), entry.template(),
                entry.status().name(), entry.reason(), entry.deliveryDetail(), entry.createdAt(), entry.sendingAt(),
                entry.sentAt(), entry.updatedAt());
    }
}
