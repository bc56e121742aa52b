package dev.liaison.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.liaison.connectors.testkit.AmoCrmFake;
import dev.liaison.connectors.testkit.Bitrix24Fake;
import jakarta.json.JsonObject;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
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
 * PATCHing what a connection needs to reach its remote system, with no restart: a Bitrix24 incoming webhook URL (the
 * token is part of it) and an amoCRM access token are used by the very next remote call, as the fakes' request
 * journals show; an amoCRM webhook secret moves the webhook Liaison registered in the account (the new destination
 * registered before the edit is stored, the old one removed after), and when amoCRM refuses the new registration the
 * PATCH is a 502 that changes nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RemoteSettingsEditIT {

    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String OLD_PATH = "/rest/1/01dt0ken0f0rpatch/";
    private static final String NEW_PATH = "/rest/1/n3wt0ken0f0rpatch/";
    private static final String CONTACT_ID = "403181";
    private static final String NEW_TOKEN = "it-rotated-long-lived-token";
    /** Where the connections of these tests say Liaison registered its amoCRM webhook. */
    private static final String HOOK_URL = "https://liaison.example.com/hooks/amo-edit";

    @Deployment(testable = false)
    static EnterpriseArchive liaison() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("liaison.ear")));
    }

    @ArquillianResource
    URL deploymentUrl;

    private final SwitchablePortal portalFake = new SwitchablePortal(OLD_PATH, 3);
    private final WireMockServer portal = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
            .extensions(portalFake));
    private final AmoCrmAccount amocrm = new AmoCrmAccount();
    private URI root;
    private LiaisonClient client;

    @BeforeEach
    void start() throws Exception {
        portal.start();
        portal.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
        amocrm.start();
        root = new URL(deploymentUrl.getProtocol(), deploymentUrl.getHost(), deploymentUrl.getPort(), "/").toURI();
        client = new LiaisonClient(root);
    }

    @AfterEach
    void stop() {
        portal.stop();
        amocrm.stop();
    }

    @Test
    void aPatchedBitrix24WebhookUrlIsUsedByTheNextSyncCall() {
        LiaisonClient.Reply created = client.postJson("api/admin/connections", "{\"kind\":\"bitrix24\",\"name\":"
                + "\"" + LiaisonClient.uniqueName("rotated portal") + "\",\"settings\":{"
                + "\"portalUrl\":\"https://rotated.bitrix24.ru\",\"incomingWebhookUrl\":\""
                + portal.baseUrl() + OLD_PATH + "\",\"applicationToken\":\"rotate0application0token0\","
                + "\"syncInterval\":\"PT1H\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().getString("id");
        String sync = "api/admin/connections/" + id + "/sync";
        await().atMost(Duration.ofSeconds(60)).until(() -> finished(client.get(sync).json(), 1));
        int oldCalls = calls(OLD_PATH);
        assertThat(oldCalls).as("the import used the first webhook").isPositive();

        // The admin regenerates the incoming webhook in Bitrix24: the old URL is refused from now on.
        portalFake.portal = new Bitrix24Fake.Portal(NEW_PATH, 3);
        LiaisonClient.Reply patched = client.send("PATCH", "api/admin/connections/" + id, MERGE_PATCH,
                "{\"settings\":{\"incomingWebhookUrl\":\"" + portal.baseUrl() + NEW_PATH + "\"}}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.body()).doesNotContain(NEW_PATH);

        assertThat(client.postJson(sync, "{\"full\": true}").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> finished(client.get(sync).json(), 2));
        JsonObject resynced = client.get(sync).json();
        assertThat(resynced.getJsonNumber("recordsSeen").longValue()).isEqualTo(3);
        assertThat(resynced.containsKey("lastError") && !resynced.isNull("lastError")).as(resynced.toString())
                .isFalse();
        assertThat(calls(OLD_PATH)).as("no call with the old token after the PATCH").isEqualTo(oldCalls);
        assertThat(calls(NEW_PATH)).as("contacts, leads, deals and the check of the records Liaison holds, with the "
                + "new one").isEqualTo(4);
    }

    @Test
    void aPatchedAmoCrmTokenIsUsedByTheNextReFetch() throws Exception {
        String digits = String.format("%07d", Math.floorMod(UUID.randomUUID().hashCode(), 10_000_000));
        String phone = "8 903 " + digits.substring(0, 3) + "-" + digits.substring(3, 5) + "-" + digits.substring(5);
        AmoCrmFake.on(amocrm.server()).stubContact(NEW_TOKEN, CONTACT_ID, phone, null);
        String id = amocrm.connect(client, "rotated amo");

        LiaisonClient.Reply patched = client.send("PATCH", "api/admin/connections/" + id, MERGE_PATCH,
                "{\"settings\":{\"accessToken\":\"" + NEW_TOKEN + "\"}}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.body()).doesNotContain(NEW_TOKEN);
        assertThat(AmoCrmAccount.post(root, id, "secret=" + amocrm.webhookSecret,
                AmoCrmFake.contactUpdateWebhook(CONTACT_ID, phone, AmoCrmFake.ACCOUNT_ID))).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> client.inbox(id).getInt("done") == 1);
        amocrm.server().verify(moreThanOrExactly(1),
                getRequestedFor(urlPathEqualTo("/api/v4/contacts/" + CONTACT_ID)).withHeader("Authorization", equalTo("Bearer " + NEW_TOKEN)));
        amocrm.server().verify(0, getRequestedFor(urlPathMatching("/api/v4/.*"))
                .withHeader("Authorization", equalTo("Bearer " + AmoCrmAccount.TOKEN)));
    }

    @Test
    void aNewWebhookSecretRegistersTheNewDestinationFirstThenRemovesTheOld() throws Exception {
        String id = connectRegistered("moved amo");
        String newSecret = "hk_" + UUID.randomUUID().toString().replace("-", "");
        AmoCrmFake.on(amocrm.server()).stubWebhookSubscription(HOOK_URL + "?secret=" + newSecret, 839657)
                .stubWebhookRemoval(HOOK_URL + "?secret=" + amocrm.webhookSecret);

        LiaisonClient.Reply patched = client.send("PATCH", "api/admin/connections/" + id, MERGE_PATCH,
                "{\"settings\":{\"webhookSecret\":\"" + newSecret + "\"}}");

        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.body()).doesNotContain(newSecret).doesNotContain(amocrm.webhookSecret);
        JsonObject moved = patched.json().getJsonObject("webhookRegistration");
        assertThat(moved.getString("registeredUrl")).isEqualTo(HOOK_URL);
        assertThat(moved.getString("previousUrl")).isEqualTo(HOOK_URL);
        assertThat(moved.getBoolean("previousRemoved")).isTrue();
        List<ServeEvent> oldestFirst = new ArrayList<>(amocrm.server().getAllServeEvents());
        Collections.reverse(oldestFirst);
        List<String> order = oldestFirst.stream().map(ServeEvent::getRequest).filter(request -> request.getUrl().startsWith(AmoCrmFake.WEBHOOKS_PATH))
                .map(request -> request.getMethod().getName()).toList();
        assertThat(order).as("registered before removed").containsExactly("POST", "DELETE");
        amocrm.server().verify(postRequestedFor(urlPathEqualTo(AmoCrmFake.WEBHOOKS_PATH))
                .withHeader("Authorization", equalTo("Bearer " + AmoCrmAccount.TOKEN)));
        amocrm.server().verify(deleteRequestedFor(urlPathEqualTo(AmoCrmFake.WEBHOOKS_PATH)));
        String contactUpdate = AmoCrmFake.contactUpdateWebhook(CONTACT_ID, "8 903 145-34-55", AmoCrmFake.ACCOUNT_ID);
        assertThat(AmoCrmAccount.post(root, id, "secret=" + amocrm.webhookSecret, contactUpdate)).isEqualTo(401);
        assertThat(client.get("api/audit?limit=200").body()).contains("settings.webhookSecret")
                .doesNotContain(newSecret);
    }

    @Test
    void aRefusedRegistrationIsA502AndChangesNothing() throws Exception {
        String id = connectRegistered("refused amo");
        String name = client.get("api/admin/connections/" + id).json().getString("name");
        String etag = client.get("api/admin/connections/" + id).etag();
        AmoCrmFake.on(amocrm.server()).refuseWebhooks();
        String newSecret = "hk_" + UUID.randomUUID().toString().replace("-", "");

        LiaisonClient.Reply refused = client.send("PATCH", "api/admin/connections/" + id, MERGE_PATCH,
                "{\"name\":\"" + LiaisonClient.uniqueName("renamed") + "\",\"settings\":{\"webhookSecret\":\""
                        + newSecret + "\"}}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(502);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body()).contains("webhook-registration-failed", "HTTP 403")
                .doesNotContain(newSecret).doesNotContain(amocrm.webhookSecret);
        LiaisonClient.Reply after = client.get("api/admin/connections/" + id);
        assertThat(after.json().getString("name")).isEqualTo(name);
        assertThat(after.etag()).as("not even the version moved").isEqualTo(etag);
        amocrm.server().verify(0, deleteRequestedFor(urlPathEqualTo(AmoCrmFake.WEBHOOKS_PATH)));
        String contactUpdate = AmoCrmFake.contactUpdateWebhook(CONTACT_ID, "8 903 145-34-55", AmoCrmFake.ACCOUNT_ID);
        assertThat(AmoCrmAccount.post(root, id, "secret=" + newSecret, contactUpdate)).isEqualTo(401);
        assertThat(AmoCrmAccount.post(root, id, "secret=" + amocrm.webhookSecret, contactUpdate))
                .as("the old secret is still the one in force").isEqualTo(202);
    }

    /** An amoCRM connection whose webhook Liaison registered under {@link #HOOK_URL} (as the OAuth callback does). */
    private String connectRegistered(String name) {
        LiaisonClient.Reply created = client.postJson("api/admin/connections", "{\"kind\":\"amocrm\",\"name\":\""
                + LiaisonClient.uniqueName(name) + "\",\"settings\":{\"subdomain\":\"example\",\"accountId\":\""
                + AmoCrmFake.ACCOUNT_ID + "\",\"baseUrl\":\"" + amocrm.server().baseUrl() + "\",\"accessToken\":\""
                + AmoCrmAccount.TOKEN + "\",\"webhookSecret\":\"" + amocrm.webhookSecret + "\",\"webhookUrl\":\""
                + HOOK_URL + "\",\"initialImport\":\"false\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().getString("id");
    }

    private int calls(String webhookPath) {
        return (int) portal.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().startsWith(webhookPath)).count();
    }

    private static boolean finished(JsonObject state, long run) {
        return state.getJsonNumber("runNumber").longValue() == run && !state.getBoolean("runUnderWay")
                && state.containsKey("finishedAt") && !state.isNull("finishedAt");
    }
}
