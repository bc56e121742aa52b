package dev.liaison.connectors.bitrix24;

import static dev.liaison.connectors.bitrix24.Bitrix24Settings.ACCESS_TOKEN;
import static dev.liaison.connectors.bitrix24.Bitrix24Settings.CLIENT_ENDPOINT;
import static dev.liaison.connectors.bitrix24.Bitrix24Settings.CLIENT_ID;
import static dev.liaison.connectors.bitrix24.Bitrix24Settings.CLIENT_SECRET;
import static dev.liaison.connectors.bitrix24.Bitrix24Settings.EXPIRES_AT;
import static dev.liaison.connectors.bitrix24.Bitrix24Settings.OAUTH_SERVER_URL;
import static dev.liaison.connectors.bitrix24.Bitrix24Settings.REFRESH_TOKEN;

import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connectors.support.RateLimit;
import dev.liaison.connectors.support.RemoteCalls;
import dev.liaison.connectors.support.Reply;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * The Bitrix24 OAuth server ({@code https://oauth.bitrix.info/oauth/token/}, external-apis.md §1.2): a GET with
 * {@code grant_type=authorization_code} or {@code refresh_token}, the application's {@code client_id} and
 * {@code client_secret}. The secret goes only here, never to a portal. Every refresh answers a new refresh token
 * and retires the old one, so callers must store a {@link Grant} before they use it.
 */
final class OAuthServer {

    /** The token endpoint is not the portal: its own bucket and breaker, and refreshes are rare. */
    private static final RateLimit LIMIT = new RateLimit(1, 10);

    private final RemoteCalls calls;
    private final Clock clock;

    OAuthServer(RemoteCalls calls, Clock clock) {
        this.calls = calls;
        this.clock = clock;
    }

    /** The local application as registered in the portal. */
    record App(URI server, String clientId, String clientSecret) {

        static App of(Map<String, String> settings) {
            if (!Bitrix24Settings.present(settings, CLIENT_ID) || !Bitrix24Settings.present(settings, CLIENT_SECRET)) {
                throw new IllegalStateException("settings '" + CLIENT_ID + "' and '" + CLIENT_SECRET
                        + "' are required for a local application");
            }
            String server = Bitrix24Settings.present(settings, OAUTH_SERVER_URL) ? settings.get(OAUTH_SERVER_URL)
                    : Bitrix24Settings.DEFAULT_OAUTH_SERVER;
            return new App(Bitrix24Settings.httpUrl(OAUTH_SERVER_URL, server), settings.get(CLIENT_ID).trim(),
                    settings.get(CLIENT_SECRET).trim());
        }
    }

    /** What the token endpoint granted, and for which portal. */
    record Grant(String accessToken, String refreshToken, Instant expiresAt, String memberId, URI clientEndpoint) {

        Map<String, String> settings() {
            return Map.of(ACCESS_TOKEN, accessToken, REFRESH_TOKEN, refreshToken, EXPIRES_AT, expiresAt.toString(),
                    CLIENT_ENDPOINT, clientEndpoint.toString());
        }

        @Override
        public String toString() {
            return "Grant[memberId=" + memberId + ", expiresAt=" + expiresAt + "]";
        }
    }

    Grant authorize(String connectionId, App app, String code) throws RemoteSystemException {
        return token(connectionId, app, "authorization_code", "code", code);
    }

    /**
     * Trades a refresh token for a new pair. A network failure or a 5xx is retried with the same refresh token by
     * {@link RemoteCalls}: if the server had already rotated it the retry is refused, which strands the connection
     * no worse than giving up would have.
     */
    Grant refresh(String connectionId, App app, String refreshToken) throws RemoteSystemException {
        return token(connectionId, app, "refresh_token", "refresh_token", refreshToken);
    }

    private Grant token(String connectionId, App app, String grantType, String name, String value)
            throws RemoteSystemException {
        OAuthRest server = calls.client(OAuthRest.class, app.server());
        boolean refresh = "refresh_token".equals(name);
        Instant asked = clock.instant();
        Reply reply = calls.sendOnce(connectionId + "/oauth", LIMIT, () -> server.token(grantType, app.clientId(),
                app.clientSecret(), refresh ? null : value, refresh ? value : null));
        JsonObject body = parse(reply.body());
        String error = body == null ? "" : Bitrix24Api.text(body, "error");
        if (reply.status() != 200 || body == null || !error.isEmpty()) {
            throw RemoteSystemException.permanent("the Bitrix24 OAuth server refused the " + grantType.replace('_', ' ')
                    + " of connection " + connectionId + " (HTTP " + reply.status() + " "
                    + (error.isEmpty() ? "no error code" : error) + "); install the application in the portal again");
        }
        String accessToken = Bitrix24Api.text(body, "access_token");
        String refreshToken = Bitrix24Api.text(body, "refresh_token");
        String memberId = Bitrix24Api.text(body, "member_id");
        String endpoint = Bitrix24Api.text(body, "client_endpoint");
        JsonValue expiresIn = body.get("expires_in");
        if (accessToken.isBlank() || refreshToken.isBlank() || memberId.isBlank() || endpoint.isBlank()
                || !(expiresIn instanceof JsonNumber seconds)) {
            throw RemoteSystemException.permanent("the Bitrix24 OAuth server answered the " + grantType.replace('_', ' ')
                    + " of connection " + connectionId + " without access_token, refresh_token, expires_in, member_id "
                    + "or client_endpoint");
        }
        URI clientEndpoint;
        try {
            clientEndpoint = Bitrix24Settings.httpUrl(CLIENT_ENDPOINT, endpoint);
        } catch (IllegalArgumentException e) {
            throw RemoteSystemException.permanent("the Bitrix24 OAuth server answered a client_endpoint that is not "
                    + "an http(s) URL");
        }
        // Counted from the moment of asking, so that a slow answer can only make Liaison refresh early.
        return new Grant(accessToken, refreshToken, asked.plusSeconds(seconds.longValue()), memberId, clientEndpoint);
    }

    private static JsonObject parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try (JsonReader reader = Bitrix24Api.JSON.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            return value.getValueType() == JsonValue.ValueType.OBJECT ? value.asJsonObject() : null;
        } catch (JsonException e) {
            return null;
        }
    }
}
