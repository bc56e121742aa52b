package dev.liaison.connectors.bitrix24;

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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;

/**
 * Bitrix24 connected through an incoming webhook (REST calls) and an outgoing webhook (CRM events). Events are
 * trusted by their {@code auth[application_token]} with the portal's {@code member_id} and {@code domain} pinned, the
 * only mechanism Bitrix24 offers; they carry ids only, so parsing fetches the records. Contacts, leads and deals are
 * pulled in ID order, one portal's calls share its leaky bucket, and one data subject's contacts and leads can be
 * erased or exported. Write-back for scenarios is {@link #writer()}.
 */
@ApplicationScoped
public class Bitrix24Connector
        implements Connector, WebhookReceiver, RecordSource, SubjectEraser, SubjectExporter {

    public static final String KIND = "bitrix24";

    private final RemoteHttp http;

    /** CDI's constructor: no bean produces a RemoteHttp, so the connector owns one shared by all its portals. */
    public Bitrix24Connector() {
        this(RemoteHttp.withDefaults());
    }

    Bitrix24Connector(RemoteHttp http) {
        this.http = http;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public SettingsSpec settings() {
        return Bitrix24Settings.SPEC;
    }

    /** Fields, timeline comments and tasks, through the same rate-limited client as everything else. */
    public Bitrix24Writer writer() {
        return new Bitrix24Writer(http);
    }

    @Override
    public void verify(ConnectionContext connection, WebhookRequest request) throws WebhookRejectedException {
        Bitrix24Settings.EventAuth expected;
        try {
            expected = Bitrix24Settings.eventAuth(connection);
        } catch (IllegalStateException | IllegalArgumentException misconfigured) {
            throw new WebhookRejectedException("connection " + connection.id() + " cannot verify events: "
                    + misconfigured.getMessage());
        }
        FormBody form;
        try {
            form = FormBody.parse(request.bodyText());
        } catch (MalformedPayloadException e) {
            throw new WebhookRejectedException("not a Bitrix24 event: " + e.getMessage());
        }
        byte[] token = form.field("auth[application_token]").orElse("").getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected.applicationToken().getBytes(StandardCharsets.UTF_8), token)) {
            throw new WebhookRejectedException("auth[application_token] does not match the outgoing webhook's token");
        }
        if (!expected.memberId().equals(form.field("auth[member_id]").orElse(""))) {
            throw new WebhookRejectedException("auth[member_id] is not the member_id of connection " + connection.id());
        }
        if (!expected.domain().equals(form.field("auth[domain]").orElse("").toLowerCase(Locale.ROOT))) {
            throw new WebhookRejectedException("auth[domain] is not the portal of connection " + connection.id());
        }
    }

    @Override
    public String dedupKey(ConnectionContext connection, WebhookRequest request) throws MalformedPayloadException {
        return OutgoingEvent.of(FormBody.parse(request.bodyText())).dedupKey();
    }

    @Override
    public List<CanonicalEvent> parse(ConnectionContext connection, WebhookRequest request)
            throws MalformedPayloadException, RemoteSystemException {
        OutgoingEvent event = OutgoingEvent.of(FormBody.parse(request.bodyText()));
        return EventFetch.canonical(connection, () -> api(http, connection), event);
    }

    @Override
    public Page pull(ConnectionContext connection, String cursor)
            throws RemoteSystemException, MalformedPayloadException {
        return CrmSync.pull(api(http, connection), cursor);
    }

    @Override
    public Outcome erase(ConnectionContext connection, SubjectIdentifiers subject) throws RemoteSystemException {
        return SubjectRequests.erase(api(http, connection), subject);
    }

    @Override
    public String export(ConnectionContext connection, SubjectIdentifiers subject) throws RemoteSystemException {
        return SubjectRequests.export(api(http, connection), subject);
    }

    /** A misconfigured connection fails every call the same way until an admin fixes it: permanently. */
    static Bitrix24Api api(RemoteHttp http, ConnectionContext connection) throws RemoteSystemException {
        try {
            return new Bitrix24Api(http, connection);
        } catch (IllegalStateException | IllegalArgumentException misconfigured) {
            throw RemoteSystemException.permanent("connection " + connection.id() + " cannot call Bitrix24: "
                    + misconfigured.getMessage());
        }
    }
}
