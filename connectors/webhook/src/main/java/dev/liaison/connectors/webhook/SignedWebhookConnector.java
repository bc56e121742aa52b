package dev.liaison.connectors.webhook;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.Connector;
import dev.liaison.connector.api.InputViolation;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.SettingCheck;
import dev.liaison.connector.api.SettingChecks;
import dev.liaison.connector.api.SettingsSpec;
import dev.liaison.connector.api.WebhookReceiver;
import dev.liaison.connector.api.WebhookRejectedException;
import dev.liaison.connector.api.WebhookRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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
    /** Beyond an hour a captured delivery could be replayed long after the fact: no protection worth the name. */
    static final long MAX_TOLERANCE_SECONDS = 3600;
    private static final SettingCheck TOLERANCE_CHECK = SettingChecks.wholeNumber(1, MAX_TOLERANCE_SECONDS);

    private static final SettingsSpec SETTINGS = SettingsSpec.of(
            SettingsSpec.requiredSecret(SIGNING_SECRET, "the shared secret the sender signs deliveries with, at least "
                    + SettingChecks.SHARED_SECRET_MIN_LENGTH + " characters")
                    .checked(SettingChecks.minLength(SettingChecks.SHARED_SECRET_MIN_LENGTH)),
            SettingsSpec.optional(TOLERANCE_SECONDS, "how old a delivery's timestamp may be, in seconds (300; 1 to "
                    + MAX_TOLERANCE_SECONDS + ")").checked(TOLERANCE_CHECK),
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
        new WebhookSignature(connection.requiredSetting(SIGNING_SECRET), tolerance(connection))
                .verify(request.header(WebhookSignature.TIMESTAMP_HEADER).orElse(null),
                        request.header(WebhookSignature.SIGNATURE_HEADER).orElse(null),
                        request.body(), clock.instant());
    }

    /**
     * Connections are checked when they are created; one stored before that check with a tolerance that is no
     * whole number of seconds in range refuses every delivery rather than answering each with a 500.
     */
    private static Duration tolerance(ConnectionContext connection) throws WebhookRejectedException {
        Optional<String> seconds = connection.setting(TOLERANCE_SECONDS);
        if (seconds.isEmpty()) {
            return DEFAULT_TOLERANCE;
        }
        if (TOLERANCE_CHECK.problem(seconds.get()).isPresent()) {
            throw new WebhookRejectedException(WebhookRejectedException.Reason.NOT_CONFIGURED,
                    "setting '" + TOLERANCE_SECONDS + "' of the connection is invalid");
        }
        return Duration.ofSeconds(Long.parseLong(seconds.get().trim()));
    }

    /**
     * The whole event is read and bounded here, not only its id: parsing is cheap, and a sender learns at once, with
     * a 400 naming every field, that a delivery could never be processed, instead of it dying in the dead letters.
     */
    @Override
    public String dedupKey(ConnectionContext connection, WebhookRequest request) throws MalformedPayloadException {
        JsonObject envelope = EventJson.read(request.body());
        String id = EventJson.requiredText(envelope, "id");
        List<InputViolation> violations = EventJson.outOfBounds(envelope, EventJson.toCanonical(connection, envelope));
        if (!violations.isEmpty()) {
            throw new MalformedPayloadException(violations);
        }
        return id;
    }

    /** Checked again: an entry stored before intake checked bounds, or replayed, must still die at once. */
    @Override
    public List<CanonicalEvent> parse(ConnectionContext connection, WebhookRequest request)
            throws MalformedPayloadException {
        JsonObject envelope = EventJson.read(request.body());
        CanonicalEvent event = EventJson.toCanonical(connection, envelope);
        List<InputViolation> violations = EventJson.outOfBounds(envelope, event);
        if (!violations.isEmpty()) {
            throw new MalformedPayloadException(violations);
        }
        return List.of(event);
    }
}
