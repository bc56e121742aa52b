package dev.liaison.connectors.amocrm;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.Connector;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RecordSource;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SettingsSpec;
import dev.liaison.connector.api.SubjectEraser;
import dev.liaison.connector.api.SubjectExporter;
import dev.liaison.connector.api.SubjectIdentifiers;
import dev.liaison.connector.api.WebhookReceiver;
import dev.liaison.connector.api.WebhookRejectedException;
import dev.liaison.connector.api.WebhookRequest;
import dev.liaison.connectors.support.RemoteHttp;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;

/**
 * amoCRM (Kommo) through API v4 with a private integration's long-lived token. Webhooks are authenticated by the
 * secret in their URL and the account they name, then every record they mention is read back from the API;
 * contacts and leads are pulled page by page; one contact can be erased (overwritten: API v4 cannot delete
 * contacts) or exported. {@link #registrar()} subscribes the webhook after connecting.
 */
@ApplicationScoped
public class AmoCrmConnector implements Connector, WebhookReceiver, RecordSource, SubjectEraser, SubjectExporter {

    public static final String KIND = "amocrm";

    private final RemoteHttp http;
    private final Clock clock;

    /** CDI's constructor: no bean produces a RemoteHttp, so the connector owns one shared by all its connections. */
    public AmoCrmConnector() {
        this(RemoteHttp.withDefaults(), Clock.systemUTC());
    }

    AmoCrmConnector(RemoteHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public SettingsSpec settings() {
        return AmoSettings.SPEC;
    }

    /** Shares this connector's rate-limit buckets, so registration counts against the same 7 requests/s. */
    public AmoWebhookRegistrar registrar() {
        return new AmoWebhookRegistrar(http);
    }

    /** Shares this connector's rate-limit buckets; see {@link AmoOAuthClient} on single-use refresh tokens. */
    public AmoOAuthClient oauthClient() {
        return new AmoOAuthClient(http, clock);
    }

    @Override
    public void verify(ConnectionContext connection, WebhookRequest request) throws WebhookRejectedException {
        AmoWebhooks.verify(connection, request);
    }

    @Override
    public String dedupKey(ConnectionContext connection, WebhookRequest request) throws MalformedPayloadException {
        return AmoWebhooks.dedupKey(request);
    }

    @Override
    public List<CanonicalEvent> parse(ConnectionContext connection, WebhookRequest request)
            throws MalformedPayloadException, RemoteSystemException {
        return AmoWebhooks.parse(connection, request, this::api);
    }

    @Override
    public Page pull(ConnectionContext connection, String cursor)
            throws RemoteSystemException, MalformedPayloadException {
        return AmoSync.pull(api(connection), connection, cursor);
    }

    @Override
    public Outcome erase(ConnectionContext connection, SubjectIdentifiers subject) throws RemoteSystemException {
        AmoApi api = api(connection);
        return AmoSubjects.erase(api, AmoSubjects.find(api, connection, subject));
    }

    @Override
    public String export(ConnectionContext connection, SubjectIdentifiers subject) throws RemoteSystemException {
        AmoApi api = api(connection);
        return AmoSubjects.export(connection, AmoSubjects.find(api, connection, subject));
    }

    private AmoApi api(ConnectionContext connection) throws RemoteSystemException {
        return AmoApi.of(http, connection);
    }
}
