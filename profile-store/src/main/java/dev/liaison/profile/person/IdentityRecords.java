package dev.liaison.profile.person;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.HeldRecords;
import dev.liaison.platform.sql.WorkspaceJdbc;
import dev.liaison.platform.workspace.WorkspaceContext;
import dev.liaison.profile.identity.Identity;
import dev.liaison.profile.identity.IdentityKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import javax.sql.DataSource;

/**
 * {@link HeldRecords} from the profiles' external identities ({@code system|connection|id}, {@link Identity#of}): what
 * a connector compares with its system to find the records deleted there. Plain SQL in the connection's workspace,
 * outside any transaction, one page of the unique index on {@code (workspace_id, kind, identity_value)} per call.
 */
@ApplicationScoped
public class IdentityRecords implements HeldRecords {

    /** The most ids one call returns, whatever the connector asks. */
    static final int LIMIT = 5_000;

    private final WorkspaceJdbc jdbc;

    @Inject
    public IdentityRecords(DataSource dataSource) {
        this.jdbc = new WorkspaceJdbc(dataSource);
    }

    /** For the CDI client proxy only. */
    protected IdentityRecords() {
        this.jdbc = null;
    }

    @Override
    public List<String> idsAfter(ConnectionContext connection, String after, int limit) {
        String prefix = connection.kind() + "|" + connection.id() + "|";
        return WorkspaceContext.call(connection.workspace(), () -> jdbc.query(
                "select identity_value from profile_identity where workspace_id = :workspace and kind = ? "
                        + "and identity_value > ? and identity_value like ? escape '\\' order by identity_value "
                        + "fetch first ? rows only",
                row -> row.getString(1).substring(prefix.length()), IdentityKind.EXTERNAL.name(),
                prefix + (after == null ? "" : after), likePrefix(prefix), Math.max(1, Math.min(limit, LIMIT))));
    }

    /** {@code prefix%} with LIKE's own characters in {@code prefix} taken literally. */
    static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
