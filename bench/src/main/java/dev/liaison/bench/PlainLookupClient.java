package dev.liaison.bench;

import dev.liaison.platform.sql.WorkspaceJdbc;
import dev.liaison.platform.workspace.WorkspaceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ceiling of a lookup: one indexed SELECT of the profile by its normalised identity, over JDBC on a connection
 * of its own, with no HTTP, no normalisation, no transaction and none of the rest of the profile view. The statement
 * is prepared once, with the workspace bound by the server's own seam ({@link WorkspaceJdbc}), and each lookup sets
 * only the identity, so the seam costs the measurement nothing.
 */
final class PlainLookupClient implements LoadClient {

    private static final String SELECT = "select p.* from profile_identity i join profile p on p.id = i.profile_id "
            + "where i.workspace_id = :workspace and i.kind = ? and i.identity_value = ?";
    /** The identity's position once the workspace, bound where the statement names it, and the kind come first. */
    private static final int IDENTITY = 3;

    private final Connection connection;
    private final PreparedStatement select;
    private final LookupKind kind;
    private final int population;

    PlainLookupClient(Connection connection, LookupKind kind, int population) {
        this.connection = connection;
        this.select = WorkspaceContext.call(PopulationLoader.WORKSPACE, () -> prepare(connection, kind));
        this.kind = kind;
        this.population = population;
    }

    @Override
    public void send(long sequence) throws SQLException, RequestFailed {
        long person = ThreadLocalRandom.current().nextLong(1, population + 1L);
        select.setString(IDENTITY, kind.storedValue(person));
        try (ResultSet rows = select.executeQuery()) {
            if (!rows.next()) {
                throw new RequestFailed("no profile");
            }
            String id = rows.getString("id");
            if (rows.next()) {
                throw new RequestFailed("not exactly one profile");
            }
            if (!id.equals(Population.profileId(person))) {
                throw new RequestFailed("another person's profile");
            }
        }
    }

    /** The lookup with the benchmark's workspace and the kind bound; JDBC keeps them for every execution. */
    private static PreparedStatement prepare(Connection connection, LookupKind kind) {
        try {
            return WorkspaceJdbc.prepare(connection, SELECT, kind.name(), "");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the lookup", e);
        }
    }

    @Override
    public void close() throws SQLException {
        try (connection) {
            select.close();
        }
    }
}
