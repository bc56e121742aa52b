package dev.liaison.connectors.amocrm;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.WebhookRequest;
import dev.liaison.connectors.support.RemoteCalls;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The connector's side of the amoCRM tests: connections, connectors, deliveries as the webhook servlet hands them
 * over. What amoCRM itself answers (records, lists, tokens, webhook bodies) is in the test kit's {@code AmoCrmFake}.
 */
final class AmoFixtures {

    static final String SUBDOMAIN = "example";
    static final String ACCOUNT_ID = "7039099";
    static final String SECRET = "hk_3f9a1c7e5b2d4f6a8c0e";
    static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.long-lived";
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final Duration REFRESH_MARGIN = Duration.ofMinutes(10);

    private AmoFixtures() {
    }

    static WireMockServer amocrm() {
        WireMockServer server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return server;
    }

    static ConnectionContext connection(String baseUrl, Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(Map.of(
                AmoSettings.SUBDOMAIN, SUBDOMAIN,
                AmoSettings.ACCOUNT_ID, ACCOUNT_ID,
                AmoSettings.BASE_URL, baseUrl,
                AmoSettings.ACCESS_TOKEN, TOKEN,
                AmoSettings.WEBHOOK_SECRET, SECRET,
                AmoSettings.RATE_PER_SECOND, "1000"));
        settings.putAll(overrides);
        settings.values().removeIf(String::isEmpty);
        return new ConnectionContext("amo-1", "default", AmoCrmConnector.KIND, settings);
    }

    /** A connector whose retries record their waits instead of sleeping. */
    static AmoCrmConnector connector(List<Duration> sleeps) {
        return connector(sleeps, new MemoryCredentialStore(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** Tokens are refreshed when they expire within {@link #REFRESH_MARGIN}. */
    static AmoCrmConnector connector(List<Duration> sleeps, MemoryCredentialStore credentials, Clock clock) {
        return new AmoCrmConnector(remoteCalls(sleeps), clock, credentials, REFRESH_MARGIN);
    }

    static AmoApi.Bearer bearer(String token) {
        return new AmoApi.Bearer() {
            @Override
            public String token() {
                return token;
            }

            @Override
            public Optional<String> renewed(String rejected) {
                return Optional.empty();
            }
        };
    }

    static RemoteCalls remoteCalls(List<Duration> sleeps) {
        return new RemoteCalls(new RemoteCalls.Policy(3, Duration.ofSeconds(30), Duration.ofSeconds(5),
                Duration.ofMillis(200), 5, Duration.ofSeconds(30)), Clock.systemUTC(), sleeps::add);
    }

    static WebhookRequest delivery(String body, String query) {
        return new WebhookRequest("application/x-www-form-urlencoded",
                Map.of("User-Agent", List.of("amoCRM-Webhooks/3.0"),
                        "Content-Type", List.of("application/x-www-form-urlencoded")),
                query, body.getBytes(StandardCharsets.UTF_8), NOW);
    }

    static WebhookRequest delivery(String body) {
        return delivery(body, "secret=" + SECRET);
    }
}
