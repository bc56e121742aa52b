package dev.liaison.connectors.amocrm;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.RemoteSystemException;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Subscribes Liaison's webhook URL in the connected account ({@code POST /api/v4/webhooks}, admin only; posting
 * the same destination again updates it) and removes it on disconnect ({@code DELETE /api/v4/webhooks}). The
 * destination carries the connection's webhook secret as the {@code secret} query parameter, which is what
 * {@link AmoCrmConnector#verify} checks; it is a secret, so it never appears in a message.
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

    AmoWebhookRegistrar(AmoWebhooks.AmoApiFactory apis) {
        this.apis = apis;
    }

    /**
     * @param hookUrl Liaison's public intake URL for this connection, without the secret
     * @return amoCRM's id of the webhook
     */
    public String register(ConnectionContext connection, URI hookUrl) throws RemoteSystemException {
        JsonArrayBuilder settings = AmoApi.JSON.createArrayBuilder();
        SETTINGS.forEach(settings::add);
        JsonObject webhook = apis.api(connection).post("/api/v4/webhooks", AmoApi.JSON.createObjectBuilder()
                .add("destination", destination(connection, hookUrl))
                .add("settings", settings)
                .build());
        String id = AmoRecords.text(webhook, "id");
        if (id == null) {
            throw RemoteSystemException.permanent("amoCRM accepted the webhook of connection " + connection.id()
                    + " but answered without its id");
        }
        return id;
    }

    public void unregister(ConnectionContext connection, URI hookUrl) throws RemoteSystemException {
        apis.api(connection).delete("/api/v4/webhooks", AmoApi.JSON.createObjectBuilder()
                .add("destination", destination(connection, hookUrl))
                .build());
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
