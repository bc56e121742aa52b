package dev.liaison.connectors.amocrm;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.CredentialStore;
import dev.liaison.connector.api.CredentialStore.Rotated;
import dev.liaison.connector.api.RemoteSystemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the Bearer tokens of OAuth connections fresh. amoCRM refresh tokens are single-use and rotate on every
 * refresh, so every refresh runs inside {@link CredentialStore#rotate}: one at a time per connection on every node,
 * with the settings as they are now, and the new pair stored before anyone uses it. Inside the rotation, a stored
 * access token that is fresh and is not the one amoCRM just rejected means another caller has refreshed already:
 * it is used as it is and the endpoint is not called.
 * <p>
 * Tokens are refreshed when they expire within the margin, and once after a 401. Long-lived tokens are never
 * refreshed: they have no refresh token.
 */
final class AmoTokens {

    private final CredentialStore credentials;
    private final AmoOAuthClient oauth;
    private final Clock clock;
    private final Duration margin;

    AmoTokens(CredentialStore credentials, AmoOAuthClient oauth, Clock clock, Duration margin) {
        this.credentials = credentials;
        this.oauth = oauth;
        this.clock = clock;
        this.margin = margin;
    }

    AmoApi.Bearer bearer(ConnectionContext connection) throws RemoteSystemException {
        if (AmoSettings.oauth(connection)) {
            return new OAuthBearer(connection);
        }
        String longLived;
        try {
            longLived = connection.requiredSetting(AmoSettings.ACCESS_TOKEN).trim();
        } catch (IllegalStateException missing) {
            throw AmoApi.misconfigured(connection, missing);
        }
        return new AmoApi.Bearer() {
            @Override
            public String token() {
                return longLived;
            }

            @Override
            public Optional<String> renewed(String rejected) {
                return Optional.empty();
            }
        };
    }

    /** The settings that store a token pair. */
    static Map<String, String> settings(AmoOAuthClient.Tokens tokens) {
        return Map.of(AmoSettings.ACCESS_TOKEN, tokens.accessToken(),
                AmoSettings.REFRESH_TOKEN, tokens.refreshToken(),
                AmoSettings.EXPIRES_AT, tokens.expiresAt().toString());
    }

    static AmoOAuthClient.App app(ConnectionContext connection) {
        return new AmoOAuthClient.App(connection.requiredSetting(AmoSettings.CLIENT_ID).trim(),
                connection.requiredSetting(AmoSettings.CLIENT_SECRET).trim(),
                connection.requiredSetting(AmoSettings.REDIRECT_URI).trim());
    }

    private boolean fresh(ConnectionContext connection) {
        Optional<String> expiresAt = connection.setting(AmoSettings.EXPIRES_AT);
        if (expiresAt.isEmpty() || connection.setting(AmoSettings.ACCESS_TOKEN).isEmpty()) {
            return false;
        }
        try {
            return Instant.parse(expiresAt.get().trim()).minus(margin).isAfter(clock.instant());
        } catch (DateTimeParseException unreadable) {
            return false;
        }
    }

    /**
     * A fresh access token: the stored one when it is fresh and not {@code rejected}, otherwise the one a refresh
     * returns, stored before this returns.
     */
    private String current(ConnectionContext connection, String rejected) throws RemoteSystemException {
        return credentials.rotate(connection.id(), settings -> {
            ConnectionContext now = new ConnectionContext(connection.id(), connection.workspace(), connection.kind(),
                    settings);
            Optional<String> stored = now.setting(AmoSettings.ACCESS_TOKEN);
            if (stored.isPresent() && !stored.get().equals(rejected) && fresh(now)) {
                return Rotated.unchanged(stored.get());
            }
            AmoOAuthClient.Tokens tokens = refresh(now);
            return new Rotated<>(settings(tokens), tokens.accessToken());
        });
    }

    private AmoOAuthClient.Tokens refresh(ConnectionContext connection) throws RemoteSystemException {
        AmoOAuthClient.App app;
        String refreshToken;
        try {
            app = app(connection);
            refreshToken = connection.requiredSetting(AmoSettings.REFRESH_TOKEN);
        } catch (IllegalStateException missing) {
            throw RemoteSystemException.permanent("connection " + connection.id() + " cannot refresh its amoCRM "
                    + "tokens: " + missing.getMessage() + "; authorize it (again) through its authorize-url");
        }
        try {
            return oauth.refresh(connection, app, refreshToken);
        } catch (RemoteSystemException e) {
            if (e.retryable()) {
                throw e;
            }
            throw new RemoteSystemException(e.getMessage() + "; amoCRM refused to refresh the tokens of connection "
                    + connection.id() + ", which must be authorized again through its authorize-url", false, null, e);
        }
    }

    /**
     * One caller's view of an OAuth connection. The token its connection context carries is used while that says it
     * is fresh; the context may be a little stale, which a 401 corrects.
     */
    private final class OAuthBearer implements AmoApi.Bearer {

        private final ConnectionContext connection;
        private String token;
        private boolean renewedOnce;

        OAuthBearer(ConnectionContext connection) {
            this.connection = connection;
            this.token = fresh(connection) ? connection.requiredSetting(AmoSettings.ACCESS_TOKEN) : null;
        }

        @Override
        public String token() throws RemoteSystemException {
            if (token == null) {
                token = current(connection, null);
            }
            return token;
        }

        /** Once per caller: a token that was just renewed and is rejected again is not worth another refresh. */
        @Override
        public Optional<String> renewed(String rejected) throws RemoteSystemException {
            if (renewedOnce) {
                return Optional.empty();
            }
            renewedOnce = true;
            token = current(connection, rejected);
            return Optional.of(token);
        }
    }
}
