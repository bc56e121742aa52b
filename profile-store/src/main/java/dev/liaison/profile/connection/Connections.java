package dev.liaison.profile.connection;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.profile.workspace.WorkspaceContext;
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
public class Connections {

    private final EntityManager entityManager;
    private final Clock clock;

    @Inject
    public Connections(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** For the CDI client proxy only. */
    protected Connections() {
        this(null, null);
    }

    public ConnectionEntity create(String kind, String name, Map<String, String> settings) {
        ConnectionEntity connection = new ConnectionEntity(kind, name, settings, clock.instant());
        entityManager.persist(connection);
        return connection;
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
                        .map(Connections::context));
    }

    public List<ConnectionEntity> list() {
        return entityManager.createQuery("select c from ConnectionEntity c order by c.createdAt, c.id",
                ConnectionEntity.class).getResultList();
    }

    public static ConnectionContext context(ConnectionEntity connection) {
        return new ConnectionContext(connection.id(), connection.workspaceId(), connection.kind(),
                connection.settings());
    }
}
