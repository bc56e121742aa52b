package dev.liaison.connectors.sms;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.MessageSender;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SettingsSpec;
import dev.liaison.connector.api.WebhookReceiver;
import dev.liaison.connector.api.WebhookRejectedException;
import dev.liaison.connector.api.WebhookRequest;
import dev.liaison.connectors.support.RateLimit;
import dev.liaison.connectors.support.RemoteCalls;
import dev.liaison.connectors.support.RemoteCallsConnector;
import dev.liaison.connectors.support.Reply;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * What the SMS kinds share. Each kind is its own connector ({@code smsru}, {@code smsc}, {@code twilio}) because
 * their credentials and callback checks differ, and one settings spec per kind can say exactly which settings are
 * required and secret. A send is one message to one E.164 number on channel {@code sms}.
 *
 * <p>None of the gateways de-duplicates a send by a client key, so {@link RemoteCalls} is told to try a send once:
 * a repeat after a timeout or a 5xx could deliver the text twice. Such failures go back to the outbox as retryable,
 * with the gateway's Retry-After, and the outbox decides.
 */
public abstract class SmsConnector extends RemoteCallsConnector implements MessageSender, WebhookReceiver {

    static final String CHANNEL = "sms";
    static final String SECRET_PARAMETER = "secret";
    /**
     * Header set by the outbox on a repeat of a message an earlier attempt may have delivered to the gateway; a kind
     * that can look a message up by its key does so before sending again.
     */
    public static final String REPEAT_HEADER = "liaison.repeat";

    /** How every gateway takes a send: a UTF-8 form. */
    static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";

    final Clock clock;

    SmsConnector(String kind, SettingsSpec settings, RemoteCalls calls, Clock clock) {
        super(kind, settings, calls);
        this.clock = clock;
    }

    /** One attempt per call; rate limit, breaker, Retry-After and timeouts as RemoteCalls' defaults. */
    static RemoteCalls singleAttempt() {
        return RemoteCalls.with(RemoteCalls.Policy.defaults().singleAttempt());
    }

    @Override
    public DeliveryReceipt send(ConnectionContext connection, OutboundMessage message) throws RemoteSystemException {
        if (!CHANNEL.equals(message.channel())) {
            throw RemoteSystemException.permanent("connection " + connection.id() + " sends channel '" + CHANNEL
                    + "' only, not '" + message.channel() + "'");
        }
        String recipient = Phones.e164(message.recipient()).orElseThrow(() -> RemoteSystemException.permanent(
                "the recipient of message " + message.idempotencyKey() + " is not an E.164 phone number"));
        if (message.body() == null || message.body().isBlank()) {
            throw RemoteSystemException.permanent("message " + message.idempotencyKey() + " has no text");
        }
        try {
            return submit(connection, recipient, message);
        } catch (IllegalArgumentException | IllegalStateException misconfigured) {
            throw RemoteSystemException.permanent("connection " + connection.id() + " cannot send: "
                    + misconfigured.getMessage());
        }
    }

    /** Sends to {@code recipient}, already checked to be E.164, and reads the gateway's answer for this message. */
    abstract DeliveryReceipt submit(ConnectionContext connection, String recipient, OutboundMessage message)
            throws RemoteSystemException;

    /** Calls the gateway through RemoteCalls; statuses other than 429 and 5xx come back for the kind to judge. */
    Reply send(ConnectionContext connection, RateLimit limit, Supplier<Response> call) throws RemoteSystemException {
        return calls().send(connection.id(), limit, call);
    }

    /**
     * For gateways that do not sign their callbacks (SMS.ru, SMSC): the callback URL carries the connection's
     * unguessable secret, compared in constant time.
     */
    static void verifyUrlSecret(ConnectionContext connection, WebhookRequest request) throws WebhookRejectedException {
        String expected;
        try {
            expected = connection.requiredSetting(SmsSettings.WEBHOOK_SECRET);
        } catch (IllegalStateException misconfigured) {
            throw new WebhookRejectedException(WebhookRejectedException.Reason.NOT_CONFIGURED,
                    "connection " + connection.id() + " cannot verify deliveries: "
                    + misconfigured.getMessage());
        }
        String given = Form.lenient(request.query()).value(SECRET_PARAMETER).orElse("");
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
            throw new WebhookRejectedException("the callback URL secret is missing or wrong");
        }
    }
}
