package dev.liaison.web.admin;

import dev.liaison.platform.connection.ConnectionStore;
import dev.liaison.web.security.Audited;
import dev.liaison.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Key rotation: after a new key is put first in {@code liaison.secrets.keys} (old ones kept behind it) and the
 * server restarted, this re-seals every stored credential with the new key; then the old key can be dropped.
 */
@Path("/api/admin/secrets")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed(Roles.CRM_ADMIN)
public class SecretsResource {

    private final ConnectionStore connections;

    @Inject
    public SecretsResource(ConnectionStore connections) {
        this.connections = connections;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public SecretsResource() {
        this(null);
    }

    public record Rotation(int resealed) {
    }

    @POST
    @Audited("secrets.rotate")
    @Path("rotate")
    public Rotation rotate() {
        return new Rotation(connections.resealWithCurrentKey());
    }
}
