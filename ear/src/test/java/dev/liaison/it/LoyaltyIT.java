package dev.liaison.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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
 * balance does not cover is refused with 409 and one it covers is taken. A deal delivered late earns points dated to
 * its win: one won so long ago that its points have expired is in the ledger, earned and expired, but never in the
 * balance, the points expiring soon or a redemption.
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

        String won = wonEvent("won-" + contactId, dealId, contactId, "15000.00", "2026-11-23T10:00:00Z");
        assertThat(client.deliver(connection, SECRET, won).status()).isEqualTo(202);
        LiaisonClient.Reply duplicate = client.deliver(connection, SECRET, won);
        assertThat(duplicate.status()).isEqualTo(202);
        assertThat(duplicate.json().getString("status")).isEqualTo("duplicate");
        assertThat(client.deliver(connection, SECRET, wonEvent("won-again-" + contactId, dealId, contactId,
                "15000.00", "2026-11-23T10:00:00Z")).status()).as("the CRM reports the same deal won again")
                .isEqualTo(202);
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

    @Test
    void aDealDeliveredLateEarnsAtItsWinAndPointsPastTheirExpiryAreNeverSpendable() {
        String connection = client.createWebhookConnection(SECRET);
        String contactId = UUID.randomUUID().toString();
        assertThat(client.deliver(connection, SECRET, LiaisonClient.contactEvent("contact-" + contactId, contactId))
                .status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> client.inbox(connection).getInt("done") == 1);
        String profileId = client.get("api/profiles?email=person-" + contactId + "@example.com").jsonArray()
                .getJsonObject(0).getString("id");
        String oldDeal = "old-" + contactId;
        String lateDeal = "late-" + contactId;
        // Twelve months' expiry (config/scenarios/loyalty.yaml): the first expired long ago, the second soon does.
        Instant lateWin = Instant.now().minus(Duration.ofDays(350)).truncatedTo(ChronoUnit.SECONDS);

        assertThat(client.deliver(connection, SECRET, wonEvent("won-" + oldDeal, oldDeal, contactId, "20000.00",
                "2024-06-10T08:00:00Z")).status()).isEqualTo(202);
        assertThat(client.deliver(connection, SECRET, wonEvent("won-" + lateDeal, lateDeal, contactId, "15000.00",
                lateWin.toString())).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> client.inbox(connection).getInt("done") == 3);

        JsonObject loyalty = client.get("api/loyalty/" + profileId).json();
        assertThat(loyalty.getJsonNumber("balance").longValue()).as("only the deal won 350 days ago").isEqualTo(150);
        assertThat(loyalty.getJsonNumber("qualifyingPoints").longValue()).isEqualTo(150);
        assertThat(loyalty.getJsonArray("expiringSoon")).singleElement().satisfies(expiring -> {
            assertThat(expiring.asJsonObject().getJsonNumber("points").longValue()).isEqualTo(150);
            assertThat(Instant.parse(expiring.asJsonObject().getString("expiresAt")))
                    .isEqualTo(lateWin.atOffset(ZoneOffset.UTC).plusMonths(12).toInstant());
        });
        JsonObject oldEarn = entry(loyalty, "EARN", oldDeal);
        assertThat(oldEarn.getJsonNumber("points").longValue()).isEqualTo(200);
        assertThat(Instant.parse(oldEarn.getString("occurredAt"))).isEqualTo(Instant.parse("2024-06-10T08:00:00Z"));
        assertThat(Instant.parse(oldEarn.getString("expiresAt"))).isEqualTo(Instant.parse("2025-06-10T08:00:00Z"));
        assertThat(loyalty.getJsonArray("recent")).map(JsonValue::asJsonObject)
                .filteredOn(entry -> entry.getString("kind").equals("EXPIRE")).singleElement().satisfies(expiry -> {
                    assertThat(expiry.getJsonNumber("points").longValue()).isEqualTo(-200);
                    assertThat(Instant.parse(expiry.getString("occurredAt")))
                            .isEqualTo(Instant.parse("2025-06-10T08:00:00Z"));
                });
        assertThat(Instant.parse(entry(loyalty, "EARN", lateDeal).getString("occurredAt"))).isEqualTo(lateWin);

        LiaisonClient.Reply overdraft = client.postJson("api/loyalty/" + profileId + "/redemptions",
                "{\"points\":151,\"reason\":\"gift card\",\"idempotencyKey\":\"it-" + contactId + "-1\"}");
        assertThat(overdraft.status()).isEqualTo(409);
        assertThat(overdraft.json().getString("type")).endsWith("insufficient-points");
        LiaisonClient.Reply redeemed = client.postJson("api/loyalty/" + profileId + "/redemptions",
                "{\"points\":150,\"reason\":\"gift card\",\"idempotencyKey\":\"it-" + contactId + "-2\"}");
        assertThat(redeemed.status()).isEqualTo(201);
        assertThat(redeemed.json().getJsonNumber("balance").longValue()).isZero();
        JsonObject after = client.get("api/loyalty/" + profileId).json();
        assertThat(after.getJsonNumber("balance").longValue()).isZero();
        assertThat(after.getJsonArray("expiringSoon")).isEmpty();
    }

    /** The ledger entry of that kind for that deal among the newest entries. */
    private static JsonObject entry(JsonObject loyalty, String kind, String dealId) {
        return loyalty.getJsonArray("recent").stream().map(JsonValue::asJsonObject)
                .filter(entry -> entry.getString("kind").equals(kind)
                        && dealId.equals(entry.getString("sourceRef", null)))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " entry for " + dealId));
    }

    private static String wonEvent(String eventId, String dealId, String contactId, String amount, String wonAt) {
        return "{\"id\":\"" + eventId + "\",\"type\":\"deal.stage_changed\",\"occurredAt\":\"" + wonAt + "\","
                + "\"data\":{\"id\":\"" + dealId + "\",\"contactId\":\"" + contactId + "\",\"pipeline\":\"sales\","
                + "\"stage\":\"WON\",\"won\":true,\"amount\":\"" + amount + "\",\"currency\":\"RUB\"}}";
    }
}
