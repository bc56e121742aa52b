package dev.liaison.profile.compliance;

import dev.liaison.platform.sql.Jdbc;
import dev.liaison.platform.sql.WorkspaceJdbc;
import dev.liaison.profile.identity.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Erasure tombstones of the current workspace. Profile resolution asks {@link #dropIfErased} before it applies a
 * record from a CRM, so that a later webhook or sync cannot bring an erased person back; each such record is
 * counted on the tombstone it hit.
 */
@ApplicationScoped
public class TombstoneStore {

    private final WorkspaceJdbc jdbc;
    private final SubjectHashes hashes;
    private final Clock clock;

    @Inject
    public TombstoneStore(DataSource dataSource, SubjectHashes hashes, Clock clock) {
        this.jdbc = new WorkspaceJdbc(dataSource);
        this.hashes = hashes;
        this.clock = clock;
    }

    /** For the CDI client proxy only. */
    protected TombstoneStore() {
        this(null, null, null);
    }

    /** Records the identifiers as erased by this request; identifiers already buried stay with their first request. */
    public void bury(String requestId, Collection<Identity> identities) {
        for (Identity identity : identities) {
            String hash = hashes.hash(identity);
            if (jdbc.first("select id from erasure_tombstone where workspace_id = :workspace and identifier_hash = ?",
                    row -> row.getLong(1), hash).isEmpty()) {
                jdbc.update("insert into erasure_tombstone (workspace_id, identifier_hash, request_id, created_at, "
                        + "dropped_count) values (:workspace, ?, ?, ?, 0)", hash, requestId, clock.instant());
            }
        }
    }

    /**
     * Whether any of these identifiers belongs to an erased person; if so the record is counted as dropped.
     *
     * @return true when the caller must drop the record
     */
    public boolean dropIfErased(Collection<Identity> identities) {
        List<String> candidates = new ArrayList<>();
        for (Identity identity : identities) {
            Optional<String> hash = hashes.hashIfKeyed(identity);
            if (hash.isEmpty()) {
                return false;
            }
            candidates.add(hash.get());
        }
        if (candidates.isEmpty()) {
            return false;
        }
        Optional<Long> hit = jdbc.first("select id from erasure_tombstone where workspace_id = :workspace "
                + "and identifier_hash in (" + Jdbc.placeholders(candidates.size()) + ") order by id",
                row -> row.getLong(1), candidates.toArray());
        if (hit.isEmpty()) {
            return false;
        }
        jdbc.update("update erasure_tombstone set dropped_count = dropped_count + 1, last_dropped_at = ? "
                + "where workspace_id = :workspace and id = ?", clock.instant(), hit.get());
        return true;
    }

    /** Empties the stored webhook a dropped record came in, so that the erased person's data is not kept there. */
    public void forgetPayload(long inboxEntryId) {
        LocalErasure.redactInboxEntry(jdbc, inboxEntryId, clock.instant());
    }

    /** How many records the workspace's tombstones have dropped since their erasure. */
    public long dropped() {
        return jdbc.first("select coalesce(sum(dropped_count), 0) from erasure_tombstone "
                + "where workspace_id = :workspace", row -> row.getLong(1)).orElseThrow();
    }

    /** How many records the tombstones of one erasure request have dropped. */
    public long dropped(String requestId) {
        return jdbc.first("select coalesce(sum(dropped_count), 0) from erasure_tombstone "
                + "where workspace_id = :workspace and request_id = ?", row -> row.getLong(1), requestId).orElseThrow();
    }
}
