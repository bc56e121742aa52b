package dev.liaison.profile.messaging;

import dev.liaison.connector.api.RemoteSystemException;
import java.util.List;
import java.util.Locale;

/**
 * Tells a retryable send failure after which the message may have reached the gateway (no answer, or an answer
 * that could not be read) from one where the gateway answered that it did not take it (HTTP 429/5xx, a refusal
 * code, an open circuit). The SPI carries no flag for this, so the connectors' own wording is read: RemoteCalls'
 * "timeout after"/"network failure"/"interrupted" and the SMS gateways' "not JSON"/"without an id"/"without a sid". A wording not
 * listed here counts as an answer, which is why the list errs towards "unknown".
 */
final class SendFailures {

    private static final List<String> NO_ANSWER = List.of("timeout", "network failure", "interrupted",
            "not json", "json that is not an object", "without an id", "without a sid", "without an error_code",
            "without a per-number", "without an entry", "without a status_code", "without an sms_id");

    private SendFailures() {
    }

    static boolean outcomeUnknown(RemoteSystemException failure) {
        if (!failure.retryable()) {
            return false;
        }
        String message = failure.getMessage() == null ? "" : failure.getMessage().toLowerCase(Locale.ROOT);
        return NO_ANSWER.stream().anyMatch(message::contains);
    }
}
