package dev.liaison.platform.connection;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.platform.secrets.SecretBox;
import dev.liaison.platform.secrets.SecretSettings;
import dev.liaison.platform.workspace.WorkspaceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Connections of the current workspace. Validation of kind and settings belongs to the caller, who knows the connectors. */
@ApplicationScoped
@Transactional
public class ConnectionStore {

    private static final int DISCONNECT_ERROR_LIMIT = 2000;

    private final EntityManager entityManager;
    private final Clock clock;
    private final SecretBox secrets;

    @Inject
    public ConnectionStore(EntityManager entityManager, Clock clock, SecretSettings secrets) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.secrets = secrets == null ? null : secrets.box();
    }

    /** For the CDI client proxy only. */
    protected ConnectionStore() {
        this(null, null, null);
    }

    public ConnectionEntity create(String kind, String name, Map<String, String> settings) {
        ConnectionEntity connection = new ConnectionEntity(kind, name, clock.instant());
        connection.sealedSettings(secrets.seal(SettingsJson.write(settings), connection.id()));
        entityManager.persist(connection);
        return connection;
    }

    public Map<String, String> settings(ConnectionEntity connection) {
        return SettingsJson.read(secrets.open(connection.sealedSettings(), connection.id()));
    }

    /**
     * Re-seals the settings of every connection, in every workspace, that is not sealed with the current key.
     *
     * @return how many connections were re-sealed
     */
    public int resealWithCurrentKey() {
        return WorkspaceContext.call(WorkspaceContext.ALL, () -> {
            int resealed = 0;
            for (ConnectionEntity connection : entityManager.createQuery("select c from ConnectionEntity c",
                    ConnectionEntity.class).getResultList()) {
                if (!secrets.sealedWithCurrentKey(connection.sealedSettings())) {
                    connection.sealedSettings(secrets.seal(secrets.open(connection.sealedSettings(), connection.id()),
                            connection.id()));
                    resealed++;
                }
            }
            return resealed;
        });
    }

    public Optional<ConnectionEntity> find(String id) {
        return Optional.ofNullable(entityManager.find(ConnectionEntity.class, id));
    }

    /**
     * Finds a connection whatever its workspace, for webhook intake, where the path names the connection. Runs in
     * a transaction of its own so that the unscoped persistence context never leaks into the caller's.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<ConnectionContext> findInAnyWorkspace(String id) {
        return WorkspaceContext.call(WorkspaceContext.ALL,
                () -> Optional.ofNullable(entityManager.find(ConnectionEntity.class, id))
                        .filter(connection -> connection.status() == ConnectionStatus.ACTIVE)
                        .map(this::context));
    }

    /**
     * Disables the connection; its rows (inbox, journal, routing traces) stay, as the record of what it delivered.
     * Intake may still accept its webhooks for the connection cache's time to live.
     *
     * @param disconnectError why the remote system was not cleaned up (cut to what the column holds), null when it
     *                        was or had nothing to clean up
     */
    public void disable(ConnectionEntity connection, String disconnectError) {
        String error = disconnectError == null || disconnectError.length() <= DISCONNECT_ERROR_LIMIT
                ? disconnectError : disconnectError.substring(0, DISCONNECT_ERROR_LIMIT);
        entityManager.merge(connection).disable(error);
    }

    public List<ConnectionEntity> list() {
        return entityManager.createQuery("select c from ConnectionEntity c order by c.createdAt, c.id",
                ConnectionEntity.class).getResultList();
    }

    public ConnectionContext context(ConnectionEntity connection) {
        return new ConnectionContext(connection.id(), connection.workspaceId(), connection.kind(),
                settings(connection));
    }
}
