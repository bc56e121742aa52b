package dev.liaison.connectors.zendesk;

import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.TicketRouter.RoutingDecision;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes a routing decision to a ticket with {@code PUT /api/v2/tickets/{id}.json}. That endpoint replaces the tag
 * list ({@code additional_tags} works only on {@code update_many}), so the ticket is read first and the decision's
 * tags are merged into its own; {@code safe_update} with the read {@code updated_at} makes Zendesk answer 409
 * instead of overwriting tags an agent changed in between, and the action is retried with a fresh read.
 */
final class TicketRouting {

    private static final Set<String> PRIORITIES = Set.of("urgent", "high", "normal", "low");

    private TicketRouting() {
    }

    static void apply(ZendeskApi api, String ticketId, RoutingDecision decision) throws RemoteSystemException {
        String id = zendeskId("ticket", ticketId);
        JsonObjectBuilder update = Json.createObjectBuilder();
        if (decision.group() != null) {
            update.add("group_id", Long.parseLong(zendeskId("group", decision.group())));
        }
        if (decision.assignee() != null) {
            update.add("assignee_id", Long.parseLong(zendeskId("assignee", decision.assignee())));
        }
        if (decision.priority() != null) {
            update.add("priority", priority(decision.priority()));
        }
        if (!decision.tags().isEmpty()) {
            Current ticket = current(api, id);
            Set<String> tags = new LinkedHashSet<>(ticket.tags());
            decision.tags().stream().map(String::trim).filter(tag -> !tag.isEmpty()).forEach(tags::add);
            update.add("tags", Json.createArrayBuilder(tags));
            if (ticket.updatedAt() != null) {
                update.add("safe_update", true).add("updated_stamp", ticket.updatedAt());
            }
        }
        if (decision.explanation() != null && !decision.explanation().isBlank()) {
            update.add("comment", Json.createObjectBuilder().add("body", decision.explanation()).add("public", false));
        }
        JsonObject body = update.build();
        if (!body.isEmpty()) {
            String ticket = Json.createObjectBuilder().add("ticket", body).build().toString();
            api.put((rest, auth) -> rest.updateTicket(auth, id, ticket));
        }
    }

    /** The ticket's tags and last update, as the base of the merge. */
    private record Current(List<String> tags, String updatedAt) {
    }

    private static Current current(ZendeskApi api, String id) throws RemoteSystemException {
        try {
            JsonObject ticket = JsonFields.requiredObject(api.get((rest, auth) -> rest.ticket(auth, id)), "ticket");
            return new Current(JsonFields.texts(ticket, "tags"), JsonFields.optionalText(ticket, "updated_at"));
        } catch (MalformedPayloadException e) {
            throw new RemoteSystemException("Zendesk answered GET /api/v2/tickets/" + id
                    + ".json with an unreadable ticket: " + e.getMessage(), true, null, e);
        }
    }

    /** Zendesk ids are positive integers; anything else would not reach the intended record, or any at all. */
    private static String zendeskId(String what, String value) throws RemoteSystemException {
        String trimmed = value.trim();
        if (!trimmed.matches("[1-9][0-9]{0,17}")) {
            throw RemoteSystemException.permanent("the routing " + what + " must be a Zendesk " + what + " id");
        }
        return trimmed;
    }

    private static String priority(String value) throws RemoteSystemException {
        String priority = value.trim().toLowerCase(Locale.ROOT);
        if (!PRIORITIES.contains(priority)) {
            throw RemoteSystemException.permanent("the routing priority must be one of " + PRIORITIES);
        }
        return priority;
    }
}
