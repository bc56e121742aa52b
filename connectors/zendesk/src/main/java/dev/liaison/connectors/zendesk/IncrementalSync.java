package dev.liaison.connectors.zendesk;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RecordSource;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.TicketUpdated;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pulls users, then tickets, through Zendesk's cursor-based incremental exports
 * ({@code /api/v2/incremental/{users,tickets}/cursor.json}): {@code start_time=0} the first time, then
 * {@code cursor=after_cursor} until {@code end_of_stream}. One call per page, so a stored cursor resumes exactly.
 *
 * <p>Tickets become {@link dev.liaison.connector.api.TicketCreated} dated with their creation time: the model has
 * no "ticket as it is now" event, and what the profile store needs from the sync is the requester link and the
 * ticket's subject, priority and tags for the requester's history.
 *
 * <p>Deletions come in the same exports: a user deleted in Zendesk is exported with {@code active: false} and
 * becomes {@link dev.liaison.connector.api.ContactDeleted} ({@link ZendeskUsers#toEvent}), and a deleted ticket with
 * {@code status: "deleted"} becomes a {@link TicketUpdated} to that status, dated with its {@code updated_at}, so that
 * the requester's timeline shows it deleted. The separate {@code /api/v2/deleted_users} and
 * {@code /api/v2/deleted_tickets} lists are not read: they have no time filter (each poll would read them whole), and
 * the exports already carry what they list.
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
            if ("deleted".equals(JsonFields.optionalText(ticket, "status"))) {
                events.add(new TicketUpdated(connection.ref(JsonFields.requiredText(ticket, "id")),
                        JsonFields.requiredInstant(ticket, "updated_at"), Map.of("status", "deleted")));
            } else {
                events.add(ZendeskTickets.created(connection, ticket,
                        JsonFields.requiredInstant(ticket, "created_at"), null));
            }
        }
        return events;
    }
}
