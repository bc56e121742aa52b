package dev.liaison.connector.api;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * A connector that registered Liaison's webhook URL in the remote system itself (amoCRM's {@code /api/v4/webhooks})
 * and can move that registration when what it depends on changes: a secret the registered URL carries, or Liaison's
 * public URL ({@code liaison.public-url}). Liaison asks after a connection's settings were edited and before it
 * stores them, outside any transaction:
 * <ol>
 *   <li>{@link #mustRegisterAgain} with the stored and the edited settings;</li>
 *   <li>if so, {@link #register} with the edited settings; when that fails nothing is stored and the edit is
 *       refused, so the remote registration and the stored settings never disagree;</li>
 *   <li>the edited settings and what {@link #register} returned are stored in one transaction;</li>
 *   <li>{@link #unregister} of the old registration, whose failure only leaves it behind and is reported.</li>
 * </ol>
 * Messages of the exceptions are shown to the admin and must not quote secrets.
 */
public interface WebhookRegistrations {

    /** The URL, without secrets, that Liaison registered for this connection; empty when it registered none. */
    Optional<URI> registeredUrl(ConnectionContext connection);

    /**
     * Whether the registration made with {@code registered}'s settings does not serve {@code edited} at
     * {@code hookUrl}: a secret the remote system sends back changed, or the URL did.
     */
    boolean mustRegisterAgain(ConnectionContext registered, ConnectionContext edited, URI hookUrl);

    /**
     * Registers {@code hookUrl} with {@code connection}'s settings (which are not stored yet) and stores nothing.
     *
     * @return the settings to store with the connection for this registration, e.g. the URL to remove later
     */
    Map<String, String> register(ConnectionContext connection, URI hookUrl) throws RemoteSystemException;

    /**
     * Removes the registration {@code registered}'s settings describe, calling as {@code caller}, whose credentials
     * may be newer. Something the remote system no longer has counts as removed.
     */
    void unregister(ConnectionContext registered, ConnectionContext caller) throws RemoteSystemException;
}
