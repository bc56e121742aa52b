package dev.liaison.profile.consent;

import dev.liaison.profile.person.ProfileRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** A time the consent gate refused contact, with its reason. */
@Entity
@Immutable
@Table(name = "consent_refusal")
public class ConsentRefusalEntity extends ProfileRow {

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
        super(profileId);
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
