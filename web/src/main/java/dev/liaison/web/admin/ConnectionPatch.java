package dev.liaison.web.admin;

import dev.liaison.connector.api.SettingsSpec;
import dev.liaison.platform.connection.ConnectionNames;
import dev.liaison.web.problem.Problem;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of {@code PATCH /api/admin/connections/{id}}, a JSON Merge Patch (RFC 7396) of the connection's
 * {@code name} and {@code settings}: a setting given replaces the stored one, a setting given as null is removed, a
 * setting not mentioned stays. Secrets stay unless given, since the API never shows them and a patch cannot repeat
 * them. Nothing else of a connection is changed by a patch: its kind never, its state through {@code DELETE} and
 * {@code POST …/enable}.
 *
 * @param name the new name, trimmed; null when the patch does not rename
 * @param settings the settings the patch mentions; a null value removes that setting
 */
record ConnectionPatch(String name, Map<String, String> settings) {

    static final String MEDIA_TYPE = "application/merge-patch+json";
    static final String NAME = "name";
    static final String SETTINGS = "settings";

    ConnectionPatch {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /**
     * Reads a patch, adding a problem for every member that is wrong to {@code errors} (a patch with problems is
     * never applied): members other than name and settings, a name that is not a non-blank string within the
     * column, settings that are not an object of strings and nulls, and a setting the connector does not know or
     * derives itself. What the settings become is checked afterwards, like a new connection's.
     */
    static ConnectionPatch read(JsonObject body, SettingsSpec spec, List<Problem.FieldError> errors) {
        body.keySet().stream().filter(member -> !NAME.equals(member) && !SETTINGS.equals(member)).sorted()
                .forEach(member -> errors.add(new Problem.FieldError(member, unchangeable(member))));
        String name = body.containsKey(NAME) ? name(body.get(NAME), errors) : null;
        Map<String, String> settings = new LinkedHashMap<>();
        if (body.containsKey(SETTINGS)) {
            JsonValue given = body.get(SETTINGS);
            if (given.getValueType() != JsonValue.ValueType.OBJECT) {
                errors.add(new Problem.FieldError(SETTINGS, "must be an object of the settings to change; "
                        + "a setting given as null is removed"));
            } else {
                given.asJsonObject().forEach((setting, value) -> setting(spec, setting, value, errors)
                        .ifPresentOrRemoved(settings, setting));
            }
        }
        return new ConnectionPatch(name, settings);
    }

    /** The settings once patched: the stored ones, those given replaced, those given as null removed. */
    Map<String, String> applyTo(Map<String, String> stored) {
        Map<String, String> merged = new LinkedHashMap<>(stored);
        settings.forEach((setting, value) -> {
            if (value == null) {
                merged.remove(setting);
            } else {
                merged.put(setting, value);
            }
        });
        return merged;
    }

    /** The names of the settings whose value the patch changes, for the audit trail: names only, never values. */
    List<String> changedSettings(Map<String, String> stored) {
        List<String> changed = new ArrayList<>();
        settings.forEach((setting, value) -> {
            if (!Objects.equals(stored.get(setting), value)) {
                changed.add(setting);
            }
        });
        return changed;
    }

    private static String unchangeable(String member) {
        return switch (member) {
            case "kind" -> "cannot be changed: create a connection of the other kind";
            case "enabled", "status" -> "is changed with POST /api/admin/connections/{id}/enable and "
                    + "DELETE /api/admin/connections/{id}, not with PATCH";
            default -> "is not something a PATCH changes; it takes name and settings";
        };
    }

    private static String name(JsonValue value, List<Problem.FieldError> errors) {
        if (value.getValueType() != JsonValue.ValueType.STRING || ((JsonString) value).getString().isBlank()) {
            errors.add(new Problem.FieldError(NAME, "must be a non-blank string; a connection always has a name"));
            return null;
        }
        String name = ((JsonString) value).getString().trim();
        if (name.length() > ConnectionNames.LIMIT) {
            errors.add(new Problem.FieldError(NAME, "must be at most " + ConnectionNames.LIMIT + " characters"));
            return null;
        }
        return name;
    }

    /** One mentioned setting: its new value, its removal, or a problem (then neither). */
    private static Mention setting(SettingsSpec spec, String setting, JsonValue value,
                                   List<Problem.FieldError> errors) {
        String field = SETTINGS + "." + setting;
        if (spec.field(setting).isEmpty()) {
            errors.add(new Problem.FieldError(field, "is not a setting of this connector"));
            return Mention.NONE;
        }
        if (spec.derived().contains(setting)) {
            errors.add(new Problem.FieldError(field, SettingsSpec.DERIVED_MESSAGE));
            return Mention.NONE;
        }
        return switch (value.getValueType()) {
            case NULL -> Mention.REMOVED;
            case STRING -> new Mention(((JsonString) value).getString(), true);
            default -> {
                errors.add(new Problem.FieldError(field, "must be a string, or null to remove it"));
                yield Mention.NONE;
            }
        };
    }

    /** What a patch says about one setting: a new value, or a removal (value null), or nothing usable. */
    private record Mention(String value, boolean usable) {

        static final Mention NONE = new Mention(null, false);
        static final Mention REMOVED = new Mention(null, true);

        void ifPresentOrRemoved(Map<String, String> settings, String setting) {
            if (usable) {
                settings.put(setting, value);
            }
        }
    }
}
