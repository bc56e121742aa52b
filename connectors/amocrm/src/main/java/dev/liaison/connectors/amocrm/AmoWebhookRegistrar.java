package dev.liaison.connectors.amocrm;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.CredentialStore;
import dev.liaison.connector.api.RemoteSystemException;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Subscribes Liaison's webhook URL in the connected account ({@code POST /api/v4/webhooks}, admin only; posting
 * the same destination again updates it) and removes it on disconnect ({@code DELETE /api/v4/webhooks}, which
 * names the webhook by its destination alone). The destination carries the connection's webhook secret as the
 * {@code secret} query parameter, which is what {@link AmoCrmConnector#verify} checks; it is a secret, so it never
 * appears in a message.
 * <p>
 * The URL registered is stored with the connection ({@code webhookUrl}), because the one to remove on disconnect is
 * the one registered then, whatever Liaison's public URL has become since.
 */
public class AmoWebhookRegistrar {

    /**
     * The events {@link AmoCrmConnector#parse} turns into canonical events. Company events are left out: a
     * company is no data subject and has no canonical event, so subscribing would only cost deliveries.
     */
    public static final List<String> SETTINGS = List.of(
            "add_contact", "update_contact", "delete_contact", "restore_contact", "responsible_contact",
            "add_lead", "status_lead", "restore_lead");

    private final AmoWebhooks.AmoApiFactory apis;
    private final CredentialStore credentials;

    AmoWebhookRegistrar(AmoWebhooks.AmoApiFactory apis, CredentialStore credentials) {
        this.apis = apis;
        this.credentials = credentials;
    }

    /**
     * Stores the URL before amoCRM is asked, so that a webhook amoCRM has is never one Liaison has forgotten; a
     * registration that then fails leaves a URL whose removal finds nothing, which is harmless.
     *
     * @param hookUrl Liaison's public intake URL for this connection, without the secret
     * @return amoCRM's id of the webhook
     */
    public String register(ConnectionContext connection, URI hookUrl) throws RemoteSystemException {
        destination(connection, hookUrl);
        storeWebhookUrl(connection, hookUrl.toString());
        return subscribe(connection, hookUrl);
    }

    /**
     * Subscribes {@code hookUrl} with {@code connection}'s secret and stores nothing: for a connection whose edited
     * settings are stored only once amoCRM took them, with the URL among them.
     *
     * @return amoCRM's id of the webhook
     */
    String subscribe(ConnectionContext connection, URI hookUrl) throws RemoteSystemException {
        String destination = destination(connection, hookUrl);
        JsonArrayBuilder settings = AmoApi.JSON.createArrayBuilder();
        SETTINGS.forEach(settings::add);
        String request = AmoApi.JSON.createObjectBuilder()
                .add("destination", destination)
                .add("settings", settings)
                .build().toString();
        JsonObject webhook = apis.api(connection).write((rest, bearer) -> rest.addWebhook(bearer, request));
        String id = AmoRecords.text(webhook, "id");
        if (id == null) {
            throw RemoteSystemException.permanent("amoCRM accepted the webhook of connection " + connection.id()
                    + " but answered without its id");
        }
        return id;
    }

    /**
     * Removes the webhook registered under the stored {@code webhookUrl}, through the same authorization as every
     * call (an expired OAuth token is refreshed). amoCRM answers 204; a 404 means it is gone already. The URL is
     * cleared once amoCRM no longer has the webhook, so the connection shows one only while it may still exist.
     * Without a stored URL, Liaison registered nothing and there is nothing to remove.
     */
    public void unregister(ConnectionContext connection) throws RemoteSystemException {
        if (remove(connection, connection)) {
            storeWebhookUrl(connection, "");
        }
    }

    /**
     * Removes the webhook {@code registered}'s stored URL and secret name, calling as {@code caller} (an edit may have
     * replaced the token the registration was made with), and stores nothing.
     *
     * @return false when {@code registered} holds no URL: Liaison registered nothing
     */
    boolean remove(ConnectionContext registered, ConnectionContext caller) throws RemoteSystemException {
        Optional<URI> hookUrl = webhookUrl(registered);
        if (hookUrl.isEmpty()) {
            return false;
        }
        String destination = AmoApi.JSON.createObjectBuilder()
                .add("destination", destination(registered, hookUrl.get()))
                .build().toString();
        apis.api(caller).delete((rest, bearer) -> rest.deleteWebhook(bearer, destination));
        return true;
    }

    /**
     * Whether the webhook registered under {@code registered}'s URL and secret is not the one {@code edited} needs at
     * {@code hookUrl}. amoCRM names a webhook by its destination, the URL with the secret, so either changing means
     * another webhook. Nothing registered means nothing to move.
     */
    static boolean mustRegisterAgain(ConnectionContext registered, ConnectionContext edited, URI hookUrl) {
        Optional<URI> current;
        try {
            current = webhookUrl(registered);
        } catch (RemoteSystemException unreadable) {
            return true;
        }
        return current.isPresent() && (!current.get().equals(hookUrl)
                || !registered.setting(AmoSettings.WEBHOOK_SECRET).equals(edited.setting(AmoSettings.WEBHOOK_SECRET)));
    }

    static Optional<URI> webhookUrl(ConnectionContext connection) throws RemoteSystemException {
        Optional<String> stored = connection.setting(AmoSettings.WEBHOOK_URL);
        try {
            return stored.map(url -> URI.create(url.trim()));
        } catch (IllegalArgumentException unreadable) {
            throw RemoteSystemException.permanent("connection " + connection.id() + " has a setting '"
                    + AmoSettings.WEBHOOK_URL + "' that is not a URL, so its webhook cannot be named to amoCRM");
        }
    }

    private void storeWebhookUrl(ConnectionContext connection, String hookUrl) throws RemoteSystemException {
        credentials.rotate(connection.id(),
                current -> new CredentialStore.Rotated<Void>(Map.of(AmoSettings.WEBHOOK_URL, hookUrl), null));
    }

    static String destination(ConnectionContext connection, URI hookUrl) throws RemoteSystemException {
        String secret;
        try {
            secret = AmoSettings.webhookSecret(connection);
        } catch (IllegalStateException missing) {
            throw RemoteSystemException.permanent(missing.getMessage());
        }
        String url = hookUrl.toString();
        String separator = hookUrl.getRawQuery() == null ? "?" : "&";
        return url + separator + AmoWebhooks.SECRET_PARAMETER + "="
                + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    }
}
