package dev.liaison.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
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
 * Deletions and erasures meet the pull sync, against the test kit's Bitrix24 portal (contacts 2, 4, 6): a contact
 * deleted in the portal, whose delete event Liaison never got, is detached from its profile by the next
 * reconciliation, and the person keeps the profile; a person erased in Liaison stays erased when a full resync reads
 * the portal, which still holds them, again. Each test's portal writes e-mails and phones of its own, so that no
 * other test's people share an identity with them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SyncDeletionsIT {

    private static final String WEBHOOK_PATH = "/rest/1/d3l3t10np0rt4l/";

    @Deployment(testable = false)
    static EnterpriseArchive liaison() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("liaison.ear")));
    }

    @ArquillianResource
    URL deploymentUrl;

    private final Bitrix24Fake.Portal.People people = new Bitrix24Fake.Portal.People(
            "sync" + ThreadLocalRandom.current().nextInt(1_000_000) + ".example.com",
            "+79" + (100 + ThreadLocalRandom.current().nextInt(900)));
    private final SwitchablePortal fake = new SwitchablePortal(WEBHOOK_PATH, 3);
    private final WireMockServer portal = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
            .extensions(fake));
    private LiaisonClient client;

    @BeforeEach
    void start() throws Exception {
        fake.portal = fake.portal.with(people);
        portal.start();
        portal.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
        URI root = new URL(deploymentUrl.getProtocol(), deploymentUrl.getHost(), deploymentUrl.getPort(), "/").toURI();
        client = new LiaisonClient(root);
    }

    @AfterEach
    void stop() {
        portal.stop();
    }

    @Test
    void aContactDeletedInThePortalIsDetachedByTheNextReconciliation() {
        String id = importedConnection("deletions");
        String sync = "api/admin/connections/" + id + "/sync";
        for (long contact : new long[] {2, 4, 6}) {
            assertThat(profileOf(contact).toString()).contains(ref(id, contact));
        }

        // Contact 4 is deleted in the portal and its ONCRMCONTACTDELETE never arrives.
        fake.portal = fake.portal.withoutContacts(4);
        assertThat(client.postJson(sync, "").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> finished(state(sync), 2));

        JsonObject reconciled = state(sync);
        assertThat(reconciled.getJsonNumber("recordsSeen").longValue()).as("one deletion, nothing new").isEqualTo(1);
        assertThat(reconciled.getJsonNumber("recordsChanged").longValue()).isEqualTo(1);
        JsonObject detached = profileOf(4);
        assertThat(detached.toString()).as("the person keeps the profile, without the deleted record")
                .doesNotContain(ref(id, 4)).contains("person4@" + people.emailDomain());
        assertThat(profileOf(2).toString()).contains(ref(id, 2));
        assertThat(profileOf(6).toString()).contains(ref(id, 6));

        // Nothing more is deleted: the next reconciliation finds the same portal and reports nothing.
        assertThat(client.postJson(sync, "").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> finished(state(sync), 3));
        assertThat(state(sync).getJsonNumber("recordsSeen").longValue()).isZero();
    }

    @Test
    void anErasedPersonIsNotBroughtBackByAFullResync() {
        String id = importedConnection("erasures");
        String sync = "api/admin/connections/" + id + "/sync";
        String email = "person2@" + people.emailDomain();

        LiaisonClient.Reply erasure = client.postJson("api/compliance/requests",
                "{\"type\":\"ERASE\",\"regime\":\"GDPR\",\"subject\":{\"email\":\"" + email + "\"}}");
        assertThat(erasure.status()).as(erasure.body()).isEqualTo(201);
        assertThat(client.postJson("api/compliance/requests/" + erasure.json().getString("id") + "/verify", "")
                .status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> client.get("api/profiles?email=" + email.replace("@",
                "%40")).jsonArray().isEmpty());

        // The portal still holds contact 2 (its erasure there is not this test's concern): a full resync reads it.
        assertThat(client.postJson(sync, "{\"full\": true}").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> finished(state(sync), 2));

        assertThat(state(sync).getJsonNumber("recordsSeen").longValue()).isEqualTo(3);
        assertThat(client.get("api/profiles?email=" + email.replace("@", "%40")).jsonArray())
                .as("the erased person is not re-imported").isEmpty();
        assertThat(client.get("api/profiles?phone=" + phone(2).replace("+", "%2B")).jsonArray()).isEmpty();
        assertThat(profileOf(4).toString()).contains(ref(id, 4));
    }

    /** A new connection to the portal whose initial import has finished. */
    private String importedConnection(String name) {
        LiaisonClient.Reply created = client.postJson("api/admin/connections", "{\"kind\":\"bitrix24\",\"name\":"
                + "\"" + LiaisonClient.uniqueName(name) + "\",\"settings\":{"
                + "\"portalUrl\":\"https://deletions.bitrix24.ru\",\"incomingWebhookUrl\":\""
                + portal.baseUrl() + WEBHOOK_PATH + "\",\"applicationToken\":\"d3l3t10n0application0token\","
                + "\"syncInterval\":\"PT1H\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().getString("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> finished(state("api/admin/connections/" + id + "/sync"),
                1));
        return id;
    }

    private JsonObject state(String sync) {
        LiaisonClient.Reply reply = client.get(sync);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static boolean finished(JsonObject state, long run) {
        return state.getJsonNumber("runNumber").longValue() == run && !state.getBoolean("runUnderWay")
                && state.containsKey("finishedAt") && !state.isNull("finishedAt");
    }

    private JsonObject profileOf(long contact) {
        LiaisonClient.Reply found = client.get("api/profiles?email=person" + contact + "%40" + people.emailDomain());
        assertThat(found.jsonArray()).as(found.body()).hasSize(1);
        return found.jsonArray().getJsonObject(0);
    }

    private String phone(long contact) {
        return people.phonePrefix() + String.format("%0" + (12 - people.phonePrefix().length()) + "d", contact);
    }

    private static String ref(String connectionId, long contact) {
        return "bitrix24|" + connectionId + "|C_" + contact;
    }
}
