package dev.liaison.web.admin;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.WebhookRegistrations;
import dev.liaison.web.problem.ProblemException;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Moves the webhook a connector registered in the remote system ({@link WebhookRegistrations}) when a PATCH changes
 * what the registration depends on (a secret in the URL) or Liaison's public URL moved. The order keeps the stored
 * settings and the remote system in agreement: the new registration is made before the edit is stored, and if the
 * remote system refuses it, nothing is stored ({@link #register}, 502); once the edit is stored, the old registration
 * is removed, and a failure there only leaves it behind, said in the answer ({@link #removeOld}). Every call is
 * outside any database transaction.
 */
final class WebhookMove {

    private static final Logger LOG = Logger.getLogger(WebhookMove.class.getName());

    private final WebhookRegistrations connector;
    private final ConnectionContext stored;
    private final ConnectionContext edited;
    private final URI hookUrl;

    private WebhookMove(WebhookRegistrations connector, ConnectionContext stored, ConnectionContext edited,
                        URI hookUrl) {
        this.connector = connector;
        this.stored = stored;
        this.edited = edited;
        this.hookUrl = hookUrl;
    }

    /**
     * The move an edit needs, if any: only a webhook Liaison registered is moved, to
     * {@code {publicUrl}/hooks/{id}} when {@code liaison.public-url} is set, otherwise to the URL it has.
     *
     * @param publicUrl {@code liaison.public-url}, or null when unset
     */
    static Optional<WebhookMove> needed(Optional<WebhookRegistrations> connector, ConnectionContext stored,
                                        ConnectionContext edited, String publicUrl) {
        if (connector.isEmpty()) {
            return Optional.empty();
        }
        Optional<URI> registered = connector.get().registeredUrl(stored);
        if (registered.isEmpty()) {
            return Optional.empty();
        }
        URI hookUrl = publicUrl == null ? registered.get()
                : URI.create(publicUrl.replaceAll("/+$", "") + "/hooks/" + stored.id());
        return connector.get().mustRegisterAgain(stored, edited, hookUrl)
                ? Optional.of(new WebhookMove(connector.get(), stored, edited, hookUrl)) : Optional.empty();
    }

    /**
     * Registers the edited connection's webhook.
     *
     * @return the settings to store with the edit
     * @throws ProblemException 502 {@code webhook-registration-failed} when the remote system refused or could not
     *                          be reached: the edit must not be stored
     */
    Map<String, String> register() {
        try {
            return connector.register(edited, hookUrl);
        } catch (RemoteSystemException | RuntimeException e) {
            String failure = describe(e);
            LOG.warning(() -> "Connection " + stored.id() + ": the webhook was not registered anew, so the edit was "
                    + "not stored: " + failure);
            throw new ProblemException(Response.Status.BAD_GATEWAY, "webhook-registration-failed",
                    "Webhook not registered", "the remote system did not take the webhook the edited settings need ("
                    + failure + "); nothing was changed, the old webhook stays in force", List.of());
        }
    }

    /** The edit could not be stored after all: the new registration is taken back, as well as it can be. */
    void withdraw(Map<String, String> registeredSettings) {
        Map<String, String> settings = new HashMap<>(edited.settings());
        settings.putAll(registeredSettings);
        ConnectionContext registered = new ConnectionContext(edited.id(), edited.workspace(), edited.kind(), settings);
        try {
            connector.unregister(registered, registered);
        } catch (RemoteSystemException | RuntimeException e) {
            LOG.warning(() -> "Connection " + stored.id() + ": the edit was not stored and the webhook registered for "
                    + "it is left behind in the remote system: " + describe(e));
        }
    }

    /**
     * Removes the registration the stored settings describe, calling with the settings now stored.
     *
     * @return what the answer says about the move
     */
    ConnectionView.WebhookRegistrationView removeOld(ConnectionContext nowStored) {
        URI previous = connector.registeredUrl(stored).orElse(null);
        try {
            connector.unregister(stored, nowStored);
            return new ConnectionView.WebhookRegistrationView(hookUrl.toString(), Objects.toString(previous, null), true, null);
        } catch (RemoteSystemException | RuntimeException e) {
            String failure = describe(e);
            LOG.warning(() -> "Connection " + stored.id() + ": its webhook moved, the old one is left behind in the "
                    + "remote system: " + failure);
            return new ConnectionView.WebhookRegistrationView(hookUrl.toString(), Objects.toString(previous, null), false, failure);
        }
    }

    /** Connector messages never quote secrets; an unexpected exception's might, so only its type is kept. */
    private static String describe(Exception e) {
        if (e instanceof RemoteSystemException) {
            return Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
        }
        return "unexpected " + e.getClass().getName();
    }
}
