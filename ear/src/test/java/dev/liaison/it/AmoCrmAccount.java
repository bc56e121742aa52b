package dev.liaison.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liaison.connectors.testkit.AmoCrmFake;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * An amoCRM account as the ITs connect it to Liaison: the test kit's {@link AmoCrmFake} answering a long-lived
 * token, the connection that points at it, and webhook delivery the way amoCRM does it.
 */
final class AmoCrmAccount {

    static final String TOKEN = "it-long-lived-token";

    final String webhookSecret = "hk_" + UUID.randomUUID().toString().replace("-", "");
    private AmoCrmFake fake;

    void start() {
        fake = AmoCrmFake.start();
    }

    void stop() {
        fake.stop();
    }

    WireMockServer server() {
        return fake.server();
    }

    void stubContact(String contactId, String phone, String email) {
        fake.stubContact(TOKEN, contactId, phone, email);
    }

    void stubWonLead(String leadId, long price, String contactId) {
        fake.stubWonLead(leadId, price, contactId);
    }

    /**
     * Creates an amoCRM connection to this account (long-lived token) and returns its id. Without its initial import:
     * these ITs count what webhooks store and start, and the fake's stubs would answer the import's list calls too
     * (the import is Bitrix24SyncIT's subject).
     */
    String connect(LiaisonClient client, String name) {
        LiaisonClient.Reply created = client.postJson("api/admin/connections", "{\"kind\":\"amocrm\",\"name\":\""
                + LiaisonClient.uniqueName(name) + "\",\"settings\":{\"subdomain\":\"example\",\"accountId\":\"" + AmoCrmFake.ACCOUNT_ID
                + "\",\"baseUrl\":\"" + fake.baseUrl() + "\",\"accessToken\":\"" + TOKEN
                + "\",\"webhookSecret\":\"" + webhookSecret + "\",\"initialImport\":\"false\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(TOKEN, webhookSecret);
        return created.json().getString("id");
    }

    /** Delivers a webhook the way amoCRM does: form-encoded, to the URL with its secret. */
    static int post(URI root, String connectionId, String query, String body) throws Exception {
        URI hook = root.resolve("hooks/" + connectionId + (query.isEmpty() ? "" : "?" + query));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(hook)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("User-Agent", "amoCRM-Webhooks/3.0")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
