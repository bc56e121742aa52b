package dev.liaison.connector.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The settings one connector kind accepts. Secret settings are stored encrypted and never shown again. */
public record SettingsSpec(List<Field> fields) {

    public record Field(String name, boolean required, boolean secret, String description) {
    }

    public SettingsSpec {
        fields = List.copyOf(fields);
    }

    public static SettingsSpec of(Field... fields) {
        return new SettingsSpec(List.of(fields));
    }

    public static Field required(String name, String description) {
        return new Field(name, true, false, description);
    }

    public static Field optional(String name, String description) {
        return new Field(name, false, false, description);
    }

    public static Field requiredSecret(String name, String description) {
        return new Field(name, true, true, description);
    }

    /**
     * The setting that maps consent checkboxes of the connected system to consent purposes, understood by the
     * profile store: {@code FIELD=purpose:channel[,FIELD=purpose:channel...]}, where FIELD is a contact attribute
     * the connector reports. Connectors whose contacts carry such fields add it to their spec.
     */
    public static Field consentFields() {
        return optional(CONSENT_FIELDS, "contact fields that record consent, as FIELD=purpose:channel, comma-separated");
    }

    public static final String CONSENT_FIELDS = "consentFields";

    public Optional<Field> field(String name) {
        return fields.stream().filter(field -> field.name().equals(name)).findFirst();
    }

    public boolean isSecret(String name) {
        return field(name).map(Field::secret).orElse(false);
    }

    /** Names the settings that are wrong: required ones missing or blank, and names this kind does not know. */
    public List<Violation> validate(Map<String, String> settings) {
        List<Violation> violations = new ArrayList<>();
        for (Field field : fields) {
            String value = settings.get(field.name());
            if (field.required() && (value == null || value.isBlank())) {
                violations.add(new Violation(field.name(), "is required: " + field.description()));
            }
        }
        for (String name : settings.keySet()) {
            if (field(name).isEmpty()) {
                violations.add(new Violation(name, "is not a setting of this connector"));
            }
        }
        return violations;
    }

    public record Violation(String setting, String message) {
    }
}
