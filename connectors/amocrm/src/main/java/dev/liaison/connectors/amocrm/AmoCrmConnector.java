package dev.liaison.connectors.amocrm;

import dev.liaison.connector.api.Authorizable;
import dev.liaison.connector.api.CallbackRequest;
import dev.liaison.connector.api.CallbackResponse;
import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.ConnectionHealthReporter;
import dev.liaison.connector.api.CredentialStore;
import dev.liaison.connector.api.Disconnectable;
import dev.liaison.connector.api.FetchedRecords;
import dev.liaison.connector.api.FetchingReceiver;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RecordSource;
import dev.liaison.connector.api.RecordWriter;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SetupRefusedException;
import dev.liaison.connector.api.SubjectEraser;
import dev.liaison.connector.api.SubjectExporter;
import dev.liaison.connector.api.SubjectIdentifiers;
import dev.liaison.connector.api.WebhookRegistrations;
import dev.liaison.connector.api.WebhookRejectedException;
import dev.liaison.connector.api.WebhookRequest;
import dev.liaison.connectors.support.RemoteCalls;
import dev.liaison.connectors.support.RemoteCallsConnector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * amoCRM (Kommo) through API v4, with a private integration's long-lived token or through OAuth, whose single-use
 * refresh tokens are rotated through the {@link CredentialStore} (see {@link AmoTokens}). Webhooks are authenticated
 * by the secret in their URL and the account they name, then every record they mention is read back from the API;
 * contacts and leads are pulled page by page; one contact can be erased (overwritten: API v4 cannot delete
 * contacts) or exported; scenarios write fields of contacts and leads ({@link AmoFieldUpdate}).
 * An OAuth connection is connected through {@link Authorizable} ({@link AmoAuthorization}), which subscribes the
 * webhook once the tokens are stored; {@link #disconnect} removes it.
 */
@ApplicationScoped
public class AmoCrmConnector extends RemoteCallsConnector
        implements FetchingReceiver<JsonObject>, RecordSource, RecordWriter, SubjectEraser, SubjectExporter,
        Disconnectable, Authorizable, WebhookRegistrations {

    public static final String KIND = "amocrm";

    private static final Logger LOG = Logger.getLogger(AmoCrmConnector.class.getName());

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
    AmoWebhookRegistrar registrar() {
        return new AmoWebhookRegistrar(this::api, credentials);
    }

    /** Removes the webhook Liaison registered, as {@link AmoWebhookRegistrar#unregister} describes. */
    @Override
    public void disconnect(ConnectionContext connection) throws RemoteSystemException {
        registrar().unregister(connection);
    }

    /** The URL stored as {@code webhookUrl} when Liaison registered the webhook; empty when unreadable. */
    @Override
    public Optional<URI> registeredUrl(ConnectionContext connection) {
        try {
            return AmoWebhookRegistrar.webhookUrl(connection);
        } catch (RemoteSystemException unreadable) {
            return Optional.empty();
        }
    }

    /** A new {@code webhookSecret} or another URL: amoCRM names a webhook by its destination, the two together. */
    @Override
    public boolean mustRegisterAgain(ConnectionContext registered, ConnectionContext edited, URI hookUrl) {
        return AmoWebhookRegistrar.mustRegisterAgain(registered, edited, hookUrl);
    }

    /** {@code POST /api/v4/webhooks} with the edited secret; the URL is returned as the setting {@code webhookUrl}. */
    @Override
    public Map<String, String> register(ConnectionContext connection, URI hookUrl) throws RemoteSystemException {
        String webhookId = registrar().subscribe(connection, hookUrl);
        LOG.info(() -> "amoCRM connection " + connection.id() + ": webhook " + webhookId + " registered anew");
        return Map.of(AmoSettings.WEBHOOK_URL, hookUrl.toString());
    }

    /** {@code DELETE /api/v4/webhooks} with the old destination; a 404 counts as gone. */
    @Override
    public void unregister(ConnectionContext registered, ConnectionContext caller) throws RemoteSystemException {
        registrar().remove(registered, caller);
    }

    /** The stateless token calls; refreshing outside {@link AmoTokens} would risk spending a refresh token twice. */
    AmoOAuthClient oauthClient() {
        return oauth;
    }

    /**
     * The amoCRM page where an account admin grants the OAuth connection access; it carries a new single-use
     * {@code state}, stored with the connection, that {@link #completeAuthorization} requires.
     *
     * @throws SetupRefusedException when an OAuth setting is missing (the field names it)
     */
    @Override
    public Authorization authorizationUrl(ConnectionContext connection)
            throws SetupRefusedException, RemoteSystemException {
        return new Authorization(authorization.authorizationUrl(connection), AmoAuthorization.STATE_LIFETIME);
    }

    /** The connection id the redirect's {@code state} names, before the state is checked. */
    @Override
    public Optional<String> connectionOf(CallbackRequest redirect) {
        return AmoAuthorization.connectionId(redirect.queryParameter("state").orElse(null));
    }

    /** The setting {@code redirectUri}: the integration's Redirect URI, exactly as registered in amoCRM. */
    @Override
    public Optional<URI> redirectUri(ConnectionContext connection) {
        try {
            return connection.setting(AmoSettings.REDIRECT_URI).map(URI::create);
        } catch (IllegalArgumentException notAUri) {
            return Optional.empty();
        }
    }

    /**
     * Handles amoCRM's redirect to the Redirect URI ({@code code}, {@code state}, {@code referer}): checks the state
     * and the account, exchanges the code, stores the tokens, then registers the request's webhook URL in the account.
     * The answer is {@code {"status":"connected","connectionId":...,"webhookId":...}}.
     *
     * @throws SetupRefusedException when the redirect's input is refused (the field names it); nothing stored
     * @throws RemoteSystemException when amoCRM refused the code (the state is spent) or the registration failed
     */
    @Override
    public CallbackResponse completeAuthorization(ConnectionContext connection, CallbackRequest redirect)
            throws SetupRefusedException, RemoteSystemException {
        exchangeCode(connection, redirect.queryParameter("code").orElse(null),
                redirect.queryParameter("state").orElse(null), redirect.queryParameter("referer").orElse(null));
        String webhookId = registrar().register(connection, redirect.webhookUrl());
        LOG.info(() -> "amoCRM connection " + connection.id() + " authorized; webhook " + webhookId + " registered");
        return CallbackResponse.json(AmoApi.JSON.createObjectBuilder()
                .add("status", "connected")
                .add("connectionId", connection.id())
                .add("webhookId", webhookId)
                .build().toString());
    }

    /** Checks the state and the account, exchanges the code and stores the tokens; {@link AmoAuthorization#complete}. */
    void exchangeCode(ConnectionContext connection, String code, String state, String referer)
            throws SetupRefusedException, RemoteSystemException {
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
    public FetchedRecords<JsonObject> fetch(ConnectionContext connection, List<WebhookRequest> deliveries) {
        return AmoWebhooks.fetch(connection, deliveries, this::api);
    }

    @Override
    public List<CanonicalEvent> parse(ConnectionContext connection, WebhookRequest request,
                                      FetchedRecords<JsonObject> fetched)
            throws MalformedPayloadException, RemoteSystemException {
        return AmoWebhooks.parse(connection, request, fetched);
    }

    /** OAuth connections only: one with a long-lived token stores no expiry, and none is shown. */
    @Override
    public Optional<Instant> accessTokenExpiresAt(ConnectionContext connection) {
        return ConnectionHealthReporter.tokenExpiry(connection.settings().get(AmoSettings.ACCESS_TOKEN),
                connection.settings().get(AmoSettings.EXPIRES_AT));
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
