package dev.liaison.connectors.email;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks the tokens in one-click unsubscribe URLs (RFC 8058). A token is
 * {@code v1.<connectionId>.<payload>.<mac>}: the payload is base64url of the profile, purpose, channel, message and
 * issue time; the MAC is base64url HMAC-SHA256 over everything before it. The connection id travels in clear because
 * the endpoint that receives the POST has no session and must know whose secret to verify with; the MAC covers it,
 * so a token cannot be moved to another connection.
 *
 * <p>Several secrets may be given: the first signs, all verify, so a secret can be rotated without breaking the links
 * in mail already delivered.
 */
public final class UnsubscribeTokens {

    /** What a verified token says: who withdraws which consent, prompted by which message. */
    public record Unsubscribe(
            String connectionId, String profileId, String purpose, String channel, String messageId,
            Instant issuedAt) {

        public Unsubscribe {
            requireField(connectionId, "connectionId");
            requireField(profileId, "profileId");
            requireField(purpose, "purpose");
            requireField(channel, "channel");
            requireField(messageId, "messageId");
            Objects.requireNonNull(issuedAt, "issuedAt");
        }
    }

    /** Short enough to guess is short enough to forge: HMAC keys below this length are refused. */
    public static final int MIN_SECRET_LENGTH = 32;

    private static final String VERSION = "v1";
    private static final char SEPARATOR = '\n';
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final List<byte[]> secrets;

    public UnsubscribeTokens(List<String> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one unsubscribe secret is needed");
        }
        for (String secret : secrets) {
            if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException(
                        "an unsubscribe secret must have at least " + MIN_SECRET_LENGTH + " characters");
            }
        }
        this.secrets = secrets.stream().map(secret -> secret.getBytes(StandardCharsets.UTF_8)).toList();
    }

    public String issue(Unsubscribe unsubscribe) {
        String payload = String.join(String.valueOf(SEPARATOR), unsubscribe.profileId(), unsubscribe.purpose(),
                unsubscribe.channel(), unsubscribe.messageId(),
                Long.toString(unsubscribe.issuedAt().getEpochSecond()));
        String signed = VERSION + "." + unsubscribe.connectionId() + "."
                + ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return signed + "." + ENCODER.encodeToString(mac(secrets.get(0), signed));
    }

    /**
     * The connection a token names, before it is verified: the caller loads that connection's secrets and then calls
     * {@link #verify}. Empty when the token does not even have the shape of one.
     */
    public static Optional<String> connectionOf(String token) {
        return parts(token).map(parts -> parts[1]);
    }

    /** The token's content if one of the secrets signed it; empty for anything altered, truncated or foreign. */
    public Optional<Unsubscribe> verify(String token) {
        Optional<String[]> split = parts(token);
        if (split.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = split.get();
        byte[] presented;
        try {
            presented = DECODER.decode(parts[3]);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        String signed = parts[0] + "." + parts[1] + "." + parts[2];
        boolean matches = false;
        for (byte[] secret : secrets) {
            matches |= MessageDigest.isEqual(mac(secret, signed), presented);
        }
        return matches ? decode(parts[1], parts[2]) : Optional.empty();
    }

    private static Optional<Unsubscribe> decode(String connectionId, String payload) {
        try {
            String[] fields = new String(DECODER.decode(payload), StandardCharsets.UTF_8)
                    .split(String.valueOf(SEPARATOR), -1);
            if (fields.length != 5) {
                return Optional.empty();
            }
            return Optional.of(new Unsubscribe(connectionId, fields[0], fields[1], fields[2], fields[3],
                    Instant.ofEpochSecond(Long.parseLong(fields[4]))));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private static Optional<String[]> parts(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals(VERSION) || parts[1].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parts);
    }

    private static void requireField(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " is required");
        }
        if (value.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException(name + " must not contain a line break");
        }
        if (name.equals("connectionId") && !value.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("connectionId must be URL-safe: letters, digits, '-' and '_'");
        }
    }

    private static byte[] mac(byte[] secret, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
