package dev.liaison.connectors.webhook;

import dev.liaison.connector.api.WebhookRejectedException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs and checks deliveries: v1 = hex(HMAC-SHA256(secret, timestamp + "." + body)), compared in constant time. */
public final class WebhookSignature {

    public static final String TIMESTAMP_HEADER = "X-Liaison-Timestamp";
    /** Up to 12 digits: every second until the year 33658, and never a value an {@link Instant} cannot hold. */
    private static final Pattern UNIX_SECONDS = Pattern.compile("[0-9]{1,12}");
    public static final String SIGNATURE_HEADER = "X-Liaison-Signature";
    private static final String SCHEME = "v1=";

    private final byte[] secret;
    private final Duration tolerance;

    public WebhookSignature(String secret, Duration tolerance) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.tolerance = tolerance;
    }

    /** The header value a sender puts in {@value #SIGNATURE_HEADER}. */
    public String sign(String timestamp, byte[] body) {
        return SCHEME + HexFormat.of().formatHex(mac(timestamp, body));
    }

    void verify(String timestamp, String signature, byte[] body, Instant now) throws WebhookRejectedException {
        if (timestamp == null || signature == null) {
            throw new WebhookRejectedException("missing " + TIMESTAMP_HEADER + " or " + SIGNATURE_HEADER);
        }
        if (!UNIX_SECONDS.matcher(timestamp.trim()).matches()) {
            throw new WebhookRejectedException(TIMESTAMP_HEADER + " is not unix seconds");
        }
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
        if (Duration.between(signedAt, now).abs().compareTo(tolerance) > 0) {
            throw new WebhookRejectedException(WebhookRejectedException.Reason.STALE_TIMESTAMP,
                    "timestamp outside the " + tolerance.toSeconds() + " s window");
        }
        byte[] expected = sign(timestamp.trim(), body).getBytes(StandardCharsets.US_ASCII);
        boolean matches = false;
        for (String candidate : signature.split(",")) {
            matches |= MessageDigest.isEqual(expected, candidate.trim().getBytes(StandardCharsets.US_ASCII));
        }
        if (!matches) {
            throw new WebhookRejectedException("signature does not match");
        }
    }

    private byte[] mac(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
