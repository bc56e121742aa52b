package dev.liaison.it;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liaison.connectors.testkit.SmscFake;
import jakarta.json.JsonObject;
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
 * refusal and failure.
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
