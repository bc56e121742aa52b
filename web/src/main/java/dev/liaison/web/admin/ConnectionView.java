package dev.liaison.web.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A connection as the admin API shows it. Secret settings are never shown: {@code secretSettings} only names the
 * ones that are set. {@code disconnectError} says what a disconnect could not clean up in the remote system.
 * {@code health} is given by the GET of one connection only: it asks the connector and the sync, which a list of
 * connections need not pay for.
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
        InboxView inbox,
        @Schema(description = "only in GET /api/admin/connections/{id}") ConnectionHealthView health) {

    /** Where intake stands: the backlog, what was given up on, the newest delivery and the newest failure. */
    public record InboxView(long pending, long done, long dead, long eventsRecorded, Instant lastReceivedAt,
                            String lastError) {
    }
}
