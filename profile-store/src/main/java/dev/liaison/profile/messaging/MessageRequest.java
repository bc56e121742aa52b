package dev.liaison.profile.messaging;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a scenario decided to send to one person: the payload of a {@code SEND_MESSAGE} outbox action. It names the
 * profile, not an address: the address is read from the profile's identities at send time, so a changed or erased
 * address is honoured. Either {@code template} (e-mail) or {@code text} is given; {@code subject} goes with a text
 * e-mail. {@code variables} fill the template's blanks; they come from the scenario (a tier, a number of points),
 * never from the person's contact data, which stays out of the outbox.
 */
public record MessageRequest(String profileId, String purpose, String channel, String template, String subject,
                             String text, String locale, Map<String, String> variables) {

    public static final String TYPE = "SEND_MESSAGE";
    public static final String SERVICE = "service";

    public MessageRequest {
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(channel, "channel");
        if (isBlank(template) && isBlank(text)) {
            throw new IllegalArgumentException("a message needs a template or a text");
        }
        variables = Map.copyOf(variables == null ? Map.of() : variables);
    }

    public MessageRequest(String profileId, String purpose, String channel, String template, String subject,
                          String text, String locale) {
        this(profileId, purpose, channel, template, subject, text, locale, Map.of());
    }

    public boolean marketing() {
        return !SERVICE.equals(purpose);
    }

    public String toJson() {
        JsonObjectBuilder json = Json.createObjectBuilder().add("profileId", profileId).add("purpose", purpose)
                .add("channel", channel);
        addIfPresent(json, "template", template);
        addIfPresent(json, "subject", subject);
        addIfPresent(json, "text", text);
        addIfPresent(json, "locale", locale);
        if (!variables.isEmpty()) {
            JsonObjectBuilder values = Json.createObjectBuilder();
            new TreeMap<>(variables).forEach(values::add);
            json.add("variables", values);
        }
        return json.build().toString();
    }

    public static MessageRequest fromJson(String payload) {
        try (JsonReader reader = Json.createReader(new StringReader(payload))) {
            JsonObject json = reader.readObject();
            Map<String, String> variables = new LinkedHashMap<>();
            JsonObject values = json.getJsonObject("variables");
            if (values != null) {
                values.forEach((name, value) -> variables.put(name, ((JsonString) value).getString()));
            }
            return new MessageRequest(json.getString("profileId", null), json.getString("purpose", null),
                    json.getString("channel", null), json.getString("template", null),
                    json.getString("subject", null), json.getString("text", null), json.getString("locale", null),
                    variables);
        }
    }

    private static void addIfPresent(JsonObjectBuilder json, String name, String value) {
        if (!isBlank(value)) {
            json.add(name, value);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
