package dev.liaison.profile.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liaison.platform.metrics.PipelineMetrics;
import dev.liaison.platform.outbox.OutboxStore;
import dev.liaison.platform.secrets.SecretSettings;
import dev.liaison.platform.testing.TestDatabase;
import dev.liaison.platform.workspace.WorkspaceContext;
import dev.liaison.profile.compliance.RestrictionStore;
import dev.liaison.profile.compliance.SubjectHashes;
import dev.liaison.profile.consent.ConsentRefusals;
import dev.liaison.profile.identity.Identity;
import dev.liaison.profile.identity.IdentityKind;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The message log, the suppression list and the gate against two workspaces: run in one, each read sees and each
 * write touches that workspace's rows only, because WorkspaceJdbc binds the workspace into every statement. The
 * log's connection-keyed calls are isolated by the connection, which belongs to one workspace.
 */
class WorkspaceIsolationTest {

    private static final String ONE = "one";
    private static final String TWO = "two";
    private static final Instant NOON_MSK = Instant.parse("2026-11-23T09:00:00Z");
    private static final String PHONE = "+79031234567";
    private static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Moscow");

    private final TestDatabase database = TestDatabase.migrated();
    private final OutboxStore outbox = new OutboxStore(database);
    private final MessageLogStore log = new MessageLogStore(database);
    private final SuppressionStore suppressions = new SuppressionStore(database);
    private final SubjectHashes hashes = new SubjectHashes(database, secrets(), Clock.fixed(NOON_MSK, ZoneOffset.UTC));
    private final MessageGate gate = new MessageGate(database, null, new ConsentRefusals() {
        @Override
        public void record(String profileId, String purpose, String channel, String reason) {
        }
    }, new RestrictionStore(database), suppressions, log, hashes, new MessagingSettings(LocalTime.of(21, 0),
            LocalTime.of(9, 0), DEFAULT_ZONE, false, 2, Duration.ofHours(24), Duration.ofMinutes(2)),
            PipelineMetrics.NONE);

    @BeforeEach
    void bothWorkspacesHaveAPersonWithTheSamePhone() throws Exception {
        for (String workspace : List.of(ONE, TWO)) {
            sql("insert into workspace (id, name, created_at) values (?, ?, current_timestamp)", workspace, workspace);
            sql("insert into connection (id, workspace_id, kind, name, settings, status, created_at, version) "
                    + "values (?, ?, 'smsc', 'n', 'x', 'ACTIVE', current_timestamp, 0)", connection(workspace),
                    workspace);
            sql("insert into profile (id, workspace_id, status, created_at, updated_at, version) "
                    + "values (?, ?, 'ACTIVE', current_timestamp, current_timestamp, 0)", profile(workspace), workspace);
            sql("insert into profile_identity (workspace_id, profile_id, kind, identity_value, source_system, "
                    + "created_at) values (?, ?, 'PHONE', ?, 'test', current_timestamp)", workspace, profile(workspace),
                    PHONE);
        }
        sql("insert into profile_attribute (workspace_id, profile_id, name, attribute_value, source_system, "
                + "source_time, recorded_at) values ('one', 'p-one', 'timezone', 'Asia/Vladivostok', 'test', "
                + "current_timestamp, current_timestamp)");
    }

    @Test
    void theLogOfAPersonIsReadCountedAndErasedInItsWorkspace() {
        for (String workspace : List.of(ONE, TWO)) {
            MessageRequest request = new MessageRequest(profile(workspace), "marketing_sms", "sms", null, null, "hi",
                    null);
            long id = outbox.enqueue(workspace, connection(workspace), "k", MessageRequest.TYPE, request.toJson(),
                    NOON_MSK);
            WorkspaceContext.run(workspace, () -> log.queued(connection(workspace), "k", id, request, NOON_MSK));
            log.sending(connection(workspace), "k", "h", NOON_MSK);
        }
        List<String> both = List.of("p-one", "p-two");

        assertThat(log.find(connection(TWO), "k").orElseThrow().workspaceId()).isEqualTo(TWO);
        assertThat(in(ONE, () -> log.consentBasedSince(both, NOON_MSK.minusSeconds(60)))).isEqualTo(1);
        assertThat(in(ONE, () -> log.consentBasedSince(List.of("p-two"), NOON_MSK.minusSeconds(60)))).isZero();
        assertThat(in(TWO, () -> log.consentBasedSince(both, NOON_MSK.minusSeconds(60)))).isEqualTo(1);
    }

    @Test
    void aSuppressionHoldsInTheWorkspaceThatRecordedIt() {
        WorkspaceContext.run(ONE, () -> suppressions.suppress("sms", "h", "smsru:209", NOON_MSK));

        assertThat(in(ONE, () -> suppressions.suppressed("sms", "h"))).isTrue();
        assertThat(in(TWO, () -> suppressions.suppressed("sms", "h"))).isFalse();
        WorkspaceContext.run(TWO, () -> suppressions.suppress("sms", "h", "smsru:209", NOON_MSK));
        assertThat(in(TWO, () -> suppressions.suppressed("sms", "h"))).isTrue();
    }

    @Test
    void theGateKnowsOnlyTheWorkspacesPeopleAndTheirAddressesAndZones() {
        MessageRequest toOne = new MessageRequest("p-one", MessageRequest.SERVICE, "sms", null, null, "hi", null);

        assertThat(in(TWO, () -> gate.decide(toOne, NOON_MSK))).isInstanceOfSatisfying(GateDecision.Refuse.class,
                refuse -> assertThat(refuse.reason()).contains("erased or is unknown"));
        assertThat(in(ONE, () -> gate.decide(toOne, NOON_MSK))).isInstanceOf(GateDecision.Send.class);
        assertThat(in(TWO, () -> gate.zone("p-one"))).isEqualTo(DEFAULT_ZONE);
        assertThat(in(ONE, () -> gate.zone("p-one"))).isEqualTo(ZoneId.of("Asia/Vladivostok"));

        String onesHash = in(ONE, () -> hashes.hash(new Identity(IdentityKind.PHONE, PHONE)));
        WorkspaceContext.run(TWO, () -> gate.suppress("sms", onesHash, "smsru:209", NOON_MSK));
        assertThat(in(ONE, () -> gate.decide(toOne, NOON_MSK))).as("two's suppression is not one's")
                .isInstanceOf(GateDecision.Send.class);
    }

    @Test
    void aThreadBoundToNoWorkspaceOrToAllOfThemReachesNothing() {
        assertThatThrownBy(() -> suppressions.suppressed("sms", "h")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> in(WorkspaceContext.ALL, () -> log.consentBasedSince(List.of("p-one"), NOON_MSK)))
                .isInstanceOf(IllegalStateException.class);
    }

    private static <T> T in(String workspace, Supplier<T> work) {
        return WorkspaceContext.call(workspace, work);
    }

    private static String profile(String workspace) {
        return "p-" + workspace;
    }

    private static String connection(String workspace) {
        return "c-" + workspace;
    }

    private static SecretSettings secrets() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new SecretSettings("test:" + Base64.getEncoder().encodeToString(key), " ", "data");
    }

    private void sql(String statement, Object... parameters) throws Exception {
        try (Connection connection = database.getConnection();
             PreparedStatement prepared = connection.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                prepared.setObject(i + 1, parameters[i]);
            }
            prepared.executeUpdate();
        }
    }
}
