package dev.liaison.connectors.zendesk;

import dev.liaison.connector.api.MalformedPayloadException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Locale;

/**
 * Where a pull of one Zendesk account stands: which export runs now (users first, so that tickets find their
 * requesters already known) and Zendesk's {@code after_cursor} of each export. Both are kept, so that a later
 * poll continues each export where its last page ended. Stored by Liaison as compact JSON, e.g.
 * {@code {"v":1,"stream":"tickets","users":"MTU4MDc1Mzc5OC4wfHw0MzJ8","tickets":null}}.
 */
record SyncCursor(Stream stream, String users, String tickets) {

    enum Stream {
        USERS("users"), TICKETS("tickets");

        private final String resource;

        Stream(String resource) {
            this.resource = resource;
        }

        String resource() {
            return resource;
        }
    }

    static final SyncCursor START = new SyncCursor(Stream.USERS, null, null);

    static SyncCursor parse(String cursor) throws MalformedPayloadException {
        if (cursor == null || cursor.isBlank()) {
            return START;
        }
        JsonObject json = JsonFields.object(cursor);
        if (!"1".equals(JsonFields.optionalText(json, "v"))) {
            throw new MalformedPayloadException("the sync cursor is not a version 1 Zendesk cursor");
        }
        Stream stream;
        try {
            stream = Stream.valueOf(JsonFields.requiredText(json, "stream").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MalformedPayloadException("the sync cursor names an unknown stream");
        }
        return new SyncCursor(stream, JsonFields.optionalText(json, "users"), JsonFields.optionalText(json, "tickets"));
    }

    /** Zendesk's cursor for the export that runs now, or {@code null} to start it from the beginning. */
    String position() {
        return stream == Stream.USERS ? users : tickets;
    }

    SyncCursor advancedTo(String afterCursor) {
        String position = afterCursor == null ? position() : afterCursor;
        return stream == Stream.USERS
                ? new SyncCursor(stream, position, tickets)
                : new SyncCursor(stream, users, position);
    }

    SyncCursor next() {
        return new SyncCursor(stream == Stream.USERS ? Stream.TICKETS : Stream.USERS, users, tickets);
    }

    String encode() {
        JsonObjectBuilder json = Json.createObjectBuilder().add("v", 1).add("stream", stream.resource());
        addNullable(json, "users", users);
        addNullable(json, "tickets", tickets);
        return json.build().toString();
    }

    private static void addNullable(JsonObjectBuilder json, String name, String value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }
}
