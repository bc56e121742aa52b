package dev.liaison.connectors.zendesk;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RemoteSystemException;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Optional;
import java.util.Set;

/**
 * Exports what Zendesk holds about a data subject: each matching user as Zendesk returns it, with the tickets the
 * user requested ({@code GET /api/v2/users/{id}/tickets/requested.json}, cursor-paginated).
 */
final class ZendeskExport {

    /** 100 pages of 100 tickets; a requester with more is an account to export by hand, not in one request. */
    static final int MAX_TICKET_PAGES = 100;
    static final int PAGE_SIZE = 100;

    private ZendeskExport() {
    }

    static String export(ZendeskApi api, ConnectionContext connection, Set<String> userIds)
            throws RemoteSystemException {
        JsonArrayBuilder users = Json.createArrayBuilder();
        for (String id : userIds) {
            Optional<JsonObject> user = api.find((rest, auth) -> rest.user(auth, id));
            if (user.isPresent()) {
                users.add(Json.createObjectBuilder()
                        .add("user", user.get().getOrDefault("user", JsonValue.NULL))
                        .add("tickets", tickets(api, id)));
            }
        }
        return Json.createObjectBuilder()
                .add("system", connection.kind())
                .add("connectionId", connection.id())
                .add("users", users)
                .build().toString();
    }

    private static JsonArrayBuilder tickets(ZendeskApi api, String userId) throws RemoteSystemException {
        JsonArrayBuilder tickets = Json.createArrayBuilder();
        String after = null;
        try {
            for (int page = 0; page < MAX_TICKET_PAGES; page++) {
                String pageAfter = after;
                JsonObject answer = api.get((rest, auth) -> rest.requestedTickets(auth, userId, PAGE_SIZE, pageAfter));
                JsonFields.objects(answer, "tickets").forEach(tickets::add);
                JsonObject meta = JsonFields.optionalObject(answer, "meta");
                after = JsonFields.optionalText(meta, "after_cursor");
                if (meta.get("has_more") != JsonValue.TRUE || after == null) {
                    return tickets;
                }
            }
        } catch (MalformedPayloadException e) {
            throw new RemoteSystemException("Zendesk answered with an unreadable ticket page", true, null, e);
        }
        throw RemoteSystemException.permanent("user " + userId + " requested more than "
                + MAX_TICKET_PAGES * PAGE_SIZE + " tickets; export them in Zendesk");
    }
}
