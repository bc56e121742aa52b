package dev.liaison.platform.outbox;

import dev.liaison.connector.api.TicketRouter;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;

/** The outbox payload of a {@value #TYPE} action: the ticket and the decision to apply to it. */
public final class RouteTicketPayload {

    public static final String TYPE = "ROUTE_TICKET";
    private static final JsonProvider JSON = JsonProvider.provider();

    private RouteTicketPayload() {
    }

    public static String write(String ticketId, TicketRouter.RoutingDecision decision) {
        JsonArrayBuilder tags = JSON.createArrayBuilder();
        decision.tags().forEach(tags::add);
        JsonObjectBuilder object = JSON.createObjectBuilder().add("ticketId", ticketId).add("tags", tags);
        addIfPresent(object, "group", decision.group());
        addIfPresent(object, "assignee", decision.assignee());
        addIfPresent(object, "priority", decision.priority());
        addIfPresent(object, "explanation", decision.explanation());
        return object.build().toString();
    }

    public static String ticketId(String payload) {
        return read(payload).getString("ticketId");
    }

    public static TicketRouter.RoutingDecision decision(String payload) {
        JsonObject object = read(payload);
        return new TicketRouter.RoutingDecision(object.getString("group", null), object.getString("assignee", null),
                object.getString("priority", null),
                object.getJsonArray("tags").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList(),
                object.getString("explanation", null));
    }

    private static JsonObject read(String payload) {
        try (JsonReader reader = JSON.createReader(new StringReader(payload))) {
            return reader.readObject();
        }
    }

    private static void addIfPresent(JsonObjectBuilder object, String name, String value) {
        if (value != null) {
            object.add(name, value);
        }
    }
}
