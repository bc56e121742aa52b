package dev.liaison.connectors.amocrm;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.CredentialStore;
import dev.liaison.connector.api.CredentialStore.Rotated;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SetupRefusedException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The connect flow of an OAuth connection. The admin asks for an authorization URL, which carries a fresh
 * {@code state}: the connection id and 256 random bits, of which only a digest and an expiry are stored (sealed,
 * with the other settings). amoCRM sends the browser back to the integration's Redirect URI with {@code code},
 * {@code state} and {@code referer} (the account's domain); the code is exchanged only when the state is the
 * connection's pending one, unexpired and unused, and the referer is the connection's account. Checking and
 * consuming the state, exchanging the code and storing the tokens happen in one credential rotation, so a state
 * serves one exchange even when the callback arrives twice at two nodes.
 */
final class AmoAuthorization {

    /** amoCRM's authorization code lives 20 minutes, and the admin first has to sign in and pick the account. */
    static final Duration STATE_LIFETIME = Duration.ofMinutes(30);
    private static final int STATE_BYTES = 32;
    private static final char SEPARATOR = '.';

    private record Exchange(boolean stateAccepted, RemoteSystemException failure) {
    }

    private final CredentialStore credentials;
    private final AmoOAuthClient oauth;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    AmoAuthorization(CredentialStore credentials, AmoOAuthClient oauth, Clock clock) {
        this.credentials = credentials;
        this.oauth = oauth;
        this.clock = clock;
    }

    /** amoCRM's page where an account admin grants the integration access: {@code mode=post_message} as the SDK. */
    URI authorizationUrl(ConnectionContext connection) throws SetupRefusedException, RemoteSystemException {
        AmoOAuthClient.App app = app(connection);
        String authorizePage;
        try {
            authorizePage = authorizePage(AmoSettings.baseUri(connection));
        } catch (IllegalArgumentException misconfigured) {
            throw SetupRefusedException.invalid("settings." + AmoSettings.BASE_URL, misconfigured.getMessage());
        }
        byte[] secret = new byte[STATE_BYTES];
        random.nextBytes(secret);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String pending = clock.instant().plus(STATE_LIFETIME).getEpochSecond() + ":" + digest(nonce);
        credentials.rotate(connection.id(), current -> new Rotated<>(Map.of(AmoSettings.OAUTH_STATE, pending), null));
        return URI.create(authorizePage + "?client_id=" + encode(app.clientId())
                + "&state=" + encode(connection.id() + SEPARATOR + nonce) + "&mode=post_message");
    }

    /** The connection a state names; the state itself is checked by {@link #complete}. */
    static Optional<String> connectionId(String state) {
        int separator = state == null ? -1 : state.indexOf(SEPARATOR);
        return separator > 0 ? Optional.of(state.substring(0, separator)) : Optional.empty();
    }

    /**
     * Exchanges the code and stores the tokens. A state that matched is spent even when the exchange then fails:
     * the admin asks for a new URL, as they would have to for a new code anyway.
     */
    void complete(ConnectionContext connection, String code, String state, String referer)
            throws SetupRefusedException, RemoteSystemException {
        if (code == null || code.isBlank()) {
            throw SetupRefusedException.invalid("code", "is required: amoCRM sends it with the redirect");
        }
        String prefix = connection.id() + SEPARATOR;
        if (state == null || !state.startsWith(prefix) || state.length() == prefix.length()) {
            throw refusedState();
        }
        String presented = digest(state.substring(prefix.length()));
        checkReferer(connection, referer);
        AmoOAuthClient.App app = app(connection);
        Exchange exchange = credentials.rotate(connection.id(), current -> {
            ConnectionContext now = new ConnectionContext(connection.id(), connection.workspace(), connection.kind(),
                    current);
            if (!pendingMatches(now.setting(AmoSettings.OAUTH_STATE).orElse(""), presented)) {
                return Rotated.unchanged(new Exchange(false, null));
            }
            try {
                AmoOAuthClient.Tokens tokens = oauth.exchange(now, app, code.trim());
                Map<String, String> changed = new HashMap<>(AmoTokens.settings(tokens));
                changed.put(AmoSettings.OAUTH_STATE, "");
                return new Rotated<>(changed, new Exchange(true, null));
            } catch (RemoteSystemException failed) {
                return new Rotated<>(Map.of(AmoSettings.OAUTH_STATE, ""), new Exchange(true, failed));
            }
        });
        if (!exchange.stateAccepted()) {
            throw refusedState();
        }
        if (exchange.failure() != null) {
            throw exchange.failure();
        }
    }

    /** {@code pending} is {@code <expiry epoch second>:<digest>}, or empty once spent. */
    private boolean pendingMatches(String pending, String presentedDigest) {
        int colon = pending.indexOf(':');
        if (colon < 1) {
            return false;
        }
        long expiresAt;
        try {
            expiresAt = Long.parseLong(pending.substring(0, colon));
        } catch (NumberFormatException unreadable) {
            return false;
        }
        return expiresAt > clock.instant().getEpochSecond() && MessageDigest.isEqual(
                pending.substring(colon + 1).getBytes(StandardCharsets.US_ASCII),
                presentedDigest.getBytes(StandardCharsets.US_ASCII));
    }

    /** amoCRM names the account the admin picked as its domain, {@code example.amocrm.ru}. */
    private static void checkReferer(ConnectionContext connection, String referer) throws SetupRefusedException {
        String subdomain;
        try {
            subdomain = AmoSettings.subdomain(connection);
        } catch (IllegalStateException | IllegalArgumentException misconfigured) {
            throw SetupRefusedException.invalid("settings." + AmoSettings.SUBDOMAIN, misconfigured.getMessage());
        }
        String host = referer == null ? "" : referer.trim().replaceFirst("^[A-Za-z]+://", "")
                .replaceFirst("[/:?#].*$", "").toLowerCase(Locale.ROOT);
        if (!host.startsWith(subdomain.toLowerCase(Locale.ROOT) + ".")) {
            throw SetupRefusedException.invalid("referer", "must be the domain of the connection's account "
                    + "(setting '" + AmoSettings.SUBDOMAIN + "'); access was granted in another account");
        }
    }

    private static AmoOAuthClient.App app(ConnectionContext connection) throws SetupRefusedException {
        for (String name : List.of(AmoSettings.CLIENT_ID, AmoSettings.CLIENT_SECRET, AmoSettings.REDIRECT_URI)) {
            if (connection.setting(name).isEmpty()) {
                throw SetupRefusedException.invalid("settings." + name, "is required to connect through OAuth");
            }
        }
        return AmoTokens.app(connection);
    }

    /** The authorization page lives on the product's www host, not on the account's. */
    static String authorizePage(URI baseUri) {
        String host = baseUri.getHost().toLowerCase(Locale.ROOT);
        for (String product : List.of("kommo.com", "amocrm.com")) {
            if (host.equals(product) || host.endsWith("." + product)) {
                return "https://www." + product + "/oauth";
            }
        }
        return "https://www.amocrm.ru/oauth";
    }

    private static SetupRefusedException refusedState() {
        return SetupRefusedException.invalid("state", "is not this connection's pending authorization, or it "
                + "expired or was used; ask for a new authorization URL");
    }

    private static String digest(String nonce) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(nonce.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
