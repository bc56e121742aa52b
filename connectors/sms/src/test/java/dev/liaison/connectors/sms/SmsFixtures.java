package dev.liaison.connectors.sms;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.MessageSender.OutboundMessage;
import dev.liaison.connector.api.WebhookRequest;
import dev.liaison.connectors.support.RemoteCalls;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Connections, fakes and deliveries shared by the SMS tests. Numbers are from reserved or fictional ranges. */
final class SmsFixtures {

    static final Instant NOW = Instant.parse("2024-04-17T17:18:10Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String WEBHOOK_SECRET = "c2VjcmV0LW9mLXRoZS1jYWxsYmFjaw";
    static final String PHONE = "+79255070602";

    private SmsFixtures() {
    }

    static WireMockServer gateway() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    /** One attempt per call, as in production; no real sleeping. */
    static RemoteCalls remoteCalls() {
        return new RemoteCalls(new RemoteCalls.Policy(1, Duration.ofSeconds(30),
                Duration.ofSeconds(5), Duration.ofMillis(100), 5, Duration.ofSeconds(30)), CLOCK, duration -> { });
    }

    static ConnectionContext connection(String kind, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.putIfAbsent(SmsSettings.WEBHOOK_SECRET, WEBHOOK_SECRET);
        return new ConnectionContext("conn-" + kind, "default", kind, all);
    }

    static OutboundMessage sms(String idempotencyKey, String recipient) {
        return new OutboundMessage(idempotencyKey, "sms", recipient, null, "Ваш заказ готов", Map.of());
    }

    static String form(String... namesAndValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return Form.encode(params);
    }

    static WebhookRequest delivery(String query, String body, Map<String, String> headers) {
        Map<String, List<String>> all = new HashMap<>();
        all.put("Content-Type", List.of("application/x-www-form-urlencoded"));
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        return new WebhookRequest("application/x-www-form-urlencoded", all, query,
                body.getBytes(StandardCharsets.UTF_8), NOW);
    }

    static String secretQuery() {
        return "secret=" + WEBHOOK_SECRET;
    }
}
