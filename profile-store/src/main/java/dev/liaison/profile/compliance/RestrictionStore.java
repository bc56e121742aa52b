package dev.liaison.profile.compliance;

import dev.liaison.platform.sql.Jdbc;
import dev.liaison.platform.sql.WorkspaceJdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Restriction of processing (GDPR Art. 18). A restricted profile is kept but not used: the consent gate refuses
 * every purpose except service messages, and scenarios must skip it. A profile is restricted when it or any
 * profile it absorbed is, so a merge cannot lift a restriction. Profiles of the current workspace only.
 */
@ApplicationScoped
public class RestrictionStore {

    private final WorkspaceJdbc jdbc;

    @Inject
    public RestrictionStore(DataSource dataSource) {
        this.jdbc = new WorkspaceJdbc(dataSource);
    }

    /** For the CDI client proxy only. */
    protected RestrictionStore() {
        this(null);
    }

    public boolean isRestricted(String profileId) {
        List<String> lineage = new ArrayList<>(List.of(profileId));
        for (int i = 0; i < lineage.size(); i++) {
            List<Boolean> restricted = jdbc.query("select restricted_at is not null from profile where "
                    + "workspace_id = :workspace and id = ?", row -> row.getBoolean(1), lineage.get(i));
            if (restricted.contains(Boolean.TRUE)) {
                return true;
            }
            lineage.addAll(jdbc.query("select id from profile where workspace_id = :workspace and merged_into = ?",
                    row -> row.getString(1), lineage.get(i)));
        }
        return false;
    }

    /** @return how many profiles were restricted */
    public int restrict(List<String> profileIds, String requestId, Instant now) {
        if (profileIds.isEmpty()) {
            return 0;
        }
        Object[] parameters = new Object[profileIds.size() + 2];
        parameters[0] = now;
        parameters[1] = requestId;
        System.arraycopy(profileIds.toArray(), 0, parameters, 2, profileIds.size());
        return jdbc.update("update profile set restricted_at = ?, restricted_by = ? where workspace_id = :workspace "
                + "and id in (" + Jdbc.placeholders(profileIds.size()) + ")", parameters);
    }

    /** Lifts the restriction a request set; one set by another request stays. */
    public int lift(String requestId) {
        return jdbc.update("update profile set restricted_at = null, restricted_by = null "
                + "where workspace_id = :workspace and restricted_by = ?", requestId);
    }
}
