package dev.liaison.connectors.zendesk;

import dev.liaison.connector.api.WebhookRejectedException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Zendesk's webhook signature: {@code X-Zendesk-Webhook-Signature = base64(HMAC-SHA256(secret, timestamp + body))}
 * over the raw body bytes, with the {@code X-Zendesk-Webhook-Signature-Timestamp} header (ISO-8601) used verbatim
 * and the signing secret used as the key string as it is. Public for the benchmark, which signs its deliveries with
 * it; the unit tests check {@link #sign} against Zendesk's own example.
 */
public final class ZendeskSignature {

    public static final String SIGNATURE_HEADER = "X-Zendesk-Webhook-Signature";
    public static final String TIMESTAMP_HEADER = "X-Zendesk-Webhook-Signature-Timestamp";

    private ZendeskSignature() {
    }

    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Accepts the delivery when any configured secret signed it and its timestamp lies within {@code window}. */
    static void verify(List<String> secrets, Duration window, String timestamp, String signature, byte[] body,
                       Instant now) throws WebhookRejectedException {
        if (timestamp == null || timestamp.isBlank() || signature == null || signature.isBlank()) {
            throw new WebhookRejectedException("missing " + SIGNATURE_HEADER + " or " + TIMESTAMP_HEADER);
        }
        Instant signedAt;
        try {
            signedAt = OffsetDateTime.parse(timestamp).toInstant();
        } catch (DateTimeParseException e) {
            throw new WebhookRejectedException(TIMESTAMP_HEADER + " is not an ISO-8601 date-time");
        }
        if (Duration.between(signedAt, now).abs().compareTo(window) > 0) {
            throw new WebhookRejectedException(WebhookRejectedException.Reason.STALE_TIMESTAMP,
                    "signed timestamp is outside the " + window.toSeconds() + " s window");
        }
        byte[] presented = signature.trim().getBytes(StandardCharsets.US_ASCII);
        boolean matches = false;
        for (String secret : secrets) {
            byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
            matches |= MessageDigest.isEqual(expected, presented);
        }
        if (!matches) {
            throw new WebhookRejectedException("signature does not match");
        }
    }
}
