package dev.liaison.profile.person;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.TenantId;

@Entity
@Table(name = "profile_attribute")
public class AttributeEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @TenantId
    @Column(name = "workspace_id", nullable = false, updatable = false)
    private String workspaceId;

    @Column(name = "profile_id", nullable = false, updatable = false)
    private String profileId;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(name = "attribute_value")
    private String value;

    @Column(name = "source_system", nullable = false)
    private String sourceSystem;

    @Column(name = "source_connection")
    private String sourceConnection;

    @Column(name = "source_ref")
    private String sourceRef;

    @Column(name = "source_time", nullable = false)
    private Instant sourceTime;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    protected AttributeEntity() {
    }

    AttributeEntity(String profileId, AttributeValue attribute, Instant now) {
        this.profileId = profileId;
        this.name = attribute.name();
        set(attribute, now);
    }

    public String profileId() {
        return profileId;
    }

    public String name() {
        return name;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public AttributeValue value() {
        return new AttributeValue(name, value, new Source(sourceSystem, sourceConnection, sourceRef), sourceTime);
    }

    void set(AttributeValue attribute, Instant now) {
        this.value = attribute.value();
        this.sourceSystem = attribute.source().system();
        this.sourceConnection = attribute.source().connectionId();
        this.sourceRef = attribute.source().ref();
        this.sourceTime = attribute.sourceTime();
        this.recordedAt = now;
    }
}
