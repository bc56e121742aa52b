package dev.liaison.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.liaison.connectors.testkit.AmoCrmFake;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The loyalty journey end to end, in the server: an amoCRM lead moved to "won" earns its contact points, the points
 * lift them to silver, and the shipped tier-upgrade scenario sends exactly one congratulation, which GreenMail's SMTP
 * server receives with the RFC 8058 headers. POSTing the one-click body to the header's URL withdraws the consent; the
 * next tier change (gold) then sends nothing, and the person's trace says why. A person who never consented earns
 * the same points and gets no mail.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ScenarioJourneyIT {

    /** The port the server's mail session sends to (liaison.mail.port in arquillian.xml). */
    static final int SMTP_PORT = 3025;

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    private static final Pattern UNSUBSCRIBE = Pattern.compile("<(http://[^>]+/unsubscribe/[^>]+)>");

    @Deployment(testable = false)
    static EnterpriseArchive liaison() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("liaison.ear")));
    }

    @ArquillianResource
    URL deploymentUrl;

    private final AmoCrmAccount amocrm = new AmoCrmAccount();
    private URI root;
    private LiaisonClient admin;
    private String scenario;

    @BeforeEach
    void start() throws Exception {
        amocrm.start();
        root = new URL(deploymentUrl.getProtocol(), deploymentUrl.getHost(), deploymentUrl.getPort(), "/").toURI();
        admin = new LiaisonClient(root);
    }

    @AfterEach
    void stop() {
        if (scenario != null) {
            admin.send("DELETE", "api/admin/scenarios/" + scenario, null, null);
        }
        amocrm.stop();
    }

    @Test
    void aWonDealEarnsPointsUpgradesTheTierAndSendsOneCongratulationUntilTheConsentIsWithdrawn() throws Exception {
        String mailConnection = "mail-" + UUID.randomUUID();
        LiaisonClient.Reply mail = admin.postJson("api/admin/connections", "{\"kind\":\"email\",\"name\":\""
                + mailConnection + "\",\"settings\":{\"from\":\"Shop <news@shop.example>\",\"unsubscribeBaseUrl\":\""
                + root.resolve("unsubscribe/") + "\",\"unsubscribeSecret\":\"journey-unsubscribe-secret-0123456789ab\","
                + "\"defaultLocale\":\"en\"}}");
        assertThat(mail.status()).as(mail.body()).isEqualTo(201);
        String shipped = Files.readString(Path.of(System.getProperty("liaison.config.dir"), "scenarios",
                "tier-upgrade-congratulation.yaml"), StandardCharsets.UTF_8);
        LiaisonClient.Reply premature = admin.send("POST", "api/admin/scenarios", "application/yaml",
                shipped.replace("connection: mail", "connection: not-connected-yet"));
        assertThat(premature.status()).as(premature.body()).isEqualTo(201);
        assertThat(premature.json().getJsonArray("warnings").getString(0))
                .contains("no active connection named 'not-connected-yet'");
        LiaisonClient.Reply saved = admin.send("POST", "api/admin/scenarios", "application/yaml",
                shipped.replace("connection: mail", "connection: " + mailConnection));
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        assertThat(saved.json().getInt("version")).isEqualTo(premature.json().getInt("version") + 1);
        assertThat(saved.json().getJsonArray("warnings")).isEmpty();
        scenario = saved.json().getString("name");
        String amo = amocrm.connect(admin, "journey-amo");
        String secret = "secret=" + amocrm.webhookSecret;

        String subscriber = person(amo, secret, "5100001", true);
        String stranger = person(amo, secret, "5100002", false);

        wonDeal(amo, secret, "5200001", 20_000, "5100001");
        wonDeal(amo, secret, "5200002", 20_000, "5100002");

        assertThat(loyalty(subscriber).getString("tier")).as(loyalty(subscriber).toString()).isEqualTo("silver");
        assertThat(loyalty(subscriber).getJsonNumber("balance").longValue()).isEqualTo(200);
        assertThat(loyalty(stranger).getString("tier")).isEqualTo("silver");
        await().atMost(Duration.ofSeconds(30)).until(() -> SMTP.getReceivedMessages().length >= 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> traced(stranger, "REFUSED"));
        assertThat(trace(stranger)).contains("not sent: no consent recorded for marketing_email by email");

        MimeMessage congratulation = SMTP.getReceivedMessages()[0];
        assertThat(congratulation.getAllRecipients()).extracting(Object::toString)
                .containsExactly("buyer-5100001@example.com");
        assertThat(congratulation.getSubject()).contains("silver");
        assertThat(congratulation.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        Matcher link = UNSUBSCRIBE.matcher(congratulation.getHeader("List-Unsubscribe", null));
        assertThat(link.find()).isTrue();

        LiaisonClient anonymous = admin.withAuthorization(null);
        LiaisonClient.Reply oneClick = anonymous.send("POST", root.relativize(URI.create(link.group(1))).toString(),
                "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
        assertThat(oneClick.status()).as(oneClick.body()).isEqualTo(200);
        assertThat(admin.get("api/profiles/" + subscriber + "/consents").body()).contains("WITHDRAWN");

        wonDeal(amo, secret, "5200003", 100_000, "5100001");
        await().atMost(Duration.ofSeconds(30)).until(() -> "gold".equals(loyalty(subscriber).getString("tier")));
        await().atMost(Duration.ofSeconds(30)).until(() -> traced(subscriber, "REFUSED"));
        assertThat(trace(subscriber)).contains("not sent: withdrawn on");
        assertThat(SMTP.getReceivedMessages()).as("exactly one congratulation, for silver").hasSize(1);
        List<JsonObject> runs = admin.get("api/profiles/" + subscriber + "/scenarios").json().getJsonArray("runs")
                .getValuesAs(JsonObject.class);
        assertThat(runs).hasSize(2).allSatisfy(run -> assertThat(run.getString("status")).isEqualTo("COMPLETED"));
    }

    /** An amoCRM contact with a phone and an e-mail, as a profile; with {@code consents}, marketing e-mail granted. */
    @Test
    void aShippedExampleIsImportedWithoutARestartAndImportingOrUploadingItAgainAddsNoVersion() {
        LiaisonClient.Reply listed = admin.get("api/admin/examples");
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.jsonArray().getValuesAs(JsonObject.class))
                .extracting(example -> example.getString("name") + ":" + example.getString("kind"))
                .contains("post-ticket-csat:SCENARIO", "routing:ROUTING", "welcome-series:SCENARIO")
                .noneMatch(example -> example.startsWith("loyalty"));

        LiaisonClient.Reply imported = admin.postJson("api/admin/examples/post-ticket-csat", "");
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        scenario = imported.json().getString("name");
        int version = imported.json().getInt("version");
        LiaisonClient.Reply again = admin.postJson("api/admin/examples/post-ticket-csat", "");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().getInt("version")).isEqualTo(version);
        String source = admin.get("api/admin/scenarios/" + scenario).json().getString("source");
        LiaisonClient.Reply uploaded = admin.send("POST", "api/admin/scenarios", "application/yaml", source);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        assertThat(uploaded.json().getInt("version")).isEqualTo(version);
        assertThat(admin.get("api/admin/scenarios/" + scenario).json().getJsonArray("versions")).hasSize(version);

        LiaisonClient.Reply unknown = admin.postJson("api/admin/examples/no-such-example", "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    private String person(String connectionId, String secret, String contactId, boolean consents) throws Exception {
        String phone = "8 903 " + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
        String email = "buyer-" + contactId + "@example.com";
        amocrm.stubContact(contactId, phone, email);
        assertThat(AmoCrmAccount.post(root, connectionId, secret,
                AmoCrmFake.contactUpdateWebhook(contactId, phone, AmoCrmFake.ACCOUNT_ID))).isEqualTo(202);
        String profileId = await().atMost(Duration.ofSeconds(30)).until(() -> {
            LiaisonClient.Reply found = admin.get("api/profiles?email=" + URLEncoder.encode(email,
                    StandardCharsets.UTF_8));
            return found.status() == 200 && !found.jsonArray().isEmpty()
                    ? found.jsonArray().getJsonObject(0).getString("id") : null;
        }, id -> id != null);
        if (consents) {
            LiaisonClient.Reply granted = admin.postJson("api/profiles/" + profileId + "/consents",
                    "{\"purpose\":\"marketing_email\",\"channel\":\"email\",\"decision\":\"GRANTED\",\"evidence\":"
                            + "{\"noticeVersion\":\"loyalty-v1\",\"noticeText\":\"Send me loyalty news\","
                            + "\"collectionMethod\":\"web form\"}}");
            assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        }
        return profileId;
    }

    private void wonDeal(String connectionId, String secret, String leadId, long price, String contactId)
            throws Exception {
        amocrm.stubWonLead(leadId, price, contactId);
        int done = admin.inbox(connectionId).getInt("done");
        assertThat(AmoCrmAccount.post(root, connectionId, secret, AmoCrmFake.leadWonWebhook(leadId))).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.inbox(connectionId).getInt("done") > done);
    }

    private JsonObject loyalty(String profileId) {
        return admin.get("api/loyalty/" + profileId).json();
    }

    private String trace(String profileId) {
        return admin.get("api/profiles/" + profileId + "/scenarios").body();
    }

    private boolean traced(String profileId, String outcome) {
        return admin.get("api/profiles/" + profileId + "/scenarios").json().getJsonArray("trace")
                .getValuesAs(JsonObject.class).stream().anyMatch(entry -> outcome.equals(entry.getString("outcome")));
    }
}
