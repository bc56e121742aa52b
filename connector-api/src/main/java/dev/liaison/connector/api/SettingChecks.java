package dev.liaison.connector.api;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The checks connectors attach to their settings, so that a connection that could never work is refused when it is
 * created, with every wrong setting named, instead of failing on every later delivery. Values are checked trimmed,
 * as the connectors read them.
 */
public final class SettingChecks {

    /**
     * Shared secrets that Liaison verifies signatures or query secrets with are chosen by the admin, so nothing
     * else guarantees their strength: 16 characters of a random token are about 96 bits or more, well beyond
     * guessing online and beyond brute-forcing an HMAC key from one captured delivery.
     */
    public static final int SHARED_SECRET_MIN_LENGTH = 16;

    /**
     * The operator's switch that lets outbound URLs name loopback, link-local and private hosts (see
     * {@link #outboundUrl()}): for tests and benchmarks whose fakes listen on 127.0.0.1, never for production.
     */
    public static final String ALLOW_PRIVATE_HOSTS = "liaison.connections.allow-private-hosts";

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,6})?");

    private SettingChecks() {
    }

    /** A whole number in {@code [min, max]}: digits only, so {@code 1.5}, {@code 1e3} and {@code +5} are refused. */
    public static SettingCheck wholeNumber(long min, long max) {
        String expected = "must be a whole number from " + min + " to " + max;
        return value -> {
            String text = value.trim();
            if (!DIGITS.matcher(text).matches()) {
                return Optional.of(expected);
            }
            long number = Long.parseLong(text);
            return number < min || number > max ? Optional.of(expected) : Optional.empty();
        };
    }

    /** A positive decimal in {@code (0, max]}, written with digits and at most one point. */
    public static SettingCheck positiveDecimal(double max) {
        String expected = "must be a number greater than 0 and at most " + max;
        return value -> {
            String text = value.trim();
            if (!DECIMAL.matcher(text).matches()) {
                return Optional.of(expected);
            }
            double number = Double.parseDouble(text);
            return number <= 0 || number > max ? Optional.of(expected) : Optional.empty();
        };
    }

    /** One of the given words, in any case. */
    public static SettingCheck oneOf(String... allowed) {
        List<String> words = List.of(allowed);
        return value -> words.contains(value.trim().toLowerCase(Locale.ROOT))
                ? Optional.empty() : Optional.of("must be one of " + words);
    }

    public static SettingCheck minLength(int min) {
        return value -> value.trim().length() < min
                ? Optional.of("must be at least " + min + " characters long") : Optional.empty();
    }

    public static SettingCheck maxLength(int max) {
        return value -> value.trim().length() > max
                ? Optional.of("must be at most " + max + " characters long") : Optional.empty();
    }

    /** Matches the pattern in full; {@code expected} says in words what that is, for the admin. */
    public static SettingCheck matches(Pattern pattern, String expected) {
        return value -> pattern.matcher(value.trim()).matches() ? Optional.empty() : Optional.of("must be " + expected);
    }

    /** An ISO 4217 code in upper case that the JDK knows, such as RUB or USD. */
    public static SettingCheck currencyCode() {
        return value -> {
            String code = value.trim();
            if (code.matches("[A-Z]{3}")) {
                try {
                    Currency.getInstance(code);
                    return Optional.empty();
                } catch (IllegalArgumentException e) {
                    // not a currency the JDK knows: answered below
                }
            }
            return Optional.of("must be an ISO 4217 currency code in upper case, such as RUB or USD");
        };
    }

    /**
     * Accepted by the connector's own parser, which signals a wrong value with an IllegalArgumentException; so the
     * check at creation and the reading at use cannot disagree. {@code expected} says what the value must be.
     */
    public static SettingCheck parsedBy(Consumer<String> parser, String expected) {
        return value -> {
            try {
                parser.accept(value);
                return Optional.empty();
            } catch (IllegalArgumentException e) {
                return Optional.of("must be " + expected);
            }
        };
    }

    public static SettingCheck instant() {
        return value -> {
            try {
                Instant.parse(value.trim());
                return Optional.empty();
            } catch (DateTimeParseException e) {
                return Optional.of("must be an ISO-8601 instant such as 2026-01-31T10:15:30Z");
            }
        };
    }

    /**
     * An absolute URL that Liaison calls or hands out: https, without user info or fragment. Plain http is accepted
     * only for a loopback host, where the traffic never leaves the machine: local fakes in tests and development.
     */
    public static SettingCheck remoteUrl() {
        return value -> {
            URI uri;
            try {
                uri = new URI(value.trim());
            } catch (URISyntaxException e) {
                return Optional.of("must be an https URL");
            }
            if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null
                    || uri.getRawFragment() != null) {
                return Optional.of("must be an https URL with a host and without user info or fragment");
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if ("https".equals(scheme) || "http".equals(scheme) && loopback(uri.getHost())) {
                return Optional.empty();
            }
            return Optional.of("must be an https URL (http only for localhost)");
        };
    }

    /**
     * A {@link #remoteUrl()} that Liaison itself calls with the connection's credentials (an API origin, a REST
     * endpoint), so its host must not be this machine or a private network: {@code localhost}, loopback,
     * link-local (169.254/16, cloud metadata), private (10/8, 172.16/12, 192.168/16), unique-local IPv6 and
     * numeric hosts other than a plain dotted quad are refused, unless the operator sets {@value #ALLOW_PRIVATE_HOSTS}.
     * Only the URL is judged: a name resolving to a private address (DNS rebinding) is not caught here.
     */
    public static SettingCheck outboundUrl() {
        SettingCheck url = remoteUrl();
        return value -> url.problem(value).or(() -> {
            if (ServerConfig.flag(ALLOW_PRIVATE_HOSTS)) {
                return Optional.empty();
            }
            String host = URI.create(value.trim()).getHost();
            return PrivateHosts.isPrivate(host)
                    ? Optional.of("must not name localhost, a loopback, link-local or private address")
                    : Optional.empty();
        });
    }

    private static boolean loopback(String host) {
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        // Only literal addresses: resolving a name here would make validation depend on DNS.
        if (!host.matches("[0-9.]+|\\[[0-9a-fA-F:]+]")) {
            return false;
        }
        try {
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
