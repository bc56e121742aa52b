package dev.liaison.connectors.sms;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.DeliveryStatusChanged;
import dev.liaison.connector.api.DeliveryStatusChanged.DeliveryStatus;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SettingChecks;
import dev.liaison.connector.api.SettingsSpec;
import dev.liaison.connector.api.WebhookRejectedException;
import dev.liaison.connector.api.WebhookRequest;
import dev.liaison.connectors.support.RemoteCalls;
import dev.liaison.connectors.support.Reply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * SMS.ru ({@code POST /sms/send} with {@code json=1}). SMS.ru takes no client message id, so a send cannot be
 * de-duplicated there; its 231 ("identical message within a minute") is the only guard, and is reported as
 * retryable. Status callbacks are answered with the body {@code 100}, which SMS.ru waits for before it stops
 * resending.
 */
@ApplicationScoped
public class SmsRuConnector extends SmsConnector {

    public static final String KIND = "smsru";

    static final String API_ID = "apiId";
    static final String FROM = "from";
    static final String TEST = "test";
    static final String DEFAULT_BASE_URL = "https://sms.ru";
    static final int DEFAULT_REQUESTS_PER_SECOND = 5;

    static final SettingsSpec SPEC = SettingsSpec.of(
            SettingsSpec.requiredSecret(API_ID, "the account's api_id; also the key of the callback hash"),
            SettingsSpec.optional(FROM, "an approved sender name; the account's default when empty"),
            SettingsSpec.optional(TEST, "'true' to have SMS.ru accept sends without sending or charging (test=1)")
                    .checked(SettingChecks.oneOf("true", "false")),
            SmsSettings.webhookSecret(),
            SmsSettings.baseUrl(DEFAULT_BASE_URL),
            SmsSettings.requestsPerSecond(DEFAULT_REQUESTS_PER_SECOND));

    /** The acknowledgement SMS.ru waits for; anything else makes it post the callback again. */
    static final String ACKNOWLEDGEMENT = "100";

    /** CDI's constructor: no bean produces a RemoteCalls, so the connector owns one shared by all its connections. */
    public SmsRuConnector() {
        this(singleAttempt(), Clock.systemUTC());
    }

    SmsRuConnector(RemoteCalls calls, Clock clock) {
        super(KIND, SPEC, calls, clock);
    }

    @Override
    DeliveryReceipt submit(ConnectionContext connection, String recipient, OutboundMessage message)
            throws RemoteSystemException {
        String to = Phones.digits(recipient);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_id", connection.requiredSetting(API_ID));
        form.put("to", to);
        form.put("msg", message.body());
        form.put("json", "1");
        connection.setting(FROM).ifPresent(from -> form.put("from", from));
        if (connection.setting(TEST).map(Boolean::parseBoolean).orElse(false)) {
            form.put("test", "1");
        }
        SmsRuRest gateway = calls().client(SmsRuRest.class, SmsSettings.baseUri(connection, DEFAULT_BASE_URL));
        String encoded = Form.encode(form);
        Reply response = send(connection, SmsSettings.rateLimit(connection, DEFAULT_REQUESTS_PER_SECOND),
                () -> gateway.send(encoded));
        if (response.status() >= 300) {
            throw RemoteSystemException.permanent("SMS.ru answered HTTP " + response.status() + " to a send");
        }
        JsonObject answer = GatewayJson.object("SMS.ru", response.body());
        if (!"OK".equals(GatewayJson.text(answer, "status").orElse(""))) {
            throw SmsRuCodes.refusal(code(answer));
        }
        JsonObject sms = perNumber(answer, to);
        if (!"OK".equals(GatewayJson.text(sms, "status").orElse(""))) {
            throw SmsRuCodes.refusal(code(sms));
        }
        String smsId = GatewayJson.text(sms, "sms_id").orElseThrow(() -> new RemoteSystemException(
                "SMS.ru accepted a send without an sms_id", true, null, null));
        return new DeliveryReceipt(smsId, clock.instant());
    }

