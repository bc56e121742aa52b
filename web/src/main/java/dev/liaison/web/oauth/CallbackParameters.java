package dev.liaison.web.oauth;

import dev.liaison.web.problem.ProblemException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What every OAuth redirect must satisfy before its connector sees it, whatever the vendor (RFC 6749, 4.1.2):
 * <ul>
 * <li>no parameter twice (3.1: they "MUST NOT be included more than once"). With {@code state=<valid>&state=<forged>}
 * the connector would read one copy and a proxy, a log or a later reader perhaps the other;</li>
 * <li>no value longer than {@link #MAX_VALUE_LENGTH}: no vendor's code or state comes near it, and a longer code
 * would be sent to the vendor, and spend the state, only to be refused there;</li>
 * <li>an error response ({@code error=access_denied} when the admin declined) is the refusal it is, not a redirect
 * that merely lacks its {@code code}.</li>
 * </ul>
 * Nothing is looked up or spent before these pass. A parameter is named in the answer only when its name looks like
 * one, and a value is never repeated, except an error code of RFC 6749's own list.
 */
final class CallbackParameters {

    static final int MAX_VALUE_LENGTH = 4096;
    private static final Pattern NAMEABLE = Pattern.compile("[A-Za-z0-9_.\\[\\]-]{1,64}");
    private static final Set<String> ERROR_CODES = Set.of("access_denied", "invalid_request", "unauthorized_client",
            "unsupported_response_type", "invalid_scope", "server_error", "temporarily_unavailable");

    private CallbackParameters() {
    }

    /** @throws ProblemException a 400 naming the offending parameter */
    static void check(String query) {
        if (query == null || query.isEmpty()) {
            return;
        }
        Set<String> seen = new HashSet<>();
        String error = null;
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (!seen.add(name)) {
                throw ProblemException.invalid(fieldOf(name), "must appear only once in the redirect (RFC 6749, "
                        + "section 3.1)");
            }
            if (value.length() > MAX_VALUE_LENGTH) {
                throw ProblemException.invalid(fieldOf(name), "must be at most " + MAX_VALUE_LENGTH + " characters");
            }
            if (name.equals("error")) {
                error = value;
            }
        }
        if (error != null) {
            throw ProblemException.invalid("error", refusal(error));
        }
    }

    private static String refusal(String error) {
        if (error.equals("access_denied")) {
            return "access_denied: access was not granted at the vendor; ask for a new authorization URL and grant "
                    + "access";
        }
        return ERROR_CODES.contains(error) ? error + ": the vendor refused the authorization; ask for a new "
                + "authorization URL" : "the vendor refused the authorization; ask for a new authorization URL";
    }

    private static String fieldOf(String name) {
        return NAMEABLE.matcher(name).matches() ? name : "query";
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException undecodable) {
            throw ProblemException.invalid("query", "is not valid percent-encoding");
        }
    }
}
