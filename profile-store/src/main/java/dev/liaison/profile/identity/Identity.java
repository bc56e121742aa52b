package dev.liaison.profile.identity;

import dev.liaison.connector.api.ExternalRef;
import java.util.Objects;
import java.util.Optional;

/** A normalised identifier of a person: what identity resolution compares. */
public record Identity(IdentityKind kind, String value) {

    public Identity {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    public static Identity of(ExternalRef ref) {
        return new Identity(IdentityKind.EXTERNAL, ref.system() + "|" + ref.connectionId() + "|" + ref.id());
    }

    /** The record an external identity points at; empty for an e-mail or phone, or a malformed value. */
    public Optional<ExternalRef> externalRef() {
        String[] parts = value.split("\\|", 3);
        return kind == IdentityKind.EXTERNAL && parts.length == 3
                ? Optional.of(new ExternalRef(parts[0], parts[1], parts[2])) : Optional.empty();
    }
}
