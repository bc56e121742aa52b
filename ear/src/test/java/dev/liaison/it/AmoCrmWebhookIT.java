package dev.liaison.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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
 * The amoCRM connector inside the server, against a fake amoCRM API v4 (stubbed after external-apis.md §2): a
 * form-encoded {@code contacts[update]} webhook with the URL secret and the connected account becomes a profile with
 * the contact's Russian {@code 8 9xx} phone in E.164, a wrong secret or account is refused with nothing stored, and a
 * lead moved to status 142 (won) is journaled as a deal stage change.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AmoCrmWebhookIT {

    private static final String ACCOUNT_ID = "7039099";
    private static final String TOKEN = "it-long-lived-token";
    private static final String HAL = "application/hal+json";
    private static final String CONTACT_ID = "403181";
    private static final String LEAD_ID = "25399013";

    @Deployment(testable = false)
    static EnterpriseArchive liaison() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("liaison.ear")));
    }

    @ArquillianResource
    URL deploymentUrl;

    private final WireMockServer amocrm = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    private final String webhookSecret = "hk_" + UUID.randomUUID().toString().replace("-", "");
    private URI root;
    private LiaisonClient client;

    @BeforeEach
    void start() throws Exception {
        amocrm.start();
        root = new URL(deploymentUrl.getProtocol(), deploymentUrl.getHost(), deploymentUrl.getPort(), "/").toURI();
        client = new LiaisonClient(root);
    }

    @AfterEach
    void stop() {
        amocrm.stop();
    }

    @Test
    void aContactUpdateBecomesAProfileAWrongSecretOrAccountIsRefusedAndAWonLeadIsJournaled() throws Exception {
        String digits = String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
        String phone = "8 903 " + digits.substring(0, 3) + "-" + digits.substring(3, 5) + "-" + digits.substring(5);
        String e164 = "+7903" + digits;
        stubContact(phone);
        stubWonLead();
        LiaisonClient.Reply created = client.postJson("api/admin/connections", "{\"kind\":\"amocrm\",\"name\":\"amo\","
                + "\"settings\":{\"subdomain\":\"example\",\"accountId\":\"" + ACCOUNT_ID + "\",\"baseUrl\":\""
                + amocrm.baseUrl() + "\",\"accessToken\":\"" + TOKEN + "\",\"webhookSecret\":\"" + webhookSecret
                + "\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(TOKEN, webhookSecret);
        String connectionId = created.json().getString("id");
        String contactUpdate = contactUpdate(phone, ACCOUNT_ID);

        assertThat(post(connectionId, "secret=wrong-" + webhookSecret, contactUpdate)).isEqualTo(401);
        assertThat(post(connectionId, "", contactUpdate)).isEqualTo(401);
        assertThat(post(connectionId, "secret=" + webhookSecret, contactUpdate(phone, "1234567"))).isEqualTo(401);
        JsonObject inbox = client.inbox(connectionId);
        assertThat(inbox.getInt("pending") + inbox.getInt("done") + inbox.getInt("dead"))
                .as("a refused delivery stores nothing").isZero();
        amocrm.verify(0, getRequestedFor(urlPathEqualTo("/api/v4/contacts/" + CONTACT_ID)));

        assertThat(post(connectionId, "secret=" + webhookSecret, contactUpdate)).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> client.inbox(connectionId).getInt("done") == 1);
        amocrm.verify(getRequestedFor(urlPathEqualTo("/api/v4/contacts/" + CONTACT_ID))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        LiaisonClient.Reply found = client.get("api/profiles?phone=" + URLEncoder.encode(e164, StandardCharsets.UTF_8));
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(found.jsonArray()).hasSize(1);
        assertThat(found.body()).contains("\"" + e164 + "\"", "amocrm|" + connectionId + "|" + CONTACT_ID);

        assertThat(post(connectionId, "secret=" + webhookSecret, leadWon())).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> client.inbox(connectionId).getInt("done") == 2);
        JsonArray events = client.get("api/admin/connections/" + connectionId + "/events").jsonArray();
        // The journal keeps event types and external ids only; that the change is a win (status 142) is the
        // connector's verdict on the event, asserted in AmoWebhookTest.
        assertThat(events.getValuesAs(JsonObject.class)).anySatisfy(event -> {
            assertThat(event.getString("eventType")).isEqualTo("deal.stage_changed");
            assertThat(event.getString("externalId")).isEqualTo(LEAD_ID);
        });
    }

    /** The contact as GET /api/v4/contacts/{id} answers it; the webhook body is not trusted for its contents. */
    private void stubContact(String phone) {
        amocrm.stubFor(get(urlPathEqualTo("/api/v4/contacts/" + CONTACT_ID))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", HAL).withBody(
                        "{\"id\":" + CONTACT_ID + ",\"name\":\"Иван Иванов\",\"first_name\":\"Иван\","
                                + "\"last_name\":\"Иванов\",\"responsible_user_id\":112313,\"group_id\":0,"
                                + "\"created_at\":1465396143,\"updated_at\":1465396294,\"account_id\":" + ACCOUNT_ID
                                + ",\"custom_fields_values\":[{\"field_id\":735649,\"field_name\":\"Телефон\","
                                + "\"field_code\":\"PHONE\",\"field_type\":\"multitext\",\"values\":[{\"value\":\""
                                + phone + "\",\"enum_id\":718321,\"enum_code\":\"MOB\"}]}],"
                                + "\"_links\":{\"self\":{\"href\":\"https://example.amocrm.ru/api/v4/contacts/"
                                + CONTACT_ID + "\"}},\"_embedded\":{\"tags\":[],\"companies\":[]}}")));
    }

    private void stubWonLead() {
        amocrm.stubFor(get(urlPathEqualTo("/api/v4/leads/" + LEAD_ID)).withQueryParam("with", equalTo("contacts"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", HAL).withBody(
                        "{\"id\":" + LEAD_ID + ",\"name\":\"Сделка для примера\",\"price\":46333,"
                                + "\"responsible_user_id\":123123,\"group_id\":0,\"status_id\":142,"
                                + "\"pipeline_id\":3508507,\"created_at\":1413550000,\"updated_at\":1413554372,"
                                + "\"closed_at\":1413554372,\"custom_fields_values\":null,\"account_id\":" + ACCOUNT_ID
                                + ",\"_links\":{\"self\":{\"href\":\"https://example.amocrm.ru/api/v4/leads/"
                                + LEAD_ID + "\"}},\"_embedded\":{\"tags\":[],\"companies\":[],\"contacts\":[{\"id\":"
                                + CONTACT_ID + ",\"is_main\":true}]}}")));
    }

    /** A contact update in the legacy field naming of amoCRM webhooks (external-apis.md §2.4). */
    private static String contactUpdate(String phone, String accountId) {
        return form("account[subdomain]", "example",
                "account[id]", accountId,
                "contacts[update][0][id]", CONTACT_ID,
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

    /** The status-change fixture of external-apis.md §2.4 (lead 25399013 moved to 142). */
    private static String leadWon() {
        return form("leads[status][0][id]", LEAD_ID,
                "leads[status][0][status_id]", "142",
                "leads[status][0][pipeline_id]", "3508507",
                "leads[status][0][old_status_id]", "7039101",
                "leads[status][0][old_pipeline_id]", "3508507",
                "leads[status][0][responsible_user_id]", "123123",
                "leads[status][0][last_modified]", "1413554372",
                "leads[status][0][modified_user_id]", "123123",
                "leads[status][0][account_id]", ACCOUNT_ID,
                "account[subdomain]", "example",
                "account[id]", ACCOUNT_ID);
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

    private int post(String connectionId, String query, String body) throws Exception {
        URI hook = root.resolve("hooks/" + connectionId + (query.isEmpty() ? "" : "?" + query));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(hook)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("User-Agent", "amoCRM-Webhooks/3.0")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
