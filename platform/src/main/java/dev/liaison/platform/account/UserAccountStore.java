package dev.liaison.platform.account;

import dev.liaison.platform.sql.Jdbc;
import dev.liaison.platform.sql.WorkspaceJdbc;
import dev.liaison.platform.workspace.WorkspaceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The embedded sign-in's users. WildFly's Elytron jdbc-realm reads the same tables when it authenticates a request
 * (see config/wildfly/configure-security.cli), so this class only writes them; the password arrives already hashed
 * in modular crypt form, the one format the realm's mapper understands.
 *
 * <p>A username, like an API key's id, is unique across workspaces: it is what a caller signs in with before any
 * workspace is known. The look-ups by name therefore span all workspaces; a new user's row is written in the
 * workspace it is created for, which {@link WorkspaceJdbc} binds.
 */
@ApplicationScoped
public class UserAccountStore {

    private final Jdbc everyWorkspace;
    private final WorkspaceJdbc jdbc;
    /**
     * Every API call asks for its caller's workspace. A user's or key's workspace is set when it is created and never
     * changes, and only callers the realm has just authenticated are asked for, so the map holds one entry per
     * signed-in user or key and is never stale; a revoked key is refused by the realm before it gets here.
     */
    private final Map<String, String> workspaces = new ConcurrentHashMap<>();

    @Inject
    public UserAccountStore(DataSource dataSource) {
        this.everyWorkspace = new Jdbc(dataSource);
        this.jdbc = new WorkspaceJdbc(dataSource);
    }

    /** For the CDI client proxy only. */
    protected UserAccountStore() {
        this(null);
    }

    /** Whether any workspace has this user: usernames are unique across workspaces. */
    public boolean exists(String username) {
        return !everyWorkspace.query("select 1 from app_user where username = ?", row -> row.getInt(1), username)
                .isEmpty();
    }

    /**
     * Creates the user in {@code workspaceId} with these roles; false, changing nothing, when the user exists
     * already, in this workspace or another.
     */
    public boolean createIfAbsent(String username, String passwordHash, String workspaceId, Set<String> roles,
                                  Instant now) {
        int created = WorkspaceContext.call(workspaceId, () -> jdbc.update("insert into app_user (username, "
                + "password_hash, workspace_id, created_at) select ?, ?, :workspace, ? where not exists "
                + "(select 1 from app_user where username = ?)", username, passwordHash, now, username));
        if (created == 0) {
            return false;
        }
        everyWorkspace.batch("insert into app_user_role (username, role_name) values (?, ?)",
                roles.stream().map(role -> new Object[] {username, role}).toList());
        return true;
    }

    /** An embedded user as the admin API lists it: never the password's hash. */
    public record UserAccount(String username, Set<String> roles, Instant createdAt) {

        public UserAccount {
            roles = Set.copyOf(roles);
        }
    }

    /** The bound workspace's embedded users, by name. */
    public List<UserAccount> list() {
        Map<String, Set<String>> roles = new java.util.TreeMap<>();
        Map<String, Instant> created = new java.util.HashMap<>();
        jdbc.query("select u.username, u.created_at, r.role_name from app_user u left join app_user_role r "
                + "on r.username = u.username where u.workspace_id = :workspace order by u.username", row -> {
                    String name = row.getString(1);
                    created.put(name, Jdbc.instant(row.getTimestamp(2)));
                    Set<String> held = roles.computeIfAbsent(name, any -> new java.util.TreeSet<>());
                    if (row.getString(3) != null) {
                        held.add(row.getString(3));
                    }
                    return name;
                });
        return roles.entrySet().stream().map(user -> new UserAccount(user.getKey(), user.getValue(),
                created.get(user.getKey()))).toList();
    }

    /**
     * The workspace an embedded user acts in, or an API key (see {@link ApiKeyStore}): both sign in with HTTP Basic
     * through the same realm, so the caller's name is either a username or a key id.
     */
    public String workspaceOf(String username) {
        return workspaces.computeIfAbsent(username, this::storedWorkspaceOf);
    }

    /** Asks every workspace, since the answer is what tells the caller's workspace. */
    private String storedWorkspaceOf(String username) {
        List<String> found = everyWorkspace.query("select workspace_id from app_user where username = ? "
                + "union all select workspace_id from api_key where id = ?", row -> row.getString(1), username,
                username);
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no user or API key " + username);
        }
        return found.get(0);
    }
}
