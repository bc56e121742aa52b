package dev.liaison.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario run asleep in a wait is a database row, not a timer in memory: the server is killed with SIGKILL while
 * the run waits, started again on the same database, and the wait ends once, sending exactly one message to the
 * real SMTP server.
 */
class ScenarioWaitRestartIT {

    private static final String SECRET = "wait-restart-secret";
    private static final String[] SERVER_OPTIONS = {
        "-Dliaison.mail.port=" + ScenarioJourneyIT.SMTP_PORT,
        "-Dliaison.messaging.quiet-hours.start=00:00", "-Dliaison.messaging.quiet-hours.end=00:00",
        "-Dliaison.scenarios.worker.poll-interval=PT0.5S"};

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(
            new ServerSetup(ScenarioJourneyIT.SMTP_PORT, "127.0.0.1", "smtp"))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @TempDir
    Path dataDir;

    private LiaisonServer server;
    private LiaisonClient client;
    private String scenario;

    @BeforeEach
    void prepare() {
        server = new LiaisonServer(Path.of(System.getProperty("liaison.server.home")), dataDir);
    }

    @AfterEach
    void stop() {
        if (scenario != null && client != null) {
            client.send("DELETE", "api/admin/scenarios/" + scenario, null, null);
        }
        server.kill();
    }

    @Test
    void aRunWaitingWhenTheServerIsKilledWakesAfterTheRestartAndSendsOnce() {
        client = server.start(true, SERVER_OPTIONS);
        String mailConnection = "wait-mail-" + UUID.randomUUID();
        client.createEmailConnection(mailConnection);
        scenario = client.saveWaitThenThankScenario(mailConnection, Duration.ofSeconds(8));
        String profileId = client.personWithNewsletterConsent(SECRET);
        assertThat(runs(client, profileId)).singleElement()
                .satisfies(run -> assertThat(run.getString("status")).isEqualTo("WAITING"));

        server.kill();
        assertThat(SMTP.getReceivedMessages()).isEmpty();
        client = server.start(true, SERVER_OPTIONS);

        LiaisonClient restarted = client;
        await().atMost(Duration.ofSeconds(60)).until(() -> "COMPLETED".equals(runs(restarted, profileId).get(0)
                .getString("status")));
        await().atMost(Duration.ofSeconds(30)).until(() -> SMTP.getReceivedMessages().length == 1);
        List<JsonObject> trace = restarted.get("api/profiles/" + profileId + "/scenarios").json()
                .getJsonArray("trace").getValuesAs(JsonObject.class);
        assertThat(trace).filteredOn(entry -> "wait".equals(entry.getString("stepKind"))
                && "DONE".equals(entry.getString("outcome"))).hasSize(1);
        assertThat(trace).filteredOn(entry -> "send".equals(entry.getString("stepKind"))).singleElement()
                .satisfies(entry -> assertThat(entry.getString("outcome")).isEqualTo("DONE"));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> SMTP.getReceivedMessages().length == 1);
    }

    private static List<JsonObject> runs(LiaisonClient client, String profileId) {
        return client.get("api/profiles/" + profileId + "/scenarios").json().getJsonArray("runs")
                .getValuesAs(JsonObject.class);
    }
}
