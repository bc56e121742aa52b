package dev.liaison.profile.identity;

import dev.liaison.connector.api.ExternalRef;
import java.util.Objects;

/** A normalised identifier of a person: what identity resolution compares. */
public record Identity(IdentityKind kind, String value) {

    public Identity {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    public static Identity of(ExternalRef ref) {
        return new Identity(IdentityKind.EXTERNAL, ref.system() + "|" + ref.connectionId() + "|" + ref.id());
    }
}
