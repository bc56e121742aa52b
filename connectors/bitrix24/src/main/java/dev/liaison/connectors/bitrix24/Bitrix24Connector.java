package dev.liaison.connectors.bitrix24;

import dev.liaison.connector.api.CallbackRequest;
import dev.liaison.connector.api.CallbackResponse;
import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.ConnectionHealthReporter;
import dev.liaison.connector.api.CredentialStore;
import dev.liaison.connector.api.FetchedRecords;
import dev.liaison.connector.api.FetchingReceiver;
import dev.liaison.connector.api.HeldRecords;
import dev.liaison.connector.api.InstallReceiver;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RecordSource;
import dev.liaison.connector.api.RecordWriter;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SetupRefusedException;
import dev.liaison.connector.api.SubjectEraser;
import dev.liaison.connector.api.SubjectExporter;
import dev.liaison.connector.api.SubjectIdentifiers;
import dev.liaison.connector.api.WebhookRejectedException;
import dev.liaison.connector.api.WebhookRequest;
import dev.liaison.connectors.support.RemoteCalls;
import dev.liaison.connectors.support.RemoteCallsConnector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Bitrix24 connected through an incoming webhook (REST calls) and an outgoing webhook (CRM events), or as a local
 * application with OAuth: installed through its handler ({@link InstallReceiver}, {@link AppInstall}), its access token renewed through the
 * {@link CredentialStore} when it is about to expire or the portal answers {@code expired_token}. Events are
 * trusted by their {@code auth[application_token]} with the portal's {@code member_id} and {@code domain} pinned, the
 * only mechanism Bitrix24 offers; they carry ids only, so parsing fetches the records. Contacts, leads and deals are
 * pulled in ID order (each pass ending with a check of which held records were deleted), one portal's calls share
 * its leaky bucket, and one data subject's contacts and leads can be
 * erased or exported. Write-back for scenarios is {@link #writer()}; its field updates are also this connector's
 * {@link RecordWriter}.
 */
@ApplicationScoped
public class Bitrix24Connector extends RemoteCallsConnector
        implements FetchingReceiver<JsonObject>, RecordSource, RecordWriter, SubjectEraser, SubjectExporter,
        InstallReceiver {

    public static final String KIND = "bitrix24";

    private static final Logger LOG = Logger.getLogger(Bitrix24Connector.class.getName());

    private final Bitrix24Apis apis;
    private final AppInstall install;
    private final HeldRecords held;
    private final Clock clock;

    /**
     * CDI's constructor: no bean produces a RemoteCalls, so the connector owns one shared by all its portals.
     *
     * @param held what Liaison holds of each portal, for the pull's {@link DeletionCheck}
     */
    @Inject
    public Bitrix24Connector(CredentialStore credentials, HeldRecords held) {
        this(RemoteCalls.withDefaults(), credentials, held, Clock.systemUTC());
    }

    Bitrix24Connector(RemoteCalls calls, CredentialStore credentials, HeldRecords held, Clock clock) {
        super(KIND, Bitrix24Settings.SPEC, calls);
        OAuthServer oauth = new OAuthServer(calls, clock);
        this.apis = new Bitrix24Apis(calls, new AccessTokens(credentials, oauth, clock));
        this.install = new AppInstall(credentials, oauth, apis, clock);
        this.held = held;
        this.clock = clock;
    }

    /** For the CDI client proxy only. */
    protected Bitrix24Connector() {
        this(null, null, null, null);
    }

    /** Fields, timeline comments and tasks, through the same rate-limited client as everything else. */
    public Bitrix24Writer writer() {
        return new Bitrix24Writer(apis);
    }

    /**
     * {@link Bitrix24Writer#updateFields}. {@code recordId} is Liaison's external id of the record ({@code C_89}, or
     * {@code L_4} for a contact, since leads are reported as contacts; {@code D_410}) or the bare Bitrix24 id of a
     * contact or deal.
     *
     * @throws RemoteSystemException (permanent) also when {@code recordId} names no record of {@code entity}
     */
    @Override
    public void updateFields(ConnectionContext connection, Entity entity, String recordId, Map<String, String> fields)
            throws RemoteSystemException {
        writer().updateFields(connection, recordRef(entity, recordId), fields);
    }

    private static String recordRef(Entity entity, String recordId) throws RemoteSystemException {
        Set<CrmEntity> accepted = entity == Entity.CONTACT ? EnumSet.of(CrmEntity.CONTACT, CrmEntity.LEAD)
                : EnumSet.of(CrmEntity.DEAL);
        String ref = recordId != null && recordId.matches("[1-9][0-9]{0,17}")
                ? (entity == Entity.CONTACT ? CrmEntity.CONTACT : CrmEntity.DEAL).refId(Long.parseLong(recordId))
                : recordId;
        return CrmEntity.fromRefId(ref).filter(target -> accepted.contains(target.entity()))
                .map(CrmEntity.Target::refId)
                .orElseThrow(() -> RemoteSystemException.permanent("'" + recordId + "' is not the id of a Bitrix24 "
                        + (entity == Entity.CONTACT ? "contact or lead" : "deal")));
    }

    /**
     * Handles what Bitrix24 sends to the local application's handler ({@code /install/bitrix24/{connectionId}}):
     * the install ({@code ONAPPINSTALL}, the install page's POST or an OAuth redirect with a code, whose fields are in
     * the query), {@code ONAPPUPDATE} and {@code ONAPPUNINSTALL}. Public, unauthenticated input: see
     * {@link AppInstall} for how it is trusted. The CRM events are bound to the request's webhook URL, the
     * application's own events to its callback URL. The answer is {@code {"boundEvents":[...],"memberId":...,
     * "status":"INSTALLED"}} ({@code UPDATED}, {@code UNINSTALLED}), the events being those bound by this request.
     *
     * @throws SetupRefusedException when the request is malformed, untrusted or for another portal; nothing changed
     * @throws RemoteSystemException when the OAuth server or the portal failed; tokens already obtained are stored
     */
    @Override
    public CallbackResponse receive(ConnectionContext connection, CallbackRequest request)
            throws SetupRefusedException, RemoteSystemException {
        AppRequestResult result = handleAppRequest(connection, request.bodyText(), request.query(),
                request.webhookUrl(), request.callbackUrl());
        LOG.info(() -> "Bitrix24 application " + result.action().name().toLowerCase(Locale.ROOT)
                + " for connection " + connection.id() + "; events bound now: " + result.boundEvents());
        JsonObjectBuilder answer = Bitrix24Api.JSON.createObjectBuilder()
                .add("boundEvents", Bitrix24Api.JSON.createArrayBuilder(result.boundEvents()));
        if (result.memberId() != null) {
            answer.add("memberId", result.memberId());
        }
        return CallbackResponse.json(answer.add("status", result.action().name()).build().toString());
    }

    /**
     * @param body         the form body, empty for an OAuth redirect (a GET)
     * @param query        the query string, where an OAuth redirect carries its fields
     * @param eventHandler the connection's public webhook URL, which the CRM events are bound to
     * @param appHandler   the public URL of this handler, which {@code ONAPPUNINSTALL} and {@code ONAPPUPDATE} are
     *                     bound to
     */
    AppRequestResult handleAppRequest(ConnectionContext connection, String body, String query, URI eventHandler,
                                      URI appHandler) throws SetupRefusedException, RemoteSystemException {
        return install.handle(connection, body, query, eventHandler, appHandler);
    }

    @Override
    public void verify(ConnectionContext connection, WebhookRequest request) throws WebhookRejectedException {
        Bitrix24Settings.EventAuth expected;
        try {
            expected = Bitrix24Settings.eventAuth(connection);
        } catch (IllegalStateException | IllegalArgumentException misconfigured) {
            throw new WebhookRejectedException(WebhookRejectedException.Reason.NOT_CONFIGURED,
                    "connection " + connection.id() + " cannot verify events: "
                    + misconfigured.getMessage());
        }
        FormBody form;
        try {
            form = FormBody.parse(request.bodyText());
        } catch (MalformedPayloadException e) {
            throw new WebhookRejectedException(WebhookRejectedException.Reason.MALFORMED_BODY,
                    "not a Bitrix24 event: " + e.getMessage());
        }
        byte[] token = form.field("auth[application_token]").orElse("").getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected.applicationToken().getBytes(StandardCharsets.UTF_8), token)) {
            throw new WebhookRejectedException("auth[application_token] does not match the outgoing webhook's token");
        }
        if (!expected.memberId().equals(form.field("auth[member_id]").orElse(""))) {
            throw new WebhookRejectedException(WebhookRejectedException.Reason.WRONG_ACCOUNT,
                    "auth[member_id] is not the member_id of connection " + connection.id());
        }
        if (!expected.domain().equals(form.field("auth[domain]").orElse("").toLowerCase(Locale.ROOT))) {
            throw new WebhookRejectedException(WebhookRejectedException.Reason.WRONG_ACCOUNT,
                    "auth[domain] is not the portal of connection " + connection.id());
        }
    }

    @Override
    public String dedupKey(ConnectionContext connection, WebhookRequest request) throws MalformedPayloadException {
        return OutgoingEvent.of(FormBody.parse(request.bodyText())).dedupKey();
    }

    /** The records the deliveries name, read with {@code batch} calls; deliveries that do not parse are left out. */
    @Override
    public FetchedRecords<JsonObject> fetch(ConnectionContext connection, List<WebhookRequest> deliveries) {
        List<OutgoingEvent> events = new ArrayList<>(deliveries.size());
        for (WebhookRequest delivery : deliveries) {
            try {
                events.add(OutgoingEvent.of(FormBody.parse(delivery.bodyText())));
            } catch (MalformedPayloadException refusedByParse) {
                // parse refuses this delivery with the same exception; it names no record to read.
            }
        }
        return EventFetch.fetch(() -> apis.of(connection), events);
    }

    @Override
    public List<CanonicalEvent> parse(ConnectionContext connection, WebhookRequest request,
                                      FetchedRecords<JsonObject> fetched)
            throws MalformedPayloadException, RemoteSystemException {
        return EventFetch.canonical(connection, fetched, OutgoingEvent.of(FormBody.parse(request.bodyText())));
    }

    /** Application mode only: a connection through an incoming webhook calls without an OAuth token. */
    @Override
    public Optional<Instant> accessTokenExpiresAt(ConnectionContext connection) {
        return ConnectionHealthReporter.tokenExpiry(connection.settings().get(Bitrix24Settings.ACCESS_TOKEN),
                connection.settings().get(Bitrix24Settings.EXPIRES_AT));
    }

    @Override
    public Page pull(ConnectionContext connection, String cursor)
            throws RemoteSystemException, MalformedPayloadException {
        return CrmSync.pull(apis.of(connection), held, cursor, clock.instant());
    }

    @Override
    public Outcome erase(ConnectionContext connection, SubjectIdentifiers subject) throws RemoteSystemException {
        return SubjectRequests.erase(apis.of(connection), subject);
    }

    @Override
    public String export(ConnectionContext connection, SubjectIdentifiers subject) throws RemoteSystemException {
        return SubjectRequests.export(apis.of(connection), subject);
    }
}
