package dev.liaison.connector.api;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The settings one connector kind accepts. Secret settings are stored encrypted and never shown again. */
public record SettingsSpec(List<Field> fields) {

    /**
     * Every value is bounded: settings are kept in one column and read on every delivery, and no legitimate URL,
     * token or name comes near this length.
     */
    public static final int VALUE_LIMIT = 2000;

    /**
     * One setting; {@code checks} are run on its value when it is given and not blank. A {@code derived} setting is
     * the connection's own public webhook URL, {@code {liaison.public-url}/hooks/{connectionId}}: Liaison fills it in
     * when the connection is created or changed, because the id exists only then, and nobody may type it.
     */
    public record Field(String name, boolean required, boolean secret, String description, List<SettingCheck> checks,
                        boolean derived) {

        public Field {
            checks = List.copyOf(checks);
        }

        public Field(String name, boolean required, boolean secret, String description, List<SettingCheck> checks) {
            this(name, required, secret, description, checks, false);
        }

        public Field(String name, boolean required, boolean secret, String description) {
            this(name, required, secret, description, List.of());
        }

        /** This field with further checks of its value. */
        public Field checked(SettingCheck... more) {
            List<SettingCheck> all = new ArrayList<>(checks);
            all.addAll(List.of(more));
            return new Field(name, required, secret, description, all, derived);
        }
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

    /** A setting that holds the connection's public webhook URL, derived by Liaison (see {@link Field}). */
    public static Field webhookUrl(String name, String description) {
        return new Field(name, false, false, description, List.of(), true);
    }

    /** The message for a derived setting that a caller tried to set. */
    public static final String DERIVED_MESSAGE = "is derived from liaison.public-url and the connection id; "
            + "Liaison sets it and it cannot be given";

    /**
     * The setting that maps consent checkboxes of the connected system to consent purposes, understood by the
     * profile store: {@code FIELD=purpose:channel[,FIELD=purpose:channel...]}, where FIELD is a contact attribute
     * the connector reports. Connectors whose contacts carry such fields add it to their spec.
     */
    public static Field consentFields() {
        return optional(CONSENT_FIELDS, "contact fields that record consent, as FIELD=purpose:channel, comma-separated")
                .checked(SettingChecks.matches(CONSENT_FIELDS_FORMAT, "FIELD=purpose:channel[,FIELD=purpose:channel...]"));
    }

    public static final String CONSENT_FIELDS = "consentFields";
    private static final Pattern CONSENT_FIELDS_FORMAT =
            Pattern.compile("\\s*[^=,\\s][^=,]*=[^:,]+:[^,]+(,\\s*[^=,\\s][^=,]*=[^:,]+:[^,]+)*\\s*");

    /**
     * Whether a new connection imports the records that already exist in the connected system (true, the default)
     * or waits paused until the admin starts its sync. Understood by the platform's sync; connectors whose records
     * Liaison pulls ({@link RecordSource}) add it with {@link #withSyncSettings()}.
     */
    public static final String INITIAL_IMPORT = "initialImport";
    /** How often the sync reconciles, an ISO-8601 duration; see {@link #syncInterval(String)}. */
    public static final String SYNC_INTERVAL = "syncInterval";
    public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofMinutes(15);
    private static final Duration MIN_SYNC_INTERVAL = Duration.ofMinutes(1);
    private static final Duration MAX_SYNC_INTERVAL = Duration.ofDays(7);

    /** This spec with the settings of the platform's pull sync, {@link #INITIAL_IMPORT} and {@link #SYNC_INTERVAL}. */
    public SettingsSpec withSyncSettings() {
        List<Field> all = new ArrayList<>(fields);
        all.add(optional(INITIAL_IMPORT, "whether a new connection imports the records that already exist: true "
                + "(default) or false, when its sync waits paused until started").checked(SettingChecks.oneOf("true",
                "false")));
        all.add(optional(SYNC_INTERVAL, "how often the sync reconciles with the connected system, an ISO-8601 "
                + "duration from PT1M to P7D (default PT15M)").checked(SettingChecks.parsedBy(SettingsSpec::syncInterval,
                "an ISO-8601 duration from PT1M to P7D, such as PT15M")));
        return new SettingsSpec(all);
    }

    /**
     * The sync interval a {@link #SYNC_INTERVAL} setting names, or the default for a missing or blank one.
     *
     * @throws IllegalArgumentException when it is no ISO-8601 duration from PT1M to P7D
     */
    public static Duration syncInterval(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_SYNC_INTERVAL;
        }
        Duration interval;
        try {
            interval = Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 duration", e);
        }
        if (interval.compareTo(MIN_SYNC_INTERVAL) < 0 || interval.compareTo(MAX_SYNC_INTERVAL) > 0) {
            throw new IllegalArgumentException("out of range");
        }
        return interval;
    }

    public Optional<Field> field(String name) {
        return fields.stream().filter(field -> field.name().equals(name)).findFirst();
    }

    public boolean isSecret(String name) {
        return field(name).map(Field::secret).orElse(false);
    }

    /** The settings Liaison derives from the connection's public webhook URL. */
    public List<String> derived() {
        return fields.stream().filter(Field::derived).map(Field::name).toList();
    }

    /**
     * Names every setting that is wrong, not just the first: required ones missing or blank, values that fail their
     * field's checks or exceed {@link #VALUE_LIMIT}, and names this kind does not know. A field has at most one
     * violation, its first failed check. The settings are what a caller gives, so a derived setting among them is a
     * violation too; Liaison adds those after this check.
     */
    public List<Violation> validate(Map<String, String> settings) {
        List<Violation> violations = new ArrayList<>();
        for (Field field : fields) {
            String value = settings.get(field.name());
            if (field.derived()) {
                if (settings.containsKey(field.name())) {
                    violations.add(new Violation(field.name(), DERIVED_MESSAGE));
                }
            } else if (value == null || value.isBlank()) {
                if (field.required()) {
                    violations.add(new Violation(field.name(), "is required: " + field.description()));
                }
            } else if (value.length() > VALUE_LIMIT) {
                violations.add(new Violation(field.name(), "must be at most " + VALUE_LIMIT + " characters long"));
            } else {
                field.checks().stream().map(check -> check.problem(value)).flatMap(Optional::stream).findFirst()
                        .ifPresent(problem -> violations.add(new Violation(field.name(), problem)));
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
