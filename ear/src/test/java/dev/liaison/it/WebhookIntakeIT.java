package dev.liaison.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.io.File;
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

/** Webhook intake against the real EAR in the provisioned WildFly. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WebhookIntakeIT {

    private static final String SECRET = "it-signing-secret";

    @Deployment(testable = false)
    static EnterpriseArchive liaison() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("liaison.ear")));
    }

    @ArquillianResource
    URL deploymentUrl;

    private LiaisonClient client;
    private String connectionId;

    @BeforeEach
    void connect() throws Exception {
        URL root = new URL(deploymentUrl.getProtocol(), deploymentUrl.getHost(), deploymentUrl.getPort(), "/");
        client = new LiaisonClient(root.toURI());
        connectionId = client.createWebhookConnection(SECRET);
    }

    @Test
    void aDeliveryMadeTwiceIsProcessedExactlyOnce() {
        String event = LiaisonClient.contactEvent("evt-" + UUID.randomUUID(), "42");

        assertThat(client.deliver(connectionId, SECRET, event).status()).isEqualTo(202);
        LiaisonClient.Reply second = client.deliver(connectionId, SECRET, event);
        assertThat(second.status()).isEqualTo(202);
        assertThat(second.json().getString("status")).isEqualTo("duplicate");

        await().atMost(Duration.ofSeconds(20)).until(() -> client.inbox(connectionId).getInt("done") == 1);
        JsonObject inbox = client.inbox(connectionId);
        assertThat(inbox.getInt("pending") + inbox.getInt("done") + inbox.getInt("dead")).isEqualTo(1);
        assertThat(inbox.getInt("eventsRecorded")).isEqualTo(1);
        assertThat(client.get("api/admin/connections/" + connectionId + "/events").jsonArray())
                .singleElement()
                .satisfies(entry -> assertThat(entry.asJsonObject().getString("eventType")).isEqualTo("contact.upserted"));
    }

    @Test
    void aForgedDeliveryIsRejectedAndNothingIsStored() {
        LiaisonClient.Reply forged = client.deliver(connectionId, "not-the-secret",
                LiaisonClient.contactEvent("evt-forged", "7"));

        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.contentType()).startsWith("application/problem+json");
        assertThat(forged.json().getString("type")).isEqualTo("urn:liaison:problem:webhook-rejected");
        assertThat(forged.body()).doesNotContain(SECRET);
        JsonObject inbox = client.inbox(connectionId);
        assertThat(inbox.getInt("pending") + inbox.getInt("done") + inbox.getInt("dead")).isZero();
        assertThat(client.get("api/admin/connections/" + connectionId + "/inbox").jsonArray()).isEmpty();
    }

    @Test
    void aDeliveryForAnUnknownConnectionIsNotFound() {
        LiaisonClient.Reply reply = client.deliver(UUID.randomUUID().toString(), SECRET,
                LiaisonClient.contactEvent("evt-x", "1"));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().getString("type")).isEqualTo("urn:liaison:problem:not-found");
    }

    @Test
    void anUnprocessableEventEndsDeadWithItsReasonAndCanBeReplayed() {
        String unknownType = "{\"id\":\"evt-bad\",\"type\":\"planet.exploded\",\"occurredAt\":\"2026-11-23T09:00:00Z\","
                + "\"data\":{\"id\":\"1\"}}";
        LiaisonClient.Reply unreadable = client.deliver(connectionId, SECRET, unknownType);
        assertThat(unreadable.status()).as("the whole event is read at intake").isEqualTo(400);
        assertThat(unreadable.json().getString("field")).isEqualTo("body");
        String unknownPurpose = "{\"id\":\"evt-purpose\",\"type\":\"consent.changed\",\"occurredAt\":"
                + "\"2026-11-23T09:00:00Z\",\"data\":{\"id\":\"c-1\",\"contactId\":\"1\",\"purpose\":"
                + "\"planet_exploded\",\"channel\":\"email\",\"granted\":true}}";
        assertThat(client.deliver(connectionId, SECRET, unknownPurpose).status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(20)).until(() -> client.inbox(connectionId).getInt("dead") == 1);
        JsonObject dead = client.get("api/admin/connections/" + connectionId + "/inbox?status=dead")
                .jsonArray().getJsonObject(0);
        assertThat(dead.getString("lastError")).contains("purpose").doesNotContain("planet_exploded");
        assertThat(dead.getInt("attempts")).as("dead on its first attempt").isEqualTo(1);
        assertThat(client.inbox(connectionId).getInt("eventsRecorded")).isZero();

        String firstVerdictAt = dead.getString("processedAt");
        LiaisonClient.Reply replay = client.postJson("api/admin/connections/" + connectionId + "/inbox/"
                + dead.getJsonNumber("id").longValue() + "/replay", "");
        assertThat(replay.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonObject again = client.get("api/admin/connections/" + connectionId + "/inbox").jsonArray()
                    .getJsonObject(0);
            return "DEAD".equals(again.getString("status")) && !firstVerdictAt.equals(again.getString("processedAt"));
        });
        assertThat(client.postJson("api/admin/connections/" + connectionId + "/inbox/"
                + dead.getJsonNumber("id").longValue() + "/replay", "").status()).isEqualTo(202);
    }

    @Test
    void aBadEntryInABatchFailsAloneWhileTheOthersAreProcessedOnce() {
        assertThat(client.postJson("api/admin/inbox/pause", "").status()).isEqualTo(204);
        try {
            for (int i = 0; i < 12; i++) {
                assertThat(client.deliver(connectionId, SECRET, LiaisonClient.contactEvent("evt-batch-" + i,
                        "batch-" + i)).status()).isEqualTo(202);
                if (i == 5) {
                    assertThat(client.deliver(connectionId, SECRET, "{\"id\":\"evt-batch-bad\",\"type\":"
                            + "\"consent.changed\",\"occurredAt\":\"2026-11-23T09:00:00Z\",\"data\":{\"id\":"
                            + "\"c-1\",\"contactId\":\"1\",\"purpose\":\"planet_exploded\",\"channel\":"
                            + "\"email\",\"granted\":true}}").status()).isEqualTo(202);
                }
            }
            assertThat(client.inbox(connectionId).getInt("pending")).isEqualTo(13);
        } finally {
            assertThat(client.postJson("api/admin/inbox/resume", "").status()).isEqualTo(204);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> client.inbox(connectionId).getInt("pending") == 0);
        JsonObject inbox = client.inbox(connectionId);
        assertThat(inbox.getInt("done")).isEqualTo(12);
        assertThat(inbox.getInt("dead")).isEqualTo(1);
        assertThat(inbox.getInt("eventsRecorded")).as("each good event journaled once").isEqualTo(12);
        assertThat(client.get("api/admin/connections/" + connectionId + "/inbox?status=dead").jsonArray())
                .singleElement().satisfies(dead -> assertThat(dead.asJsonObject().getString("lastError"))
                        .contains("purpose"));
    }

    @Test
    void aSenderWithoutAnEventIdGetsAProblemNamingTheField() {
        LiaisonClient.Reply reply = client.deliver(connectionId, SECRET, "{\"type\":\"contact.deleted\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().getString("field")).isEqualTo("body");
        assertThat(reply.json().getString("detail")).contains("'id'");
    }

    @Test
    void connectionSettingsAreValidatedFieldByField() {
        LiaisonClient.Reply reply = client.postJson("api/admin/connections",
                "{\"kind\":\"webhook\",\"name\":\"\",\"settings\":{\"colour\":\"red\"}}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().getString("type")).isEqualTo("urn:liaison:problem:validation");
        assertThat(reply.json().getJsonArray("errors").getValuesAs(JsonObject.class))
                .extracting(error -> error.getString("field"))
                .containsExactlyInAnyOrder("name", "settings.signingSecret", "settings.colour");
    }

    @Test
    void secretsAreNeverEchoed() {
        LiaisonClient.Reply connection = client.get("api/admin/connections/" + connectionId);

        assertThat(connection.body()).doesNotContain(SECRET);
        assertThat(connection.json().getJsonArray("secretSettings").getString(0)).isEqualTo("signingSecret");
        assertThat(client.get("api/admin/connections").body()).doesNotContain(SECRET);
    }

    @Test
    void anUnknownConnectionIsAProblemDocument() {
        LiaisonClient.Reply reply = client.get("api/admin/connections/" + UUID.randomUUID());

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    @Test
    void onlyPostIsAWebhook() {
        LiaisonClient.Reply reply = client.get("hooks/" + connectionId);

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anOversizedBodyIsRefusedAndNotStored() {
        String huge = LiaisonClient.contactEvent("evt-huge", "1").replace("}}", ",\"padding\":\""
                + "x".repeat(1_100_000) + "\"}}");

        LiaisonClient.Reply reply = client.deliver(connectionId, SECRET, huge);

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.json().getString("type")).isEqualTo("urn:liaison:problem:payload-too-large");
        assertThat(client.get("api/admin/connections/" + connectionId + "/inbox").jsonArray()).isEmpty();
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        LiaisonClient.Reply openapi = client.get("openapi");

        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.body()).contains("/api/admin/connections").contains("/hooks/{connectionId}");
    }
}
