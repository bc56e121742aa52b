package dev.liaison.connectors.amocrm;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connectors.support.RemoteCalls;
import dev.liaison.connectors.support.Reply;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The two calls of amoCRM's OAuth2 token endpoint ({@code POST /oauth2/access_token} on the account's domain):
 * exchanging an authorization code, and refreshing. Stateless: it stores nothing. amoCRM refresh tokens are
 * single-use and rotate on every refresh, so the caller must store the returned pair before using it, and must
 * never send the same refresh token twice.
 */
public class AmoOAuthClient {

    /** The integration's credentials, as amoCRM issued them; {@code redirectUri} must match the registered one. */
    public record App(String clientId, String clientSecret, String redirectUri) {

        public App {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
            Objects.requireNonNull(redirectUri, "redirectUri");
        }

        @Override
        public String toString() {
            return "App[clientId=" + clientId + ", redirectUri=" + redirectUri + "]";
        }
    }

    /** A Bearer token and its single-use successor. */
    public record Tokens(String accessToken, String refreshToken, Instant expiresAt) {

        @Override
        public String toString() {
            return "Tokens[expiresAt=" + expiresAt + "]";
        }
    }

    private final RemoteCalls calls;
    private final Clock clock;

    public AmoOAuthClient(RemoteCalls calls, Clock clock) {
        this.calls = calls;
        this.clock = clock;
    }

    public Tokens exchange(ConnectionContext connection, App app, String code) throws RemoteSystemException {
        return token(connection, app, "authorization_code", "code", code);
    }

    public Tokens refresh(ConnectionContext connection, App app, String refreshToken) throws RemoteSystemException {
        return token(connection, app, "refresh_token", "refresh_token", refreshToken);
    }

    private Tokens token(ConnectionContext connection, App app, String grantType, String grantField, String grant)
            throws RemoteSystemException {
        String body = AmoApi.JSON.createObjectBuilder()
                .add("client_id", app.clientId())
                .add("client_secret", app.clientSecret())
                .add("grant_type", grantType)
                .add(grantField, grant)
                .add("redirect_uri", app.redirectUri())
                .build().toString();
        AmoOAuthRest endpoint = calls.client(AmoOAuthRest.class, AmoSettings.baseUri(connection));
        Instant sentAt = clock.instant();
        Reply reply = calls.sendOnce(connection.id(), AmoSettings.rateLimit(connection), () -> endpoint.token(body));
        if (reply.status() >= 300) {
            throw AmoApi.failure(connection.id(), reply);
        }
        JsonObject tokens;
        try {
            tokens = AmoApi.parseObject(reply.body());
        } catch (JsonException e) {
            throw new RemoteSystemException("amoCRM answered the token request of connection " + connection.id()
                    + " with a body that is not a JSON object", true, null, e);
        }
        String accessToken = AmoRecords.text(tokens, "access_token");
        String refreshToken = AmoRecords.text(tokens, "refresh_token");
        JsonValue expiresIn = tokens.get("expires_in");
        if (accessToken == null || refreshToken == null || !(expiresIn instanceof JsonNumber)) {
            throw RemoteSystemException.permanent("amoCRM answered the token request of connection "
                    + connection.id() + " without access_token, refresh_token or expires_in");
        }
        // Counted from when the request left, so a slow answer errs towards refreshing early.
        return new Tokens(accessToken, refreshToken, sentAt.plusSeconds(((JsonNumber) expiresIn).longValue()));
    }
}
