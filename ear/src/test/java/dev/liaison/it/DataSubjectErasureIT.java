package dev.liaison.it;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liaison.connectors.testkit.ZendeskFake;
import jakarta.json.JsonObject;
import java.io.File;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * Erasure end to end: a person who came in through two Zendesk connections is erased from Liaison and from both
 * accounts (one of which fails first: 500s, then 429 with Retry-After, then recovers), the request reports exactly
 * what happened while it happens (PARTIALLY_COMPLETED with the failure, then COMPLETED after the retry),
 * and on PostgreSQL a text scan of every row of every table finds neither the e-mail, the phone nor the name, even
 * after the original webhooks are delivered again.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DataSubjectErasureIT {

    private static final String SECRET_A = "c2VjcmV0LWZvci1jb25uZWN0aW9uLWE=";
    private static final String SECRET_B = "c2VjcmV0LWZvci1jb25uZWN0aW9uLWI=";

    @Deployment(testable = false)
    static EnterpriseArchive liaison() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("liaison.ear")));
    }

    @ArquillianResource
    URL deploymentUrl;

    private final WireMockServer zendesk = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    private LiaisonClient client;

    @BeforeEach
    void start() throws Exception {
        zendesk.start();
        client = new LiaisonClient(new URL(deploymentUrl.getProtocol(), deploymentUrl.getHost(),
                deploymentUrl.getPort(), "/").toURI());
    }

    @AfterEach
    void stop() {
        zendesk.stop();
    }

    @Test
    void anErasedPersonIsGoneEverywhereAndStaysGone() throws Exception {
        String unique = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
        String email = "olga.erasova" + unique + "@example.com";
        String localPhone = "903" + unique.substring(0, 7);
        String surname = "Erasova" + unique;
        String userA = "601" + unique;
        String userB = "602" + unique;
        stubZendesk(userA, userB);
        client.disconnectEverything();
        String connectionA = zendeskConnection("desk A", SECRET_A);
        String connectionB = zendeskConnection("desk B", SECRET_B);
        String eventA = userCreated(userA, email, "8 " + localPhone, "Olga " + surname);
        String eventB = userCreated(userB, email, null, "Olga " + surname);

        deliver(connectionA, SECRET_A, eventA);
        deliver(connectionB, SECRET_B, eventB);
        await().atMost(Duration.ofSeconds(30)).until(() -> client.inbox(connectionA).getInt("done") == 1
                && client.inbox(connectionB).getInt("done") == 1);
        JsonObject profile = client.get("api/profiles?email=" + email).jsonArray().getJsonObject(0);
        assertThat(profile.toString()).contains("+7" + localPhone).contains(userA).contains(userB);
        assertThat(client.postJson("api/profiles/" + profile.getString("id") + "/consents",
                "{\"purpose\":\"marketing_email\",\"channel\":\"email\",\"decision\":\"GRANTED\",\"evidence\":"
                        + "{\"noticeVersion\":\"v1\",\"noticeText\":\"I agree\",\"collectionMethod\":\"web form\"}}")
                .status()).isEqualTo(201);

        LiaisonClient.Reply created = client.postJson("api/compliance/requests",
                "{\"type\":\"ERASE\",\"regime\":\"GDPR\",\"subject\":{\"email\":\"" + email + "\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String request = "api/compliance/requests/" + created.json().getString("id");
        assertThat(client.postJson(request + "/verify", "").status()).isEqualTo(202);

        JsonObject partial = await().atMost(Duration.ofSeconds(60)).until(() -> client.get(request).json(),
                view -> "PARTIALLY_COMPLETED".equals(view.getString("status")) && failing(view, connectionB));
        assertThat(system(partial, connectionA).getString("status")).isEqualTo("DONE");
        assertThat(system(partial, connectionB).getString("status")).isNotEqualTo("DONE");
        assertThat(system(partial, connectionB).getString("lastError")).contains("500");

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).until(() -> {
            JsonObject view = client.get(request).json();
            if (failed(view, connectionB)) {
                client.postJson(request + "/retry", "");
            }
            return "COMPLETED".equals(view.getString("status"));
        });
        assertThat(client.get("api/profiles?email=" + email).jsonArray()).isEmpty();
        assertPersonAbsentFromDatabase(email, localPhone, surname);

        deliver(connectionA, SECRET_A, eventA);
        deliver(connectionB, SECRET_B, eventB);
        await().atMost(Duration.ofSeconds(30)).until(() -> client.inbox(connectionA).getInt("pending") == 0
                && client.inbox(connectionB).getInt("pending") == 0);
        assertThat(client.get("api/profiles?email=" + email).jsonArray()).as("replayed webhooks").isEmpty();
        assertPersonAbsentFromDatabase(email, localPhone, surname);
        assertPersonAbsentFromServerLog(email, localPhone, surname);
    }

    /**
     * The person went through intake, merging, consent, erasure with failures and replay: none of it may have put
     * their e-mail, phone or name into the server log.
     */
    private static void assertPersonAbsentFromServerLog(String email, String localPhone, String surname)
            throws Exception {
        Path log = Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");
        String text = Files.readString(log, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        assertThat(text).as("server log").contains("liaison.ear")
                .doesNotContain(email.toLowerCase(Locale.ROOT))
                .doesNotContain(localPhone)
                .doesNotContain(surname.toLowerCase(Locale.ROOT));
    }

    /** The system's last attempt failed and says why; its retry may still be scheduled. */
    private static boolean failing(JsonObject view, String connectionId) {
        JsonObject system = system(view, connectionId);
        return system != null && !system.isNull("lastError") && !"DONE".equals(system.getString("status"));
    }

    private static boolean failed(JsonObject view, String connectionId) {
        JsonObject system = system(view, connectionId);
        return system != null && "FAILED".equals(system.getString("status"));
    }

    private static JsonObject system(JsonObject view, String connectionId) {
        return view.getJsonArray("systems").getValuesAs(JsonObject.class).stream()
                .filter(system -> connectionId.equals(system.getString("connectionId", null)))
                .findFirst().orElse(null);
    }

    /** Every row of every table of Liaison's schema, as text: only on PostgreSQL, where a row can be read so. */
    private static void assertPersonAbsentFromDatabase(String email, String localPhone, String surname)
            throws Exception {
        String jdbcUrl = System.getProperty("liaison.test.jdbc-url", "");
        if (jdbcUrl.isBlank()) {
            return;
        }
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet names = statement.executeQuery("select table_name from information_schema.tables "
                    + "where table_schema = current_schema() and table_type = 'BASE TABLE'")) {
                while (names.next()) {
                    tables.add(names.getString(1));
                }
            }
            assertThat(tables).contains("profile", "profile_identity", "inbox_entry", "consent_event", "audit_event");
            for (String table : tables) {
                try (ResultSet all = statement.executeQuery("select t::text from \"" + table + "\" t")) {
                    while (all.next()) {
                        rows.add(table + ": " + all.getString(1).toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        assertThat(rows).as("rows that mention the person")
                .noneMatch(row -> row.contains(email.toLowerCase(Locale.ROOT)))
                .noneMatch(row -> row.contains(localPhone))
                .noneMatch(row -> row.contains(surname.toLowerCase(Locale.ROOT)));
        assertThat(rows).as("the scan sees data at all").anyMatch(row -> row.startsWith("connection: "));
    }

    private void stubZendesk(String userA, String userB) {
        ZendeskFake desk = ZendeskFake.on(zendesk).stubNoUserFound().stubSoftDeletion(userA)
                .stubSoftDeletionAfter(userB, ZendeskFake.serverError(), ZendeskFake.serverError(),
                        ZendeskFake.serverError(), ZendeskFake.serverError(), ZendeskFake.tooManyRequests(5));
        for (String user : List.of(userA, userB)) {
            desk.stubPermanentDeletion(user).stubComplianceStatusesGone(user);
        }
    }

    private String zendeskConnection(String name, String secret) {
        LiaisonClient.Reply created = client.postJson("api/admin/connections", "{\"kind\":\"zendesk\",\"name\":\""
                + LiaisonClient.uniqueName(name) + "\",\"settings\":{\"baseUrl\":\"" + zendesk.baseUrl() + "\",\"email\":\"agent@example.com\","
                + "\"apiToken\":\"zd-token\",\"signingSecret\":\"" + secret + "\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().getString("id");
    }

    private static String userCreated(String userId, String email, String phone, String name) {
        return "{\"type\":\"zen:event-type:user.created\",\"account_id\":12514403,\"id\":\"evt-" + userId
                + "\",\"time\":\"2026-11-23T09:00:00Z\",\"zendesk_event_version\":\"2022-06-20\","
                + "\"subject\":\"zen:user:" + userId + "\",\"detail\":{\"id\":\"" + userId + "\",\"email\":\"" + email
                + "\"," + (phone == null ? "" : "\"phone\":\"" + phone + "\",") + "\"name\":\"" + name
                + "\",\"role\":\"end-user\"},\"event\":{}}";
    }

    private void deliver(String connectionId, String secret, String body) {
        LiaisonClient.Reply reply = client.deliverZendesk(connectionId, secret, body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    }
}
