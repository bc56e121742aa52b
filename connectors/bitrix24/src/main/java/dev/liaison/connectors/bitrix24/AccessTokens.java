package dev.liaison.connectors.bitrix24;

import static dev.liaison.connectors.bitrix24.Bitrix24Settings.ACCESS_TOKEN;
import static dev.liaison.connectors.bitrix24.Bitrix24Settings.EXPIRES_AT;
import static dev.liaison.connectors.bitrix24.Bitrix24Settings.MEMBER_ID;
import static dev.liaison.connectors.bitrix24.Bitrix24Settings.REFRESH_TOKEN;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.CredentialStore;
import dev.liaison.connector.api.RemoteSystemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The access token of a local-application connection. The token a connection was read with is used until it is
 * about to expire or the portal answers 401 {@code expired_token}; then it is renewed inside
 * {@link CredentialStore#rotate}, which decides on the settings as they are now: when another thread or node has
 * already renewed the token, its token is taken and the OAuth server is not asked, so a refresh token is sent once
 * and the one it is traded for is stored before any call uses the new access token.
 */
final class AccessTokens {

    /**
     * Renewing this long before the expiry leaves a call with its retries and backoff time to finish. The docs ask
     * apps not to refresh "just in case" before every call (settings/oauth/auto-renewal.md): this refreshes at most
     * once an hour, and only when a call needs the token.
     */
    static final Duration MARGIN = Duration.ofMinutes(5);

    private final CredentialStore store;
    private final OAuthServer server;
    private final Clock clock;

    AccessTokens(CredentialStore store, OAuthServer server, Clock clock) {
        this.store = store;
        this.server = server;
        this.clock = clock;
    }

    /** A token to call with: the connection's own while it lasts, else a renewed one. */
    String valid(ConnectionContext connection) throws RemoteSystemException {
        String token = connection.settings().get(ACCESS_TOKEN);
        if (Bitrix24Settings.present(connection.settings(), ACCESS_TOKEN) && fresh(connection.settings())) {
            return token;
        }
        return renew(connection, token);
    }

    /** A token other than {@code rejected}, which the portal refused or which is about to expire. */
    String renew(ConnectionContext connection, String rejected) throws RemoteSystemException {
        return store.rotate(connection.id(), current -> {
            String token = current.get(ACCESS_TOKEN);
            if (Bitrix24Settings.present(current, ACCESS_TOKEN) && !token.equals(rejected) && fresh(current)) {
                return CredentialStore.Rotated.unchanged(token);
            }
            OAuthServer.App app;
            try {
                Bitrix24Settings.refuseUninstalled(current);
                app = OAuthServer.App.of(current);
            } catch (IllegalStateException | IllegalArgumentException misconfigured) {
                throw RemoteSystemException.permanent("connection " + connection.id() + " cannot renew its Bitrix24 "
                        + "access token: " + misconfigured.getMessage());
            }
            if (!Bitrix24Settings.present(current, REFRESH_TOKEN)) {
                throw RemoteSystemException.permanent("connection " + connection.id() + " has no refresh token: "
                        + "install the application in the portal");
            }
            OAuthServer.Grant grant = server.refresh(connection.id(), app, current.get(REFRESH_TOKEN));
            if (!grant.memberId().equals(current.get(MEMBER_ID))) {
                throw RemoteSystemException.permanent("the Bitrix24 OAuth server renewed the tokens of connection "
                        + connection.id() + " for another portal (member_id); they are not stored");
            }
            return new CredentialStore.Rotated<>(grant.settings(), grant.accessToken());
        });
    }

    private boolean fresh(Map<String, String> settings) {
        if (!Bitrix24Settings.present(settings, EXPIRES_AT)) {
            return false;
        }
        try {
            return Instant.parse(settings.get(EXPIRES_AT).trim()).isAfter(clock.instant().plus(MARGIN));
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
