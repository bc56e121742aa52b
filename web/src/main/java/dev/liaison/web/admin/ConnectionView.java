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
 * {@code webhookRegistration} is only in the answer to a PATCH that moved the webhook registered in the remote system.
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
        @Schema(description = "only in GET /api/admin/connections/{id}") ConnectionHealthView health,
        WebhookRegistrationView webhookRegistration) {

    /** The same view with the account of a webhook move. */
    public ConnectionView withWebhookRegistration(WebhookRegistrationView moved) {
        return new ConnectionView(id, kind, name, status, disconnectError, webhookPath, settings, secretSettings,
                createdAt, inbox, health, moved);
    }

    /** Where intake stands: the backlog, what was given up on, the newest delivery and the newest failure. */
    /**
     * A PATCH moved the webhook Liaison registered in the remote system: the URL registered now (without its secret),
     * the one before, and whether the old registration was removed; {@code previousError} says why not (remove it in
     * the remote system by hand, it receives nothing Liaison accepts once its secret changed).
     */
    public record WebhookRegistrationView(String registeredUrl, String previousUrl, boolean previousRemoved,
                                          String previousError) {
    }

    /**
     * The inbox at a glance. {@code rejected} counts the deliveries the webhook refused, by reason
     * ({@code bad-signature}, {@code stale-timestamp}, {@code wrong-account}, {@code not-configured},
     * {@code malformed-body}, {@code unknown-event}, {@code too-large}); none of them was stored.
     */
    public record InboxView(long pending, long done, long dead, long eventsRecorded, Instant lastReceivedAt,
                            String lastError,
                            @Schema(example = "{\"bad-signature\": 3}") Map<String, Long> rejected,
                            Instant lastRejectedAt) {
    }
}
