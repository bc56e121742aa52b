package dev.liaison.platform.account;

import dev.liaison.platform.sql.Jdbc;
import dev.liaison.platform.sql.WorkspaceJdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * The current workspace's API keys, scoped through {@link WorkspaceJdbc}. Like {@link UserAccountStore}, this class
 * only writes what WildFly's Elytron jdbc-realm reads when it authenticates a key; the secret arrives already
 * digested and salted, and nothing here ever reads the digest back.
 */
@ApplicationScoped
@Transactional
public class ApiKeyStore {

    /** A key as it may be shown: never its secret, nor the secret's digest. */
    public record ApiKey(String id, String name, Set<String> roles, String createdBy, Instant createdAt,
                         Instant expiresAt, Instant revokedAt) {

        public ApiKey {
            roles = Collections.unmodifiableSortedSet(new TreeSet<>(roles));
        }
    }

    private final WorkspaceJdbc jdbc;

    @Inject
    public ApiKeyStore(DataSource dataSource) {
        this.jdbc = new WorkspaceJdbc(dataSource);
    }

    /** For the CDI client proxy only. */
    protected ApiKeyStore() {
        this(null);
    }

    /** Stores a new key with the hex-encoded digest and salt of its secret. */
    public void create(ApiKey key, String secretDigest, String secretSalt) {
        jdbc.update("insert into api_key (id, workspace_id, name, secret_digest, secret_salt, created_by, created_at, "
                + "expires_at, revoked_at) values (?, :workspace, ?, ?, ?, ?, ?, ?, ?)", key.id(), key.name(),
                secretDigest, secretSalt, key.createdBy(), key.createdAt(), key.expiresAt(), key.revokedAt());
        for (String role : key.roles()) {
            jdbc.update("insert into api_key_role (key_id, role_name) select id, ? from api_key "
                    + "where workspace_id = :workspace and id = ?", role, key.id());
        }
    }

    /** Every key of the workspace, revoked ones included, oldest first. */
    public List<ApiKey> list() {
        record Row(String id, String name, String createdBy, Instant createdAt, Instant expiresAt,
                   Instant revokedAt, String role) {
        }

        List<Row> rows = jdbc.query("select k.id, k.name, k.created_by, k.created_at, k.expires_at, k.revoked_at, "
                + "r.role_name from api_key k left join api_key_role r on r.key_id = k.id "
                + "where k.workspace_id = :workspace order by k.created_at, k.id, r.role_name",
                row -> new Row(row.getString(1), row.getString(2), row.getString(3), Jdbc.instant(row.getTimestamp(4)),
                        Jdbc.instant(row.getTimestamp(5)), Jdbc.instant(row.getTimestamp(6)), row.getString(7)));
        Map<String, Row> keys = new LinkedHashMap<>();
        Map<String, Set<String>> roles = new LinkedHashMap<>();
        for (Row row : rows) {
            keys.putIfAbsent(row.id(), row);
            Set<String> held = roles.computeIfAbsent(row.id(), id -> new TreeSet<>());
            if (row.role() != null) {
                held.add(row.role());
            }
        }
        List<ApiKey> found = new ArrayList<>();
        keys.forEach((id, row) -> found.add(new ApiKey(id, row.name(), roles.get(id), row.createdBy(),
                row.createdAt(), row.expiresAt(), row.revokedAt())));
        return found;
    }

    /** The workspace's key with this id, revoked or not. */
    public Optional<ApiKey> find(String id) {
        return list().stream().filter(key -> key.id().equals(id)).findFirst();
    }

    /**
     * Revokes the key and every key created with it, directly or through its children, from now on: a key never
     * outlives the key that made it. A key revoked before keeps its first revocation time.
     *
     * @return false when the workspace has no such key
     */
    public boolean revoke(String id, Instant at) {
        if (jdbc.query("select 1 from api_key where workspace_id = :workspace and id = ?", row -> row.getInt(1), id)
                .isEmpty()) {
            return false;
        }
        Deque<String> pending = new ArrayDeque<>(List.of(id));
        Set<String> revoked = new HashSet<>();
        while (!pending.isEmpty()) {
            String next = pending.pop();
            if (revoked.add(next)) {
                jdbc.update("update api_key set revoked_at = ? where workspace_id = :workspace and id = ? "
                        + "and revoked_at is null", at, next);
                pending.addAll(jdbc.query("select id from api_key where workspace_id = :workspace and created_by = ?",
                        row -> row.getString(1), next));
            }
        }
        return true;
    }
}
