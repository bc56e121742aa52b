package dev.liaison.connector.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One connected account as a connector sees it: its identity and its decrypted settings. */
public record ConnectionContext(String id, String workspace, String kind, Map<String, String> settings) {

    public ConnectionContext {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(kind, "kind");
        settings = Map.copyOf(settings == null ? Map.of() : settings);
    }

    public Optional<String> setting(String name) {
        return Optional.ofNullable(settings.get(name)).filter(value -> !value.isBlank());
    }

    public String requiredSetting(String name) {
        return setting(name).orElseThrow(() -> new IllegalStateException(
                "Connection " + id + " has no setting '" + name + "'"));
    }

    public ExternalRef ref(String externalId) {
        return new ExternalRef(kind, id, externalId);
    }
}
