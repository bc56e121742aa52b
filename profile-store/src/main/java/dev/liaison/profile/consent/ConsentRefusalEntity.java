package dev.liaison.profile.consent;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.TenantId;

/** A time the consent gate refused contact, with its reason. */
@Entity
@Immutable
@Table(name = "consent_refusal")
public class ConsentRefusalEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @TenantId
    @Column(name = "workspace_id", nullable = false, updatable = false)
    private String workspaceId;

    @Column(name = "profile_id", nullable = false)
    private String profileId;

    @Column(nullable = false)
    private String purpose;

    @Column(nullable = false)
    private String channel;

    @Column(nullable = false)
    private String reason;

    @Column(name = "refused_at", nullable = false)
    private Instant refusedAt;

    protected ConsentRefusalEntity() {
    }

    ConsentRefusalEntity(String profileId, String purpose, String channel, String reason, Instant refusedAt) {
        this.profileId = profileId;
        this.purpose = purpose;
        this.channel = channel;
        this.reason = reason;
        this.refusedAt = refusedAt;
    }

    public String purpose() {
        return purpose;
    }

    public String channel() {
        return channel;
    }

    public String reason() {
        return reason;
    }

    public Instant refusedAt() {
        return refusedAt;
    }
}
