package dev.liaison.profile.compliance;

import dev.liaison.platform.sql.Jdbc;
import dev.liaison.platform.sql.WorkspaceJdbc;
import dev.liaison.profile.identity.Identity;
import dev.liaison.profile.identity.IdentityKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Reads what Liaison holds about one person in the current workspace, for capture before execution and for the
 * export bundle. Plain JDBC across the person's tables, each query bound to the workspace by {@link WorkspaceJdbc}.
 */
@ApplicationScoped
public class SubjectDataStore {

    public record ProfileRow(String id, String status, String mergedInto, Instant createdAt, Instant updatedAt,
                             Instant restrictedAt) {
    }

    public record IdentityRow(String profileId, Identity identity, String sourceSystem, String sourceConnection,
                              Instant createdAt) {
    }

    public record AttributeRow(String profileId, String name, String value, String sourceSystem,
                               String sourceConnection, String sourceRef, Instant sourceTime, Instant recordedAt) {
    }

    public record ConsentRow(long id, String profileId, String purpose, String channel, String decision,
                             String sourceSystem, String sourceConnection, String sourceRef, String noticeVersion,
                             String noticeSha256, String collectionMethod, String evidence, String ipAddress,
                             String userAgent, Instant occurredAt, Instant recordedAt) {
    }

    private final WorkspaceJdbc jdbc;

    @Inject
    public SubjectDataStore(DataSource dataSource) {
        this.jdbc = new WorkspaceJdbc(dataSource);
    }

    /** For the CDI client proxy only. */
    protected SubjectDataStore() {
        this(null);
    }

    /**
     * The profiles holding any of these identifiers, each with every profile merged into it. Identifiers are
     * unique per workspace, so this finds everything the identifiers lead to.
     */
    public List<String> profilesOf(Collection<Identity> identities) {
        Set<String> found = new LinkedHashSet<>();
        for (Identity identity : identities) {
            found.addAll(jdbc.query("select profile_id from profile_identity where workspace_id = :workspace "
                    + "and kind = ? and identity_value = ?", row -> row.getString(1), identity.kind().name(),
                    identity.value()));
        }
        List<String> lineage = new ArrayList<>(found);
        for (int i = 0; i < lineage.size(); i++) {
            for (String absorbed : jdbc.query("select id from profile where workspace_id = :workspace "
                    + "and merged_into = ?", row -> row.getString(1), lineage.get(i))) {
                if (!lineage.contains(absorbed)) {
                    lineage.add(absorbed);
                }
            }
        }
        return lineage;
    }

    public List<ProfileRow> profiles(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.query("select id, status, merged_into, created_at, updated_at, restricted_at from profile "
                + "where workspace_id = :workspace and id in (" + Jdbc.placeholders(ids.size()) + ") "
                + "order by created_at, id",
                row -> new ProfileRow(row.getString(1), row.getString(2), row.getString(3),
                        Jdbc.instant(row.getTimestamp(4)), Jdbc.instant(row.getTimestamp(5)),
                        Jdbc.instant(row.getTimestamp(6))), ids.toArray());
    }

    public List<IdentityRow> identities(List<String> profileIds) {
        if (profileIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("select profile_id, kind, identity_value, source_system, source_connection, created_at "
                + "from profile_identity where workspace_id = :workspace and profile_id in ("
                + Jdbc.placeholders(profileIds.size()) + ") order by id",
                row -> new IdentityRow(row.getString(1), new Identity(IdentityKind.valueOf(row.getString(2)),
                        row.getString(3)), row.getString(4), row.getString(5), Jdbc.instant(row.getTimestamp(6))),
                profileIds.toArray());
    }

    public List<AttributeRow> attributes(List<String> profileIds) {
        if (profileIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("select profile_id, name, attribute_value, source_system, source_connection, source_ref, "
                + "source_time, recorded_at from profile_attribute where workspace_id = :workspace and profile_id in ("
                + Jdbc.placeholders(profileIds.size()) + ") order by profile_id, name",
                row -> new AttributeRow(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getString(6), Jdbc.instant(row.getTimestamp(7)),
                        Jdbc.instant(row.getTimestamp(8))), profileIds.toArray());
    }

    public List<ConsentRow> consents(List<String> profileIds) {
        if (profileIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("select id, profile_id, purpose, channel, decision, source_system, source_connection, "
                + "source_ref, notice_version, notice_sha256, collection_method, evidence, ip_address, user_agent, "
                + "occurred_at, recorded_at from consent_event where workspace_id = :workspace and profile_id in ("
                + Jdbc.placeholders(profileIds.size()) + ") order by id",
                row -> new ConsentRow(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getString(6), row.getString(7), row.getString(8), row.getString(9),
                        row.getString(10), row.getString(11), row.getString(12), row.getString(13),
                        row.getString(14), Jdbc.instant(row.getTimestamp(15)), Jdbc.instant(row.getTimestamp(16))),
                profileIds.toArray());
    }

    /** The names the profiles hold, for recognising the person in free text. */
    public List<SubjectSnapshot.Name> names(List<String> profileIds) {
        Map<String, Map<String, String>> byProfile = attributes(profileIds).stream()
                .filter(attribute -> attribute.name().equals("firstName") || attribute.name().equals("lastName"))
                .collect(Collectors.groupingBy(AttributeRow::profileId,
                        Collectors.toMap(AttributeRow::name, attribute -> attribute.value() == null ? ""
                                : attribute.value())));
        return byProfile.values().stream()
                .map(name -> new SubjectSnapshot.Name(name.get("firstName"), name.get("lastName"))).toList();
    }
}
