package dev.liaison.profile.compliance;

import dev.liaison.connector.api.Capability;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SubjectEraser;
import dev.liaison.connector.api.SubjectIdentifiers;
import dev.liaison.platform.secrets.SecretSettings;
import dev.liaison.platform.testing.TestDatabase;
import dev.liaison.platform.workspace.WorkspaceContext;
import dev.liaison.profile.timeline.TimelineStore;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** The compliance services wired by hand over a migrated test database, with fake connected systems and a clock. */
final class ComplianceFixture {

    static final String WORKSPACE = WorkspaceContext.DEFAULT;

    final TestDatabase database = TestDatabase.migrated();
    final MovableClock clock = new MovableClock(Instant.parse("2026-01-30T09:00:00Z"));
    final FakeSystems systems = new FakeSystems();
    final List<String> audit = new ArrayList<>();
    final SecretSettings secrets;
    final ComplianceSettings settings = new ComplianceSettings(" ", "Europe/Moscow", "UTC", Duration.ofDays(3),
            Duration.ofSeconds(30), Duration.ofHours(1), 3, "RU");
    final SubjectDataStore data = new SubjectDataStore(database);
    final SubjectHashes hashes;
    final TombstoneStore tombstones;
    final DsrStore store = new DsrStore(database);
    final ComplianceService service;
    final RequestExecution execution;

    ComplianceFixture() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        secrets = new SecretSettings("test:" + Base64.getEncoder().encodeToString(key), " ", "data");
        hashes = new SubjectHashes(database, secrets, clock);
        tombstones = new TombstoneStore(database, hashes, clock);
        ComplianceAudit recorder = (action, requestId, outcome) -> audit.add(action + " " + outcome);
        TimelineStore timeline = new TimelineStore(database);
        service = new ComplianceService(store, hashes, new RestrictionStore(database),
                new ExportBundle(data, secrets, timeline), settings, secrets, recorder, new NoEvents<>(), clock);
        execution = new RequestExecution(store, data, tombstones, new LocalErasure(database, data, timeline),
                new RestrictionStore(database), new Rectification(database), null, null, settings, secrets,
                recorder, clock);
    }

    /** Runs in the default workspace and one transaction, like a request or a worker step in the server. */
    <T> T tx(java.util.function.Supplier<T> work) throws Exception {
        Object[] result = new Object[1];
        database.inTransaction(() -> result[0] = WorkspaceContext.call(WORKSPACE, work));
        @SuppressWarnings("unchecked")
        T typed = (T) result[0];
        return typed;
    }

    /** What the worker does: every due step, each in its own transaction, failures recorded in another. */
    void drain() throws Exception {
        boolean more = true;
        while (more) {
            try {
                Object[] attempted = new Object[1];
                database.inTransaction(() -> attempted[0] = execution.executeNextDue(systems));
                more = ((Optional<?>) attempted[0]).isPresent();
            } catch (RequestExecution.StepFailed failure) {
                database.inTransaction(() -> execution.recordFailure(failure));
            }
        }
    }

    void sql(String statement, Object... parameters) throws Exception {
        try (var connection = database.getConnection(); var prepared = connection.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                Object value = parameters[i];
                if (value instanceof Instant instant) {
                    prepared.setTimestamp(i + 1, java.sql.Timestamp.from(instant));
                } else if (value instanceof String text && text.startsWith("bytes:")) {
                    prepared.setBytes(i + 1, text.substring(6).getBytes(StandardCharsets.UTF_8));
                } else {
                    prepared.setObject(i + 1, value);
                }
            }
            prepared.executeUpdate();
        }
    }

    void connection(String id, String kind) throws Exception {
        sql("insert into connection (id, workspace_id, kind, name, settings, status, created_at, version) "
                + "values (?, 'default', ?, 'n', 'x', 'ACTIVE', current_timestamp, 0)", id, kind);
    }

    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** Connected systems whose erasers and exporters answer from a script, one answer per call. */
    static final class FakeSystems implements SubjectSystems {
        interface Answer {
            Object answer() throws RemoteSystemException;
        }

        final List<Target> targets = new ArrayList<>();
        final Map<String, Deque<Answer>> answers = new HashMap<>();
        final List<SubjectIdentifiers> seen = new ArrayList<>();

        void add(String connectionId, String kind, Set<Capability> capabilities, Answer... script) {
            targets.add(new Target(connectionId, kind, capabilities));
            answers.put(connectionId, new ArrayDeque<>(List.of(script)));
        }

        @Override
        public List<Target> targets() {
            return targets;
        }

        @Override
        public SubjectEraser.Outcome erase(String connectionId, SubjectIdentifiers subject)
                throws RemoteSystemException {
            seen.add(subject);
            return (SubjectEraser.Outcome) answers.get(connectionId).pop().answer();
        }

        @Override
        public String export(String connectionId, SubjectIdentifiers subject) throws RemoteSystemException {
            seen.add(subject);
            return (String) answers.get(connectionId).pop().answer();
        }
    }

    /** The worker's wake-up call is not under test here. */
    static final class NoEvents<T> implements Event<T> {
        @Override
        public void fire(T event) {
        }

        @Override
        public <U extends T> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends T> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<T> select(Annotation... qualifiers) {
            return this;
        }

        @Override
        public <U extends T> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends T> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }
}
