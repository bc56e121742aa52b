package dev.liaison.profile.person;

import dev.liaison.profile.identity.Identity;
import dev.liaison.profile.identity.IdentityKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "profile_identity")
public class IdentityEntity extends ProfileRow {

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private IdentityKind kind;

    @Column(name = "identity_value", nullable = false, updatable = false)
    private String value;

    @Column(name = "source_system", nullable = false, updatable = false)
    private String sourceSystem;

    @Column(name = "source_connection", updatable = false)
    private String sourceConnection;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected IdentityEntity() {
    }

    IdentityEntity(String profileId, Identity identity, Source source, Instant now) {
        super(profileId);
        this.kind = identity.kind();
        this.value = identity.value();
        this.sourceSystem = source.system();
        this.sourceConnection = source.connectionId();
        this.createdAt = now;
    }

    public Identity identity() {
        return new Identity(kind, value);
    }

    public String sourceSystem() {
        return sourceSystem;
    }

    public String sourceConnection() {
        return sourceConnection;
    }

    public Instant createdAt() {
        return createdAt;
    }

    void movedTo(String otherProfileId) {
        reassign(otherProfileId);
    }
}
