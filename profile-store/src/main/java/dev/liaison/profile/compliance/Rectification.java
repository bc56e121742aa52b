package dev.liaison.profile.compliance;

import dev.liaison.platform.sql.WorkspaceJdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Writes a RECTIFY request's corrections into the profiles. The corrected value's source is the request and its
 * source time the moment of writing, so under "most recent source time wins" only a later change in a CRM
 * replaces it; pushing the correction to the CRMs is the fan-out's part. Profiles of the current workspace only.
 */
@ApplicationScoped
public class Rectification {

    static final String SOURCE_SYSTEM = "api";

    private final WorkspaceJdbc jdbc;

    @Inject
    public Rectification(DataSource dataSource) {
        this.jdbc = new WorkspaceJdbc(dataSource);
    }

    /** For the CDI client proxy only. */
    protected Rectification() {
        this(null);
    }

    /** @return how many attribute values were written */
    public int apply(String requestId, List<String> profileIds, Map<String, String> corrections, Instant now) {
        int written = 0;
        String sourceRef = "dsr:" + requestId;
        for (String profileId : profileIds) {
            for (Map.Entry<String, String> correction : corrections.entrySet()) {
                int updated = jdbc.update("update profile_attribute set attribute_value = ?, source_system = ?, "
                        + "source_connection = null, source_ref = ?, source_time = ?, recorded_at = ? "
                        + "where workspace_id = :workspace and profile_id = ? and name = ?", correction.getValue(),
                        SOURCE_SYSTEM, sourceRef, now, now, profileId, correction.getKey());
                if (updated == 0) {
                    jdbc.update("insert into profile_attribute (workspace_id, profile_id, name, attribute_value, "
                            + "source_system, source_ref, source_time, recorded_at) "
                            + "values (:workspace, ?, ?, ?, ?, ?, ?, ?)", profileId, correction.getKey(),
                            correction.getValue(), SOURCE_SYSTEM, sourceRef, now, now);
                }
                written++;
            }
        }
        return written;
    }
}
