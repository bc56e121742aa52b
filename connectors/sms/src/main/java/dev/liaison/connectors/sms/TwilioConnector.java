package dev.liaison.connectors.sms;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.DeliveryStatusChanged;
import dev.liaison.connector.api.DeliveryStatusChanged.DeliveryStatus;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RecipientSuppressedException;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SettingsSpec;
import dev.liaison.connector.api.WebhookRejectedException;
import dev.liaison.connector.api.WebhookRequest;
import dev.liaison.connectors.support.RemoteCalls;
import dev.liaison.connectors.support.Reply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Twilio Programmable Messaging ({@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}, Basic auth,
 * 201 JSON). The Messages API takes no client idempotency key, so a send cannot be de-duplicated at Twilio. Status
 * callbacks go to {@code callbackUrl}, passed as {@code StatusCallback} on every send, and are verified by their
 * {@code X-Twilio-Signature} over exactly that URL. Liaison derives {@code callbackUrl} from its public URL and the
 * connection's id, which exists only once the connection does, so nobody has to type it.
 */
@ApplicationScoped
public class TwilioConnector extends SmsConnector {

    public static final String KIND = "twilio";

    static final String ACCOUNT_SID = "accountSid";
    static final String AUTH_TOKEN = "authToken";
    static final String FROM = "from";
    static final String MESSAGING_SERVICE_SID = "messagingServiceSid";
    static final String CALLBACK_URL = "callbackUrl";
    static final String DEFAULT_BASE_URL = "https://api.twilio.com";
    static final int DEFAULT_REQUESTS_PER_SECOND = 10;

    static final SettingsSpec SPEC = SettingsSpec.of(
            SettingsSpec.required(ACCOUNT_SID, "the Account SID (AC...), the user name of Basic auth"),
            SettingsSpec.requiredSecret(AUTH_TOKEN, "the Auth Token: Basic auth password and signing key of callbacks"),
            SettingsSpec.optional(FROM, "the sending number in E.164 (or set messagingServiceSid)"),
            SettingsSpec.optional(MESSAGING_SERVICE_SID, "a Messaging Service SID (MG...), instead of from"),
            SettingsSpec.webhookUrl(CALLBACK_URL, "this connection's public webhook URL, {liaison.public-url}/hooks/"
                    + "{connectionId}, set by Liaison: sent as StatusCallback and signed over"),
            SmsSettings.baseUrl(DEFAULT_BASE_URL),
            SmsSettings.requestsPerSecond(DEFAULT_REQUESTS_PER_SECOND));

    private static final int UNSUBSCRIBED_RECIPIENT = 21610;
    private static final int AUTHENTICATION_FAILED = 20003;

    private static final Map<String, DeliveryStatus> STATUSES = Map.of(
            "accepted", DeliveryStatus.QUEUED,
            "scheduled", DeliveryStatus.QUEUED,
            "queued", DeliveryStatus.QUEUED,
            "sending", DeliveryStatus.SENT,
            "sent", DeliveryStatus.SENT,
            "delivered", DeliveryStatus.DELIVERED,
            "undelivered", DeliveryStatus.FAILED,
            "failed", DeliveryStatus.FAILED,
            "canceled", DeliveryStatus.FAILED,
            "read", DeliveryStatus.READ);

    /** CDI's constructor: no bean produces a RemoteCalls, so the connector owns one shared by all its connections. */
    public TwilioConnector() {
        this(singleAttempt(), Clock.systemUTC());
    }

    TwilioConnector(RemoteCalls calls, Clock clock) {
        super(KIND, SPEC, calls, clock);
    }

    @Override
    DeliveryReceipt submit(ConnectionContext connection, String recipient, OutboundMessage message)
            throws RemoteSystemException {
        String accountSid = connection.requiredSetting(ACCOUNT_SID);
        String authToken = connection.requiredSetting(AUTH_TOKEN);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", recipient);
        Optional<String> service = connection.setting(MESSAGING_SERVICE_SID);
        if (service.isPresent()) {
            form.put("MessagingServiceSid", service.get());
        } else {
            form.put("From", connection.setting(FROM).orElseThrow(() -> new IllegalArgumentException(
                    "setting '" + FROM + "' or '" + MESSAGING_SERVICE_SID + "' is required to send")));
        }
        form.put("Body", message.body());
        form.put("StatusCallback", connection.requiredSetting(CALLBACK_URL));
        TwilioRest twilio = calls().client(TwilioRest.class, SmsSettings.baseUri(connection, DEFAULT_BASE_URL));
        String basic = "Basic " + Base64.getEncoder().encodeToString((accountSid + ":" + authToken)
                .getBytes(StandardCharsets.UTF_8));
        String encoded = Form.encode(form);
        Reply response = send(connection, SmsSettings.rateLimit(connection, DEFAULT_REQUESTS_PER_SECOND),
                () -> twilio.createMessage(basic, accountSid, encoded));
        if (response.status() == 200 || response.status() == 201) {
            JsonObject created = GatewayJson.object("Twilio", response.body());
            String sid = GatewayJson.text(created, "sid").orElseThrow(() -> new RemoteSystemException(
                    "Twilio created a message without a sid", true, null, null));
            return new DeliveryReceipt(sid, clock.instant());
        }
        throw refusal(response);
    }

