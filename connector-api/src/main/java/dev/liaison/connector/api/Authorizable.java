package dev.liaison.connector.api;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Connects a connection through the vendor's OAuth authorization: an admin asks Liaison for the vendor's
 * authorization page ({@code GET /api/admin/connections/{id}/oauth/authorize-url}), grants access there, and the
 * vendor sends the browser back to the connector's Redirect URI, {@code /oauth/{kind}/callback}, which is public and
 * the same for every connection of the kind. The connector owns the whole exchange: it issues and checks the state
 * that binds the redirect to one connection, exchanges the code and stores the tokens through the
 * {@link CredentialStore}, so that checking and spending the state are one step.
 */
public interface Authorizable {

    /**
     * The vendor's authorization page for this connection, with a new single-use state that replaces any previous
     * one.
     *
     * @throws SetupRefusedException when a setting the authorization needs is missing or wrong (the field names it)
     */
    Authorization authorizationUrl(ConnectionContext connection) throws SetupRefusedException, RemoteSystemException;

    /** The connection a redirect belongs to, read from its state before the state is checked; empty if none. */
    Optional<String> connectionOf(CallbackRequest redirect);

    /**
     * The Redirect URI the connection's OAuth application is registered with, when its settings name it. The vendor
     * just sent a browser there, so it is a public address of Liaison: when {@code liaison.public-url} is unset, the
     * webhook URL handed to {@link #completeAuthorization} is built under it.
     */
    Optional<URI> redirectUri(ConnectionContext connection);

    /**
     * Handles the vendor's redirect: checks the state, exchanges the code, stores the tokens and does what else
     * connecting takes (such as registering {@link CallbackRequest#webhookUrl()} in the remote system).
     *
     * @throws SetupRefusedException when the redirect's input is refused (the field names it); nothing was stored
     * @throws RemoteSystemException when the vendor refused or failed; a state that matched is spent
     */
    CallbackResponse completeAuthorization(ConnectionContext connection, CallbackRequest redirect)
            throws SetupRefusedException, RemoteSystemException;

    /** The page to open and how long its state is accepted. */
    record Authorization(URI url, Duration validFor) {
    }
}
