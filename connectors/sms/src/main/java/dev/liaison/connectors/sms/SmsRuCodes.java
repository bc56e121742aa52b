package dev.liaison.connectors.sms;

import dev.liaison.connector.api.DeliveryStatusChanged.DeliveryStatus;
import dev.liaison.connector.api.RecipientSuppressedException;
import dev.liaison.connector.api.RemoteSystemException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * SMS.ru's status codes (facts §4.1): what a refused send means for the outbox, and what a status callback says
 * became of a message. Unlisted codes are permanent failures: retrying an unknown refusal would repeat it.
 */
final class SmsRuCodes {

    private enum Outcome { RETRYABLE, PERMANENT, SUPPRESSED }

    private record Refusal(Outcome outcome, String meaning, Duration retryAfter) {
    }

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration HOUR = Duration.ofHours(1);

    private static final Map<Integer, Refusal> REFUSALS = Map.ofEntries(
            permanent(200, "bad api_id"),
            // Funds and daily limits are the account's, not the message's: it may go out once they are restored.
            Map.entry(201, new Refusal(Outcome.RETRYABLE, "insufficient funds", HOUR)),
            permanent(202, "bad phone number"),
            permanent(203, "no message text"),
            permanent(204, "sender name not approved or operator not connected"),
            permanent(205, "message too long (more than 8 SMS)"),
            Map.entry(206, new Refusal(Outcome.RETRYABLE, "daily limit reached", HOUR)),
            permanent(207, "no route to the number"),
            permanent(208, "bad 'time'"),
            Map.entry(209, new Refusal(Outcome.SUPPRESSED, "number is in the account's stop-list", null)),
            permanent(210, "GET used where POST is required"),
            permanent(211, "method not found"),
            permanent(212, "text must be UTF-8"),
            permanent(213, "more than 5000 numbers"),
            permanent(214, "foreign number on a Russia-only account"),
            Map.entry(215, new Refusal(Outcome.SUPPRESSED, "number is in SMS.ru's spam stop-list", null)),
            permanent(216, "forbidden word in the text"),
            Map.entry(220, new Refusal(Outcome.RETRYABLE, "service temporarily unavailable", MINUTE)),
            Map.entry(230, new Refusal(Outcome.RETRYABLE, "daily limit per number reached", HOUR)),
            Map.entry(231, new Refusal(Outcome.RETRYABLE, "identical message to this number within a minute", MINUTE)),
            permanent(232, "identical message to this number already sent today"),
            Map.entry(233, new Refusal(Outcome.RETRYABLE, "code resend limit", MINUTE)),
            permanent(300, "bad token"),
            permanent(301, "bad api_id or login"),
            permanent(302, "account not confirmed"),
            Map.entry(500, new Refusal(Outcome.RETRYABLE, "server error", MINUTE)));

    private static final Map<Integer, DeliveryStatus> STATUSES = Map.ofEntries(
            Map.entry(100, DeliveryStatus.QUEUED),
            Map.entry(101, DeliveryStatus.QUEUED),
            Map.entry(102, DeliveryStatus.SENT),
            Map.entry(103, DeliveryStatus.DELIVERED),
            Map.entry(104, DeliveryStatus.FAILED),
            Map.entry(105, DeliveryStatus.FAILED),
            Map.entry(106, DeliveryStatus.FAILED),
            Map.entry(107, DeliveryStatus.FAILED),
            Map.entry(108, DeliveryStatus.REJECTED),
            Map.entry(110, DeliveryStatus.READ),
            Map.entry(150, DeliveryStatus.FAILED));

    private static final Map<Integer, String> STATUS_MEANINGS = Map.ofEntries(
            Map.entry(100, "accepted"), Map.entry(101, "passing to operator"), Map.entry(102, "sent"),
            Map.entry(103, "delivered"), Map.entry(104, "expired"), Map.entry(105, "deleted by operator"),
            Map.entry(106, "phone failure"), Map.entry(107, "unknown reason"), Map.entry(108, "rejected"),
            Map.entry(110, "read"), Map.entry(150, "no route"));

    private SmsRuCodes() {
    }

    static RemoteSystemException refusal(int code) {
        Refusal refusal = REFUSALS.getOrDefault(code, new Refusal(Outcome.PERMANENT, "unknown code", null));
        String message = "SMS.ru refused the message: " + code + " (" + refusal.meaning() + ")";
        return switch (refusal.outcome()) {
            case RETRYABLE -> RemoteSystemException.retryable(message, refusal.retryAfter());
            case PERMANENT -> RemoteSystemException.permanent(message);
            case SUPPRESSED -> new RecipientSuppressedException(message, "smsru:" + code);
        };
    }

    static Optional<DeliveryStatus> status(int code) {
        return Optional.ofNullable(STATUSES.get(code));
    }

    /** The detail carried by a status event: the code and its meaning, for traces. */
    static String detail(int code) {
        return "smsru " + code + " " + STATUS_MEANINGS.getOrDefault(code, "");
    }

    private static Map.Entry<Integer, Refusal> permanent(int code, String meaning) {
        return Map.entry(code, new Refusal(Outcome.PERMANENT, meaning, null));
    }
}
