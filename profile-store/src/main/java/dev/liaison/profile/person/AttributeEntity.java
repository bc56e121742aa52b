package dev.liaison.profile.person;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "profile_attribute")
@AttributeOverride(name = "profileId", column = @Column(name = "profile_id", nullable = false, updatable = false))
public class AttributeEntity extends ProfileRow {

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(name = "attribute_value")
    private String value;

    @Embedded
    private SourceColumns source;

    @Column(name = "source_time", nullable = false)
    private Instant sourceTime;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    protected AttributeEntity() {
    }

    AttributeEntity(String profileId, AttributeValue attribute, Instant now) {
        super(profileId);
        this.name = attribute.name();
        set(attribute, now);
    }

    public String name() {
        return name;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public AttributeValue value() {
        return new AttributeValue(name, value, source.source(), sourceTime);
    }

    void set(AttributeValue attribute, Instant now) {
        this.value = attribute.value();
        this.source = new SourceColumns(attribute.source());
        this.sourceTime = attribute.sourceTime();
        this.recordedAt = now;
    }
}
