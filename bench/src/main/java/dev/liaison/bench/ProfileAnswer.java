package dev.liaison.bench;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;

/** Reads the server's JSON answers the profile benchmark needs to check. */
final class ProfileAnswer {

    /** Looked up once: {@code Json.createReader} runs a ServiceLoader lookup on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private ProfileAnswer() {
    }

    /**
     * The id of the one profile a {@code GET /api/profiles?...} answer holds.
     *
     * @throws RequestFailed when the answer is not a list of exactly one profile
     */
    static String singleProfileId(String body) throws RequestFailed {
        JsonValue answer;
        try {
            answer = read(body);
        } catch (JsonException e) {
            throw new RequestFailed("answer is not JSON");
        }
        if (answer.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new RequestFailed("answer is not a list");
        }
        JsonArray profiles = answer.asJsonArray();
        if (profiles.size() != 1 || profiles.get(0).getValueType() != JsonValue.ValueType.OBJECT) {
            throw new RequestFailed("not exactly one profile");
        }
        JsonObject profile = profiles.getJsonObject(0);
        if (!profile.containsKey("id") || profile.get("id").getValueType() != JsonValue.ValueType.STRING) {
            throw new RequestFailed("profile without id");
        }
        return profile.getString("id");
    }

    /** Where a connection's inbox stands, from {@code GET /api/admin/connections/{id}}. */
    record InboxCounts(long pending, long done, long dead) {
    }

    static InboxCounts inboxCounts(String connectionView) {
        JsonValue answer;
        try {
            answer = read(connectionView);
        } catch (JsonException e) {
            throw new IllegalStateException("the connection view is not JSON", e);
        }
        if (answer.getValueType() != JsonValue.ValueType.OBJECT
                || !(answer.asJsonObject().get("inbox") instanceof JsonObject inbox)) {
            throw new IllegalStateException("the connection view has no inbox");
        }
        return new InboxCounts(inbox.getJsonNumber("pending").longValue(), inbox.getJsonNumber("done").longValue(),
                inbox.getJsonNumber("dead").longValue());
    }

    private static JsonValue read(String body) {
        try (JsonReader reader = JSON.createReader(new StringReader(body))) {
            return reader.readValue();
        }
    }
}
