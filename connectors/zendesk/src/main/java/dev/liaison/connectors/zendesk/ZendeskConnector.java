package dev.liaison.connectors.zendesk;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RecordSource;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SubjectEraser;
import dev.liaison.connector.api.SubjectExporter;
import dev.liaison.connector.api.SubjectIdentifiers;
import dev.liaison.connector.api.TicketRouter;
import dev.liaison.connector.api.WebhookReceiver;
import dev.liaison.connector.api.WebhookRejectedException;
import dev.liaison.connector.api.WebhookRequest;
import dev.liaison.connectors.support.RemoteCalls;
import dev.liaison.connectors.support.RemoteCallsConnector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Zendesk Support. Webhooks come either from an event subscription (Zendesk's {@code zen:event-type:*} schema) or
 * from a trigger that posts the JSON template in this module's README; both are signed with
 * {@code X-Zendesk-Webhook-Signature}. Users and tickets are pulled through the incremental cursor exports,
 * routing decisions are written back to tickets, and requesters can be erased or exported.
 */
@ApplicationScoped
public class ZendeskConnector extends RemoteCallsConnector
        implements WebhookReceiver, RecordSource, TicketRouter, SubjectEraser, SubjectExporter {

    public static final String KIND = "zendesk";

    private final Clock clock;
    private final RemoteCalls.Sleeper sleeper;

    /** CDI's constructor: no bean produces a RemoteCalls, so the connector owns one shared by all its connections. */
    public ZendeskConnector() {
        this(RemoteCalls.withDefaults(), Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis()));
    }

    ZendeskConnector(RemoteCalls calls, Clock clock, RemoteCalls.Sleeper sleeper) {
        super(KIND, ZendeskSettings.SPEC, calls);
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public void verify(ConnectionContext connection, WebhookRequest request) throws WebhookRejectedException {
        List<String> secrets;
        Duration window;
        try {
            secrets = ZendeskSettings.signingSecrets(connection);
            window = ZendeskSettings.replayWindow(connection);
        } catch (IllegalStateException | IllegalArgumentException misconfigured) {
            throw new WebhookRejectedException(WebhookRejectedException.Reason.NOT_CONFIGURED,
                    "connection " + connection.id() + " cannot verify deliveries: "
                    + misconfigured.getMessage());
        }
        ZendeskSignature.verify(secrets, window, request.header(ZendeskSignature.TIMESTAMP_HEADER).orElse(null),
                request.header(ZendeskSignature.SIGNATURE_HEADER).orElse(null), request.body(), clock.instant());
    }

    @Override
    public String dedupKey(ConnectionContext connection, WebhookRequest request) throws MalformedPayloadException {
        byte[] raw = request.body();
        JsonObject body = JsonFields.object(raw);
        if (ZendeskEvents.isEvent(body)) {
            return JsonFields.requiredText(body, "id");
        }
        if (TriggerPayload.isTrigger(body)) {
            return TriggerPayload.dedupKey(body, raw);
        }
        throw notZendesk();
    }

    @Override
    public List<CanonicalEvent> parse(ConnectionContext connection, WebhookRequest request)
            throws MalformedPayloadException {
        JsonObject body = JsonFields.object(request.body());
        if (ZendeskEvents.isEvent(body)) {
            return ZendeskEvents.parse(connection, body);
        }
        if (TriggerPayload.isTrigger(body)) {
            return TriggerPayload.parse(connection, body);
        }
        throw notZendesk();
    }

    @Override
    public Page pull(ConnectionContext connection, String cursor)
            throws RemoteSystemException, MalformedPayloadException {
        return IncrementalSync.pull(api(connection), connection, cursor);
    }

    @Override
    public void apply(ConnectionContext connection, String ticketId, RoutingDecision decision)
            throws RemoteSystemException {
        TicketRouting.apply(api(connection), ticketId, decision);
    }

    @Override
    public Outcome erase(ConnectionContext connection, SubjectIdentifiers subject) throws RemoteSystemException {
        ZendeskApi api = api(connection);
        return ZendeskErasure.erase(api, sleeper, SubjectLookup.userIds(api, connection, subject));
    }

    @Override
    public String export(ConnectionContext connection, SubjectIdentifiers subject) throws RemoteSystemException {
        ZendeskApi api = api(connection);
        return ZendeskExport.export(api, connection, SubjectLookup.userIds(api, connection, subject));
    }

    private ZendeskApi api(ConnectionContext connection) {
        return new ZendeskApi(calls(), clock, connection);
    }

    private static MalformedPayloadException notZendesk() {
        return new MalformedPayloadException("the body is neither a Zendesk event (\"type\":\"zen:event-type:...\") "
                + "nor the Liaison trigger template (\"" + TriggerPayload.MARKER_FIELD + "\":\""
                + TriggerPayload.MARKER + "\")");
    }
}
