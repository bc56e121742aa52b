package dev.liaison.connectors.zendesk;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.WebhookRequest;
import dev.liaison.connectors.support.RemoteCalls;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deliveries and connections built as Zendesk documents them (see external-apis.md §3 and the §6 vector). */
final class ZendeskFixtures {

    /** The signing secret, timestamp and body of the reproducible vector in external-apis.md §6. */
    static final String SECRET = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";
    static final String VECTOR_TIMESTAMP = "2024-04-17T17:18:10Z";
    static final String VECTOR_SIGNATURE = "CJH6Gfgn1qo1dwLD+7jEI1Rf/BMJ8gFRzTjk+o45hgk=";
    static final String USER_CREATED = "{\"type\":\"zen:event-type:user.created\",\"account_id\":12514403,"
            + "\"id\":\"2b24ef10-19d4-4740-93cf-8f98ec4776c0\",\"time\":\"2024-04-17T17:18:10Z\","
            + "\"zendesk_event_version\":\"2022-06-20\",\"subject\":\"zen:user:6596848315901\","
            + "\"detail\":{\"id\":\"6596848315901\",\"email\":\"ivan@example.com\",\"role\":\"end-user\"},\"event\":{}}";

    /** The event schema example of external-apis.md §3.6, with the year brought next to the vector's. */
    static final String USER_DEACTIVATED = """
            {"type":"zen:event-type:user.active_changed","account_id":12514403,"id":"2b24ef10-19d4-4740-93cf-8f98ec4776c1",
             "time":"2024-04-17T17:18:40Z","zendesk_event_version":"2022-06-20","subject":"zen:user:6596848315901",
             "detail":{"created_at":"2024-04-17T05:27:58Z","email":"user@example.com","external_id":"","default_group_id":"0",
                       "id":"6596848315901","organization_id":"0","role":"end-user","updated_at":"2024-04-17T17:18:40Z"},
             "event":{"current":false,"previous":true}}""";

    static final String TICKET_CREATED = """
            {"type":"zen:event-type:ticket.created","account_id":12514403,"id":"01HNXXXX-CTEXAMPLE",
             "time":"2024-04-17T17:18:20Z","zendesk_event_version":"2022-11-06","subject":"zen:ticket:35436",
             "detail":{"actor_id":"20978392","assignee_id":"0","brand_id":"123","created_at":"2024-04-17T17:18:19Z",
                       "description":"My order never arrived","external_id":"","form_id":"6876543","group_id":"0",
                       "id":"35436","is_public":true,"organization_id":"0","priority":"High","requester_id":"20978392",
                       "status":"Open","subject":"Where is my order?","submitter_id":"20978392","tags":["order","web"],
                       "type":"question","updated_at":"2024-04-17T17:18:19Z","via":{"channel":"web"}},
             "event":{"meta":{"sequence":{"id":"CE4A698AF24F35B3208649C6951E000E","position":1}}}}""";

    static final Instant NOW = Instant.parse("2024-04-17T17:19:00Z");

    private ZendeskFixtures() {
    }

    static ConnectionContext connection(String baseUrl, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of(
                ZendeskSettings.BASE_URL, baseUrl,
                ZendeskSettings.EMAIL, "agent@acme.example",
                ZendeskSettings.API_TOKEN, "6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv",
                ZendeskSettings.SIGNING_SECRET, SECRET,
                ZendeskSettings.REQUESTS_PER_MINUTE, "60000",
                ZendeskSettings.EXPORT_REQUESTS_PER_MINUTE, "60000"));
        settings.putAll(extra);
        return new ConnectionContext("zd-1", "default", ZendeskConnector.KIND, settings);
    }

    static ConnectionContext connection() {
        return connection("https://acme.zendesk.com", Map.of());
    }

    static WebhookRequest signed(String body, String timestamp, String secret) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return delivery(bytes, timestamp, ZendeskSignature.sign(secret, timestamp, bytes));
    }

    static WebhookRequest signed(String body) {
        return signed(body, NOW.minusSeconds(5).toString(), SECRET);
    }

    static WebhookRequest delivery(byte[] body, String timestamp, String signature) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        headers.put("User-Agent", List.of("Zendesk Webhook"));
        headers.put("X-Zendesk-Webhook-Id", List.of("01GK8E6BKWMJZD2T8Y5AXJQMG5"));
        if (timestamp != null) {
            headers.put(ZendeskSignature.TIMESTAMP_HEADER, List.of(timestamp));
        }
        if (signature != null) {
            headers.put(ZendeskSignature.SIGNATURE_HEADER, List.of(signature));
        }
        return new WebhookRequest("application/json", headers, "", body, NOW);
    }

    static WireMockServer zendesk() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    /** RemoteCalls that record their waits instead of sleeping, with short timeouts and three attempts per call. */
    static RemoteCalls remoteCalls(List<Duration> sleeps, Clock clock) {
        return new RemoteCalls(new RemoteCalls.Policy(3, Duration.ofSeconds(30),
                Duration.ofSeconds(5), Duration.ofMillis(100), 5, Duration.ofSeconds(30)), clock, sleeps::add);
    }

    static ZendeskConnector connector(List<Duration> sleeps) {
        Clock clock = Clock.systemUTC();
        return new ZendeskConnector(remoteCalls(sleeps, clock), clock, sleeps::add);
    }
}
