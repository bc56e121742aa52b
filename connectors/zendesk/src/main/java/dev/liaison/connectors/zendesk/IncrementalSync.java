package dev.liaison.connectors.zendesk;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RecordSource;
import dev.liaison.connector.api.RemoteSystemException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Pulls users, then tickets, through Zendesk's cursor-based incremental exports
 * ({@code /api/v2/incremental/{users,tickets}/cursor.json}): {@code start_time=0} the first time, then
 * {@code cursor=after_cursor} until {@code end_of_stream}. One call per page, so a stored cursor resumes exactly.
 *
 * <p>Tickets become {@link dev.liaison.connector.api.TicketCreated} dated with their creation time: the model has
 * no "ticket as it is now" event, and what the profile store needs from the sync is the requester link and the
 * ticket's subject, priority and tags for the requester's history. Deleted tickets carry nothing it can use and are
 * left out.
 */
final class IncrementalSync {

    private IncrementalSync() {
    }

    static RecordSource.Page pull(ZendeskApi api, ConnectionContext connection, String stored)
            throws RemoteSystemException, MalformedPayloadException {
        SyncCursor cursor = SyncCursor.parse(stored);
        String resource = cursor.stream().resource();
        String position = cursor.position();
        Long startTime = position == null ? 0L : null;
        JsonObject page = api.export((rest, auth) -> rest.incrementalExport(auth, resource, startTime, position));
        List<CanonicalEvent> events = cursor.stream() == SyncCursor.Stream.USERS
                ? users(connection, page) : tickets(connection, page);
        JsonValue endOfStream = page.get("end_of_stream");
        if (endOfStream != JsonValue.TRUE && endOfStream != JsonValue.FALSE) {
            throw new MalformedPayloadException("the " + resource + " export page has no 'end_of_stream'");
        }
        SyncCursor advanced = cursor.advancedTo(JsonFields.optionalText(page, "after_cursor"));
        if (endOfStream == JsonValue.FALSE) {
            return new RecordSource.Page(events, advanced.encode(), true);
        }
        boolean ticketsFollow = cursor.stream() == SyncCursor.Stream.USERS;
        return new RecordSource.Page(events, advanced.next().encode(), ticketsFollow);
    }

    private static List<CanonicalEvent> users(ConnectionContext connection, JsonObject page)
            throws MalformedPayloadException {
        List<CanonicalEvent> events = new ArrayList<>();
        for (JsonObject user : JsonFields.objects(page, "users")) {
            events.add(ZendeskUsers.toEvent(connection, user, ZendeskUsers.changedAt(user)));
        }
        return events;
    }

    private static List<CanonicalEvent> tickets(ConnectionContext connection, JsonObject page)
            throws MalformedPayloadException {
        List<CanonicalEvent> events = new ArrayList<>();
        for (JsonObject ticket : JsonFields.objects(page, "tickets")) {
            if (!"deleted".equals(JsonFields.optionalText(ticket, "status"))) {
                events.add(ZendeskTickets.created(connection, ticket,
                        JsonFields.requiredInstant(ticket, "created_at"), null));
            }
        }
        return events;
    }
}
