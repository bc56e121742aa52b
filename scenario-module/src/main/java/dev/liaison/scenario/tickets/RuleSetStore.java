package dev.liaison.scenario.tickets;

import dev.liaison.platform.sql.WorkspaceJdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Versions of the current workspace's routing rules, scoped through {@link WorkspaceJdbc}; the newest is the active
 * one. Nothing is ever overwritten.
 */
@ApplicationScoped
public class RuleSetStore {

    /** One stored version of a workspace's rules, as the admin wrote them. */
    public record StoredRuleSet(int version, String source, Instant createdAt) {
    }

    private final WorkspaceJdbc jdbc;

    @Inject
    public RuleSetStore(DataSource dataSource) {
        this.jdbc = new WorkspaceJdbc(dataSource);
    }

    /** For the CDI client proxy only. */
    protected RuleSetStore() {
        this(null);
    }

    public int save(String source, Instant now) {
        int version = active().map(StoredRuleSet::version).orElse(0) + 1;
        jdbc.update("insert into routing_ruleset (workspace_id, version, source, created_at) "
                + "values (:workspace, ?, ?, ?)", version, source, now);
        return version;
    }

    public Optional<StoredRuleSet> active() {
        return jdbc.first("select version, source, created_at from routing_ruleset where workspace_id = :workspace "
                + "order by version desc fetch first 1 rows only", row -> new StoredRuleSet(row.getInt(1),
                row.getString(2), row.getTimestamp(3).toInstant()));
    }
}
