package dev.liaison.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Loyalty end to end with the shipped program (config/scenarios/loyalty.yaml: 0.01 point per rouble, silver from
 * 100 points): a signed webhook reports a known contact's deal as won for 15 000 RUB, which earns 150 points and
 * silver; delivering it again, or the CRM reporting the same deal won again, earns nothing more; a redemption the
 * balance does not cover is refused with 409 and one it covers is taken.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LoyaltyIT {

    private static final String SECRET = "loyalty-it-signing-secret";

    @Deployment(testable = false)
    static EnterpriseArchive liaison() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("liaison.ear")));
    }

    @ArquillianResource
    URL deploymentUrl;

    private LiaisonClient client;

    @BeforeEach
    void start() throws Exception {
        URI root = new URL(deploymentUrl.getProtocol(), deploymentUrl.getHost(), deploymentUrl.getPort(), "/").toURI();
        client = new LiaisonClient(root);
    }

    @Test
    void aWonDealEarnsPointsOnceAndRedemptionsCannotOverdraw() {
        String connection = client.createWebhookConnection(SECRET);
        String contactId = UUID.randomUUID().toString();
        String dealId = "deal-" + contactId;
        assertThat(client.deliver(connection, SECRET, LiaisonClient.contactEvent("contact-" + contactId, contactId))
                .status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> client.inbox(connection).getInt("done") == 1);
        String profileId = client.get("api/profiles?email=person-" + contactId + "@example.com").jsonArray()
                .getJsonObject(0).getString("id");

        String won = wonEvent("won-" + contactId, dealId, contactId);
        assertThat(client.deliver(connection, SECRET, won).status()).isEqualTo(202);
        LiaisonClient.Reply duplicate = client.deliver(connection, SECRET, won);
        assertThat(duplicate.status()).isEqualTo(202);
        assertThat(duplicate.json().getString("status")).isEqualTo("duplicate");
        assertThat(client.deliver(connection, SECRET, wonEvent("won-again-" + contactId, dealId, contactId))
                .status()).as("the CRM reports the same deal won again").isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> client.inbox(connection).getInt("done") == 3);

        JsonObject loyalty = client.get("api/loyalty/" + profileId).json();
        assertThat(loyalty.getJsonNumber("balance").longValue()).isEqualTo(150);
        assertThat(loyalty.getString("tier")).isEqualTo("silver");
        assertThat(loyalty.getString("nextTier")).isEqualTo("gold");
        assertThat(loyalty.getJsonArray("recent")).hasSize(1);
        JsonObject earned = loyalty.getJsonArray("recent").getJsonObject(0);
        assertThat(earned.getString("kind")).isEqualTo("EARN");
        assertThat(earned.getJsonNumber("points").longValue()).isEqualTo(150);
        assertThat(earned.getString("sourceRef")).isEqualTo(dealId);
        assertThat(earned.getString("sourceConnection")).isEqualTo(connection);
        assertThat(earned.getString("rule")).isEqualTo("won-deal");

        LiaisonClient.Reply overdraft = client.postJson("api/loyalty/" + profileId + "/redemptions",
                "{\"points\":151,\"reason\":\"gift card\",\"idempotencyKey\":\"it-" + contactId + "-1\"}");
        assertThat(overdraft.status()).isEqualTo(409);
        assertThat(overdraft.contentType()).startsWith("application/problem+json");
        assertThat(overdraft.json().getString("type")).endsWith("insufficient-points");

        String redemption = "{\"points\":100,\"reason\":\"gift card\",\"idempotencyKey\":\"it-" + contactId + "-2\"}";
        LiaisonClient.Reply redeemed = client.postJson("api/loyalty/" + profileId + "/redemptions", redemption);
        assertThat(redeemed.status()).isEqualTo(201);
        assertThat(redeemed.json().getJsonNumber("balance").longValue()).isEqualTo(50);
        LiaisonClient.Reply retried = client.postJson("api/loyalty/" + profileId + "/redemptions", redemption);
        assertThat(retried.status()).as("the same idempotency key").isEqualTo(200);
        assertThat(client.get("api/loyalty/" + profileId).json().getJsonNumber("balance").longValue()).isEqualTo(50);

        assertThat(client.get("api/loyalty/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    private static String wonEvent(String eventId, String dealId, String contactId) {
        return "{\"id\":\"" + eventId + "\",\"type\":\"deal.stage_changed\",\"occurredAt\":\"2026-11-23T10:00:00Z\","
                + "\"data\":{\"id\":\"" + dealId + "\",\"contactId\":\"" + contactId + "\",\"pipeline\":\"sales\","
                + "\"stage\":\"WON\",\"won\":true,\"amount\":\"15000.00\",\"currency\":\"RUB\"}}";
    }
}
