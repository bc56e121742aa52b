package dev.liaison.profile.person;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * A recorded merge: which profile absorbed which and why, the identities it moved and the survivor's attribute
 * values it overwrote (both as JSON), so that {@code undo} can put everything back.
 */
@Entity
@Table(name = "profile_merge")
public class MergeEntity {

    @Id
    private String id;

    @TenantId
    @Column(name = "workspace_id", nullable = false, updatable = false)
    private String workspaceId;

    @Column(name = "survivor_id", nullable = false, updatable = false)
    private String survivorId;

    @Column(name = "absorbed_id", nullable = false, updatable = false)
    private String absorbedId;

    @Column(nullable = false, updatable = false)
    private String reason;

    @Column(name = "moved_identities", nullable = false, updatable = false)
    private String movedIdentities;

    @Column(nullable = false, updatable = false)
    private String overwritten;

    @Column(name = "merged_at", nullable = false, updatable = false)
    private Instant mergedAt;

    @Column(name = "undone_at")
    private Instant undoneAt;

    protected MergeEntity() {
    }

    MergeEntity(String survivorId, String absorbedId, String reason, String movedIdentities, String overwritten,
                Instant now) {
        this.id = UUID.randomUUID().toString();
        this.survivorId = survivorId;
        this.absorbedId = absorbedId;
        this.reason = reason;
        this.movedIdentities = movedIdentities;
        this.overwritten = overwritten;
        this.mergedAt = now;
    }

    public String id() {
        return id;
    }

    public String survivorId() {
        return survivorId;
    }

    public String absorbedId() {
        return absorbedId;
    }

    public String reason() {
        return reason;
    }

    public Instant mergedAt() {
        return mergedAt;
    }

    public Instant undoneAt() {
        return undoneAt;
    }

    String movedIdentities() {
        return movedIdentities;
    }

    String overwritten() {
        return overwritten;
    }

    void undone(Instant now) {
        undoneAt = now;
    }
}
