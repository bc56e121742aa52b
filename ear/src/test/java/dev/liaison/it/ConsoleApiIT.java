package dev.liaison.it;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liaison.connectors.testkit.SmscFake;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.UUID;
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
 * What the console's screens read, through the API, in the server: a person's messages with the reason for each
 * refusal and failure; a dead delivery's payload with the person masked, and the refused deliveries counted by
 * reason; a scenario step's trace with the outcome of the action it queued.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsoleApiIT {

    private static final String SECRET = "console-api-secret";

    @Deployment(testable = false)
    static EnterpriseArchive liaison() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("liaison.ear")));
    }

    @ArquillianResource
    URL deploymentUrl;

    private final WireMockServer smsc = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    private LiaisonClient admin;

    @BeforeEach
    void start() throws Exception {
        smsc.start();
        URI root = new URL(deploymentUrl.getProtocol(), deploymentUrl.getHost(), deploymentUrl.getPort(), "/").toURI();
        admin = new LiaisonClient(root);
    }

    @AfterEach
    void stop() {
        smsc.stop();
    }

    @Test
    void aPersonsMessagesSayWhyTheyWereRefusedOrFailed() {
        SmscFake.on(smsc).stubSend("{\"error\":\"invalid phone\",\"error_code\":7}");
        String smscConnection = smscConnection();
        String profileId = personWithPhone();

        String refused = message(smscConnection, profileId, "marketing_sms", "refused");
        String failed = message(smscConnection, profileId, "service", "failed");
        await().atMost(Duration.ofSeconds(30)).until(() -> status(refused).equals("REFUSED")
                && status(failed).equals("FAILED"));

        LiaisonClient.Reply answer = admin.postJson("api/admin/messages", refused);
        assertThat(answer.json().getString("reason")).isEqualTo("no consent recorded for marketing_sms by sms");
        LiaisonClient.Reply first = admin.get("api/profiles/" + profileId + "/messages?limit=1");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        JsonObject newest = first.json().getJsonArray("items").getJsonObject(0);
        assertThat(newest.getString("status")).isEqualTo("FAILED");
        assertThat(newest.getString("reason")).contains("invalid phone number format");
        assertThat(newest.getString("channel")).isEqualTo("sms");
        assertThat(newest.getString("connectionId")).isEqualTo(smscConnection);
        LiaisonClient.Reply second = admin.get(first.json().getString("next").substring(1));
        JsonObject older = second.json().getJsonArray("items").getJsonObject(0);
        assertThat(older.getString("status")).isEqualTo("REFUSED");
        assertThat(older.getString("reason")).isEqualTo("no consent recorded for marketing_sms by sms");
        assertThat(second.json().containsKey("next")).isFalse();
        assertThat(admin.get("api/profiles/" + profileId + "/messages?cursor=nonsense").status()).isEqualTo(400);
    }

    @Test
    void aDeadDeliveryIsShownMaskedAndRefusedOnesAreCountedByReason() {
        String hooks = admin.createWebhookConnection(SECRET);
        String contactId = UUID.randomUUID().toString();
        String contact = "{\"id\":\"evt-" + contactId + "\",\"type\":\"contact.upserted\",\"occurredAt\":"
                + "\"2026-11-23T09:00:00Z\",\"data\":{\"id\":\"" + contactId + "\",\"firstName\":\"Anna\","
                + "\"emails\":[\"anna-" + contactId + "@example.com\"],\"phones\":[\"+79161234567\"]}}";
        LiaisonClient.Reply stored = admin.deliver(hooks, SECRET, contact);
        assertThat(stored.status()).as(stored.body()).isEqualTo(202);
        assertThat(admin.deliver(hooks, "not-the-secret", "{\"id\":\"forged\"}").status()).isEqualTo(401);
        assertThat(admin.deliver(hooks, "not-the-secret", "{\"id\":\"forged-again\"}").status()).isEqualTo(401);
        assertThat(admin.deliver(hooks, SECRET, "{\"id\":\"e-1\",\"type\":\"contact.teleported\","
                + "\"occurredAt\":\"2026-11-23T09:00:00Z\",\"data\":{}}").status()).isEqualTo(400);

        JsonObject inbox = admin.inbox(hooks);
        assertThat(inbox.getJsonObject("rejected").getInt("bad-signature")).isEqualTo(2);
        assertThat(inbox.getJsonObject("rejected").getInt("unknown-event")).isEqualTo(1);
        assertThat(inbox.getString("lastRejectedAt")).isNotBlank();

        LiaisonClient.Reply list = admin.get("api/admin/connections/" + hooks + "/inbox");
        assertThat(list.jsonArray()).as("refused deliveries are not stored").hasSize(1);
        long entryId = list.jsonArray().getJsonObject(0).getJsonNumber("id").longValue();
        LiaisonClient.Reply entry = admin.get("api/admin/connections/" + hooks + "/inbox/" + entryId);
        assertThat(entry.status()).as(entry.body()).isEqualTo(200);
        assertThat(entry.json().getJsonObject("entry").getString("dedupKey")).isEqualTo("evt-" + contactId);
        JsonObject payload = entry.json().getJsonObject("payload");
        assertThat(payload.getString("type")).isEqualTo("contact.upserted");
        JsonObject data = payload.getJsonObject("data");
        assertThat(data.getString("id")).isEqualTo(contactId);
        assertThat(data.getString("firstName")).isEqualTo("A***");
        assertThat(data.getJsonArray("emails").getString(0)).isEqualTo("a***@example.com");
        assertThat(data.getJsonArray("phones").getString(0)).isEqualTo("+7 *** *** ** 67");
        assertThat(entry.body()).doesNotContain("anna-" + contactId).doesNotContain("+79161234567");
        assertThat(admin.get("api/admin/connections/" + hooks + "/inbox/999999999").status()).isEqualTo(404);
    }

    @Test
    void aSendStepsTraceShowsThatItsMessageFailedLater() {
        SmscFake.on(smsc).stubSend("{\"error\":\"forbidden\",\"error_code\":6}");
        String smscConnection = smscConnection();
        String connectionName = admin.get("api/admin/connections/" + smscConnection).json().getString("name");
        String scenario = "console-trace-" + UUID.randomUUID().toString().substring(0, 8);
        LiaisonClient.Reply saved = admin.send("POST", "api/admin/scenarios", "application/yaml", """
                scenario: %s
                trigger: { event: consent.granted, when: "event.purpose == 'loyalty'" }
                steps:
                  - send: { connection: %s, channel: sms, purpose: service, text: "Welcome to the club" }
                """.formatted(scenario, connectionName));
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        try {
            String profileId = personWithPhone();
            LiaisonClient.Reply consent = admin.postJson("api/profiles/" + profileId + "/consents",
                    "{\"purpose\":\"loyalty\",\"channel\":\"sms\",\"decision\":\"GRANTED\",\"evidence\":"
                            + "{\"noticeVersion\":\"club-v1\",\"noticeText\":\"Join\",\"collectionMethod\":\"web form\"}}");
            assertThat(consent.status()).as(consent.body()).isEqualTo(201);

            JsonObject step = await().atMost(Duration.ofSeconds(30)).until(() -> sendStep(profileId),
                    found -> found != null && "FAILED".equals(found.getJsonObject("action").getString("status")));
            assertThat(step.getString("outcome")).isEqualTo("DONE");
            JsonObject action = step.getJsonObject("action");
            assertThat(action.getString("type")).isEqualTo("SEND_MESSAGE");
            assertThat(action.getString("error")).contains("message forbidden");
        } finally {
            admin.send("DELETE", "api/admin/scenarios/" + scenario, null, null);
        }
    }

    private JsonObject sendStep(String profileId) {
        LiaisonClient.Reply scenarios = admin.get("api/profiles/" + profileId + "/scenarios");
        return scenarios.json().getJsonArray("trace").stream().map(JsonValue::asJsonObject)
                .filter(entry -> "send".equals(entry.getString("stepKind", null)) && entry.containsKey("action"))
                .findFirst().orElse(null);
    }

    private String smscConnection() {
        LiaisonClient.Reply created = admin.postJson("api/admin/connections", "{\"kind\":\"smsc\",\"name\":\""
                + LiaisonClient.uniqueName("console smsc") + "\",\"settings\":{\"login\":\"acme\","
                + "\"password\":\"not-a-real-password\",\"webhookSecret\":\"smsc-callback-secret\",\"baseUrl\":\""
                + smsc.baseUrl() + "\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().getString("id");
    }

    private String personWithPhone() {
        String hooks = admin.createWebhookConnection(SECRET);
        String contactId = UUID.randomUUID().toString();
        String email = "console-" + contactId + "@example.com";
        String contact = "{\"id\":\"evt-" + contactId + "\",\"type\":\"contact.upserted\",\"occurredAt\":"
                + "\"2026-11-23T09:00:00Z\",\"data\":{\"id\":\"" + contactId + "\",\"emails\":[\"" + email + "\"],"
                + "\"phones\":[\"+7903123" + (Math.abs(contactId.hashCode() % 9000) + 1000) + "\"]}}";
        assertThat(admin.deliver(hooks, SECRET, contact).status()).isEqualTo(202);
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            LiaisonClient.Reply found = admin.get("api/profiles?email=" + email);
            return found.status() == 200 && !found.jsonArray().isEmpty()
                    ? found.jsonArray().getJsonObject(0).getString("id") : null;
        }, id -> id != null);
    }

    private String message(String connectionId, String profileId, String purpose, String key) {
        String body = "{\"connectionId\":\"" + connectionId + "\",\"profileId\":\"" + profileId + "\",\"purpose\":\""
                + purpose + "\",\"channel\":\"sms\",\"text\":\"Hello\",\"idempotencyKey\":\"" + key + "-"
                + UUID.randomUUID() + "\"}";
        LiaisonClient.Reply queued = admin.postJson("api/admin/messages", body);
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        return body;
    }

    private String status(String body) {
        return admin.postJson("api/admin/messages", body).json().getString("status");
    }
}
