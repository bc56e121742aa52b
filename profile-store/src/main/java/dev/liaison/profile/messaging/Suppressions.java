package dev.liaison.profile.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Hard suppression: recipients a gateway refused for good (a stop-list, STOP from the person). Kept as salted hashes
 * of the normalised address, so the list survives an erasure of the person, as a tombstone does, without naming
 * anyone.
 */
@ApplicationScoped
public class Suppressions {

    private final Sql sql;

    @Inject
    public Suppressions(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** For the CDI client proxy only. */
    protected Suppressions() {
        this(null);
    }

    public boolean suppressed(String workspaceId, String channel, String recipientHash) {
        return !sql.query("select id from message_suppression where workspace_id = ? and channel = ? "
                + "and recipient_hash = ?", row -> row.getLong(1), workspaceId, channel, recipientHash).isEmpty();
    }

    /** Adds the recipient once; {@code source} is the gateway's code, e.g. {@code smsru:209}. */
    public void suppress(String workspaceId, String channel, String recipientHash, String source, Instant now) {
        if (!suppressed(workspaceId, channel, recipientHash)) {
            sql.update("insert into message_suppression (workspace_id, channel, recipient_hash, source, created_at) "
                    + "values (?, ?, ?, ?, ?)", workspaceId, channel, recipientHash, source, now);
        }
    }
}
