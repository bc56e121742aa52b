package dev.liaison.it;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.liaison.connectors.testkit.AmoCrmFake;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * lead moved to status 142 is a won deal: journaled as a stage change, and earning the person loyalty points in the
 * connection's currency (the loyalty program awards only deals the CRM marks as won).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AmoCrmWebhookIT {

    private static final String CONTACT_ID = "403181";
    private static final String LEAD_ID = "25399013";

    @Deployment(testable = false)
    static EnterpriseArchive liaison() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("liaison.ear")));
    }

    @ArquillianResource
    URL deploymentUrl;

    private final AmoCrmAccount amocrm = new AmoCrmAccount();
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
    void aContactUpdateBecomesAProfileAWrongSecretOrAccountIsRefusedAndAWonLeadEarnsPoints() throws Exception {
        String digits = String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
        String phone = "8 903 " + digits.substring(0, 3) + "-" + digits.substring(3, 5) + "-" + digits.substring(5);
        String e164 = "+7903" + digits;
        amocrm.stubContact(CONTACT_ID, phone, null);
        amocrm.stubWonLead(LEAD_ID, 46333, CONTACT_ID);
        String connectionId = amocrm.connect(client, "amo");
        String contactUpdate = AmoCrmFake.contactUpdateWebhook(CONTACT_ID, phone, AmoCrmFake.ACCOUNT_ID);
        String secret = "secret=" + amocrm.webhookSecret;

        assertThat(AmoCrmAccount.post(root, connectionId, "secret=wrong-" + amocrm.webhookSecret, contactUpdate))
                .isEqualTo(401);
        assertThat(AmoCrmAccount.post(root, connectionId, "", contactUpdate)).isEqualTo(401);
        String otherAccount = AmoCrmFake.contactUpdateWebhook(CONTACT_ID, phone, "1234567");
        assertThat(AmoCrmAccount.post(root, connectionId, secret, otherAccount)).isEqualTo(401);
        JsonObject inbox = client.inbox(connectionId);
        assertThat(inbox.getInt("pending") + inbox.getInt("done") + inbox.getInt("dead"))
                .as("a refused delivery stores nothing").isZero();
        amocrm.server().verify(0, getRequestedFor(urlPathEqualTo("/api/v4/contacts/" + CONTACT_ID)));

        assertThat(AmoCrmAccount.post(root, connectionId, secret, contactUpdate)).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> client.inbox(connectionId).getInt("done") == 1);
        amocrm.server().verify(getRequestedFor(urlPathEqualTo("/api/v4/contacts/" + CONTACT_ID))
                .withHeader("Authorization", equalTo("Bearer " + AmoCrmAccount.TOKEN)));
        LiaisonClient.Reply found = client.get("api/profiles?phone=" + URLEncoder.encode(e164, StandardCharsets.UTF_8));
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(found.jsonArray()).hasSize(1);
        assertThat(found.body()).contains("\"" + e164 + "\"", "amocrm|" + connectionId + "|" + CONTACT_ID);
        String profileId = found.jsonArray().getJsonObject(0).getString("id");

        assertThat(AmoCrmAccount.post(root, connectionId, secret, AmoCrmFake.leadWonWebhook(LEAD_ID))).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> client.inbox(connectionId).getInt("done") == 2);
        JsonArray events = client.get("api/admin/connections/" + connectionId + "/events").jsonArray();
        assertThat(events.getValuesAs(JsonObject.class)).anySatisfy(event -> {
            assertThat(event.getString("eventType")).isEqualTo("deal.stage_changed");
            assertThat(event.getString("externalId")).isEqualTo(LEAD_ID);
        });
        // 46 333 RUB at the shipped program's 0.01 points per rouble: only a deal marked won earns.
        JsonObject loyalty = client.get("api/loyalty/" + profileId).json();
        assertThat(loyalty.getJsonNumber("balance").longValue()).as(loyalty.toString()).isEqualTo(463);
    }
}
