package dev.liaison.connectors.sms;

import dev.liaison.connector.api.DeliveryStatusChanged.DeliveryStatus;
import dev.liaison.connector.api.RemoteSystemException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * SMSC.ru's send error codes (facts §4.2, {@code fmt=3}: {@code {"error":"...","error_code":N}}) and message status
 * codes. The status codes are SMSC's published table as remembered, not yet checked against a stored page.
 */
final class SmscCodes {

    private record Refusal(boolean retryable, String meaning, Duration retryAfter) {
    }

    private static final Map<Integer, Refusal> REFUSALS = Map.of(
            1, new Refusal(false, "error in parameters", null),
            2, new Refusal(false, "invalid login or password, or IP not allowed", null),
            // The account's balance, not the message, is at fault: it may go out once funds are added.
            3, new Refusal(true, "insufficient funds", Duration.ofHours(1)),
            4, new Refusal(true, "IP temporarily blocked after frequent errors", Duration.ofMinutes(1)),
            5, new Refusal(false, "invalid date format", null),
            6, new Refusal(false, "message forbidden (text or sender name)", null),
            7, new Refusal(false, "invalid phone number format", null),
            8, new Refusal(false, "message cannot be delivered to the number", null),
            9, new Refusal(true, "identical request within a minute, or too many concurrent requests",
                    Duration.ofMinutes(1)));

    private static final Map<Integer, DeliveryStatus> STATUSES = Map.ofEntries(
            Map.entry(-1, DeliveryStatus.QUEUED),
            Map.entry(0, DeliveryStatus.SENT),
            Map.entry(1, DeliveryStatus.DELIVERED),
            Map.entry(2, DeliveryStatus.READ),
            Map.entry(3, DeliveryStatus.FAILED),
            Map.entry(4, DeliveryStatus.READ),
            Map.entry(20, DeliveryStatus.FAILED),
            Map.entry(22, DeliveryStatus.FAILED),
            Map.entry(23, DeliveryStatus.REJECTED),
            Map.entry(24, DeliveryStatus.FAILED),
            Map.entry(25, DeliveryStatus.FAILED));

    private static final Map<Integer, String> STATUS_MEANINGS = Map.ofEntries(
            Map.entry(-1, "waiting to be sent"), Map.entry(0, "passed to operator"), Map.entry(1, "delivered"),
            Map.entry(2, "read"), Map.entry(3, "expired"), Map.entry(4, "link followed"),
            Map.entry(20, "cannot be delivered"), Map.entry(22, "invalid number"), Map.entry(23, "prohibited"),
            Map.entry(24, "insufficient funds"), Map.entry(25, "number unavailable"));

    private SmscCodes() {
    }

    static RemoteSystemException refusal(int code) {
        Refusal refusal = REFUSALS.getOrDefault(code, new Refusal(false, "unknown code", null));
        String message = "SMSC refused the message: " + code + " (" + refusal.meaning() + ")";
        return refusal.retryable()
                ? RemoteSystemException.retryable(message, refusal.retryAfter())
                : RemoteSystemException.permanent(message);
    }

    static Optional<DeliveryStatus> status(int code) {
        return Optional.ofNullable(STATUSES.get(code));
    }

    static String detail(int code, Optional<String> error) {
        return "smsc " + code + " " + STATUS_MEANINGS.get(code) + error.map(err -> ", err " + err).orElse("");
    }
}
