package dev.liaison.profile.messaging;

import dev.liaison.platform.sql.Jdbc;
import dev.liaison.platform.sql.WorkspaceJdbc;
import dev.liaison.profile.timeline.TimelineCursor;
import dev.liaison.profile.timeline.TimelinePage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One row per message: who (profile id, hashed recipient), on which channel and purpose, what became of it. Rows
 * are keyed like their outbox action, so the log and the outbox never disagree about how many messages there are.
 * Updates run in the caller's transaction. A message is found by its connection (which belongs to one workspace) and
 * key, or by the id its gateway gave it: the outbox executor and the gateways' reports work that way, with no
 * workspace bound. What looks across a person's messages reads the current workspace only.
 */
@ApplicationScoped
public class MessageLogStore {

    /** One message as logged. */
    public record Entry(long id, String workspaceId, String connectionId, String idempotencyKey, long outboxId,
                        String profileId, String channel, String purpose, String template, String recipientHash,
                        String providerMessageId, MessageStatus status, String reason, String deliveryDetail,
                        Instant createdAt, Instant sendingAt, Instant sentAt, Instant updatedAt) {
    }

    private static final int REASON_LIMIT = 1000;
    /** {@code message_log.template}: a template's name, not its text. */
    private static final int TEMPLATE_LIMIT = 200;
    private static final String COLUMNS = "id, workspace_id, connection_id, idempotency_key, outbox_id, profile_id, "
            + "channel, purpose, template, recipient_hash, provider_message_id, status, reason, delivery_detail, created_at, "
            + "sending_at, sent_at, updated_at";

    private final DataSource dataSource;
    private final Jdbc jdbc;
    private final WorkspaceJdbc workspaceJdbc;

