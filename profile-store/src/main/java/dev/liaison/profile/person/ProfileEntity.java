package dev.liaison.profile.person;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

@Entity
@Table(name = "profile")
public class ProfileEntity {

    @Id
    private String id;

    @TenantId
    @Column(name = "workspace_id", nullable = false, updatable = false)
    private String workspaceId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ProfileStatus status;

    @Column(name = "merged_into")
    private String mergedInto;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected ProfileEntity() {
    }

    ProfileEntity(Instant now) {
        this.id = UUID.randomUUID().toString();
        this.status = ProfileStatus.ACTIVE;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public String id() {
        return id;
    }

    public ProfileStatus status() {
        return status;
    }

    public String mergedInto() {
        return mergedInto;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    void absorbedBy(String survivorId, Instant now) {
        status = ProfileStatus.MERGED;
        mergedInto = survivorId;
        updatedAt = now;
    }

    void restored(Instant now) {
        status = ProfileStatus.ACTIVE;
        mergedInto = null;
        updatedAt = now;
    }

    void touched(Instant now) {
        updatedAt = now;
    }
}
