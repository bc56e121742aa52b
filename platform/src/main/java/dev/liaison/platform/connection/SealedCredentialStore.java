package dev.liaison.platform.connection;

import dev.liaison.connector.api.CredentialStore;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.platform.secrets.SecretBox;
import dev.liaison.platform.secrets.SecretSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Rotates credentials inside the connection's own row: the row is locked for the whole rotation, so rotations of one
 * connection queue up across threads and nodes, and each sees what the previous one stored.
 * <p>
 * The rotation runs in a local JDBC transaction of its own, outside any JTA transaction of the caller (which is
 * suspended): its result must be committed before the lock is released and before the caller sees it, whatever the
 * caller's transaction does afterwards. The update bumps {@code version}, the JPA {@code @Version} of
 * {@link ConnectionEntity}, so an entity update that read the row before the rotation fails instead of writing the
 * old tokens back.
 * <p>
 * On PostgreSQL the lock is {@code FOR NO KEY UPDATE}: inserting an inbox or outbox row takes a key-share lock on
 * its connection, and a caller whose suspended transaction did so would otherwise wait for itself.
 */
@ApplicationScoped
public class SealedCredentialStore implements CredentialStore {

    private final DataSource dataSource;
    private final SecretBox secrets;

    @Inject
    public SealedCredentialStore(DataSource dataSource, SecretSettings secrets) {
        this.dataSource = dataSource;
        this.secrets = secrets == null ? null : secrets.box();
    }

    /** For the CDI client proxy only. */
    protected SealedCredentialStore() {
        this(null, null);
    }

    /**
     * @throws IllegalArgumentException when there is no connection with this id
     * @throws IllegalStateException when the database fails; nothing was stored
     */
    @Override
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public <T> T rotate(String connectionId, Rotation<T> rotation) throws RemoteSystemException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                Map<String, String> current = SettingsJson.read(secrets.open(lock(connection, connectionId),
                        connectionId));
                Rotated<T> rotated = rotation.apply(Collections.unmodifiableMap(current));
                if (!rotated.changedSettings().isEmpty()) {
                    Map<String, String> merged = new LinkedHashMap<>(current);
                    merged.putAll(rotated.changedSettings());
                    store(connection, connectionId, secrets.seal(SettingsJson.write(merged), connectionId));
                }
                connection.commit();
                return rotated.result();
            } catch (Exception | Error e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not rotate the credentials of connection " + connectionId, e);
        }
    }

    private static String lock(Connection connection, String connectionId) throws SQLException {
        String mode = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())
                ? "for no key update" : "for update";
        try (PreparedStatement select = connection.prepareStatement(
                "select settings from connection where id = ? " + mode)) {
            select.setString(1, connectionId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalArgumentException("there is no connection " + connectionId);
                }
                return row.getString(1);
            }
        }
    }

    private static void store(Connection connection, String connectionId, String sealed) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update connection set settings = ?, version = version + 1 where id = ?")) {
            update.setString(1, sealed);
            update.setString(2, connectionId);
            update.executeUpdate();
        }
    }
}
