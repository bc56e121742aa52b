package dev.liaison.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.Connector;
import dev.liaison.connector.api.Disconnectable;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SettingsSpec;
import dev.liaison.platform.connection.ConnectionDirectory;
import dev.liaison.platform.connection.ConnectionEntity;
import dev.liaison.platform.connection.ConnectionStore;
import dev.liaison.platform.registry.ConnectorRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Disconnecting, with the connections and the connector registry replaced by fakes that record what happens. */
class ConnectionResourceTest {

    private static final String KIND = "crm";

    private final List<String> calls = new ArrayList<>();
    private int reads;

    @Test
    void theConnectorCleansUpBeforeTheConnectionIsDisabledAsReadAfterwards() {
        resource(new CleaningCrm(null)).disconnect("c-1");

        assertThat(calls).containsExactly("read c-1 #1", "disconnect c-1", "read c-1 #2", "disable c-1 #2: null");
    }

    @Test
    void anUnreachableRemoteSystemDoesNotKeepTheAdminFromDisconnecting() {
        CleaningCrm unreachable = new CleaningCrm(
                RemoteSystemException.retryable("network failure: ConnectException", null));

        resource(unreachable).disconnect("c-1");

        assertThat(calls).last().isEqualTo("disable c-1 #2: network failure: ConnectException");
    }

    @Test
    void anUnexpectedFailureIsRecordedByItsTypeAlone() {
        CleaningCrm broken = new CleaningCrm(new IllegalStateException("no token for anna@example.com"));

        resource(broken).disconnect("c-1");

        assertThat(calls).last().isEqualTo("disable c-1 #2: unexpected java.lang.IllegalStateException");
    }

    @Test
    void aKindThatSetsNothingUpInTheRemoteSystemIsJustDisabled() {
        Connector plain = new Connector() {
            @Override
            public String kind() {
                return KIND;
            }

            @Override
            public SettingsSpec settings() {
                return SettingsSpec.of();
            }
        };

        resource(plain).disconnect("c-1");

        assertThat(calls).containsExactly("read c-1 #1", "read c-1 #2", "disable c-1 #2: null");
    }

    private ConnectionResource resource(Connector connector) {
        ConnectorRegistry registry = new ConnectorRegistry(null) {
            @Override
            public Optional<Connector> find(String kind) {
                return Optional.of(connector).filter(found -> found.kind().equals(kind));
            }
        };
        return new ConnectionResource(new RecordingConnections(), new ConnectionDirectory(null, null, null), registry,
                null, null, null, null, null, null, null, Optional.empty());
    }

    /** Each read returns a new entity, numbered, as each read of the row does. */
    private final class RecordingConnections extends ConnectionStore {

        RecordingConnections() {
            super(null, null, null);
        }

        @Override
        public Optional<ConnectionEntity> find(String id) {
            String read = id + " #" + ++reads;
            calls.add("read " + read);
            return Optional.of(new ConnectionEntity() {
                @Override
                public String id() {
                    return id;
                }

                @Override
                public String kind() {
                    return KIND;
                }

                @Override
                public String toString() {
                    return read;
                }
            });
        }

        @Override
        public ConnectionContext context(ConnectionEntity connection) {
            return new ConnectionContext(connection.id(), "default", connection.kind(), Map.of());
        }

        @Override
        public void disable(ConnectionEntity connection, String disconnectError) {
            calls.add("disable " + connection + ": " + disconnectError);
        }
    }

    /** A connector that set something up in the remote system and removes it, or fails to. */
    private final class CleaningCrm implements Connector, Disconnectable {

        private final Exception failure;

        CleaningCrm(Exception failure) {
            this.failure = failure;
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public SettingsSpec settings() {
            return SettingsSpec.of();
        }

        @Override
        public void disconnect(ConnectionContext connection) throws RemoteSystemException {
            calls.add("disconnect " + connection.id());
            if (failure instanceof RemoteSystemException remote) {
                throw remote;
            }
            if (failure instanceof RuntimeException unexpected) {
                throw unexpected;
            }
        }
    }
}
