package dev.liaison.connectors.bitrix24;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.HeldRecords;
import dev.liaison.connector.api.WebhookRequest;
import dev.liaison.connectors.support.RemoteCalls;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Deliveries, connections and REST answers built as Bitrix24 documents them (external-apis.md §1). */
final class Bitrix24Fixtures {

    /** The full example raw body of external-apis.md §1.8 (outgoing webhook, contact update), verbatim. */
    static final String CONTACT_UPDATE = "event=ONCRMCONTACTUPDATE&event_handler_id=975&data%5BFIELDS%5D%5BID%5D=89"
            + "&ts=1724696255&auth%5Bdomain%5D=example.bitrix24.ru&auth%5Bclient_endpoint%5D=https%3A%2F%2Fexample."
            + "bitrix24.ru%2Frest%2F&auth%5Bserver_endpoint%5D=https%3A%2F%2Foauth.bitrix.info%2Frest%2F&auth%5Bmem"
            + "ber_id%5D=a223c6b3710f85df22e9377d6c4f7553&auth%5Bapplication_token%5D=jvh9y1ulvt2m6k5or90v9mg8nn32ozas";

    /** The captured app-event body of external-apis.md §1.8, from bitrix24/b24phpsdk's RemoteEventsFabricTest, verbatim. */
    static final String SDK_CONTACT_ADD = "event=ONCRMCONTACTADD&event_handler_id=58&data%5BFIELDS%5D%5BID%5D=134806"
            + "&ts=1727018926&auth%5Baccess_token%5D=be45...&auth%5Bexpires%5D=1727022526&auth%5Bexpires_in%5D=3600"
            + "&auth%5Bscope%5D=crm%2Cplacement%2Cuser_brief&auth%5Bdomain%5D=bitrix24-php-sdk-playground.bitrix24.com"
            + "&auth%5Bserver_endpoint%5D=https%3A%2F%2Foauth.bitrix.info%2Frest%2F&auth%5Bstatus%5D=L&auth%5Bclient_"
            + "endpoint%5D=https%3A%2F%2Fbitrix24-php-sdk-playground.bitrix24.com%2Frest%2F&auth%5Bmember_id%5D=010b6886"
            + "ebc205e43ae65000ee00addb&auth%5Buser_id%5D=1&auth%5Bapplication_token%5D=3c6c9248ec54af6bea1159b43ee0ab32";

    static final String TOKEN = "jvh9y1ulvt2m6k5or90v9mg8nn32ozas";
    static final String MEMBER_ID = "a223c6b3710f85df22e9377d6c4f7553";
    static final String WEBHOOK_PATH = "/rest/1/7xq2kd9w3m1p0abc/";
    static final Instant RECEIVED = Instant.parse("2024-08-26T18:17:40Z");

    private Bitrix24Fixtures() {
    }

    static ConnectionContext connection(String restOrigin, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of(
                Bitrix24Settings.PORTAL_URL, "https://example.bitrix24.ru",
                Bitrix24Settings.INCOMING_WEBHOOK_URL, restOrigin + WEBHOOK_PATH,
                Bitrix24Settings.APPLICATION_TOKEN, TOKEN,
                Bitrix24Settings.MEMBER_ID, MEMBER_ID,
                Bitrix24Settings.RATE_PER_SECOND, "1000",
                Bitrix24Settings.BURST, "1000"));
        settings.putAll(extra);
        settings.values().removeIf(String::isEmpty);
        return new ConnectionContext("b24-1", "default", Bitrix24Connector.KIND, settings);
    }

    static ConnectionContext connection() {
        return connection("https://example.bitrix24.ru", Map.of());
    }

    static WebhookRequest delivery(String body) {
        return new WebhookRequest("application/x-www-form-urlencoded",
                Map.of("Content-Type", List.of("application/x-www-form-urlencoded"),
                        "User-Agent", List.of("Bitrix24 Webhook Engine")),
                "", body.getBytes(StandardCharsets.UTF_8), RECEIVED);
    }

    /** The §1.8 example with another event, record and time, everything else (auth) as sent. */
    static String event(String name, long id, long ts) {
        return CONTACT_UPDATE.replace("event=ONCRMCONTACTUPDATE", "event=" + name)
                .replace("data%5BFIELDS%5D%5BID%5D=89", "data%5BFIELDS%5D%5BID%5D=" + id)
                .replace("ts=1724696255", "ts=" + ts);
    }

    static WireMockServer portal() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    static String method(String name) {
        return WEBHOOK_PATH + name;
    }

    /** RemoteCalls that record their waits instead of sleeping, with short timeouts and three attempts per call. */
    static RemoteCalls remoteCalls(List<Duration> sleeps) {
        return new RemoteCalls(new RemoteCalls.Policy(3, Duration.ofSeconds(30),
                Duration.ofSeconds(5), Duration.ofMillis(100), 5, Duration.ofSeconds(30)), Clock.systemUTC(),
                sleeps::add);
    }

    static Bitrix24Connector connector(List<Duration> sleeps) {
        return connector(sleeps, NOTHING_HELD);
    }

    /** Liaison holds no record of the portal: a pass ends with its deals, with nothing to check. */
    static final HeldRecords NOTHING_HELD = (connection, after, limit) -> List.of();

    static Bitrix24Connector connector(List<Duration> sleeps, HeldRecords held) {
        return new Bitrix24Connector(remoteCalls(sleeps), new InMemoryCredentials(), held, Clock.systemUTC());
    }
}
