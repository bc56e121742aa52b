package dev.liaison.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
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
 * Input that is out of bounds is refused at the edge over HTTP, with a problem document naming every offending field,
 * and nothing of it is stored: points that would wrap or were never integers, consent evidence longer than its
 * columns, connection settings that could never work, webhook events with ids longer than their columns, amounts
 * with huge exponents, and JSON nested a thousand levels deep.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class InputBoundsIT {

    private static final String SECRET = "input-bounds-it-signing-secret";
    private static final String LONG_ID = "x".repeat(300);

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
    void pointsThatWouldWrapOrAreNoIntegersChangeNothing() {
        String profileId = client.personWithNewsletterConsent(SECRET);
        JsonObject before = client.get("api/loyalty/" + profileId).json();

        for (String points : List.of("18446744073709551611", "18446744073709551621", "1.5", "\"10\"", "1e3000000",
                "1000000001", "0.1e1", "0.0000001e7")) {
            for (String kind : List.of("adjustments", "redemptions")) {
                LiaisonClient.Reply refused = client.postJson("api/loyalty/" + profileId + "/" + kind,
                        "{\"points\":" + points + ",\"reason\":\"bounds\",\"idempotencyKey\":\"" + UUID.randomUUID()
                                + "\"}");
                assertProblem(refused, "points");
            }
        }
        LiaisonClient.Reply everyField = client.postJson("api/loyalty/" + profileId + "/adjustments",
                "{\"points\":1.5,\"reason\":\"" + "r".repeat(501) + "\"}");
        assertProblem(everyField, "points", "reason", "idempotencyKey");

        JsonObject after = client.get("api/loyalty/" + profileId).json();
        assertThat(after.get("balance")).as("balance unchanged").isEqualTo(before.get("balance"));
        assertThat(after.get("recent")).as("ledger unchanged").isEqualTo(before.get("recent"));
    }

    @Test
    void consentEvidenceLongerThanItsColumnsIsRefusedNamingEveryField() {
        String profileId = client.personWithNewsletterConsent(SECRET);
        String consents = "api/profiles/" + profileId + "/consents";
        String before = client.get(consents).body();

        LiaisonClient.Reply refused = client.postJson(consents, "{\"purpose\":\"marketing_email\",\"channel\":"
                + "\"email\",\"decision\":\"GRANTED\",\"evidence\":{\"noticeVersion\":\"" + "v".repeat(256)
                + "\",\"noticeText\":\"Send me news\",\"collectionMethod\":\"" + "m".repeat(256)
                + "\",\"ipAddress\":\"" + "1".repeat(65) + "\",\"userAgent\":\"" + "u".repeat(5000) + "\"}}");

        assertProblem(refused, "evidence.noticeVersion", "evidence.collectionMethod", "evidence.ipAddress",
                "evidence.userAgent");
        assertThat(refused.body()).doesNotContain("uuuu", "1111");
        assertThat(client.get(consents).body()).as("the ledger is unchanged").isEqualTo(before);
    }

    @Test
    void connectionSettingsThatCouldNeverWorkAreRefusedAllAtOnce() {
        int before = client.get("api/admin/connections").jsonArray().size();

        for (String tolerance : List.of("abc", "1.5", "12345678901234567890", "9223372036854775807")) {
            LiaisonClient.Reply refused = client.postJson("api/admin/connections", "{\"kind\":\"webhook\",\"name\":"
                    + "\"bounds\",\"settings\":{\"signingSecret\":\"s\",\"toleranceSeconds\":\"" + tolerance + "\"}}");
            assertProblem(refused, "settings.signingSecret", "settings.toleranceSeconds");
        }
        LiaisonClient.Reply zendesk = client.postJson("api/admin/connections", "{\"kind\":\"zendesk\",\"name\":"
                + "\"bounds\",\"settings\":{\"baseUrl\":\"http://acme.zendesk.example\",\"signingSecret\":\"short\","
                + "\"requestsPerMinute\":\"1.5\",\"replayWindowSeconds\":\"-1\"}}");
        assertProblem(zendesk, "settings.baseUrl", "settings.signingSecret", "settings.requestsPerMinute",
                "settings.replayWindowSeconds");

        LiaisonClient.Reply email = client.postJson("api/admin/connections", "{\"kind\":\"email\",\"name\":"
                + "\"bounds\",\"settings\":{\"from\":\"news@shop.example\",\"templateDirectory\":\"/etc\"}}");
        assertProblem(email, "settings.templateDirectory");

        assertThat(client.get("api/admin/connections").jsonArray()).as("no connection created").hasSize(before);
    }

    @Test
    void webhookEventsThatCouldNeverBeStoredAreRefusedAtIntake() {
        String connection = client.createWebhookConnection(SECRET);

        assertProblem(client.deliver(connection, SECRET, LiaisonClient.contactEvent(LONG_ID, "42")), "id");
        assertProblem(client.deliver(connection, SECRET, "{\"id\":\"evt-consent\",\"type\":\"consent.changed\","
                + "\"occurredAt\":\"2026-11-23T09:00:00Z\",\"data\":{\"id\":\"c-1\",\"contactId\":\"" + LONG_ID
                + "\",\"purpose\":\"marketing_email\",\"channel\":\"email\",\"granted\":true}}"), "data.contactId");
        long started = System.nanoTime();
        assertProblem(client.deliver(connection, SECRET, "{\"id\":\"evt-deal\",\"type\":\"deal.stage_changed\","
                + "\"occurredAt\":\"2026-11-23T09:00:00Z\",\"data\":{\"id\":\"d-1\",\"stage\":\"WON\",\"won\":true,"
                + "\"amount\":1e3000000}}"), "data.amount");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        for (String amount : List.of("\"\u0661\u0662\u0663\"", "\" 10 \"")) {
            assertProblem(client.deliver(connection, SECRET, "{\"id\":\"evt-deal-2\",\"type\":\"deal.stage_changed\","
                    + "\"occurredAt\":\"2026-11-23T09:00:00Z\",\"data\":{\"id\":\"d-2\",\"stage\":\"WON\",\"won\":true,"
                    + "\"amount\":" + amount + "}}"), "data.amount");
        }
        assertProblem(client.deliver(connection, SECRET, "{\"id\":\"eoc-1\",\"type\":\"contact.upserted\","
                + "\"occurredAt\":\"+999999999-12-31T23:59:59Z\",\"data\":{\"id\":\"44\"}}"), "occurredAt");
        assertProblem(client.deliver(connection, SECRET,
                "{\"id\":\"evt-deep\",\"data\":" + "[".repeat(1000) + "]".repeat(1000) + "}"), "body");

        JsonObject inbox = client.inbox(connection);
        assertThat(inbox.getInt("pending") + inbox.getInt("done") + inbox.getInt("dead"))
                .as("a refused delivery stores nothing").isZero();
    }

    @Test
    void aRestBodyNestedAThousandLevelsIsRefused() {
        LiaisonClient.Reply refused = client.postJson("api/admin/connections",
                "{\"kind\":\"webhook\",\"name\":\"deep\",\"settings\":" + "[".repeat(1000) + "]".repeat(1000) + "}");

        assertProblem(refused, "body");
    }

    private static void assertProblem(LiaisonClient.Reply reply, String... fields) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().getJsonArray("errors").getValuesAs(JsonObject.class))
                .extracting(error -> error.getString("field")).as(reply.body()).containsExactlyInAnyOrder(fields);
    }
}
