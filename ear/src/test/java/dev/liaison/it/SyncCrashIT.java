package dev.liaison.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the server with SIGKILL while an initial import pulls its second page, restarts it on the same database and
 * checks that the import resumes from the last committed page: every record is handed on and journaled exactly once.
 * Runs the packaged server (target/server), like CrashRecoveryIT, with a short sync lease so that the dead node's
 * claim runs out quickly.
 */
class SyncCrashIT {

    private static final String WEBHOOK_PATH = "/rest/1/cr4shp0rt4l0code/";

    @TempDir
    Path dataDir;

    private LiaisonServer server;
    private final SwitchablePortal fake = new SwitchablePortal(WEBHOOK_PATH, 3);
    private final WireMockServer portal = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
            .extensions(fake));

    @BeforeEach
    void prepare() {
        server = new LiaisonServer(Path.of(System.getProperty("liaison.server.home")), dataDir);
        portal.start();
        portal.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
    }

    @AfterEach
    void stop() {
        server.kill();
        portal.stop();
    }

    @Test
    void aKillMidImportResumesFromTheLastCommittedPageWithoutDuplicates() {
        fake.delay = Duration.ofSeconds(4);
        LiaisonClient client = server.start(true, "-Dliaison.sync.lease=PT10S");
        LiaisonClient.Reply created = client.postJson("api/admin/connections", "{\"kind\":\"bitrix24\",\"name\":"
                + "\"" + LiaisonClient.uniqueName("crash portal") + "\",\"settings\":{"
                + "\"portalUrl\":\"https://crash.bitrix24.ru\",\"incomingWebhookUrl\":\""
                + portal.baseUrl() + WEBHOOK_PATH + "\",\"applicationToken\":\"crash0application0token0\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().getString("id");
        String sync = "api/admin/connections/" + id + "/sync";
        LiaisonClient first = client;
        await().atMost(Duration.ofSeconds(60)).until(() -> pages(first, sync) >= 1);

        server.kill();
        fake.delay = Duration.ZERO;
        client = server.start(true, "-Dliaison.sync.lease=PT10S");

        LiaisonClient restarted = client;
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            JsonObject state = restarted.get(sync).json();
            return !state.getBoolean("runUnderWay") && state.containsKey("finishedAt") && !state.isNull("finishedAt");
        });
        JsonObject done = client.get(sync).json();
        assertThat(done.getJsonNumber("runNumber").longValue()).as("the same run, resumed").isEqualTo(1);
        assertThat(done.getJsonNumber("pages").longValue()).as("contacts, leads, deals: each page once").isEqualTo(3);
        assertThat(done.getJsonNumber("recordsSeen").longValue()).isEqualTo(3);
        assertThat(client.inbox(id).getInt("eventsRecorded")).as("journaled once each").isEqualTo(3);
        assertThat(client.inbox(id).getInt("done")).as("one inbox entry per committed page").isEqualTo(3);
        for (long contact : new long[] {2, 4, 6}) {
            assertThat(client.get("api/profiles?email=person" + contact + "%40example.com").jsonArray()).hasSize(1);
        }
    }

    private static long pages(LiaisonClient client, String sync) {
        LiaisonClient.Reply reply = client.get(sync);
        return reply.status() == 200 ? reply.json().getJsonNumber("pages").longValue() : 0;
    }
}
