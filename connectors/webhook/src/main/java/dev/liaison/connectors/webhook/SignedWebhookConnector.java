package dev.liaison.connectors.webhook;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.Connector;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.SettingsSpec;
import dev.liaison.connector.api.WebhookReceiver;
import dev.liaison.connector.api.WebhookRejectedException;
import dev.liaison.connector.api.WebhookRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Receives canonical events posted by in-house systems and iPaaS flows that have no connector of their own.
 * Each delivery is one JSON event signed like Stripe's webhooks: {@code X-Liaison-Timestamp} (unix seconds) and
 * {@code X-Liaison-Signature: v1=<hex HMAC-SHA256(signingSecret, timestamp + "." + body)>}.
 */
@ApplicationScoped
public class SignedWebhookConnector implements Connector, WebhookReceiver {

    public static final String KIND = "webhook";
    static final String SIGNING_SECRET = "signingSecret";
    static final String TOLERANCE_SECONDS = "toleranceSeconds";
    private static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final SettingsSpec SETTINGS = SettingsSpec.of(
            SettingsSpec.requiredSecret(SIGNING_SECRET, "the shared secret the sender signs deliveries with"),
            SettingsSpec.optional(TOLERANCE_SECONDS, "how old a delivery's timestamp may be, in seconds (300)"),
            SettingsSpec.consentFields());

    private final Clock clock;

    public SignedWebhookConnector() {
        this(Clock.systemUTC());
    }

    SignedWebhookConnector(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public SettingsSpec settings() {
        return SETTINGS;
    }

    @Override
    public void verify(ConnectionContext connection, WebhookRequest request) throws WebhookRejectedException {
        Duration tolerance = connection.setting(TOLERANCE_SECONDS)
                .map(seconds -> Duration.ofSeconds(Long.parseLong(seconds)))
                .orElse(DEFAULT_TOLERANCE);
        new WebhookSignature(connection.requiredSetting(SIGNING_SECRET), tolerance)
                .verify(request.header(WebhookSignature.TIMESTAMP_HEADER).orElse(null),
                        request.header(WebhookSignature.SIGNATURE_HEADER).orElse(null),
                        request.body(), clock.instant());
    }

    @Override
    public String dedupKey(ConnectionContext connection, WebhookRequest request) throws MalformedPayloadException {
        JsonObject envelope = EventJson.read(request.body());
        return EventJson.requiredText(envelope, "id");
    }

    @Override
    public List<CanonicalEvent> parse(ConnectionContext connection, WebhookRequest request)
            throws MalformedPayloadException {
        return List.of(EventJson.toCanonical(connection, EventJson.read(request.body())));
    }
}
