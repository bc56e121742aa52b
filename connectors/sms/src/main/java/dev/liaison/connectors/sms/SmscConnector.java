package dev.liaison.connectors.sms;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.DeliveryStatusChanged;
import dev.liaison.connector.api.DeliveryStatusChanged.DeliveryStatus;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SettingsSpec;
import dev.liaison.connector.api.WebhookRejectedException;
import dev.liaison.connector.api.WebhookRequest;
import dev.liaison.connectors.support.RemoteCalls;
import dev.liaison.connectors.support.Reply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * SMSC.ru ({@code POST /sys/send.php} with {@code fmt=3}). SMSC lets the client choose the message {@code id}
 * (a number from 1 to 2147483647); it is derived from the outbound message's idempotency key, so every attempt at
 * one message carries the same id and its status callbacks name it. SMSC does not de-duplicate by id: its only
 * guard is error 9 for an identical request within a minute, reported as retryable. What it does offer is a status
 * query by that id, so a message marked {@value #REPEAT_HEADER} (an earlier attempt may have reached SMSC) is looked
 * up first and sent only if SMSC has never seen it: that makes repeats safe.
 */
@ApplicationScoped
public class SmscConnector extends SmsConnector {

    public static final String KIND = "smsc";

    static final String LOGIN = "login";
    static final String PASSWORD = "password";
    static final String SENDER = "sender";
    static final String DEFAULT_BASE_URL = "https://smsc.ru";
    /** SMSC answers error 9 to fifteen concurrent requests; five a second stays well clear. */
    static final int DEFAULT_REQUESTS_PER_SECOND = 5;
    /** The status SMSC gives an id it has no message for. */
    static final int NOT_FOUND = -3;

    static final SettingsSpec SPEC = SettingsSpec.of(
            SettingsSpec.required(LOGIN, "the SMSC account login"),
            SettingsSpec.requiredSecret(PASSWORD, "the SMSC API password (psw)"),
            SettingsSpec.optional(SENDER, "an approved sender name; the account's default when empty"),
            SmsSettings.webhookSecret(),
            SmsSettings.baseUrl(DEFAULT_BASE_URL),
            SmsSettings.requestsPerSecond(DEFAULT_REQUESTS_PER_SECOND));

    /** CDI's constructor: no bean produces a RemoteCalls, so the connector owns one shared by all its connections. */
    public SmscConnector() {
        this(singleAttempt(), Clock.systemUTC());
    }

    SmscConnector(RemoteCalls calls, Clock clock) {
        super(KIND, SPEC, calls, clock);
    }

    /** The SMSC message id for an idempotency key: the first 31 bits of its SHA-256, never 0. */
    static int messageId(String idempotencyKey) {
        int id = ByteBuffer.wrap(Digests.sha256(idempotencyKey)).getInt() & Integer.MAX_VALUE;
        return id == 0 ? 1 : id;
    }

    @Override
    DeliveryReceipt submit(ConnectionContext connection, String recipient, OutboundMessage message)
            throws RemoteSystemException {
        String id = Integer.toString(messageId(message.idempotencyKey()));
        if ("true".equals(message.headers().get(REPEAT_HEADER)) && known(connection, recipient, id)) {
            return new DeliveryReceipt(id, clock.instant());
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("login", connection.requiredSetting(LOGIN));
        form.put("psw", connection.requiredSetting(PASSWORD));
        // With the plus SMSC takes the number as given instead of "correcting" it.
        form.put("phones", recipient);
        form.put("mes", message.body());
        form.put("id", id);
        form.put("fmt", "3");
        form.put("charset", "utf-8");
        connection.setting(SENDER).ifPresent(sender -> form.put("sender", sender));
        SmscRest gateway = calls().client(SmscRest.class, SmsSettings.baseUri(connection, DEFAULT_BASE_URL));
        String encoded = Form.encode(form);
        Reply response = send(connection, SmsSettings.rateLimit(connection, DEFAULT_REQUESTS_PER_SECOND),
                () -> gateway.send(encoded));
        if (response.status() >= 300) {
            throw RemoteSystemException.permanent("SMSC answered HTTP " + response.status() + " to a send");
        }
        JsonObject answer = GatewayJson.object("SMSC", response.body());
        OptionalInt error = GatewayJson.integer(answer, "error_code");
        if (error.isPresent()) {
            throw SmscCodes.refusal(error.getAsInt());
        }
        if (answer.containsKey("error")) {
            throw new RemoteSystemException("SMSC answered an error without an error_code", true, null, null);
        }
        String accepted = GatewayJson.text(answer, "id").orElseThrow(() -> new RemoteSystemException(
                "SMSC accepted a send without an id", true, null, null));
        return new DeliveryReceipt(accepted, clock.instant());
    }

    /**
     * Whether SMSC already has message {@code id} for {@code recipient} ({@code GET /sys/status.php}, facts §4.2).
     * Status -3 is SMSC's "message not found" [unverified against a stored page]; any other status means it was
     * accepted. An error or an unreadable answer decides nothing and is retryable, so nothing is sent blind.
     */
    boolean known(ConnectionContext connection, String recipient, String id) throws RemoteSystemException {
        String login = connection.requiredSetting(LOGIN);
        String password = connection.requiredSetting(PASSWORD);
        SmscRest gateway = calls().client(SmscRest.class, SmsSettings.baseUri(connection, DEFAULT_BASE_URL));
        Reply response = send(connection, SmsSettings.rateLimit(connection, DEFAULT_REQUESTS_PER_SECOND),
                () -> gateway.status(login, password, recipient, id, "3", "utf-8"));
        if (response.status() >= 300) {
            throw RemoteSystemException.retryable("SMSC answered HTTP " + response.status()
                    + " to a status query", null);
        }
        JsonObject answer = GatewayJson.object("SMSC", response.body());
        OptionalInt status = GatewayJson.integer(answer, "status");
        if (status.isEmpty()) {
            throw RemoteSystemException.retryable("SMSC answered a status query without a status ("
                    + GatewayJson.integer(answer, "error_code").orElse(0) + ")", null);
        }
        return status.getAsInt() != NOT_FOUND;
    }

    @Override
    public void verify(ConnectionContext connection, WebhookRequest request) throws WebhookRejectedException {
        verifyUrlSecret(connection, request);
    }

    @Override
    public String dedupKey(ConnectionContext connection, WebhookRequest request) throws MalformedPayloadException {
        Callback callback = callback(request);
        return "smsc:" + callback.id() + ":" + callback.status() + callback.error().map(err -> ":" + err).orElse("");
    }

    @Override
    public List<CanonicalEvent> parse(ConnectionContext connection, WebhookRequest request)
            throws MalformedPayloadException {
        Callback callback = callback(request);
        DeliveryStatus status = SmscCodes.status(callback.status()).orElseThrow(() -> new MalformedPayloadException(
                "SMSC status " + callback.status() + " is not a known delivery status"));
        // SMSC's callback time fields are not confirmed, so the event carries the time Liaison received it.
        return List.of(new DeliveryStatusChanged(connection.ref(callback.id()), request.receivedAt(), status,
                SmscCodes.detail(callback.status(), callback.error())));
    }

    /** The fields of an SMSC status callback that Liaison reads; {@code phone} is deliberately left alone. */
    private record Callback(String id, int status, Optional<String> error) {
    }

    private static Callback callback(WebhookRequest request) throws MalformedPayloadException {
        Form form = Form.parse(request.bodyText());
        String id = form.value("id").orElseThrow(() -> new MalformedPayloadException(
                "the body has no 'id', as SMSC status callbacks do"));
        if (!id.matches("[0-9]{1,10}")) {
            throw new MalformedPayloadException("'id' is not an SMSC message id");
        }
        String status = form.value("status").orElseThrow(() -> new MalformedPayloadException(
                "the body has no 'status', as SMSC status callbacks do"));
        if (!status.matches("-?[0-9]{1,3}")) {
            throw new MalformedPayloadException("'status' is not a number");
        }
        Optional<String> error = form.value("err");
        if (error.isPresent() && !error.get().matches("[0-9]{1,5}")) {
            throw new MalformedPayloadException("'err' is not a number");
        }
        return new Callback(id, Integer.parseInt(status), error);
    }
}