    @Inject
    public MessageLogStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new Jdbc(dataSource);
        this.workspaceJdbc = new WorkspaceJdbc(dataSource);
    }

    /** For the CDI client proxy only. */
    protected MessageLogStore() {
        this(null);
    }

    /**
     * Adds the row of a newly enqueued message to the current workspace; a repeat enqueue of the same key finds the
     * row already there. On PostgreSQL that is one statement (an insert that does nothing on the key's conflict); on
     * H2 the key is looked up first.
     */
    public void queued(String connectionId, String idempotencyKey, long outboxId, MessageRequest request,
                       Instant now) {
        String insert = "insert into message_log (workspace_id, connection_id, idempotency_key, outbox_id, "
                + "profile_id, channel, purpose, template, status, created_at, updated_at) "
                + "values (:workspace, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        boolean postgres;
        try (Connection connection = dataSource.getConnection()) {
            postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
        if (!postgres && find(connectionId, idempotencyKey).isPresent()) {
            return;
        }
        workspaceJdbc.update(postgres ? insert + " on conflict (connection_id, idempotency_key) do nothing" : insert,
                connectionId, idempotencyKey, outboxId, request.profileId(), request.channel(), request.purpose(),
                cut(request.template(), TEMPLATE_LIMIT), MessageStatus.QUEUED.name(), now, now);
    }

    public Optional<Entry> find(String connectionId, String idempotencyKey) {
        return jdbc.query("select " + COLUMNS + " from message_log where connection_id = ? and idempotency_key = ?",
                MessageLogStore::read, connectionId, idempotencyKey).stream().findFirst();
    }

    public void sending(String connectionId, String idempotencyKey, String recipientHash, Instant now) {
        jdbc.update("update message_log set status = ?, recipient_hash = ?, reason = null, sending_at = ?, "
                + "updated_at = ? where connection_id = ? and idempotency_key = ?", MessageStatus.SENDING.name(),
                recipientHash, now, now, connectionId, idempotencyKey);
    }

    /**
     * The gateway accepted the message. Also upgrades UNKNOWN: a send whose node was presumed dead may still report
     * its receipt.
     */
    public void sent(String connectionId, String idempotencyKey, String providerMessageId, Instant now) {
        jdbc.update("update message_log set status = ?, provider_message_id = ?, reason = null, sent_at = ?, "
                + "updated_at = ? where connection_id = ? and idempotency_key = ? and status in (?, ?, ?)",
                MessageStatus.SENT.name(), providerMessageId, now, now, connectionId, idempotencyKey,
                MessageStatus.QUEUED.name(), MessageStatus.SENDING.name(), MessageStatus.UNKNOWN.name());
    }

    public void ended(String connectionId, String idempotencyKey, MessageStatus status, String reason, Instant now) {
        jdbc.update("update message_log set status = ?, reason = ?, updated_at = ? where connection_id = ? "
                + "and idempotency_key = ?", status.name(), cut(reason, REASON_LIMIT), now, connectionId, idempotencyKey);
    }

    /** The message waits (quiet hours, a retry); the reason says why. */
    public void waiting(String connectionId, String idempotencyKey, String reason, Instant now) {
        jdbc.update("update message_log set status = ?, reason = ?, updated_at = ? where connection_id = ? "
                + "and idempotency_key = ?", MessageStatus.QUEUED.name(), cut(reason, REASON_LIMIT), now, connectionId,
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
        List<Entry> matched = jdbc.query("select " + COLUMNS + " from message_log where connection_id = ? "
                + "and provider_message_id = ?", MessageLogStore::read, connectionId, providerMessageId);
        for (Entry entry : matched) {
            // The gate's refusal stands, whatever a gateway says about a provider id it reuses.
            if (entry.status() == MessageStatus.REFUSED || !advances(entry.status(), status)) {
                continue;
            }
            jdbc.update("update message_log set status = ?, delivery_detail = ?, updated_at = ? where id = ?",
                    status.name(), detail == null ? null : detail.substring(0, Math.min(detail.length(), 200)), now,
                    entry.id());
        }
        return !matched.isEmpty();
    }

    /**
     * One page of the messages of the profiles (a person's lineage) in the current workspace, newest first by the
     * time they were asked for ({@code created_at desc, id desc}), after {@code after} (null for the first page). The
     * rows are found on {@code ix_message_profile}'s (workspace, profile) prefix; a person has few enough messages
     * that sorting them costs nothing worth an index of its own.
     */
    public TimelinePage<Entry> ofPeople(Collection<String> profileIds, TimelineCursor after, int limit) {
        if (profileIds.isEmpty()) {
            return new TimelinePage<>(List.of(), null);
        }
        List<Object> parameters = new ArrayList<>(profileIds);
        String keyset = "";
        if (after != null) {
            keyset = " and (created_at < ? or (created_at = ? and id < ?))";
            parameters.addAll(List.of(after.updatedAt(), after.updatedAt(), after.id()));
        }
        List<Entry> rows = workspaceJdbc.query("select " + COLUMNS + " from message_log where workspace_id = "
                + ":workspace and profile_id in (" + Jdbc.placeholders(profileIds.size()) + ")" + keyset
                + " order by created_at desc, id desc fetch first " + (limit + 1) + " rows only",
                MessageLogStore::read, parameters.toArray());
        if (rows.size() <= limit) {
            return new TimelinePage<>(rows, null);
        }
        Entry last = rows.get(limit - 1);
        return new TimelinePage<>(rows.subList(0, limit), new TimelineCursor(last.createdAt(), last.id()).encode());
    }

    /** Consent-based messages that went (or may have gone) to the person since {@code since}. */
    public int consentBasedSince(List<String> profileIds, Instant since) {
        int count = 0;
        for (String profileId : profileIds) {
            count += workspaceJdbc.query("select count(*) from message_log where workspace_id = :workspace "
                    + "and profile_id = ? and purpose <> ? and status in (?, ?, ?, ?) and sending_at >= ?",
                    row -> row.getInt(1), profileId, MessageRequest.SERVICE, MessageStatus.SENDING.name(),
                    MessageStatus.SENT.name(), MessageStatus.DELIVERED.name(), MessageStatus.UNKNOWN.name(), since)
                    .get(0);
        }
        return count;
    }

    private static boolean advances(MessageStatus current, MessageStatus reported) {
        boolean currentFinal = current == MessageStatus.DELIVERED || current == MessageStatus.FAILED;
        return !currentFinal || reported == MessageStatus.DELIVERED && current == MessageStatus.FAILED;
    }

    private static String cut(String text, int limit) {
        return text == null || text.length() <= limit ? text : text.substring(0, limit);
    }

    private static Entry read(ResultSet row) throws SQLException {
        return new Entry(row.getLong("id"), row.getString("workspace_id"), row.getString("connection_id"),
                row.getString("idempotency_key"), row.getLong("outbox_id"), row.getString("profile_id"),
                row.getString("channel"), row.getString("purpose"), row.getString("template"),
                row.getString("recipient_hash"),
                row.getString("provider_message_id"), MessageStatus.valueOf(row.getString("status")),
                row.getString("reason"), row.getString("delivery_detail"),
                Jdbc.instant(row.getTimestamp("created_at")), Jdbc.instant(row.getTimestamp("sending_at")),
                Jdbc.instant(row.getTimestamp("sent_at")), Jdbc.instant(row.getTimestamp("updated_at")));
    }
}
