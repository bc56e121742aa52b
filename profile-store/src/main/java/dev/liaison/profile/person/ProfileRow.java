package dev.liaison.profile.person;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import org.hibernate.annotations.TenantId;

/**
 * The columns every row about one profile starts with: its generated id, its workspace (Hibernate's tenant id, so
 * that every query is scoped to the current workspace) and the profile it belongs to. A subclass whose profile never
 * changes may say so with {@code @AttributeOverride} on {@code profileId}.
 */
@MappedSuperclass
public abstract class ProfileRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @TenantId
    @Column(name = "workspace_id", nullable = false, updatable = false)
    private String workspaceId;

    @Column(name = "profile_id", nullable = false)
    private String profileId;

    /** For Hibernate. */
    protected ProfileRow() {
    }

    protected ProfileRow(String profileId) {
        this.profileId = profileId;
    }

    public Long id() {
        return id;
    }

    public String profileId() {
        return profileId;
    }

    /** Hands the row to another profile, as a merge does. */
    protected void reassign(String otherProfileId) {
        profileId = otherProfileId;
    }
}
