package dev.liaison.profile.messaging;

import dev.liaison.platform.metrics.PipelineMetrics;
import dev.liaison.platform.outbox.OutboxStore;
import dev.liaison.platform.secrets.SecretSettings;
import dev.liaison.platform.testing.TestDatabase;
import dev.liaison.platform.workspace.WorkspaceContext;
import dev.liaison.profile.compliance.RestrictionStore;
import dev.liaison.profile.compliance.SubjectHashes;
import dev.liaison.profile.consent.ConsentRefusals;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/** A migrated database with one connection, the messaging stores, and a consent gate driven by the test. */
final class MessagingFixture {

    static final String WORKSPACE = WorkspaceContext.DEFAULT;

    final TestDatabase database = TestDatabase.migrated();
    final String connectionId = UUID.randomUUID().toString();
    final Set<String> grants = new HashSet<>();
    final List<String> refusals = new ArrayList<>();
    final OutboxStore outbox = new OutboxStore(database);
    final MessageLogStore log = new MessageLogStore(database);
    final SuppressionStore suppressions = new SuppressionStore(database);
    final SubjectHashes hashes;
    final MessagingSettings settings = new MessagingSettings(LocalTime.of(21, 0), LocalTime.of(9, 0),
            ZoneId.of("Europe/Moscow"), false, 2, Duration.ofHours(24), Duration.ofMinutes(2));
    final MessageGate gate;

    MessagingFixture() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        hashes = new SubjectHashes(database, new SecretSettings("test:" + Base64.getEncoder().encodeToString(key),
                " ", "data"), Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        ConsentRefusals recorded = new ConsentRefusals() {
            @Override
            public void record(String profileId, String purpose, String channel, String reason) {
                refusals.add(purpose + "/" + channel + ": " + reason);
            }
        };
        ConsentGate consent = new ConsentGate() {
            @Override
            public Verdict check(String profileId, String purpose, String channel) {
                if (grants.contains(profileId + "/" + purpose + "/" + channel)) {
                    return new Verdict(true, "granted");
                }
                recorded.record(profileId, purpose, channel, "no consent recorded for " + purpose + " by " + channel);
                return new Verdict(false, "no consent recorded for " + purpose + " by " + channel);
            }
        };
        gate = new MessageGate(database, consent, recorded, new RestrictionStore(database), suppressions, log, hashes,
                settings, PipelineMetrics.NONE);
        sql("insert into connection (id, workspace_id, kind, name, settings, status, created_at, version) values "
                + "(?, 'default', 'smsc', 'n', 'x', 'ACTIVE', current_timestamp, 0)", connectionId);
    }

    String person(String phone, String email) throws Exception {
        String id = UUID.randomUUID().toString();
        sql("insert into profile (id, workspace_id, status, created_at, updated_at, version) values "
                + "(?, 'default', 'ACTIVE', current_timestamp, current_timestamp, 0)", id);
        if (phone != null) {
            sql("insert into profile_identity (workspace_id, profile_id, kind, identity_value, source_system, "
                    + "created_at) values ('default', ?, 'PHONE', ?, 'test', current_timestamp)", id, phone);
        }
        if (email != null) {
            sql("insert into profile_identity (workspace_id, profile_id, kind, identity_value, source_system, "
                    + "created_at) values ('default', ?, 'EMAIL', ?, 'test', current_timestamp)", id, email);
        }
        return id;
    }

    void attribute(String profileId, String name, String value) throws Exception {
        sql("insert into profile_attribute (workspace_id, profile_id, name, attribute_value, source_system, "
                + "source_time, recorded_at) values ('default', ?, ?, ?, 'test', current_timestamp, "
                + "current_timestamp)", profileId, name, value);
    }

    void sql(String statement, Object... parameters) throws Exception {
        try (Connection connection = database.getConnection();
             PreparedStatement prepared = connection.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                prepared.setObject(i + 1, parameters[i]);
            }
            prepared.executeUpdate();
        }
    }

    <T> T inWorkspace(Supplier<T> work) {
        return WorkspaceContext.call(WORKSPACE, work);
    }

    /** Enqueues like Messages does, without the CDI event. */
    long enqueue(String key, MessageRequest request, Instant now) {
        long id = outbox.enqueue(WORKSPACE, connectionId, key, MessageRequest.TYPE, request.toJson(), now);
        WorkspaceContext.run(WORKSPACE, () -> log.queued(connectionId, key, id, request, now));
        return id;
    }
}
