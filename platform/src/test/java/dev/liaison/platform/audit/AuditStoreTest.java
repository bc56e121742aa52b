package dev.liaison.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.liaison.platform.account.UserAccountStore;
import dev.liaison.platform.testing.TestDatabase;
import dev.liaison.platform.workspace.WorkspaceDirectory;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditStoreTest {

    private final TestDatabase database = TestDatabase.migrated();
    private final AuditStore trail = new AuditStore(database);
    private final Instant now = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void recentActionsComeNewestFirstAndOnlyForTheirWorkspace() {
        new WorkspaceDirectory(database).register("acme", now);
        trail.record(new AuditEvent("default", now, "admin", "connection.create", "c-1",
                AuditEvent.outcomeOf(201), 201, null));
        trail.record(new AuditEvent("default", now.plusSeconds(5), "officer", "consent.record", "p-1",
                AuditEvent.outcomeOf(422), 422, null));
        trail.record(new AuditEvent("acme", now, "other", "connection.create", "c-2",
                AuditEvent.outcomeOf(500), 500, null));

        assertThat(trail.recent("default", null, 10))
                .extracting(AuditEvent::action, AuditEvent::outcome)
                .containsExactly(
                        tuple("consent.record", AuditEvent.Outcome.REFUSED),
                        tuple("connection.create", AuditEvent.Outcome.SUCCEEDED));
        assertThat(trail.recent("acme", null, 10)).singleElement()
                .extracting(AuditEvent::outcome).isEqualTo(AuditEvent.Outcome.FAILED);
        assertThat(trail.recent("default", now.plusSeconds(1), 10)).hasSize(1);
    }

    @Test
    void aUserIsCreatedOnceWithItsRoles() {
        UserAccountStore accounts = new UserAccountStore(database);

        boolean created = accounts.createIfAbsent("admin", "$2a$10$hash", "default",
                Set.of("crm-admin", "support-agent"), now);
        boolean again = accounts.createIfAbsent("admin", "$2a$10$other", "default", Set.of("crm-admin"), now);

        assertThat(created).isTrue();
        assertThat(again).isFalse();
        assertThat(accounts.exists("admin")).isTrue();
        assertThat(accounts.exists("nobody")).isFalse();
        assertThat(accounts.workspaceOf("admin")).isEqualTo("default");
    }
}