    /** The answer's entry for the one number sent to; SMS.ru keys it by the number as it was given in {@code to}. */
    private static JsonObject perNumber(JsonObject answer, String to) throws RemoteSystemException {
        JsonValue all = answer.get("sms");
        if (all == null || all.getValueType() != JsonValue.ValueType.OBJECT || all.asJsonObject().isEmpty()) {
            throw new RemoteSystemException("SMS.ru answered OK without a per-number 'sms' entry", true, null, null);
        }
        JsonValue entry = all.asJsonObject().get(to);
        if (entry == null && all.asJsonObject().size() == 1) {
            entry = all.asJsonObject().values().iterator().next();
        }
        if (entry == null || entry.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new RemoteSystemException("SMS.ru answered without an entry for the number sent to", true, null,
                    null);
        }
        return entry.asJsonObject();
    }

    private static int code(JsonObject object) throws RemoteSystemException {
        OptionalInt code = GatewayJson.integer(object, "status_code");
        if (code.isEmpty()) {
            throw new RemoteSystemException("SMS.ru answered ERROR without a status_code", true, null, null);
        }
        return code.getAsInt();
    }

    @Override
    public void verify(ConnectionContext connection, WebhookRequest request) throws WebhookRejectedException {
        verifyUrlSecret(connection, request);
        SmsRuCallback callback;
        try {
            callback = SmsRuCallback.parse(Form.parse(request.bodyText()));
        } catch (MalformedPayloadException unreadable) {
            // Intake's dedup key and the parser refuse it as malformed; the secret already proved the sender.
            return;
        }
        String apiId;
        try {
            apiId = connection.requiredSetting(API_ID);
        } catch (IllegalStateException misconfigured) {
            throw new WebhookRejectedException(WebhookRejectedException.Reason.NOT_CONFIGURED,
                    "connection " + connection.id() + " cannot verify deliveries: "
                    + misconfigured.getMessage());
        }
        if (!callback.hashMatches(apiId)) {
            throw new WebhookRejectedException("the callback hash does not match the records");
        }
    }

    /**
     * One key per set of status records: sms_id and status code of each, sorted, so a resent callback repeats its
     * key and the next status of the same message does not.
     */
    @Override
    public String dedupKey(ConnectionContext connection, WebhookRequest request) throws MalformedPayloadException {
        List<SmsRuCallback.StatusRecord> statuses = callback(request).statuses();
        List<String> keys = new ArrayList<>();
        for (SmsRuCallback.StatusRecord status : statuses) {
            keys.add(status.smsId() + ":" + status.code());
        }
        if (keys.isEmpty()) {
            return "smsru:" + Digests.sha256Hex(String.join("\u0000", callback(request).records()));
        }
        keys.sort(null);
        String joined = String.join(",", keys);
        return joined.length() <= 200 ? "smsru:" + joined : "smsru:sha256:" + Digests.sha256Hex(joined);
    }

    @Override
    public List<CanonicalEvent> parse(ConnectionContext connection, WebhookRequest request)
            throws MalformedPayloadException {
        List<CanonicalEvent> events = new ArrayList<>();
        for (SmsRuCallback.StatusRecord status : callback(request).statuses()) {
            Optional<DeliveryStatus> mapped = SmsRuCodes.status(status.code());
            if (mapped.isEmpty()) {
                throw new MalformedPayloadException("SMS.ru status code " + status.code() + " is not a known "
                        + "delivery status");
            }
            events.add(new DeliveryStatusChanged(connection.ref(status.smsId()),
                    status.at().orElse(request.receivedAt()), mapped.get(), SmsRuCodes.detail(status.code())));
        }
        return events;
    }

    @Override
    public Optional<String> acknowledgement() {
        return Optional.of(ACKNOWLEDGEMENT);
    }

    private static SmsRuCallback callback(WebhookRequest request) throws MalformedPayloadException {
        return SmsRuCallback.parse(Form.parse(request.bodyText()));
    }
}
