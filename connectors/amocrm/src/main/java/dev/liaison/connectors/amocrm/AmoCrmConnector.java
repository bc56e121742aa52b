package dev.liaison.connectors.amocrm;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.CredentialStore;
import dev.liaison.connector.api.Disconnectable;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RecordSource;
import dev.liaison.connector.api.RecordWriter;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SubjectEraser;
import dev.liaison.connector.api.SubjectExporter;
import dev.liaison.connector.api.SubjectIdentifiers;
import dev.liaison.connector.api.WebhookReceiver;
import dev.liaison.connector.api.WebhookRejectedException;
import dev.liaison.connector.api.WebhookRequest;
import dev.liaison.connectors.support.RemoteCalls;
import dev.liaison.connectors.support.RemoteCallsConnector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * amoCRM (Kommo) through API v4, with a private integration's long-lived token or through OAuth, whose single-use
 * refresh tokens are rotated through the {@link CredentialStore} (see {@link AmoTokens}). Webhooks are authenticated
 * by the secret in their URL and the account they name, then every record they mention is read back from the API;
 * contacts and leads are pulled page by page; one contact can be erased (overwritten: API v4 cannot delete
 * contacts) or exported; scenarios write fields of contacts and leads ({@link AmoFieldUpdate}).
 * {@link #authorizationUrl} and {@link #completeAuthorization} connect an OAuth connection; {@link #registrar()}
 * subscribes the webhook after connecting, and {@link #disconnect} removes it.
 */
@ApplicationScoped
public class AmoCrmConnector extends RemoteCallsConnector
        implements WebhookReceiver, RecordSource, RecordWriter, SubjectEraser, SubjectExporter,
        Disconnectable {

    public static final String KIND = "amocrm";
    /** The integration's Redirect URI, where amoCRM sends the browser back with the authorization code. */
    public static final String REDIRECT_URI_SETTING = AmoSettings.REDIRECT_URI;
    /** How long an authorization URL's state is accepted. */
    public static final Duration AUTHORIZATION_LIFETIME = AmoAuthorization.STATE_LIFETIME;

    private final CredentialStore credentials;
    private final AmoOAuthClient oauth;
    private final AmoTokens tokens;
    private final AmoAuthorization authorization;

    /**
     * No bean produces a RemoteCalls, so the connector owns one shared by all its connections.
     *
     * @param refreshMargin how long before its expiry an OAuth access token is refreshed
     */
    @Inject
    public AmoCrmConnector(CredentialStore credentials,
                           @ConfigProperty(name = "liaison.connector.amocrm.token-refresh-margin",
                                   defaultValue = "PT10M") Duration refreshMargin) {
        this(RemoteCalls.withDefaults(), Clock.systemUTC(), credentials, refreshMargin);
    }

    AmoCrmConnector(RemoteCalls calls, Clock clock, CredentialStore credentials, Duration refreshMargin) {
        super(KIND, AmoSettings.SPEC, calls);
        this.credentials = credentials;
        this.oauth = new AmoOAuthClient(calls, clock);
        this.tokens = new AmoTokens(credentials, oauth, clock, refreshMargin);
        this.authorization = new AmoAuthorization(credentials, oauth, clock);
    }

    /** For the CDI client proxy only. */
    protected AmoCrmConnector() {
        this(null, Clock.systemUTC(), null, Duration.ZERO);
    }

    /**
     * Shares this connector's rate-limit buckets, so registration counts against the same 7 requests/s, and its
     * tokens, so it works right after {@link #completeAuthorization}.
     */
    public AmoWebhookRegistrar registrar() {
        return new AmoWebhookRegistrar(this::api, credentials);
    }

    /** Removes the webhook Liaison registered, as {@link AmoWebhookRegistrar#unregister} describes. */
    @Override
    public void disconnect(ConnectionContext connection) throws RemoteSystemException {
        registrar().unregister(connection);
    }

    /** The stateless token calls; refreshing outside {@link AmoTokens} would risk spending a refresh token twice. */
    AmoOAuthClient oauthClient() {
        return oauth;
    }

    /**
     * The amoCRM page where an account admin grants the OAuth connection access; it carries a new single-use
     * {@code state}, stored with the connection, that {@link #completeAuthorization} requires.
     *
     * @throws AmoAuthorizationException when an OAuth setting is missing (the field names it)
     */
    public URI authorizationUrl(ConnectionContext connection) throws AmoAuthorizationException, RemoteSystemException {
        return authorization.authorizationUrl(connection);
    }

    /** The connection id a {@code state} of {@link #authorizationUrl} names, before the state is checked. */
    public static Optional<String> connectionOfState(String state) {
        return AmoAuthorization.connectionId(state);
    }

    /**
     * Handles amoCRM's redirect to the Redirect URI: checks the state and the account, exchanges the code and stores
     * the tokens. Register the webhook next.
     *
     * @throws AmoAuthorizationException when the redirect's input is refused (the field names it); nothing stored
     * @throws RemoteSystemException when amoCRM refused the code; the state is spent
     */
    public void completeAuthorization(ConnectionContext connection, String code, String state, String referer)
            throws AmoAuthorizationException, RemoteSystemException {
        authorization.complete(connection, code, state, referer);
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

    /**
     * A {@link Entity#DEAL} is an amoCRM lead; {@code recordId} is the contact's or lead's id, as in Liaison's
     * external refs. See {@link AmoFieldUpdate} for how field names are read.
     */
    @Override
    public void updateFields(ConnectionContext connection, Entity entity, String recordId, Map<String, String> fields)
            throws RemoteSystemException {
        AmoFieldUpdate update = AmoFieldUpdate.of(entity, recordId, fields);
        String record = update.body().toString();
        api(connection).write((rest, bearer) -> rest.update(bearer, update.resource(), update.recordId(), record));
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
        return AmoApi.of(calls(), connection, tokens.bearer(connection));
    }
}
