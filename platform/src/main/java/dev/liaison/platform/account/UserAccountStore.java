package dev.liaison.platform.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The embedded sign-in's users. WildFly's Elytron jdbc-realm reads the same tables when it authenticates a request
 * (see config/wildfly/configure-security.cli), so this class only writes them; the password arrives already hashed
 * in modular crypt form, the one format the realm's mapper understands.
 */
@ApplicationScoped
public class UserAccountStore {

    private final DataSource dataSource;
    /**
     * Every API call asks for its caller's workspace. A user's or key's workspace is set when it is created and never
     * changes, and only callers the realm has just authenticated are asked for, so the map holds one entry per
     * signed-in user or key and is never stale; a revoked key is refused by the realm before it gets here.
     */
    private final Map<String, String> workspaces = new ConcurrentHashMap<>();

    @Inject
    public UserAccountStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** For the CDI client proxy only. */
    protected UserAccountStore() {
        this(null);
    }

    public boolean exists(String username) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select 1 from app_user where username = ?")) {
            select.setString(1, username);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look up user " + username, e);
        }
    }

    /** Creates the user with these roles; false, changing nothing, when the user exists already. */
    public boolean createIfAbsent(String username, String passwordHash, String workspaceId, Set<String> roles,
                                  Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("insert into app_user (username, "
                    + "password_hash, workspace_id, created_at) select ?, ?, ?, ? where not exists "
                    + "(select 1 from app_user where username = ?)")) {
                insert.setString(1, username);
                insert.setString(2, passwordHash);
                insert.setString(3, workspaceId);
                insert.setTimestamp(4, Timestamp.from(now));
                insert.setString(5, username);
                if (insert.executeUpdate() == 0) {
                    return false;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into app_user_role (username, role_name) values (?, ?)")) {
                for (String role : roles) {
                    insert.setString(1, username);
                    insert.setString(2, role);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("could not create user " + username, e);
        }
    }

    /**
     * The workspace an embedded user acts in, or an API key (see {@link ApiKeyStore}): both sign in with HTTP Basic
     * through the same realm, so the caller's name is either a username or a key id.
     */
    public String workspaceOf(String username) {
        return workspaces.computeIfAbsent(username, this::storedWorkspaceOf);
    }

    private String storedWorkspaceOf(String username) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select workspace_id from app_user where "
                     + "username = ? union all select workspace_id from api_key where id = ?")) {
            select.setString(1, username);
            select.setString(2, username);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalArgumentException("no user or API key " + username);
                }
                return rows.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look up user " + username, e);
        }
    }
}
