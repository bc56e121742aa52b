package dev.liaison.connector.api;

/**
 * Receives what the remote system sends to a connection's install handler, {@code /install/{kind}/{connectionId}}:
 * install, update and uninstall events of an application, an install page's post, an OAuth redirect. The handler is
 * public (the remote system, not a signed-in user, calls it), so the connector alone decides whether a request can be
 * trusted, and changes the connection's credentials only through the {@link CredentialStore}.
 */
public interface InstallReceiver {

    /**
     * @throws SetupRefusedException when the request is malformed, untrusted or does not fit the connection; nothing
     *                               was changed
     * @throws RemoteSystemException when the remote system failed; what was already obtained is stored
     */
    CallbackResponse receive(ConnectionContext connection, CallbackRequest request)
            throws SetupRefusedException, RemoteSystemException;
}