    /** Twilio's error body carries a code; its message may quote the number, so only the code is kept. */
    private static RemoteSystemException refusal(Reply response) {
        int status = response.status();
        OptionalInt code;
        try {
            code = GatewayJson.integer(GatewayJson.object("Twilio", response.body()), "code");
        } catch (RemoteSystemException notJson) {
            code = OptionalInt.empty();
        }
        String described = "Twilio refused the message: HTTP " + status
                + (code.isPresent() ? ", error " + code.getAsInt() : "");
        if (code.isPresent() && code.getAsInt() == UNSUBSCRIBED_RECIPIENT) {
            return new RecipientSuppressedException(described + " (recipient unsubscribed with STOP)",
                    "twilio:" + UNSUBSCRIBED_RECIPIENT);
        }
        if (status == 401 || code.isPresent() && code.getAsInt() == AUTHENTICATION_FAILED) {
            return RemoteSystemException.permanent(described + " (credentials refused)");
        }
        return RemoteSystemException.permanent(described);
    }

    @Override
    public void verify(ConnectionContext connection, WebhookRequest request) throws WebhookRejectedException {
        String authToken;
        String url;
        try {
            authToken = connection.requiredSetting(AUTH_TOKEN);
            url = signedUrl(connection.requiredSetting(CALLBACK_URL), request.query());
        } catch (IllegalStateException misconfigured) {
            throw new WebhookRejectedException(WebhookRejectedException.Reason.NOT_CONFIGURED,
                    "connection " + connection.id() + " cannot verify deliveries: "
                    + misconfigured.getMessage());
        }
        String signature = request.header(TwilioSignature.HEADER).orElse("");
        if (signature.isBlank()) {
            throw new WebhookRejectedException("missing " + TwilioSignature.HEADER);
        }
        Form form;
        try {
            form = Form.parse(request.bodyText());
        } catch (MalformedPayloadException e) {
            throw new WebhookRejectedException(WebhookRejectedException.Reason.MALFORMED_BODY,
                    "the body is not form-encoded, so its signature cannot be checked");
        }
        if (!TwilioSignature.matches(authToken, url, form.params(), signature)) {
            throw new WebhookRejectedException(TwilioSignature.HEADER + " does not match");
        }
        Optional<String> account = form.value("AccountSid");
        if (account.isPresent() && !account.get().equals(connection.setting(ACCOUNT_SID).orElse(""))) {
            throw new WebhookRejectedException(WebhookRejectedException.Reason.WRONG_ACCOUNT,
                    "AccountSid is not the connected account");
        }
    }

    /**
     * The URL Twilio signed: the configured callback URL with the query string this request arrived with, so that
     * a proxy in front of Liaison cannot change what is compared.
     */
    static String signedUrl(String callbackUrl, String query) {
        int queryStart = callbackUrl.indexOf('?');
        String base = queryStart < 0 ? callbackUrl : callbackUrl.substring(0, queryStart);
        return query.isEmpty() ? base : base + "?" + query;
    }

    /** One key per message and status: Twilio may resend a status, and posts each status of a message once. */
    @Override
    public String dedupKey(ConnectionContext connection, WebhookRequest request) throws MalformedPayloadException {
        Callback callback = callback(request);
        return "twilio:" + callback.sid() + ":" + callback.status();
    }

    @Override
    public List<CanonicalEvent> parse(ConnectionContext connection, WebhookRequest request)
            throws MalformedPayloadException {
        Callback callback = callback(request);
        DeliveryStatus status = STATUSES.get(callback.status());
        if (status == null) {
            throw new MalformedPayloadException("MessageStatus '" + callback.status()
                    + "' is not a status of an outbound message");
        }
        if (status == DeliveryStatus.FAILED && callback.error().filter(
                error -> error.equals(Integer.toString(UNSUBSCRIBED_RECIPIENT))).isPresent()) {
            status = DeliveryStatus.REJECTED;
        }
        String detail = "twilio " + callback.status() + callback.error().map(error -> ", error " + error).orElse("");
        // Twilio's status callbacks carry no event time, so the event carries the time Liaison received it.
        return List.of(new DeliveryStatusChanged(connection.ref(callback.sid()), request.receivedAt(), status, detail));
    }

    /** What Liaison reads of a status callback; {@code To}, {@code From} and {@code Body} are left alone. */
    private record Callback(String sid, String status, Optional<String> error) {
    }

    private static Callback callback(WebhookRequest request) throws MalformedPayloadException {
        Form form = Form.parse(request.bodyText());
        String sid = form.value("MessageSid").or(() -> form.value("SmsSid")).orElseThrow(() ->
                new MalformedPayloadException("the body has no MessageSid, as Twilio status callbacks do"));
        if (!sid.matches("[A-Z]{2}[0-9a-fA-F]{32}")) {
            throw new MalformedPayloadException("MessageSid is not a Twilio message SID");
        }
        String status = form.value("MessageStatus").or(() -> form.value("SmsStatus")).orElseThrow(() ->
                new MalformedPayloadException("the body has no MessageStatus, as Twilio status callbacks do"));
        Optional<String> error = form.value("ErrorCode");
        if (error.isPresent() && !error.get().matches("[0-9]{1,6}")) {
            throw new MalformedPayloadException("ErrorCode is not a number");
        }
        return new Callback(sid, status.trim().toLowerCase(Locale.ROOT), error);
    }
}
