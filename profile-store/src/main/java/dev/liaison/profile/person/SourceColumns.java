package dev.liaison.profile.person;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A {@link Source} as a row stores it, in {@code source_system}, {@code source_connection} and {@code source_ref}. */
@Embeddable
public class SourceColumns {

    @Column(name = "source_system", nullable = false)
    private String system;

    @Column(name = "source_connection")
    private String connectionId;

    @Column(name = "source_ref")
    private String ref;

    /** For Hibernate. */
    protected SourceColumns() {
    }

    public SourceColumns(Source source) {
        this.system = source.system();
        this.connectionId = source.connectionId();
        this.ref = source.ref();
    }

    public Source source() {
        return new Source(system, connectionId, ref);
    }
}
