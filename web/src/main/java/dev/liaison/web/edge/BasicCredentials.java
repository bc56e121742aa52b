package dev.liaison.web.edge;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads an {@code Authorization} header before the server's sign-in does, so that a header the sign-in would choke
 * on (WildFly answered {@code Basic !!!} with a 500 and a stack trace) is refused with a clear 400 instead, and so
 * that the throttle knows which account a guess was for.
 */
final class BasicCredentials {

    private static final String BASIC = "Basic ";
    private static final String BEARER = "Bearer ";
    /** RFC 7235 token68: what a Bearer token may contain. */
    private static final Pattern TOKEN68 = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
    private static final int MAX_HEADER = 8192;

    /** What the header holds: the account it names for Basic, nothing for a well-formed Bearer token. */
    record Parsed(String account) {
    }

    private BasicCredentials() {
    }

    /**
     * The account a well-formed header names (null for a Bearer token or another scheme the sign-in ignores), or
     * empty when the header is malformed.
     */
    static Optional<Parsed> parse(String header) {
        if (header.length() > MAX_HEADER) {
            return Optional.empty();
        }
        if (header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return account(header.substring(BASIC.length()).trim()).map(Parsed::new);
        }
        if (header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return TOKEN68.matcher(header.substring(BEARER.length()).trim()).matches()
                    ? Optional.of(new Parsed(null)) : Optional.empty();
        }
        return Optional.of(new Parsed(null));
    }

    private static Optional<String> account(String encoded) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String pair;
        try {
            pair = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(decoded)).toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        int colon = pair.indexOf(':');
        if (colon <= 0 || pair.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        return Optional.of(pair.substring(0, colon));
    }
}
