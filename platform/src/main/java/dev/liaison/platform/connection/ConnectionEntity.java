package dev.liaison.platform.connection;

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

/** One connected external account: a Bitrix24 portal, an amoCRM account, a Zendesk instance, a gateway. */
@Entity
@Table(name = "connection")
public class ConnectionEntity {

    @Id
    private String id;

    @TenantId
    @Column(name = "workspace_id", nullable = false, updatable = false)
    private String workspaceId;

    @Column(nullable = false, updatable = false)
    private String kind;

    @Column(nullable = false)
    private String name;

    /** The name as uniqueness compares it ({@link ConnectionNames#key}): unique per workspace. */
    @Column(name = "name_key", nullable = false)
    private String nameKey;

    /** The settings as one JSON object sealed by the secret box: credentials are never stored in clear. */
    @Column(name = "settings", nullable = false)
    private String sealedSettings;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ConnectionStatus status;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "disconnect_error")
    private String disconnectError;

    @Version
    private long version;

    protected ConnectionEntity() {
    }

    ConnectionEntity(String kind, String name, Instant createdAt) {
        this.id = UUID.randomUUID().toString();
        this.kind = kind;
        rename(name);
        this.status = ConnectionStatus.ACTIVE;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    public String workspaceId() {
        return workspaceId;
    }

    public String kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    void rename(String newName) {
        this.name = newName;
        this.nameKey = ConnectionNames.key(newName);
    }

    /** Changes with every update of the row, including a token rotation: the admin API's entity tag. */
    public long version() {
        return version;
    }

    String sealedSettings() {
        return sealedSettings;
    }

    void sealedSettings(String sealed) {
        this.sealedSettings = sealed;
    }

    public ConnectionStatus status() {
        return status;
    }

    /**
     * Stops the connection for good: its webhooks are refused and data-subject requests no longer reach it.
     *
     * @param disconnectError why the remote system was not cleaned up, null when it was or had nothing to clean up
     */
    void disable(String disconnectError) {
        this.status = ConnectionStatus.DISABLED;
        this.disconnectError = disconnectError;
    }

    /** Takes a disabled connection back into service; what its disconnect left behind is forgotten. */
    void enable() {
        this.status = ConnectionStatus.ACTIVE;
        this.disconnectError = null;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String disconnectError() {
        return disconnectError;
    }

    public String webhookPath() {
        return "/hooks/" + id;
    }
}
