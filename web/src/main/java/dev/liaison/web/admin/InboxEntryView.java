package dev.liaison.web.admin;

import dev.liaison.platform.inbox.InboxEntry;
import java.time.Instant;

/**
 * An inbox entry without its payload, which may hold personal data. {@code requestId} is the delivery's correlation
 * id: the one the webhook answer's {@code X-Request-Id} gave the sender, and the one log lines and outbox actions of
 * its processing carry.
 */
public record InboxEntryView(long id, String dedupKey, String status, int attempts, Instant receivedAt,
                             Instant nextAttemptAt, Instant processedAt, String lastError, String requestId) {

    static InboxEntryView of(InboxEntry entry) {
        return new InboxEntryView(entry.id(), entry.dedupKey(), entry.status().name(), entry.attempts(),
                entry.receivedAt(), entry.nextAttemptAt(), entry.processedAt(), entry.lastError(), entry.requestId());
    }
}
