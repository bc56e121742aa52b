package dev.liaison.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liaison.connectors.testkit.SmscFake;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once toward an SMS gateway, against the packaged server (target/server) that the test owns, as in
 * CrashRecoveryIT: a fake SMSC (facts §4.2: {@code POST /sys/send.php} answering {@code {"id":N,"cnt":1}},
 * {@code GET /sys/status.php} answering {@code {"status":N}}, -3 for an id it never saw) is slow to answer, the
 * server is killed with SIGKILL while the send is in flight, and after a restart the message must not reach the
 * fake a second time. The fake remembers what it received in a WireMock scenario state, which changes when the
 * request is matched, before the delayed answer.
 */
class ExactlyOnceSendingIT {

    private static final String HOOK_SECRET = "exactly-once-secret";

    @TempDir
    Path dataDir;

    private LiaisonServer server;
    private final WireMockServer smsc = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));

    @BeforeEach
    void prepare() {
        server = new LiaisonServer(Path.of(System.getProperty("liaison.server.home")), dataDir);
        smsc.start();
    }

    @AfterEach
    void stop() {
        server.kill();
        smsc.stop();
    }

    @Test
    void aKillWhileTheGatewayHoldsTheSendDoesNotSendItAgain() {
        SmscFake.on(smsc).stubGatewayThatRemembers(
                SmscFake.json(SmscFake.ACCEPTED).withFixedDelay((int) Duration.ofSeconds(15).toMillis()), true);

        LiaisonClient client = server.start(true);
        String smsConnection = smscConnection(client);
        String message = enqueueBody(smsConnection, personWithSmsConsent(client), "run-1/step-1");
        assertThat(enqueue(client, message).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> sends() == 1);

        server.kill();
        client = server.start(true);

        LiaisonClient restarted = client;
        await().atMost(Duration.ofMinutes(3)).until(() -> status(restarted, message).equals("SENT"));
        smsc.verify(getRequestedFor(urlPathEqualTo(SmscFake.STATUS_PATH)));
        assertNoFurtherSend(1);
        assertThat(status(client, message)).isEqualTo("SENT");
    }

    @Test
    void aGatewayThatFailsOnceGetsTheMessageOnceOnTheRetry() {
        SmscFake.on(smsc).stubGatewayThatRemembers(aResponse().withStatus(503), false);

        LiaisonClient client = server.start(true);
        String smsConnection = smscConnection(client);
        String message = enqueueBody(smsConnection, personWithSmsConsent(client), "run-2/step-1");
        assertThat(enqueue(client, message).status()).isEqualTo(202);
        assertThat(enqueue(client, message).status()).as("a second enqueue is the same message").isEqualTo(202);

        await().atMost(Duration.ofMinutes(1)).until(() -> status(client, message).equals("SENT"));
        // Two requests reached the fake: the refused one (503) and the one accepted send. The retry is a repeat, so
        // it asked SMSC about the message's id first, and sent only because SMSC had never seen it.
        assertNoFurtherSend(2);
        smsc.verify(1, getRequestedFor(urlPathEqualTo(SmscFake.STATUS_PATH)));
    }

    private void assertNoFurtherSend(int expected) {
        await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(15)).until(() -> sends() == expected);
    }

    private int sends() {
        return smsc.findAll(postRequestedFor(urlPathEqualTo(SmscFake.SEND_PATH))).size();
    }

    private String smscConnection(LiaisonClient client) {
        LiaisonClient.Reply created = client.postJson("api/admin/connections", "{\"kind\":\"smsc\",\"name\":\""
                + LiaisonClient.uniqueName("fake smsc") + "\",\"settings\":{\"login\":\"acme\","
                + "\"password\":\"not-a-real-password\",\"webhookSecret\":"
                + "\"smsc-callback-secret\",\"baseUrl\":\"" + smsc.baseUrl() + "\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().getString("id");
    }

    /**
     * A person with a phone, marketing_sms consent, and a time zone where it is early afternoon now, so that quiet
     * hours (21:00-09:00 by default) never defer the message whenever the test runs.
     */
    private static String personWithSmsConsent(LiaisonClient client) {
        String hooks = client.createWebhookConnection(HOOK_SECRET);
        String contactId = UUID.randomUUID().toString();
        String email = "sms-" + contactId + "@example.com";
        int phoneSuffix = Math.abs(contactId.hashCode() % 9000) + 1000;
        String contact = "{\"id\":\"evt-" + contactId + "\",\"type\":\"contact.upserted\",\"occurredAt\":"
                + "\"2026-11-23T09:00:00Z\",\"data\":{\"id\":\"" + contactId + "\",\"emails\":[\"" + email + "\"],"
                + "\"phones\":[\"+7903123" + phoneSuffix + "\"],\"attributes\":{\"timezone\":\""
                + afternoonZone() + "\"}}}";
        assertThat(client.deliver(hooks, HOOK_SECRET, contact).status()).isEqualTo(202);
        String profileId = await().atMost(Duration.ofSeconds(30)).until(() -> {
            LiaisonClient.Reply found = client.get("api/profiles?email=" + email);
            return found.status() == 200 && !found.jsonArray().isEmpty()
                    ? found.jsonArray().getJsonObject(0).getString("id") : null;
        }, id -> id != null);
        LiaisonClient.Reply consent = client.postJson("api/profiles/" + profileId + "/consents",
                "{\"purpose\":\"marketing_sms\",\"channel\":\"sms\",\"decision\":\"GRANTED\",\"occurredAt\":"
                        + "\"2026-11-01T10:00:00Z\",\"evidence\":{\"noticeVersion\":\"sms-v1\",\"noticeText\":"
                        + "\"I agree to SMS offers\",\"collectionMethod\":\"web form\"}}");
        assertThat(consent.status()).as(consent.body()).isEqualTo(201);
        return profileId;
    }

    /** A fixed-offset zone in which it is now between 13:00 and 14:00. */
    private static String afternoonZone() {
        int hours = 13 - ZonedDateTime.now(ZoneOffset.UTC).getHour();
        if (hours < -12) {
            hours += 24;
        }
        if (hours > 14) {
            hours -= 24;
        }
        return ZoneOffset.ofHours(hours).getId();
    }

    private static String enqueueBody(String connectionId, String profileId, String key) {
        return "{\"connectionId\":\"" + connectionId + "\",\"profileId\":\"" + profileId + "\",\"purpose\":"
                + "\"marketing_sms\",\"channel\":\"sms\",\"text\":\"Скидка 10% до пятницы\",\"idempotencyKey\":\""
                + key + "\"}";
    }

    private static LiaisonClient.Reply enqueue(LiaisonClient client, String body) {
        return client.postJson("api/admin/messages", body);
    }

    /** The message's log status: enqueueing the same key again adds nothing and answers with it. */
    private static String status(LiaisonClient client, String body) {
        LiaisonClient.Reply reply = enqueue(client, body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        return reply.json().getString("status");
    }
}
