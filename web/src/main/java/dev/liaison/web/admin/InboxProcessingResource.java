package dev.liaison.web.admin;

import dev.liaison.platform.processing.InboxProcessor;
import dev.liaison.web.security.Audited;
import dev.liaison.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Pauses and resumes inbox processing on the node that answers, e.g. to let a database maintenance pass or to watch
 * the backlog metric grow. Webhooks are still accepted and stored while processing is paused; other nodes go on
 * processing, and a restart resumes. It acts on the node, not on a workspace, so it is audited like every admin
 * action.
 */
@Path("/api/admin/inbox")
@RequestScoped
@RolesAllowed(Roles.CRM_ADMIN)
public class InboxProcessingResource {

    private final InboxProcessor processor;

    @Inject
    public InboxProcessingResource(InboxProcessor processor) {
        this.processor = processor;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public InboxProcessingResource() {
        this(null);
    }

    @POST
    @Audited("inbox.processing.pause")
    @Path("pause")
    @APIResponse(responseCode = "204", description = "This node processes no inbox entries until resumed")
    public Response pause() {
        processor.pause();
        return Response.noContent().build();
    }

    @POST
    @Audited("inbox.processing.resume")
    @Path("resume")
    @APIResponse(responseCode = "204", description = "This node processes inbox entries again")
    public Response resume() {
        processor.resume();
        return Response.noContent().build();
    }
}
