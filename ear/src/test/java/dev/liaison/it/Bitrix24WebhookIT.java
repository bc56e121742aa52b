package dev.liaison.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liaison.connectors.testkit.Bitrix24Fake;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
 * The Bitrix24 connector inside the server, incoming + outgoing webhook mode: an {@code ONCRMCONTACTUPDATE} event
 * (form-encoded with PHP-style keys, external-apis.md §1.8) with the outgoing webhook's application token makes
 * Liaison fetch the contact from the fake portal and store a profile with normalised identities; a forged token
 * is refused with 401 and nothing is fetched or stored.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class Bitrix24WebhookIT {

    private static final String TOKEN = "jvh9y1ulvt2m6k5or90v9mg8nn32ozas";
    private static final String MEMBER_ID = "a223c6b3710f85df22e9377d6c4f7553";
    private static final String DOMAIN = "example.bitrix24.ru";
    private static final String WEBHOOK_PATH = "/rest/1/7xq2kd9w3m1p0abc/";

    @Deployment(testable = false)
    static EnterpriseArchive liaison() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("liaison.ear")));
    }

    @ArquillianResource
    URL deploymentUrl;

    private final WireMockServer portal = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));

    @BeforeEach
    void start() {
        portal.start();
    }

    @AfterEach
    void stop() {
        portal.stop();
    }

    @Test
    void aContactUpdateWithTheRightTokenBecomesAProfileAndAForgedOneIsRefused() throws Exception {
        URI root = new URL(deploymentUrl.getProtocol(), deploymentUrl.getHost(), deploymentUrl.getPort(), "/").toURI();
        LiaisonClient client = new LiaisonClient(root);
        String person = UUID.randomUUID().toString().substring(0, 8);
        long contactId = 1000 + ThreadLocalRandom.current().nextLong(1_000_000);
        String local = String.format("%07d", ThreadLocalRandom.current().nextLong(10_000_000));
        String phone = "+7 999 " + local.substring(0, 3) + "-" + local.substring(3, 5) + "-" + local.substring(5);
        String email = "Anastasia." + person + "@Example.COM";
        Bitrix24Fake.on(portal, WEBHOOK_PATH).stubGet("contact", contactId, Bitrix24Fake.ok("{\"ID\":\"" + contactId
                + "\",\"NAME\":\"Anastasia\",\"LAST_NAME\":\"Orlova\",\"TYPE_ID\":\"CLIENT\","
                + "\"DATE_CREATE\":\"2024-08-20T10:00:00+03:00\",\"DATE_MODIFY\":\"2024-08-26T21:17:31+03:00\","
                + "\"PHONE\":[{\"ID\":\"214\",\"VALUE_TYPE\":\"WORK\",\"VALUE\":\"" + phone + "\","
                + "\"TYPE_ID\":\"PHONE\"}],"
                + "\"EMAIL\":[{\"ID\":\"215\",\"VALUE_TYPE\":\"WORK\",\"VALUE\":\"" + email + "\","
                + "\"TYPE_ID\":\"EMAIL\"}]}"));
        LiaisonClient.Reply created = client.postJson("api/admin/connections", "{\"kind\":\"bitrix24\",\"name\":"
                + "\"" + LiaisonClient.uniqueName("portal") + "\",\"settings\":{\"portalUrl\":\"https://" + DOMAIN + "\",\"incomingWebhookUrl\":\""
                + portal.baseUrl() + WEBHOOK_PATH + "\",\"applicationToken\":\"" + TOKEN + "\",\"memberId\":\""
                + MEMBER_ID + "\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String connectionId = created.json().getString("id");
        long ts = Instant.now().getEpochSecond();

        assertThat(deliver(root, connectionId, event(contactId, ts, "jvh9y1ulvt2m6k5or90v9mg8nn32ozaX")))
                .isEqualTo(401);
        assertThat(client.inbox(connectionId).getInt("pending") + client.inbox(connectionId).getInt("done"))
                .isZero();
        assertThat(deliver(root, connectionId, event(contactId, ts, TOKEN))).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> client.inbox(connectionId).getInt("done") == 1);
        portal.verify(1, postRequestedFor(urlPathEqualTo(WEBHOOK_PATH + "crm.contact.get")));
        String e164 = "+7999" + local;
        LiaisonClient.Reply byPhone = client.get("api/profiles?phone=" + URLEncoder.encode(e164, StandardCharsets.UTF_8));
        assertThat(byPhone.jsonArray()).as(byPhone.body()).hasSize(1);
        assertThat(byPhone.body()).contains("\"value\":\"" + e164 + "\"",
                "\"value\":\"anastasia." + person + "@example.com\"",
                "bitrix24|" + connectionId + "|C_" + contactId);
        LiaisonClient.Reply byEmail = client.get("api/profiles?email="
                + URLEncoder.encode("anastasia." + person + "@example.com", StandardCharsets.UTF_8));
        assertThat(byEmail.jsonArray()).hasSize(1);
    }

    /**
     * A burst delivered while processing is paused: the 120 contacts are read back with three {@code batch} calls of
     * at most 50 {@code crm.contact.get} commands, outside the processing transactions, and each becomes a profile
     * once; a contact the portal no longer has is a deletion, not a failure.
     */
    @Test
    void aBurstOfEventsIsReadBackWithBatchCallsOfFiftyRecords() throws Exception {
        URI root = new URL(deploymentUrl.getProtocol(), deploymentUrl.getHost(), deploymentUrl.getPort(), "/").toURI();
        LiaisonClient client = new LiaisonClient(root);
        String burstPath = "/rest/1/bur5tp0rt4l0code/";
        SwitchablePortal fake = new SwitchablePortal(burstPath, 119);
        WireMockServer burstPortal = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
                .extensions(fake));
        burstPortal.start();
        try {
            burstPortal.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
            LiaisonClient.Reply created = client.postJson("api/admin/connections", "{\"kind\":\"bitrix24\",\"name\":"
                    + "\"" + LiaisonClient.uniqueName("burst portal") + "\",\"settings\":{\"portalUrl\":\"https://"
                    + DOMAIN + "\",\"incomingWebhookUrl\":\"" + burstPortal.baseUrl() + burstPath
                    + "\",\"applicationToken\":\"" + TOKEN + "\",\"memberId\":\"" + MEMBER_ID
                    + "\",\"initialImport\":\"false\"}}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String connectionId = created.json().getString("id");
            long ts = Instant.now().getEpochSecond();

            assertThat(client.postJson("api/admin/inbox/pause", "").status()).isEqualTo(204);
            try {
                for (long contact = 2; contact <= 240; contact += 2) {
                    assertThat(deliver(root, connectionId, event(contact, ts, TOKEN))).isEqualTo(202);
                }
            } finally {
                assertThat(client.postJson("api/admin/inbox/resume", "").status()).isEqualTo(204);
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> client.inbox(connectionId).getInt("done") == 120);
            assertThat(client.inbox(connectionId).getInt("dead")).isZero();
            burstPortal.verify(3, postRequestedFor(urlPathEqualTo(burstPath + "batch")));
            burstPortal.verify(0, postRequestedFor(urlPathEqualTo(burstPath + "crm.contact.get")));
            LiaisonClient.Reply profile = client.get("api/profiles?externalRef=" + URLEncoder.encode(
                    "bitrix24|" + connectionId + "|C_238", StandardCharsets.UTF_8));
            assertThat(profile.jsonArray()).as(profile.body()).hasSize(1);
            LiaisonClient.Reply gone = client.get("api/profiles?externalRef=" + URLEncoder.encode(
                    "bitrix24|" + connectionId + "|C_240", StandardCharsets.UTF_8));
            assertThat(gone.jsonArray()).as("contact 240 is not in the portal").isEmpty();
        } finally {
            burstPortal.stop();
        }
    }

    /** The §1.8 example body of external-apis.md with this test's record, time and token, urlencoded as sent. */
    private static String event(long contactId, long ts, String token) {
        return "event=ONCRMCONTACTUPDATE&event_handler_id=975&data%5BFIELDS%5D%5BID%5D=" + contactId + "&ts=" + ts
                + "&auth%5Bdomain%5D=" + DOMAIN + "&auth%5Bclient_endpoint%5D=https%3A%2F%2F" + DOMAIN + "%2Frest%2F"
                + "&auth%5Bserver_endpoint%5D=https%3A%2F%2Foauth.bitrix.info%2Frest%2F&auth%5Bmember_id%5D="
                + MEMBER_ID + "&auth%5Bapplication_token%5D=" + token;
    }

    private static int deliver(URI root, String connectionId, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(root.resolve("hooks/" + connectionId))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("User-Agent", "Bitrix24 Webhook Engine")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
