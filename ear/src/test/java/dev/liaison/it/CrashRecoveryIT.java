package dev.liaison.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the real server with SIGKILL after it acknowledged webhooks, restarts it on the same database, and checks
 * that every acknowledged event is processed exactly once. Runs the packaged server (target/server), not Arquillian,
 * because the test needs to own the process.
 */
class CrashRecoveryIT {

    private static final String SECRET = "crash-test-secret";

    @TempDir
    Path dataDir;

    private LiaisonServer server;

    @BeforeEach
    void prepare() {
        server = new LiaisonServer(Path.of(System.getProperty("liaison.server.home")), dataDir);
    }

    @AfterEach
    void stop() {
        server.kill();
    }

    @Test
    void anEventAcknowledgedBeforeAKillIsProcessedOnceAfterRestart() {
        LiaisonClient client = server.start(false);
        String connectionId = client.createWebhookConnection(SECRET);
        String event = LiaisonClient.contactEvent("evt-" + UUID.randomUUID(), "42");
        assertThat(client.deliver(connectionId, SECRET, event).status()).isEqualTo(202);
        assertThat(client.inbox(connectionId).getInt("pending")).isEqualTo(1);

        server.kill();
        client = server.start(true);

        LiaisonClient restarted = client;
        await().atMost(Duration.ofSeconds(30)).until(() -> restarted.inbox(connectionId).getInt("done") == 1);
        assertThat(client.deliver(connectionId, SECRET, event).json().getString("status")).isEqualTo("duplicate");
        assertThat(client.inbox(connectionId).getInt("eventsRecorded")).isEqualTo(1);
    }

    @Test
    void aKillInTheMiddleOfProcessingLosesAndRepeatsNothing() {
        LiaisonClient client = server.start(true);
        String connectionId = client.createWebhookConnection(SECRET);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            events.add(LiaisonClient.contactEvent("evt-" + i, Integer.toString(i)));
        }
        for (String event : events) {
            assertThat(client.deliver(connectionId, SECRET, event).status()).isEqualTo(202);
        }

        server.kill();
        client = server.start(true);
        for (String event : events.subList(0, 50)) {
            assertThat(client.deliver(connectionId, SECRET, event).json().getString("status")).isEqualTo("duplicate");
        }

        LiaisonClient restarted = client;
        await().atMost(Duration.ofSeconds(60)).until(() -> restarted.inbox(connectionId).getInt("done") == 200);
        assertThat(client.inbox(connectionId).getInt("eventsRecorded")).isEqualTo(200);
        assertThat(client.inbox(connectionId).getInt("dead")).isZero();
    }
}
