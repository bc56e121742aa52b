package dev.liaison.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Prometheus endpoint on the management interface, as an operator's Prometheus scrapes it, and the request id a
 * sender gets back from a webhook.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetricsIT {

    private static final String SECRET = "it-metrics-secret";
    /** What one delivery, one forgery and one dead entry make appear; each family must say what it means. */
    private static final List<String> FAMILIES = List.of("liaison_webhooks_accepted_total",
            "liaison_webhooks_rejected_total", "liaison_inbox_processed_total", "liaison_inbox_failures_total",
            "liaison_inbox_backlog", "liaison_inbox_oldest_due_age_seconds", "liaison_inbox_dead",
            "liaison_outbox_backlog", "liaison_outbox_lag_seconds", "liaison_outbox_dead", "liaison_dsr_overdue",
            "liaison_dsr_due_soon");

    @Deployment(testable = false)
    static EnterpriseArchive liaison() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("liaison.ear")));
    }

    @ArquillianResource
    URL deploymentUrl;

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI prometheus = URI.create("http://127.0.0.1:"
            + System.getProperty("liaison.it.management-port", "9990") + "/prometheus");
    private LiaisonClient client;
    private String connectionId;

    @BeforeEach
    void connect() throws Exception {
        URL root = new URL(deploymentUrl.getProtocol(), deploymentUrl.getHost(), deploymentUrl.getPort(), "/");
        client = new LiaisonClient(root.toURI());
        connectionId = client.createWebhookConnection(SECRET);
    }

    @AfterEach
    void resume() {
        client.postJson("api/admin/inbox/resume", "");
    }

    @Test
    void everyMetricIsListedWithItsHelpText() {
        assertThat(client.deliver(connectionId, SECRET, LiaisonClient.contactEvent("evt-" + UUID.randomUUID(), "7"))
                .status()).isEqualTo(202);
        assertThat(client.deliver(connectionId, "not-the-secret", LiaisonClient.contactEvent("evt-forged", "7"))
                .status()).isEqualTo(401);
        String unknownPurpose = "{\"id\":\"evt-purpose\",\"type\":\"consent.changed\",\"occurredAt\":"
                + "\"2026-11-23T09:00:00Z\",\"data\":{\"id\":\"c-1\",\"contactId\":\"1\",\"purpose\":"
                + "\"planet_exploded\",\"channel\":\"email\",\"granted\":true}}";
        assertThat(client.deliver(connectionId, SECRET, unknownPurpose).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> client.inbox(connectionId).getInt("dead") == 1
                && client.inbox(connectionId).getInt("done") == 1);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String scrape = scrape();
            for (String family : FAMILIES) {
                assertThat(scrape).as(family).containsPattern("(?m)^# HELP " + family + " \\S.*$");
            }
            assertThat(value(scrape, "liaison_webhooks_rejected_total", "reason=\"verification\"")).isEqualTo(1.0);
            assertThat(value(scrape, "liaison_inbox_dead", "")).isEqualTo(1.0);
        });
    }

    @Test
    void theBacklogGrowsWhileProcessingIsPausedAndDrainsOnceResumed() {
        assertThat(client.postJson("api/admin/inbox/pause", "").status()).isEqualTo(204);
        for (int i = 0; i < 3; i++) {
            assertThat(client.deliver(connectionId, SECRET, LiaisonClient.contactEvent("evt-" + UUID.randomUUID(),
                    String.valueOf(i))).status()).isEqualTo(202);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> value(scrape(), "liaison_inbox_backlog", "") == 3.0);
        assertThat(client.inbox(connectionId).getInt("pending")).as("nothing processed while paused").isEqualTo(3);

        assertThat(client.postJson("api/admin/inbox/resume", "").status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> value(scrape(), "liaison_inbox_backlog", "") == 0.0);
        assertThat(client.inbox(connectionId).getInt("done")).isEqualTo(3);
    }

    @Test
    void aWellFormedRequestIdIsKeptWithTheEntryAndAnotherIsReplaced() {
        String requestId = "it-" + UUID.randomUUID();
        HttpResponse<String> kept = client.deliver(connectionId, SECRET,
                LiaisonClient.contactEvent("evt-" + UUID.randomUUID(), "8"), requestId);
        HttpResponse<String> replaced = client.deliver(connectionId, SECRET,
                LiaisonClient.contactEvent("evt-" + UUID.randomUUID(), "9"), "not well formed;<script>");

        assertThat(kept.headers().firstValue("X-Request-Id")).contains(requestId);
        String generated = replaced.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(generated).matches("[A-Za-z0-9-]{1,64}").doesNotContain("script");
        JsonObject newest = client.get("api/admin/connections/" + connectionId + "/inbox").jsonArray()
                .getJsonObject(0);
        assertThat(newest.getString("requestId")).isEqualTo(generated);
        assertThat(client.get("api/admin/connections/" + connectionId + "/inbox").jsonArray().getJsonObject(1)
                .getString("requestId")).isEqualTo(requestId);
    }

    private String scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(prometheus).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The sample of {@code family} for this test's connection (and {@code label} too, when given); NaN if none. */
    private double value(String scrape, String family, String label) {
        Matcher sample = Pattern.compile("(?m)^" + family + "\\{([^}]*)\\} (\\S+)$").matcher(scrape);
        while (sample.find()) {
            if (sample.group(1).contains("connection=\"" + connectionId + "\"") && sample.group(1).contains(label)) {
                return Double.parseDouble(sample.group(2));
            }
        }
        return Double.NaN;
    }
}
