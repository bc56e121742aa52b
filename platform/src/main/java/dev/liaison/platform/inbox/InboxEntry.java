package dev.liaison.platform.inbox;

import dev.liaison.connector.api.WebhookRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One stored webhook delivery and where its processing stands. {@code requestId} is its correlation id, null for
 * entries stored before there were any.
 */
public record InboxEntry(
        long id,
        String workspaceId,
        String connectionId,
        String dedupKey,
        String contentType,
        Map<String, List<String>> headers,
        String query,
        byte[] body,
        Instant receivedAt,
        InboxStatus status,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        Instant processedAt,
        String requestId) {

    public WebhookRequest toRequest() {
        return new WebhookRequest(contentType, headers, query, body, receivedAt);
    }
}
