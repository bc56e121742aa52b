package dev.liaison.web.compliance;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.Connector;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SubjectEraser;
import dev.liaison.connector.api.SubjectExporter;
import dev.liaison.connector.api.SubjectIdentifiers;
import dev.liaison.platform.connection.ConnectionEntity;
import dev.liaison.platform.connection.ConnectionStatus;
import dev.liaison.platform.connection.ConnectionStore;
import dev.liaison.platform.registry.ConnectorRegistry;
import dev.liaison.profile.compliance.SubjectSystems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;

/** The connected systems of the current workspace, reached through their connectors' eraser and exporter. */
@ApplicationScoped
public class ConnectorSubjectSystems implements SubjectSystems {

    private final ConnectionStore connections;
    private final ConnectorRegistry connectors;

    @Inject
    public ConnectorSubjectSystems(ConnectionStore connections, ConnectorRegistry connectors) {
        this.connections = connections;
        this.connectors = connectors;
    }

    /** For the CDI client proxy only. */
    protected ConnectorSubjectSystems() {
        this(null, null);
    }

    @Override
    public List<Target> targets() {
        return connections.list().stream()
                .filter(connection -> connection.status() == ConnectionStatus.ACTIVE)
                .map(connection -> new Target(connection.id(), connection.kind(), connectors.find(connection.kind())
                        .map(Connector::capabilities).orElse(Set.of())))
                .toList();
    }

    @Override
    public SubjectEraser.Outcome erase(String connectionId, SubjectIdentifiers subject)
            throws RemoteSystemException {
        ConnectionContext connection = active(connectionId);
        SubjectEraser eraser = connectors.find(connection.kind(), SubjectEraser.class).orElseThrow(() ->
                RemoteSystemException.permanent("connector '" + connection.kind() + "' cannot erase a person"));
        return eraser.erase(connection, subject);
    }

    @Override
    public String export(String connectionId, SubjectIdentifiers subject) throws RemoteSystemException {
        ConnectionContext connection = active(connectionId);
        SubjectExporter exporter = connectors.find(connection.kind(), SubjectExporter.class).orElseThrow(() ->
                RemoteSystemException.permanent("connector '" + connection.kind() + "' cannot export a person"));
        return exporter.export(connection, subject);
    }

    private ConnectionContext active(String connectionId) throws RemoteSystemException {
        ConnectionEntity connection = connections.find(connectionId)
                .filter(found -> found.status() == ConnectionStatus.ACTIVE)
                .orElseThrow(() -> RemoteSystemException.permanent("connection " + connectionId
                        + " is disabled or gone"));
        return connections.context(connection);
    }
}
