package dev.liaison.profile.messaging;

import dev.liaison.platform.sql.WorkspaceJdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Hard suppression in the current workspace: recipients a gateway refused for good (a stop-list, STOP from the
 * person). Kept as salted hashes of the normalised address, so the list survives an erasure of the person, as a
 * tombstone does, without naming anyone.
 */
@ApplicationScoped
public class SuppressionStore {

    private final WorkspaceJdbc jdbc;

    @Inject
    public SuppressionStore(DataSource dataSource) {
        this.jdbc = new WorkspaceJdbc(dataSource);
    }

    /** For the CDI client proxy only. */
    protected SuppressionStore() {
        this(null);
    }

    public boolean suppressed(String channel, String recipientHash) {
        return jdbc.first("select id from message_suppression where workspace_id = :workspace and channel = ? "
                + "and recipient_hash = ?", row -> row.getLong(1), channel, recipientHash).isPresent();
    }

    /** Adds the recipient once; {@code source} is the gateway's code, e.g. {@code smsru:209}. */
    public void suppress(String channel, String recipientHash, String source, Instant now) {
        if (!suppressed(channel, recipientHash)) {
            jdbc.update("insert into message_suppression (workspace_id, channel, recipient_hash, source, created_at) "
                    + "values (:workspace, ?, ?, ?, ?)", channel, recipientHash, source, now);
        }
    }
}
