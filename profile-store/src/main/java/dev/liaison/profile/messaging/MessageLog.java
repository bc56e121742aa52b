package dev.liaison.profile.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One row per message: who (profile id, hashed recipient), on which channel and purpose, what became of it. Rows
 * are keyed like their outbox action, so the log and the outbox never disagree about how many messages there are.
 * Updates run in the caller's transaction.
 */
@ApplicationScoped
public class MessageLog {

    /** One message as logged. */
    public record Entry(long id, String workspaceId, String connectionId, String idempotencyKey, long outboxId,
                        String profileId, String channel, String purpose, String recipientHash,
                        String providerMessageId, MessageStatus status, String reason, String deliveryDetail,
                        Instant createdAt, Instant sendingAt, Instant sentAt, Instant updatedAt) {
    }

    private static final int REASON_LIMIT = 1000;
    private static final String COLUMNS = "id, workspace_id, connection_id, idempotency_key, outbox_id, profile_id, "
            + "channel, purpose, recipient_hash, provider_message_id, status, reason, delivery_detail, created_at, "
            + "sending_at, sent_at, updated_at";

    private final Sql sql;

    @Inject
    public MessageLog(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** For the CDI client proxy only. */
    protected MessageLog() {
        this(null);
    }

    /** Adds the row of a newly enqueued message; a repeat enqueue of the same key finds the row already there. */
    public void queued(String workspaceId, String connectionId, String idempotencyKey, long outboxId,
                       MessageRequest request, Instant now) {
        if (find(connectionId, idempotencyKey).isPresent()) {
            return;
        }
        sql.update("insert into message_log (workspace_id, connection_id, idempotency_key, outbox_id, profile_id, "
                + "channel, purpose, status, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                workspaceId, connectionId, idempotencyKey, outboxId, request.profileId(), request.channel(),
                request.purpose(), MessageStatus.QUEUED.name(), now, now);
    }

    public Optional<Entry> find(String connectionId, String idempotencyKey) {
        return sql.query("select " + COLUMNS + " from message_log where connection_id = ? and idempotency_key = ?",
                MessageLog::read, connectionId, idempotencyKey).stream().findFirst();
    }

    public List<Entry> forProfile(String workspaceId, String profileId) {
        return sql.query("select " + COLUMNS + " from message_log where workspace_id = ? and profile_id = ? "
                + "order by id desc fetch first 100 rows only", MessageLog::read, workspaceId, profileId);
    }

    public void sending(String connectionId, String idempotencyKey, String recipientHash, Instant now) {
        sql.update("update message_log set status = ?, recipient_hash = ?, reason = null, sending_at = ?, "
                + "updated_at = ? where connection_id = ? and idempotency_key = ?", MessageStatus.SENDING.name(),
                recipientHash, now, now, connectionId, idempotencyKey);
    }

    /**
     * The gateway accepted the message. Also upgrades UNKNOWN: a send whose node was presumed dead may still report
     * its receipt.
     */
    public void sent(String connectionId, String idempotencyKey, String providerMessageId, Instant now) {
        sql.update("update message_log set status = ?, provider_message_id = ?, reason = null, sent_at = ?, "
                + "updated_at = ? where connection_id = ? and idempotency_key = ? and status in (?, ?, ?)",
                MessageStatus.SENT.name(), providerMessageId, now, now, connectionId, idempotencyKey,
                MessageStatus.QUEUED.name(), MessageStatus.SENDING.name(), MessageStatus.UNKNOWN.name());
    }

    public void ended(String connectionId, String idempotencyKey, MessageStatus status, String reason, Instant now) {
        sql.update("update message_log set status = ?, reason = ?, updated_at = ? where connection_id = ? "
                + "and idempotency_key = ?", status.name(), cut(reason), now, connectionId, idempotencyKey);
    }

    /** The message waits (quiet hours, a retry); the reason says why. */
    public void waiting(String connectionId, String idempotencyKey, String reason, Instant now) {
        sql.update("update message_log set status = ?, reason = ?, updated_at = ? where connection_id = ? "
                + "and idempotency_key = ?", MessageStatus.QUEUED.name(), cut(reason), now, connectionId,
                idempotencyKey);
    }

    /**
     * A gateway's delivery report, matched by the id it gave the message. Reports may arrive out of order, so a
     * final state (DELIVERED, FAILED) is not taken back by a late SENT.
     *
     * @return whether a logged message matched
     */
    public boolean delivery(String connectionId, String providerMessageId, MessageStatus status, String detail,
                            Instant now) {
        List<Entry> matched = sql.query("select " + COLUMNS + " from message_log where connection_id = ? "
                + "and provider_message_id = ?", MessageLog::read, connectionId, providerMessageId);
        for (Entry entry : matched) {
            // The gate's refusal stands, whatever a gateway says about a provider id it reuses.
            if (entry.status() == MessageStatus.REFUSED || !advances(entry.status(), status)) {
                continue;
            }
            sql.update("update message_log set status = ?, delivery_detail = ?, updated_at = ? where id = ?",
                    status.name(), detail == null ? null : detail.substring(0, Math.min(detail.length(), 200)), now,
                    entry.id());
        }
        return !matched.isEmpty();
    }

    /** Consent-based messages that went (or may have gone) to the person since {@code since}. */
    public int consentBasedSince(String workspaceId, List<String> profileIds, Instant since) {
        int count = 0;
        for (String profileId : profileIds) {
            count += sql.query("select count(*) from message_log where workspace_id = ? and profile_id = ? "
                    + "and purpose <> ? and status in (?, ?, ?, ?) and sending_at >= ?", row -> row.getInt(1),
                    workspaceId, profileId, MessageRequest.SERVICE, MessageStatus.SENDING.name(),
                    MessageStatus.SENT.name(), MessageStatus.DELIVERED.name(), MessageStatus.UNKNOWN.name(), since)
                    .get(0);
        }
        return count;
    }

    /** Erasure: the log of an erased person goes with them. */
    public int erase(String workspaceId, List<String> profileIds) {
        int erased = 0;
        for (String profileId : profileIds) {
            erased += sql.update("delete from message_log where workspace_id = ? and profile_id = ?", workspaceId,
                    profileId);
        }
        return erased;
    }

    private static boolean advances(MessageStatus current, MessageStatus reported) {
        boolean currentFinal = current == MessageStatus.DELIVERED || current == MessageStatus.FAILED;
        return !currentFinal || reported == MessageStatus.DELIVERED && current == MessageStatus.FAILED;
    }

    private static String cut(String text) {
        return text == null || text.length() <= REASON_LIMIT ? text : text.substring(0, REASON_LIMIT);
    }

    private static Entry read(java.sql.ResultSet row) throws java.sql.SQLException {
        return new Entry(row.getLong("id"), row.getString("workspace_id"), row.getString("connection_id"),
                row.getString("idempotency_key"), row.getLong("outbox_id"), row.getString("profile_id"),
                row.getString("channel"), row.getString("purpose"), row.getString("recipient_hash"),
                row.getString("provider_message_id"), MessageStatus.valueOf(row.getString("status")),
                row.getString("reason"), row.getString("delivery_detail"), Sql.instant(row, "created_at"),
                Sql.instant(row, "sending_at"), Sql.instant(row, "sent_at"), Sql.instant(row, "updated_at"));
    }
}
