package dev.liaison.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

/**
 * A person's deals and tickets, fed by signed webhooks through the inbox: shown newest first on the profile and
 * paged, kept at their newest state when an older event arrives late, and gone with the person on erasure.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DealsAndTicketsIT {

    private static final String SECRET = "deals-tickets-it-secret";

    @Deployment(testable = false)
    static EnterpriseArchive liaison() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("liaison.ear")));
    }

    @ArquillianResource
    URL deploymentUrl;

    private LiaisonClient client;
    private String crm;
    private String person;

    @BeforeEach
    void connect() throws Exception {
        URI root = new URL(deploymentUrl.getProtocol(), deploymentUrl.getHost(), deploymentUrl.getPort(), "/").toURI();
        client = new LiaisonClient(root);
        crm = client.createWebhookConnection(SECRET);
        person = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aPersonsDealsAndTicketsAreShownNewestFirstKeptAtTheirNewestStateAndErasedWithThem() throws Exception {
        String email = "vera." + person + "@example.com";
        deliverAndAwait(event("c1", "contact.upserted", "2026-11-01T09:00:00Z",
                "{\"id\":\"c-" + person + "\",\"firstName\":\"Vera\",\"emails\":[\"" + email + "\"]}"));
        deliverAndAwait(deal("d1", "D1-" + person, "2026-11-02T10:00:00Z", "NEGOTIATION", false,
                ",\"title\":\"Kitchen\",\"amount\":\"1500.50\",\"currency\":\"RUB\",\"ownerId\":\"17\""));
        deliverAndAwait(deal("d2", "D2-" + person, "2026-11-03T10:00:00Z", "WON", true,
                ",\"amount\":\"200\",\"currency\":\"RUB\""));
        deliverAndAwait(event("t1", "ticket.created", "2026-11-01T12:00:00Z", "{\"id\":\"T-" + person
                + "\",\"subject\":\"Where is my order?\",\"priority\":\"high\",\"requester\":{\"id\":\"c-" + person
                + "\"}}"));
        deliverAndAwait(event("t2", "ticket.updated", "2026-11-04T08:00:00Z", "{\"id\":\"T-" + person
                + "\",\"changes\":{\"status\":\"solved\",\"assignee\":\"agent-5\"}}"));
        // Late and older than what is stored: changes nothing.
        deliverAndAwait(deal("d2-old", "D2-" + person, "2026-11-02T09:00:00Z", "NEW", false, ""));
        deliverAndAwait(event("t2-old", "ticket.updated", "2026-11-02T08:00:00Z", "{\"id\":\"T-" + person
                + "\",\"changes\":{\"status\":\"open\"}}"));

        JsonObject profile = client.get("api/profiles?email=" + email).jsonArray().getJsonObject(0);
        String id = profile.getString("id");
        LiaisonClient.Reply view = client.get("api/profiles/" + id);
        assertThat(view.status()).as(view.body()).isEqualTo(200);
        JsonObject deals = view.json().getJsonObject("deals");
        assertThat(deals.getJsonArray("items").getValuesAs(JsonObject.class))
                .extracting(deal -> deal.getString("dealId") + " " + deal.getString("stage") + " "
                        + deal.getString("status"))
                .containsExactly("D2-" + person + " WON WON", "D1-" + person + " NEGOTIATION OPEN");
        JsonObject kitchen = deals.getJsonArray("items").getJsonObject(1);
        assertThat(kitchen.getString("title")).isEqualTo("Kitchen");
        assertThat(kitchen.getString("amount")).isEqualTo("1500.5");
        assertThat(kitchen.getString("ownerId")).isEqualTo("17");
        assertThat(deals.containsKey("next")).as("no link after the last page").isFalse();
        JsonObject ticket = view.json().getJsonObject("tickets").getJsonArray("items").getJsonObject(0);
        assertThat(ticket.getString("subject")).isEqualTo("Where is my order?");
        assertThat(ticket.getString("status")).isEqualTo("solved");
        assertThat(ticket.getString("assignee")).isEqualTo("agent-5");
        assertThat(ticket.getString("updatedAt")).isEqualTo("2026-11-04T08:00:00Z");

        LiaisonClient.Reply first = client.get("api/profiles/" + id + "/deals?limit=1");
        assertThat(first.json().getJsonArray("items").getJsonObject(0).getString("dealId")).isEqualTo("D2-" + person);
        String next = first.json().getString("next");
        LiaisonClient.Reply second = client.get(next.substring(1));
        assertThat(second.json().getJsonArray("items").getValuesAs(JsonObject.class))
                .extracting(deal -> deal.getString("dealId")).containsExactly("D1-" + person);
        assertThat(second.json().containsKey("nextCursor")).isFalse();
        for (String query : new String[] {"deals?limit=0", "deals?limit=101", "tickets?limit=ten"}) {
            assertProblem("api/profiles/" + id + "/" + query, "limit");
        }
        assertProblem("api/profiles/" + id + "/tickets?cursor=forged", "cursor");

        erase(email, id);
        assertThat(client.get("api/profiles/" + id).status()).isEqualTo(404);
        assertThat(timelineRows()).as("deal and ticket rows of the connection").isIn(0L, -1L);
        // A newer event of the erased person's deal stores nothing.
        deliverAndAwait(deal("d1-new", "D1-" + person, "2026-11-05T10:00:00Z", "WON", true, ""));
        assertThat(client.get("api/profiles?externalRef="
                + URLEncoder.encode("webhook|" + crm + "|c-" + person, StandardCharsets.UTF_8)).jsonArray()).isEmpty();
        assertThat(timelineRows()).isIn(0L, -1L);
    }

    private void erase(String email, String profileId) {
        LiaisonClient.Reply created = client.postJson("api/compliance/requests",
                "{\"type\":\"ERASE\",\"regime\":\"GDPR\",\"subject\":{\"email\":\"" + email + "\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String request = "api/compliance/requests/" + created.json().getString("id");
        assertThat(client.postJson(request + "/verify", "").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> client.get("api/profiles/" + profileId).status() == 404);
    }

    private void assertProblem(String path, String field) {
        LiaisonClient.Reply reply = client.get(path);
        assertThat(reply.status()).as(path).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().getString("field")).as(path).isEqualTo(field);
    }

    /** The connection's deal and ticket rows, read from PostgreSQL; -1 when the server runs on its own H2. */
    private long timelineRows() throws Exception {
        String jdbcUrl = System.getProperty("liaison.test.jdbc-url", "");
        if (jdbcUrl.isBlank()) {
            return -1;
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             PreparedStatement statement = connection.prepareStatement("select (select count(*) from timeline_deal "
                     + "where connection_id = ?) + (select count(*) from timeline_ticket where connection_id = ?)")) {
            statement.setString(1, crm);
            statement.setString(2, crm);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private String deal(String eventId, String dealId, String occurredAt, String stage, boolean won, String more) {
        return event(eventId, "deal.stage_changed", occurredAt, "{\"id\":\"" + dealId + "\",\"contactId\":\"c-"
                + person + "\",\"stage\":\"" + stage + "\",\"won\":" + won + more + "}");
    }

    private String event(String eventId, String type, String occurredAt, String data) {
        return "{\"id\":\"" + eventId + "-" + person + "\",\"type\":\"" + type + "\",\"occurredAt\":\"" + occurredAt
                + "\",\"data\":" + data + "}";
    }

    private void deliverAndAwait(String body) {
        int before = client.inbox(crm).getInt("done");
        LiaisonClient.Reply reply = client.deliver(crm, SECRET, body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> client.inbox(crm).getInt("done") == before + 1);
    }
}
