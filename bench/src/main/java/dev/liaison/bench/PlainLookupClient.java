package dev.liaison.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ceiling of a lookup: one indexed SELECT of the profile by its normalised identity, over JDBC on a connection
 * of its own, with no HTTP, no normalisation, no transaction and none of the rest of the profile view.
 */
final class PlainLookupClient implements LoadClient {

    private static final String SELECT = "select p.* from profile_identity i join profile p on p.id = i.profile_id "
            + "where i.workspace_id = ? and i.kind = ? and i.identity_value = ?";

    private final Connection connection;
    private final PreparedStatement select;
    private final LookupKind kind;
    private final int population;

    PlainLookupClient(Connection connection, LookupKind kind, int population) throws SQLException {
        this.connection = connection;
        this.select = connection.prepareStatement(SELECT);
        this.kind = kind;
        this.population = population;
    }

    @Override
    public void send(long sequence) throws SQLException, RequestFailed {
        long person = ThreadLocalRandom.current().nextLong(1, population + 1L);
        select.setString(1, PopulationLoader.WORKSPACE);
        select.setString(2, kind.name());
        select.setString(3, kind.storedValue(person));
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

    @Override
    public void close() throws SQLException {
        try (connection) {
            select.close();
        }
    }
}
