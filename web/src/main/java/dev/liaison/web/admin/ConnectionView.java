package dev.liaison.web.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A connection as the admin API shows it. Secret settings are never shown: {@code secretSettings} only names the
 * ones that are set. {@code disconnectError} says what a disconnect could not clean up in the remote system.
 */
public record ConnectionView(
        String id,
        String kind,
        String name,
        String status,
        String disconnectError,
        String webhookPath,
        Map<String, String> settings,
        List<String> secretSettings,
        Instant createdAt,
        InboxView inbox) {

    /** Where intake stands: the backlog, what was given up on, the newest delivery and the newest failure. */
    public record InboxView(long pending, long done, long dead, long eventsRecorded, Instant lastReceivedAt,
                            String lastError) {
    }
}
