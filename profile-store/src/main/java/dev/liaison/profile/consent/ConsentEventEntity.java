package dev.liaison.profile.consent;

import dev.liaison.profile.person.Source;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.TenantId;

/** A ledger row. {@code @Immutable}: Hibernate never issues an UPDATE for it, and no code path deletes it. */
@Entity
@Immutable
@Table(name = "consent_event")
public class ConsentEventEntity {

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

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Decision decision;

    @Column(name = "source_system", nullable = false)
    private String sourceSystem;

    @Column(name = "source_connection")
    private String sourceConnection;

    @Column(name = "source_ref")
    private String sourceRef;

    @Column(name = "notice_version")
    private String noticeVersion;

    @Column(name = "notice_sha256")
    private String noticeSha256;

    @Column(name = "collection_method")
    private String collectionMethod;

    @Column(name = "evidence")
    private String evidenceText;

    @Column(name = "ip_address")
    private String ipAddress;

    @Column(name = "user_agent")
    private String userAgent;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    protected ConsentEventEntity() {
    }

    ConsentEventEntity(String profileId, ConsentEntry entry, Instant now) {
        this.profileId = profileId;
        this.purpose = entry.purpose();
        this.channel = entry.channel();
        this.decision = entry.decision();
        this.sourceSystem = entry.source().system();
        this.sourceConnection = entry.source().connectionId();
        this.sourceRef = entry.source().ref();
        this.noticeVersion = entry.evidence().noticeVersion();
        this.noticeSha256 = entry.evidence().noticeSha256();
        this.collectionMethod = entry.evidence().collectionMethod();
        this.evidenceText = entry.evidence().text();
        this.ipAddress = entry.evidence().ipAddress();
        this.userAgent = entry.evidence().userAgent();
        this.occurredAt = entry.occurredAt();
        this.recordedAt = now;
    }

    public ConsentRecord toRecord() {
        return new ConsentRecord(id, profileId, purpose, channel, decision,
                new Source(sourceSystem, sourceConnection, sourceRef),
                new Evidence(noticeVersion, noticeSha256, collectionMethod, evidenceText, ipAddress, userAgent),
                occurredAt, recordedAt);
    }
}
