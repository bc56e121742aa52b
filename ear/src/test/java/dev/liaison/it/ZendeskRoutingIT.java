package dev.liaison.it;

import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.liaison.connectors.testkit.ZendeskFake;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * Help-desk routing end to end: a VIP in the CRM opens a Zendesk ticket, the rules decide, and exactly one PUT
 * reaches the fake Zendesk (stubbed after developer.zendesk.com's Tickets API) with the rule's group, priority,
 * merged tags and an internal note explaining why.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ZendeskRoutingIT {

    private static final String ZENDESK_SECRET = "zendesk-webhook-secret";
    private static final String CRM_SECRET = "crm-webhook-signing-secret";
    /** VIPs (a CRM attribute) go to group 360001234, urgent, tagged; everyone else to 360000000. */
    static final String RULES = """
            rules:
              - name: vip-customers
                when: "profile.attributes.tier == 'VIP'"
                route:
                  group: "360001234"
                  priority: urgent
                  tags: [vip, liaison-routed]
              - name: everyone-else
                default: true
                route: { group: "360000000", priority: normal }
            """;

    @Deployment(testable = false)
    static EnterpriseArchive liaison() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("liaison.ear")));
    }

    @ArquillianResource
    URL deploymentUrl;

    private final WireMockServer zendesk = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    private URI root;
    private LiaisonClient client;

    @BeforeEach
    void start() throws Exception {
        zendesk.start();
        root = new URL(deploymentUrl.getProtocol(), deploymentUrl.getHost(), deploymentUrl.getPort(), "/").toURI();
        client = new LiaisonClient(root);
    }

    @AfterEach
    void stop() {
        zendesk.stop();
    }

    @Test
    void aVipTicketIsRoutedOnceWithATrace() throws Exception {
        assertThat(putRules(RULES)).isEqualTo(200);
        String person = UUID.randomUUID().toString().substring(0, 8);
        String email = "vip." + person + "@example.com";
        String ticketId = String.valueOf(30000 + Math.abs(person.hashCode() % 60000));
        String requesterId = "2097" + Math.abs(person.hashCode() % 100000);
        ZendeskFake.on(zendesk)
                .stubTicket(ticketId, "{\"ticket\":{\"id\":" + ticketId + ",\"tags\":[\"order\",\"web\"],"
                        + "\"updated_at\":\"2026-11-23T10:00:00Z\",\"status\":\"open\"}}")
                .stubTicketUpdate(ticketId, ZendeskFake.json("{\"ticket\":{\"id\":" + ticketId + "}}"));

        String crm = client.createWebhookConnection(CRM_SECRET);
        assertThat(client.deliver(crm, CRM_SECRET, "{\"id\":\"vip-" + person + "\",\"type\":\"contact.upserted\","
                + "\"occurredAt\":\"2026-11-23T09:00:00Z\",\"data\":{\"id\":\"89\",\"emails\":[\"" + email + "\"],"
                + "\"attributes\":{\"tier\":\"VIP\"}}}").status()).isEqualTo(202);
        String desk = createZendeskConnection();
        String timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        assertThat(deliver(desk, ZendeskEvents.userCreated(requesterId, email, timestamp), ZENDESK_SECRET))
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> client.inbox(desk).getInt("done") == 1
                && client.inbox(crm).getInt("done") == 1);

        String ticketCreated = ZendeskEvents.ticketCreated(ticketId, requesterId, timestamp);

        assertThat(deliver(desk, ticketCreated.replace("Where is", "Where was"), ZENDESK_SECRET))
                .as("tampered after signing").isEqualTo(401);
        String requestId = "it-" + UUID.randomUUID();
        assertThat(deliver(desk, ticketCreated, ZENDESK_SECRET, requestId)).isEqualTo(202);
        assertThat(deliver(desk, ticketCreated, ZENDESK_SECRET)).as("duplicate delivery").isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).until(() ->
                zendesk.findAll(putRequestedFor(urlEqualTo("/api/v2/tickets/" + ticketId + ".json"))).size() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> "DONE".equals(client.get("api/routing/decisions?ticket="
                + ticketId).jsonArray().getJsonObject(0).getString("actionStatus", "")));
        Thread.sleep(2000);
        List<LoggedRequest> puts = zendesk.findAll(putRequestedFor(urlEqualTo("/api/v2/tickets/" + ticketId + ".json")));
        assertThat(puts).hasSize(1);
        JsonObject sent = Json.createReader(new StringReader(puts.get(0).getBodyAsString())).readObject()
                .getJsonObject("ticket");
        assertThat(sent.getJsonNumber("group_id").longValue()).isEqualTo(360001234L);
        assertThat(sent.getString("priority")).isEqualTo("urgent");
        assertThat(sent.getJsonArray("tags").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).containsExactly("order", "web", "vip", "liaison-routed");
        assertThat(sent.getJsonObject("comment").getBoolean("public")).isFalse();
        assertThat(sent.getJsonObject("comment").getString("body"))
                .contains("vip-customers").contains("profile.attributes.tier = VIP");
        assertThat(puts.get(0).getHeader("Authorization")).startsWith("Basic ");

        JsonObject trace = client.get("api/routing/decisions?ticket=" + ticketId).jsonArray().getJsonObject(0);
        assertThat(trace.getString("rule")).isEqualTo("vip-customers");
        assertThat(trace.getString("requestId")).as("the delivery's id, on the outbox action it caused")
                .isEqualTo(requestId);
        assertThat(client.get("api/admin/connections/" + desk + "/inbox").jsonArray().getValuesAs(JsonObject.class))
                .extracting(entry -> entry.getString("requestId", null)).contains(requestId);
        assertThat(trace.getJsonObject("trace").getJsonObject("observed").getString("profile.attributes.tier"))
                .isEqualTo("VIP");

        LiaisonClient.Reply dryRun = client.postJson("api/admin/routing/dry-run", "{\"ticket\":{\"subject\":\"x\"},"
                + "\"requester\":{\"email\":\"" + email.toUpperCase() + "\"}}");
        assertThat(dryRun.json().getString("rule")).isEqualTo("vip-customers");
        assertThat(zendesk.findAll(putRequestedFor(urlEqualTo("/api/v2/tickets/" + ticketId + ".json")))).hasSize(1);
    }

    @Test
    void anInvalidRuleFileIsRefusedWithItsLineAndTheActiveRulesStay() throws Exception {
        assertThat(putRules(RULES)).isEqualTo(200);
        int version = client.get("api/admin/routing/rules").json().getInt("version");

        LiaisonClient.Reply refused = client.send("PUT", "api/admin/routing/rules", "application/yaml",
                "rules:\n  - name: broken\n    when: \"ticket.subject ==\"\n    route: { group: \"1\" }\n");

        assertThat(refused.status()).isEqualTo(400);
        JsonObject problem = refused.json();
        assertThat(problem.getString("field")).isEqualTo("rules");
        assertThat(problem.getString("detail")).startsWith("rules line ");
        assertThat(client.get("api/admin/routing/rules").json().getInt("version")).isEqualTo(version);
    }

    private int putRules(String yaml) {
        return client.send("PUT", "api/admin/routing/rules", "application/yaml", yaml).status();
    }

    private String createZendeskConnection() {
        LiaisonClient.Reply created = client.postJson("api/admin/connections", "{\"kind\":\"zendesk\",\"name\":\""
                + LiaisonClient.uniqueName("desk") + "\",\"settings\":{\"baseUrl\":\"" + zendesk.baseUrl() + "\",\"email\":\"agent@example.com\","
                + "\"apiToken\":\"zd-token\",\"signingSecret\":\"" + ZENDESK_SECRET + "\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().getString("id");
    }

    private int deliver(String connectionId, String body, String secret) throws Exception {
        return deliver(connectionId, body, secret, "it-" + UUID.randomUUID());
    }

    private int deliver(String connectionId, String body, String secret, String requestId) throws Exception {
        String timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(
                (timestamp + body).getBytes(StandardCharsets.UTF_8)));
        String signedBody = body;
        if (body.contains("Where was")) {
            signature = Base64.getEncoder().encodeToString(mac.doFinal(
                    (timestamp + body.replace("Where was", "Where is")).getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(root.resolve("hooks/" + connectionId))
                        .header("Content-Type", "application/json")
                        .header("X-Zendesk-Webhook-Signature", signature)
                        .header("X-Zendesk-Webhook-Signature-Timestamp", timestamp)
                        .header("X-Request-Id", requestId)
                        .POST(HttpRequest.BodyPublishers.ofString(signedBody)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
