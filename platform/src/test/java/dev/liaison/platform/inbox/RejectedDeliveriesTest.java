package dev.liaison.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liaison.platform.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RejectedDeliveriesTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private RejectedDeliveries rejected;
    private String connectionId;
    private String otherConnectionId;

    @BeforeEach
    void migrate() throws Exception {
        TestDatabase database = TestDatabase.migrated();
        rejected = new RejectedDeliveries(database);
        connectionId = "conn-" + System.nanoTime();
        otherConnectionId = connectionId + "-other";
        try (Connection connection = database.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into connection (id, workspace_id, kind, "
                     + "name, settings, status, created_at, version) values (?, 'default', 'webhook', ?, '{}', "
                     + "'ACTIVE', current_timestamp, 0)")) {
            for (String id : new String[] {connectionId, otherConnectionId}) {
                insert.setString(1, id);
                insert.setString(2, id);
                insert.executeUpdate();
            }
        }
    }

    @Test
    void refusalsAreCountedPerConnectionAndReasonWithTheLatestTime() {
        rejected.record("default", connectionId, "bad-signature", T0);
        rejected.record("default", connectionId, "bad-signature", T0.plusSeconds(60));
        rejected.record("default", connectionId, "bad-signature", T0.plusSeconds(30));
        rejected.record("default", connectionId, "malformed-body", T0);
        rejected.record("default", otherConnectionId, "stale-timestamp", T0);

        assertThat(rejected.of(connectionId)).containsExactly(
                Map.entry("bad-signature", new RejectedDeliveries.Count(3, T0.plusSeconds(60))),
                Map.entry("malformed-body", new RejectedDeliveries.Count(1, T0)));
        assertThat(rejected.of(otherConnectionId)).containsOnlyKeys("stale-timestamp");
        assertThat(rejected.of("no-such-connection")).isEmpty();
    }
}
