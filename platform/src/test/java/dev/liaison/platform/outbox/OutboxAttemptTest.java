package dev.liaison.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.Connector;
import dev.liaison.connector.api.RecordWriter;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SettingsSpec;
import dev.liaison.platform.connection.ConnectionDirectory;
import dev.liaison.platform.registry.ConnectorRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * An outbox attempt's dispatch to the handler of the action's type, and the WRITE_CRM_FIELDS handler, with the store,
 * directory and registry replaced by fakes.
 */
class OutboxAttemptTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final ConnectionContext CRM = new ConnectionContext("crm-1", "default", "crm", Map.of());
    private static final WriteFieldsAction TIER = new WriteFieldsAction(RecordWriter.Entity.CONTACT, "C_89",
            Map.of("UF_CRM_TIER", "gold", "UF_CRM_POINTS", "1200"));

    private final DueOnce outbox = new DueOnce();
    private final WritingCrm crm = new WritingCrm();

    @Test
    void aFieldWriteGoesToTheConnectorsRecordWriterAndIsDoneWithoutTheValues() {
        outbox.due(WriteFieldsAction.TYPE, TIER.toJson());

        assertThat(attempt(crm).executeNextDue()).hasValueSatisfying(claimed ->
                assertThat(claimed).isInstanceOf(Claimed.Settled.class));

        assertThat(crm.writes).containsExactly("crm-1 CONTACT C_89 {UF_CRM_POINTS=1200, UF_CRM_TIER=gold}");
        assertThat(outbox.result).isEqualTo("contact C_89: UF_CRM_POINTS, UF_CRM_TIER updated");
    }

    @Test
    void aRetryableFailureKeepsTheRemoteSystemsHint() {
        outbox.due(WriteFieldsAction.TYPE, TIER.toJson());
        crm.failure = RemoteSystemException.retryable("HTTP 429 from PATCH /api/v4/contacts/89",
                Duration.ofSeconds(60));

        assertThatThrownBy(() -> attempt(crm).executeNextDue()).isInstanceOfSatisfying(ActionFailed.class, failed -> {
            assertThat(failed.retryable).isTrue();
            assertThat(failed.notBefore).isEqualTo(Duration.ofSeconds(60));
            assertThat(failed).hasMessage("HTTP 429 from PATCH /api/v4/contacts/89");
        });
        assertThat(outbox.result).isNull();
    }

    @Test
    void aPermanentFailureIsNotRetried() {
        outbox.due(WriteFieldsAction.TYPE, TIER.toJson());
        crm.failure = RemoteSystemException.permanent("HTTP 400 from crm.contact.update: no error code");

        assertThatThrownBy(() -> attempt(crm).executeNextDue()).isInstanceOfSatisfying(ActionFailed.class, failed -> {
            assertThat(failed.retryable).isFalse();
            assertThat(failed.notBefore).isZero();
        });
    }

    @Test
    void aConnectorThatCannotWriteFieldsOrAnUnreadablePayloadFailsForGood() {
        Connector readOnly = new Connector() {
            @Override
            public String kind() {
                return "crm";
            }

            @Override
            public SettingsSpec settings() {
                return SettingsSpec.of();
            }
        };
        outbox.due(WriteFieldsAction.TYPE, TIER.toJson());
        assertThatThrownBy(() -> attempt(readOnly).executeNextDue()).isInstanceOfSatisfying(ActionFailed.class,
                failed -> {
                    assertThat(failed.retryable).isFalse();
                    assertThat(failed).hasMessage("connector 'crm' cannot write CRM fields");
                });

        outbox.due(WriteFieldsAction.TYPE, "{\"entity\":\"INVOICE\",\"recordId\":\"1\",\"fields\":{}}");
        assertThatThrownBy(() -> attempt(crm).executeNextDue()).isInstanceOfSatisfying(ActionFailed.class,
                failed -> assertThat(failed.retryable).isFalse());
        assertThat(crm.writes).isEmpty();
    }

    @Test
    void anActionOfATypeNoHandlerTakesFailsForGood() {
        outbox.due("SEND_PIGEON", "{}");

        assertThatThrownBy(() -> attempt(crm).executeNextDue()).isInstanceOfSatisfying(ActionFailed.class, failed -> {
            assertThat(failed.retryable).isFalse();
            assertThat(failed).hasMessage("unknown action type SEND_PIGEON");
        });
        assertThat(outbox.result).isNull();
    }

    @Test
    void aCallThatMustNotBeRepeatedIsLeftForAfterTheCommitAndNotMarkedDone() {
        List<String> calls = new ArrayList<>();
        OutboxActionHandler pigeons = new OutboxActionHandler() {
            @Override
            public Set<String> types() {
                return Set.of("SEND_PIGEON");
            }

            @Override
            public Handled handle(OutboxAction action, ConnectionContext connection) {
                return new Handled.CallAfterCommit(() -> {
                    calls.add("call " + action.id());
                    return () -> calls.add("settle " + action.id());
                });
            }
        };
        outbox.due("SEND_PIGEON", "{}");

        Optional<Claimed> claimed = attempt(List.of(pigeons)).executeNextDue();

        assertThat(claimed).get().isInstanceOf(Claimed.ToCall.class);
        assertThat(outbox.result).isNull();
        assertThat(calls).isEmpty();
        attempt(List.of(pigeons)).settle(((Claimed.ToCall) claimed.get()).call().call());
        assertThat(calls).containsExactly("call 7", "settle 7");
    }

    @Test
    void aFailureIsStoredAndToldToItsHandlerWithoutTheAddressesItQuotes() {
        List<String> told = new ArrayList<>();
        OutboxActionHandler remembering = new WriteFieldsHandler(null) {
            @Override
            public void failed(OutboxAction action, String reason, boolean retrying, Instant now) {
                told.add(action.id() + " " + retrying + " " + reason);
            }
        };
        outbox.due(WriteFieldsAction.TYPE, "{}");
        OutboxAction action = outbox.claimDue(NOW).orElseThrow();

        attempt(List.of(remembering)).recordFailure(new ActionFailed(action, false,
                "550 <anna@example.com> unknown", Duration.ZERO, null));

        assertThat(outbox.error).isEqualTo("550 <a***@example.com> unknown");
        assertThat(told).containsExactly("7 false 550 <a***@example.com> unknown");
    }

    @Test
    void twoHandlersCannotShareAType() {
        WriteFieldsHandler one = new WriteFieldsHandler(null);
        WriteFieldsHandler other = new WriteFieldsHandler(null);

        assertThatThrownBy(() -> attempt(List.of(one, other))).isInstanceOf(IllegalStateException.class)
                .hasMessage("Two outbox action handlers claim type 'WRITE_CRM_FIELDS'");
    }

    private OutboxAttempt attempt(Connector connector) {
        ConnectorRegistry registry = new ConnectorRegistry(null) {
            @Override
            public Optional<Connector> find(String kind) {
                return Optional.of(connector).filter(found -> found.kind().equals(kind));
            }
        };
        return attempt(List.of(new RouteTicketHandler(registry), new WriteFieldsHandler(registry)));
    }

    private OutboxAttempt attempt(List<OutboxActionHandler> handlers) {
        ConnectionDirectory directory = new ConnectionDirectory(null, null, null) {
            @Override
            public Optional<ConnectionContext> active(String connectionId) {
                return Optional.of(CRM).filter(connection -> connection.id().equals(connectionId));
            }
        };
        return new OutboxAttempt(outbox, directory, handlers, null, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** An outbox holding one due action, claimed once. */
    private static final class DueOnce extends OutboxStore {

        private OutboxAction due;
        private String result;
        private String error;

        DueOnce() {
            super(null);
        }

        void due(String type, String payload) {
            due = new OutboxAction(7, "default", CRM.id(), "scenario:tier:C_89", type, payload, "PENDING", 0, NOW,
                    null, null, NOW, null, null);
        }

        @Override
        public Optional<OutboxAction> claimDue(Instant now) {
            Optional<OutboxAction> claimed = Optional.ofNullable(due);
            due = null;
            return claimed;
        }

        @Override
        public void markDone(long id, String result, Instant now) {
            this.result = result;
        }

        @Override
        public void recordFailure(long id, String error, Optional<Instant> retryAt, Instant now) {
            this.error = error;
        }
    }

    private static final class WritingCrm implements Connector, RecordWriter {

        private final List<String> writes = new ArrayList<>();
        private RemoteSystemException failure;

        @Override
        public String kind() {
            return "crm";
        }

        @Override
        public SettingsSpec settings() {
            return SettingsSpec.of();
        }

        @Override
        public void updateFields(ConnectionContext connection, Entity entity, String recordId,
                                 Map<String, String> fields) throws RemoteSystemException {
            if (failure != null) {
                throw failure;
            }
            writes.add(connection.id() + " " + entity + " " + recordId + " " + new TreeMap<>(fields));
        }
    }
}
