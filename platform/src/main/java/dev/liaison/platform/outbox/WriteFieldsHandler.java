package dev.liaison.platform.outbox;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.RecordWriter;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.platform.registry.ConnectorRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Carries out {@code WRITE_CRM_FIELDS}: the connection's connector sets fields of a CRM record. */
@ApplicationScoped
public class WriteFieldsHandler implements OutboxActionHandler {

    private final ConnectorRegistry connectors;

    @Inject
    public WriteFieldsHandler(ConnectorRegistry connectors) {
        this.connectors = connectors;
    }

    /** For the CDI client proxy only. */
    protected WriteFieldsHandler() {
        this(null);
    }

    @Override
    public Set<String> types() {
        return Set.of(WriteFieldsAction.TYPE);
    }

    /** The result names the fields, never their values: a scenario may write personal data. */
    @Override
    public Handled handle(OutboxAction action, ConnectionContext connection) {
        RecordWriter writer = connectors.find(connection.kind(), RecordWriter.class)
                .orElseThrow(() -> new ActionFailed(action, false, "connector '" + connection.kind()
                        + "' cannot write CRM fields", Duration.ZERO, null));
        WriteFieldsAction write;
        try {
            write = WriteFieldsAction.fromJson(action.payload());
        } catch (RuntimeException unreadable) {
            throw new ActionFailed(action, false, "the write payload is unreadable", Duration.ZERO, unreadable);
        }
        try {
            writer.updateFields(connection, write.entity(), write.recordId(), write.fields());
            return new Handled.Done(write.entity().name().toLowerCase(Locale.ROOT) + " " + write.recordId() + ": "
                    + String.join(", ", new TreeSet<>(write.fields().keySet())) + " updated");
        } catch (RemoteSystemException e) {
            throw ActionFailed.remote(action, e);
        }
    }
}
