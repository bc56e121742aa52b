package dev.liaison.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * A fake amoCRM account (API v4 as in external-apis.md §2: HAL bodies, {@code with=contacts} on leads) and the
 * form-encoded webhooks amoCRM sends, for the ITs that connect Liaison to amoCRM.
 */
final class AmoCrmFake {

    static final String ACCOUNT_ID = "7039099";
    static final String TOKEN = "it-long-lived-token";
    private static final String HAL = "application/hal+json";

    final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    final String webhookSecret = "hk_" + UUID.randomUUID().toString().replace("-", "");

    void start() {
        server.start();
    }

    void stop() {
        server.stop();
    }

    /** Creates an amoCRM connection to this fake (long-lived token) and returns its id. */
    String connect(LiaisonClient client, String name) {
        LiaisonClient.Reply created = client.postJson("api/admin/connections", "{\"kind\":\"amocrm\",\"name\":\""
                + name + "\",\"settings\":{\"subdomain\":\"example\",\"accountId\":\"" + ACCOUNT_ID
                + "\",\"baseUrl\":\"" + server.baseUrl() + "\",\"accessToken\":\"" + TOKEN
                + "\",\"webhookSecret\":\"" + webhookSecret + "\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(TOKEN, webhookSecret);
        return created.json().getString("id");
    }

    /** The contact as GET /api/v4/contacts/{id} answers it; the webhook body is not trusted for its contents. */
    void stubContact(String contactId, String phone, String email) {
        String emailField = email == null ? "" : ",{\"field_id\":735651,\"field_name\":\"Email\","
                + "\"field_code\":\"EMAIL\",\"field_type\":\"multitext\",\"values\":[{\"value\":\"" + email
                + "\",\"enum_id\":718323,\"enum_code\":\"WORK\"}]}";
        server.stubFor(get(urlPathEqualTo("/api/v4/contacts/" + contactId))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", HAL).withBody(
                        "{\"id\":" + contactId + ",\"name\":\"Иван Иванов\",\"first_name\":\"Иван\","
                                + "\"last_name\":\"Иванов\",\"responsible_user_id\":112313,\"group_id\":0,"
                                + "\"created_at\":1465396143,\"updated_at\":1465396294,\"account_id\":" + ACCOUNT_ID
                                + ",\"custom_fields_values\":[{\"field_id\":735649,\"field_name\":\"Телефон\","
                                + "\"field_code\":\"PHONE\",\"field_type\":\"multitext\",\"values\":[{\"value\":\""
                                + phone + "\",\"enum_id\":718321,\"enum_code\":\"MOB\"}]}" + emailField + "],"
                                + "\"_links\":{\"self\":{\"href\":\"https://example.amocrm.ru/api/v4/contacts/"
                                + contactId + "\"}},\"_embedded\":{\"tags\":[],\"companies\":[]}}")));
    }

    /**
     * The lead as GET /api/v4/leads/{id}?with=contacts answers it, in status 142 (won) just now: a deal won years ago
     * would earn points that have expired and count towards no tier.
     */
    void stubWonLead(String leadId, long price, String contactId) {
        long now = Instant.now().getEpochSecond();
        server.stubFor(get(urlPathEqualTo("/api/v4/leads/" + leadId)).withQueryParam("with", equalTo("contacts"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", HAL).withBody(
                        "{\"id\":" + leadId + ",\"name\":\"Сделка для примера\",\"price\":" + price + ","
                                + "\"responsible_user_id\":123123,\"group_id\":0,\"status_id\":142,"
                                + "\"pipeline_id\":3508507,\"created_at\":1413550000,\"updated_at\":" + now + ","
                                + "\"closed_at\":" + now + ",\"custom_fields_values\":null,\"account_id\":" + ACCOUNT_ID
                                + ",\"_links\":{\"self\":{\"href\":\"https://example.amocrm.ru/api/v4/leads/"
                                + leadId + "\"}},\"_embedded\":{\"tags\":[],\"companies\":[],\"contacts\":[{\"id\":"
                                + contactId + ",\"is_main\":true}]}}")));
    }

    /** A contact update in the legacy field naming of amoCRM webhooks (external-apis.md §2.4). */
    static String contactUpdate(String contactId, String phone, String accountId) {
        return form("account[subdomain]", "example",
                "account[id]", accountId,
                "contacts[update][0][id]", contactId,
                "contacts[update][0][name]", "Иван Иванов",
                "contacts[update][0][responsible_user_id]", "112313",
                "contacts[update][0][date_create]", "1465396143",
                "contacts[update][0][last_modified]", "1465396294",
                "contacts[update][0][account_id]", accountId,
                "contacts[update][0][custom_fields][0][id]", "735649",
                "contacts[update][0][custom_fields][0][name]", "Телефон",
                "contacts[update][0][custom_fields][0][values][0][value]", phone,
                "contacts[update][0][custom_fields][0][values][0][enum]", "718321",
                "contacts[update][0][custom_fields][0][code]", "PHONE",
                "contacts[update][0][type]", "contact");
    }

    /** The status-change fixture of external-apis.md §2.4: the lead moved to 142, now. */
    static String leadWon(String leadId) {
        return form("leads[status][0][id]", leadId,
                "leads[status][0][status_id]", "142",
                "leads[status][0][pipeline_id]", "3508507",
                "leads[status][0][old_status_id]", "7039101",
                "leads[status][0][old_pipeline_id]", "3508507",
                "leads[status][0][responsible_user_id]", "123123",
                "leads[status][0][last_modified]", Long.toString(Instant.now().getEpochSecond()),
                "leads[status][0][modified_user_id]", "123123",
                "leads[status][0][account_id]", ACCOUNT_ID,
                "account[subdomain]", "example",
                "account[id]", ACCOUNT_ID);
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

    private static String form(String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return body.toString();
    }
}
