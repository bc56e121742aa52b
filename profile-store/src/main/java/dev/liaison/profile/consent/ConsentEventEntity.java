package dev.liaison.profile.consent;

import dev.liaison.profile.person.ProfileRow;
import dev.liaison.profile.person.SourceColumns;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** A ledger row. {@code @Immutable}: Hibernate never issues an UPDATE for it, and no code path deletes it. */
@Entity
@Immutable
@Table(name = "consent_event")
public class ConsentEventEntity extends ProfileRow {

    @Column(nullable = false)
    private String purpose;

    @Column(nullable = false)
    private String channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Decision decision;

    @Embedded
    private SourceColumns source;

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
        super(profileId);
        this.purpose = entry.purpose();
        this.channel = entry.channel();
        this.decision = entry.decision();
        this.source = new SourceColumns(entry.source());
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
        return new ConsentRecord(id(), profileId(), purpose, channel, decision, source.source(),
                new Evidence(noticeVersion, noticeSha256, collectionMethod, evidenceText, ipAddress, userAgent),
                occurredAt, recordedAt);
    }
}
