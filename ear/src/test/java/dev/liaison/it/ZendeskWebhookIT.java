package dev.liaison.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Zendesk connector inside the server: a signed event-subscription webhook becomes a profile. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ZendeskWebhookIT {

    private static final String SECRET = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";

    @Deployment(testable = false)
    static EnterpriseArchive liaison() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("liaison.ear")));
    }

    @ArquillianResource
    URL deploymentUrl;

    @Test
    void aSignedUserCreatedEventBecomesAProfileAndAForgedOneIsRefused() throws Exception {
        URI root = new URL(deploymentUrl.getProtocol(), deploymentUrl.getHost(), deploymentUrl.getPort(), "/").toURI();
        LiaisonClient client = new LiaisonClient(root);
        LiaisonClient.Reply created = client.postJson("api/admin/connections", "{\"kind\":\"zendesk\",\"name\":\""
                + LiaisonClient.uniqueName("desk") + "\",\"settings\":{\"baseUrl\":\"http://127.0.0.1:9\","
                + "\"email\":\"agent@example.com\",\"apiToken\":\"t\","
                + "\"signingSecret\":\"" + SECRET + "\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String connectionId = created.json().getString("id");
        String email = "ivan." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String body = "{\"type\":\"zen:event-type:user.created\",\"account_id\":12514403,\"id\":\"" + UUID.randomUUID()
                + "\",\"time\":\"" + timestamp + "\",\"zendesk_event_version\":\"2022-06-20\","
                + "\"subject\":\"zen:user:6596848315901\",\"detail\":{\"id\":\"6596848315901\",\"email\":\"" + email
                + "\",\"role\":\"end-user\"},\"event\":{}}";

        assertThat(post(root, connectionId, body, timestamp, sign("another-secret", timestamp, body))).isEqualTo(401);
        assertThat(post(root, connectionId, body, timestamp, sign(SECRET, timestamp, body))).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> client.inbox(connectionId).getInt("done") == 1);
        LiaisonClient.Reply found = client.get("api/profiles?email=" + email);
        assertThat(found.jsonArray()).hasSize(1);
        assertThat(found.body()).contains("zendesk|" + connectionId + "|6596848315901");
    }

    private static String sign(String secret, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal((timestamp + body).getBytes(StandardCharsets.UTF_8)));
    }

    private static int post(URI root, String connectionId, String body, String timestamp, String signature)
            throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(root.resolve("hooks/" + connectionId))
                        .header("Content-Type", "application/json")
                        .header("X-Zendesk-Webhook-Signature", signature)
                        .header("X-Zendesk-Webhook-Signature-Timestamp", timestamp)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
