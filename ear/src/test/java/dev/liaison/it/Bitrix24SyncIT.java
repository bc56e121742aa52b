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
import jakarta.json.JsonObject;
import java.io.File;
import java.net.URI;
import java.net.URL;
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
 * Pull sync in the server against the Bitrix24 fake portal of the test kit (contacts 2, 4, 6, ..., read through
 * {@code batch} as the connector does): a new connection imports the contacts that already exist into profiles; a
 * pause stops the import after its current page and a resume goes on with the same run; a contact added to the portal
 * is found by the next run, which reads only what is new; a full resync reads everything again without duplicating a
 * profile; the progress counts each entity and estimates the time left from Bitrix24's {@code total}; the
 * connection's health shows its call guards, last sync and the drift its last reconciliation found; bad input and
 * connections that cannot sync are refused.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class Bitrix24SyncIT {

    private static final String WEBHOOK_PATH = "/rest/1/5yncp0rt4l0code/";
    private static final Duration SLOW = Duration.ofSeconds(2);

    @Deployment(testable = false)
    static EnterpriseArchive liaison() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("liaison.ear")));
    }

    @ArquillianResource
    URL deploymentUrl;

    private final SwitchablePortal fake = new SwitchablePortal(WEBHOOK_PATH, 3);
    private final WireMockServer portal = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
            .extensions(fake));

    @BeforeEach
    void start() {
        portal.start();
        portal.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
    }

    @AfterEach
    void stop() {
        portal.stop();
    }

    @Test
    void importsExistingContactsPausesResumesAndFindsWhatChanged() throws Exception {
        URI root = new URL(deploymentUrl.getProtocol(), deploymentUrl.getHost(), deploymentUrl.getPort(), "/").toURI();
        LiaisonClient client = new LiaisonClient(root);
        fake.delay = SLOW;

        LiaisonClient.Reply created = client.postJson("api/admin/connections", "{\"kind\":\"bitrix24\",\"name\":"
                + "\"" + LiaisonClient.uniqueName("synced portal") + "\",\"settings\":{"
                + "\"portalUrl\":\"https://sync.bitrix24.ru\",\"incomingWebhookUrl\":\""
                + portal.baseUrl() + WEBHOOK_PATH + "\",\"applicationToken\":\"sync0application0token0x\","
                + "\"syncInterval\":\"PT1H\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().getString("id");
        String sync = "api/admin/connections/" + id + "/sync";

        // The initial import reads contacts, then leads, then deals: one slow call each. Pause after the first page.
        await().atMost(Duration.ofSeconds(60)).until(() -> state(client, sync).getJsonNumber("pages").longValue() >= 1);
        LiaisonClient.Reply paused = client.postJson(sync + "/pause", "");
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);
        assertThat(paused.json().getString("phase")).isEqualTo("PAUSED");
        Thread.sleep(3 * SLOW.toMillis());
        JsonObject stopped = state(client, sync);
        assertThat(stopped.getString("phase")).isEqualTo("PAUSED");
        assertThat(stopped.getBoolean("runUnderWay")).as("paused mid-run").isTrue();
        long pagesWhenPaused = stopped.getJsonNumber("pages").longValue();
        Thread.sleep(2 * SLOW.toMillis());
        assertThat(state(client, sync).getJsonNumber("pages").longValue()).as("nothing runs while paused")
                .isEqualTo(pagesWhenPaused);
        for (long contact : new long[] {2, 4, 6}) {
            assertProfile(client, contact, id);
        }

        assertThat(client.postJson(sync + "/resume", "").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> finished(state(client, sync), 1));
        JsonObject imported = state(client, sync);
        assertThat(imported.getJsonNumber("pages").longValue()).as("contacts, leads, deals").isEqualTo(3);
        assertThat(imported.getJsonNumber("recordsSeen").longValue()).isEqualTo(3);
        assertThat(imported.getJsonNumber("recordsChanged").longValue()).isEqualTo(3);
        assertThat(imported.getString("phase")).isEqualTo("IDLE");
        assertThat(imported.getBoolean("fullRun")).isFalse();
        assertThat(imported.getJsonObject("entities").getJsonObject("contacts").getJsonNumber("changed").longValue())
                .isEqualTo(3);
        assertThat(imported.containsKey("estimatedTimeLeft")).as("no run under way").isFalse();

        // A contact was added while Liaison was not looking: the next run reads only what is new.
        fake.delay = Duration.ZERO;
        fake.portal = new Bitrix24Fake.Portal(WEBHOOK_PATH, 4);
        LiaisonClient.Reply runNow = client.postJson(sync, "");
        assertThat(runNow.status()).as(runNow.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> finished(state(client, sync), 2));
        assertThat(state(client, sync).getJsonNumber("recordsSeen").longValue()).isEqualTo(1);
        assertProfile(client, 8, id);

        // A full resync reads all four again; each person keeps one profile.
        assertThat(client.postJson(sync, "{\"full\": true}").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> finished(state(client, sync), 3));
        assertThat(state(client, sync).getJsonNumber("recordsSeen").longValue()).isEqualTo(4);
        for (long contact : new long[] {2, 4, 6, 8}) {
            assertProfile(client, contact, id);
        }
        portal.verify(postRequestedFor(urlPathEqualTo(WEBHOOK_PATH + "batch")));
    }

    @Test
    void showsProgressPerEntityTheTimeLeftAndTheConnectionsHealthWithTheDriftOfTheLastReconciliation()
            throws Exception {
        URI root = new URL(deploymentUrl.getProtocol(), deploymentUrl.getHost(), deploymentUrl.getPort(), "/").toURI();
        LiaisonClient client = new LiaisonClient(root);
        // 2,550 contacts: the first page reads 2,500 (50 commands of 50) and Bitrix24's total says 50 are left.
        fake.portal = new Bitrix24Fake.Portal(WEBHOOK_PATH, 2550);
        fake.delay = SLOW;
        LiaisonClient.Reply created = client.postJson("api/admin/connections", "{\"kind\":\"bitrix24\",\"name\":"
                + "\"" + LiaisonClient.uniqueName("progress portal") + "\",\"settings\":{"
                + "\"portalUrl\":\"https://progress.bitrix24.ru\",\"incomingWebhookUrl\":\""
                + portal.baseUrl() + WEBHOOK_PATH + "\",\"applicationToken\":\"prog0application0token0x\","
                + "\"syncInterval\":\"PT1H\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().getString("id");
        String sync = "api/admin/connections/" + id + "/sync";

        await().atMost(Duration.ofSeconds(120)).until(() -> state(client, sync).getJsonNumber("pages").longValue() >= 1);
        assertThat(client.postJson(sync + "/pause", "").status()).isEqualTo(200);
        JsonObject paused = state(client, sync);
        assertThat(paused.getJsonNumber("pages").longValue()).as("paused after the first page").isEqualTo(1);
        JsonObject entities = paused.getJsonObject("entities");
        assertThat(entities.getJsonObject("contacts").getJsonNumber("seen").longValue()).isEqualTo(2500);
        assertThat(entities.getJsonObject("contacts").getJsonNumber("changed").longValue()).isEqualTo(2500);
        assertThat(entities.getJsonObject("deals").getJsonNumber("seen").longValue()).isZero();
        assertThat(entities.getJsonObject("deletions").getJsonNumber("seen").longValue()).isZero();
        assertThat(paused.getJsonNumber("recordsRemaining").longValue()).isEqualTo(50);
        assertThat(paused.getString("estimatedTimeLeft")).as(paused.toString()).matches("PT[0-9.]+S|PT[0-9]+M.*");

        JsonObject health = connection(client, id).getJsonObject("health");
        assertThat(health).as("health of the connection").isNotNull();
        JsonObject calls = health.getJsonObject("calls");
        assertThat(calls.getJsonNumber("burst").longValue()).as(health.toString()).isEqualTo(50);
        assertThat(calls.getJsonNumber("tokensAvailable").longValue()).isBetween(0L, 50L);
        assertThat(calls.getString("circuit")).isEqualTo("CLOSED");
        assertThat(calls.getJsonObject("rateLimitWaits").containsKey("count")).isTrue();
        assertThat(health.containsKey("accessTokenExpiresAt")).as("an incoming webhook has no OAuth token").isFalse();
        assertThat(health.getJsonObject("lastSync").getString("phase")).isEqualTo("PAUSED");
        assertThat(health.containsKey("lastReconciliation")).as("the initial import is no reconciliation").isFalse();
        assertThat(client.get("api/admin/connections").body()).as("the list leaves health out")
                .doesNotContain("\"health\"");

        assertThat(client.postJson(sync + "/resume", "").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(120)).until(() -> finished(state(client, sync), 1));
        JsonObject imported = state(client, sync);
        assertThat(imported.getJsonObject("entities").getJsonObject("contacts").getJsonNumber("seen").longValue())
                .isEqualTo(2550);
        assertThat(imported.containsKey("estimatedTimeLeft")).as("no run under way").isFalse();

        // Two contacts added while no webhook told Liaison: the next (incremental) run finds them, and that is drift.
        fake.delay = Duration.ZERO;
        fake.portal = new Bitrix24Fake.Portal(WEBHOOK_PATH, 2552);
        assertThat(client.postJson(sync, "").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> finished(state(client, sync), 2));
        JsonObject drift = connection(client, id).getJsonObject("health").getJsonObject("lastReconciliation");
        assertThat(drift.getJsonNumber("changed").longValue()).as(drift.toString()).isEqualTo(2);
        assertThat(drift.getJsonNumber("deleted").longValue()).isZero();
        assertThat(drift.getString("finishedAt")).isNotBlank();
    }

    @Test
    void aNewConnectionImportsItsPeopleWithTheirDeals() throws Exception {
        URI root = new URL(deploymentUrl.getProtocol(), deploymentUrl.getHost(), deploymentUrl.getPort(), "/").toURI();
        LiaisonClient client = new LiaisonClient(root);
        String domain = "deals-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        String phonePrefix = "+7997" + (10 + ThreadLocalRandom.current().nextInt(90));
        fake.portal = new Bitrix24Fake.Portal(WEBHOOK_PATH, 3).withDeals(2)
                .with(new Bitrix24Fake.Portal.People(domain, phonePrefix));
        LiaisonClient.Reply created = client.postJson("api/admin/connections", "{\"kind\":\"bitrix24\",\"name\":"
                + "\"" + LiaisonClient.uniqueName("portal with deals") + "\",\"settings\":{"
                + "\"portalUrl\":\"https://deals.bitrix24.ru\",\"incomingWebhookUrl\":\""
                + portal.baseUrl() + WEBHOOK_PATH + "\",\"applicationToken\":\"deals0application0token0\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String sync = "api/admin/connections/" + created.json().getString("id") + "/sync";

        await().atMost(Duration.ofSeconds(60)).until(() -> finished(state(client, sync), 1));
        JsonObject imported = state(client, sync);
        assertThat(imported.getJsonObject("entities").getJsonObject("deals").getJsonNumber("seen").longValue())
                .isEqualTo(2);
        for (long deal : new long[] {1, 2}) {
            LiaisonClient.Reply found = client.get("api/profiles?email=person" + 2 * deal + "%40" + domain);
            assertThat(found.jsonArray()).as(found.body()).hasSize(1);
            JsonObject view = client.get("api/profiles/" + found.jsonArray().getJsonObject(0).getString("id")).json();
            assertThat(view.getJsonObject("deals").getJsonArray("items").getValuesAs(JsonObject.class))
                    .extracting(item -> item.getString("dealId") + " " + item.getString("status"))
                    .containsExactly("D_" + deal + " WON");
        }
        LiaisonClient.Reply withoutDeal = client.get("api/profiles?email=person6%40" + domain);
        JsonObject third = client.get("api/profiles/" + withoutDeal.jsonArray().getJsonObject(0).getString("id"))
                .json();
        assertThat(third.getJsonObject("deals").getJsonArray("items")).isEmpty();
    }

    @Test
    void badInputAndConnectionsThatCannotSyncAreRefused() throws Exception {
        URI root = new URL(deploymentUrl.getProtocol(), deploymentUrl.getHost(), deploymentUrl.getPort(), "/").toURI();
        LiaisonClient client = new LiaisonClient(root);
        LiaisonClient.Reply created = client.postJson("api/admin/connections", "{\"kind\":\"bitrix24\",\"name\":"
                + "\"" + LiaisonClient.uniqueName("not imported") + "\",\"settings\":{"
                + "\"portalUrl\":\"https://skip.bitrix24.ru\",\"incomingWebhookUrl\":\""
                + portal.baseUrl() + WEBHOOK_PATH + "\",\"applicationToken\":\"skip0application0token0x\","
                + "\"initialImport\":\"false\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String sync = "api/admin/connections/" + created.json().getString("id") + "/sync";
        assertThat(state(client, sync).getString("phase")).as("the import was skipped").isEqualTo("PAUSED");

        LiaisonClient.Reply notBoolean = client.postJson(sync, "{\"full\": \"yes\"}");
        assertThat(notBoolean.status()).isEqualTo(400);
        assertThat(notBoolean.contentType()).startsWith("application/problem+json");
        assertThat(notBoolean.body()).contains("\"field\":\"full\"");
        assertThat(client.postJson(sync, "{\"fulll\": true}").body()).contains("\"field\":\"fulll\"");
        assertThat(client.postJson(sync, "[true]").status()).isEqualTo(400);

        LiaisonClient.Reply badInterval = client.postJson("api/admin/connections", "{\"kind\":\"bitrix24\",\"name\":"
                + "\"" + LiaisonClient.uniqueName("bad interval") + "\",\"settings\":{"
                + "\"portalUrl\":\"https://skip.bitrix24.ru\",\"incomingWebhookUrl\":\""
                + portal.baseUrl() + WEBHOOK_PATH + "\",\"applicationToken\":\"skip0application0token0x\","
                + "\"syncInterval\":\"every hour\"}}");
        assertThat(badInterval.status()).isEqualTo(400);
        assertThat(badInterval.body()).contains("settings.syncInterval");

        String webhookOnly = client.createWebhookConnection("sync0it0signing0secret0");
        LiaisonClient.Reply noSource = client.get("api/admin/connections/" + webhookOnly + "/sync");
        assertThat(noSource.status()).isEqualTo(409);
        assertThat(noSource.body()).contains("no-record-source");
        assertThat(client.get("api/admin/connections/no-such-connection/sync").status()).isEqualTo(404);
        assertThat(portal.findAll(postRequestedFor(urlPathEqualTo(WEBHOOK_PATH + "batch")))).as("nothing imported")
                .isEmpty();
    }

    private static JsonObject state(LiaisonClient client, String sync) {
        LiaisonClient.Reply reply = client.get(sync);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static JsonObject connection(LiaisonClient client, String id) {
        LiaisonClient.Reply reply = client.get("api/admin/connections/" + id);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static boolean finished(JsonObject state, long run) {
        return state.getJsonNumber("runNumber").longValue() == run && !state.getBoolean("runUnderWay")
                && state.containsKey("finishedAt") && !state.isNull("finishedAt");
    }

    private static void assertProfile(LiaisonClient client, long contact, String connectionId) {
        LiaisonClient.Reply found = client.get("api/profiles?email=person" + contact + "%40example.com");
        assertThat(found.jsonArray()).as(found.body()).hasSize(1);
        assertThat(found.body()).contains("bitrix24|" + connectionId + "|C_" + contact);
    }
}
