package dev.liaison.platform.connection;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.platform.secrets.SecretBox;
import dev.liaison.platform.secrets.SecretSettings;
import dev.liaison.platform.workspace.WorkspaceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Connections of the current workspace. Validation of kind and settings belongs to the caller, who knows the connectors. */
@ApplicationScoped
@Transactional
public class ConnectionStore {

    private static final int DISCONNECT_ERROR_LIMIT = 2000;
    private static final String UNIQUE_VIOLATION = "23505";

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
        return create(kind, name, settings, id -> Map.of());
    }

    /**
     * Creates a connection whose settings include some that only its id determines (the connection's own webhook
     * URL, see {@code SettingsSpec.Field#derived}).
     *
     * @param derived the settings to add, given the new connection's id
     * @throws ConnectionNameTakenException when another connection of the workspace has the name, ignoring case
     */
    public ConnectionEntity create(String kind, String name, Map<String, String> settings,
                                   Function<String, Map<String, String>> derived) {
        ConnectionEntity connection = new ConnectionEntity(kind, name, clock.instant());
        refuseTaken(connection.id(), name);
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.putAll(derived.apply(connection.id()));
        connection.sealedSettings(secrets.seal(SettingsJson.write(all), connection.id()));
        entityManager.persist(connection);
        flushUnique();
        return connection;
    }

    /**
     * Renames the connection and replaces its settings, sealed again with the current key, provided it is still the
     * version the caller read.
     *
     * @param expectedVersion the {@link ConnectionEntity#version()} the change was decided on
     * @param name the new name, or null to keep it
     * @param settings every setting the connection has from now on, or null to keep them
     * @throws ConnectionChangedException when the connection changed (or was deleted) since it was read
     * @throws ConnectionNameTakenException when another connection of the workspace has the name, ignoring case
     */
    public ConnectionEntity update(String id, long expectedVersion, String name, Map<String, String> settings) {
        ConnectionEntity connection = find(id).filter(found -> found.version() == expectedVersion)
                .orElseThrow(() -> new ConnectionChangedException(id));
        if (name != null) {
            refuseTaken(id, name);
            connection.rename(name);
        }
        if (settings != null) {
            connection.sealedSettings(secrets.seal(SettingsJson.write(settings), id));
        }
        try {
            flushUnique();
        } catch (OptimisticLockException e) {
            // A token rotation (SealedCredentialStore) or another update committed between the read and this write.
            throw new ConnectionChangedException(id);
        }
        return connection;
    }

    /** Whether another connection of the workspace than {@code id} has this name, ignoring case. */
    public boolean nameTaken(String id, String name) {
        return !entityManager.createQuery("select c.id from ConnectionEntity c where c.nameKey = :key and c.id <> :id",
                String.class).setParameter("key", ConnectionNames.key(name)).setParameter("id", id)
                .setMaxResults(1).getResultList().isEmpty();
    }

    private void refuseTaken(String id, String name) {
        if (nameTaken(id, name)) {
            throw new ConnectionNameTakenException();
        }
    }

    /** Writes now, so that a concurrent writer of the same name loses here rather than at commit. */
    private void flushUnique() {
        try {
            entityManager.flush();
        } catch (PersistenceException e) {
            if (e instanceof OptimisticLockException || !uniqueViolation(e)) {
                throw e;
            }
            throw new ConnectionNameTakenException();
        }
    }

    private static boolean uniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
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

    /** Takes a disabled connection back into service; an active one stays as it is. */
    public ConnectionEntity enable(String id) {
        ConnectionEntity connection = find(id).orElseThrow(() -> new ConnectionChangedException(id));
        if (connection.status() != ConnectionStatus.ACTIVE) {
            connection.enable();
        }
        return connection;
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
