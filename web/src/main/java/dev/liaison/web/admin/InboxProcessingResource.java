package dev.liaison.web.admin;

import dev.liaison.platform.processing.InboxProcessor;
import dev.liaison.platform.workspace.WorkspaceContext;
import dev.liaison.web.problem.Problem;
import dev.liaison.web.problem.ProblemException;
import dev.liaison.web.security.Audited;
import dev.liaison.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Pauses and resumes inbox processing on the node that answers, e.g. to let a database maintenance pass or to watch
 * the backlog metric grow. Webhooks are still accepted and stored while processing is paused; other nodes go on
 * processing, and a restart resumes. It acts on the node, for every workspace at once, so only a crm-admin of the
 * operator's own workspace ({@value WorkspaceContext#DEFAULT}) may use it: a tenant's admin could otherwise stop
 * every other tenant's processing. Audited like every admin action. Neither takes a body.
 */
@Path("/api/admin/inbox")
@RequestScoped
@RolesAllowed(Roles.CRM_ADMIN)
public class InboxProcessingResource {

    private static final String OPERATOR_ONLY = "`forbidden`: the caller lacks the role crm-admin, or is a crm-admin "
            + "of another workspace than the operator's (`default`): pausing a node stops every workspace's processing";
    private static final String NO_BODY = "`validation`: the request has a body (`field` is `body`); this operation "
            + "takes none, and nothing changed";

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
    @APIResponse(responseCode = "403", description = OPERATOR_ONLY,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "400", description = NO_BODY,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response pause(@Context HttpHeaders headers) {
        return onThisNode(headers, processor::pause);
    }

    @POST
    @Audited("inbox.processing.resume")
    @Path("resume")
    @APIResponse(responseCode = "204", description = "This node processes inbox entries again")
    @APIResponse(responseCode = "403", description = OPERATOR_ONLY,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "400", description = NO_BODY,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response resume(@Context HttpHeaders headers) {
        return onThisNode(headers, processor::resume);
    }

    /** Both operations check the same things before they act, and answer alike. */
    private static Response onThisNode(HttpHeaders headers, Runnable operation) {
        requireOperator();
        refuseBody(headers);
        operation.run();
        return Response.noContent().build();
    }

    private static void requireOperator() {
        if (!WorkspaceContext.DEFAULT.equals(WorkspaceContext.current())) {
            throw new ProblemException(Response.Status.FORBIDDEN, "forbidden", "Forbidden", "Pausing or resuming a "
                    + "node acts on every workspace: only a crm-admin of the default workspace may", List.of());
        }
    }

    /**
     * Both take no input. A body (a duration, a node name, a reason) would otherwise be ignored while the caller
     * believes it counted, so it is refused, and nothing changes; an empty body, as many clients send, is no body.
     */
    private static void refuseBody(HttpHeaders headers) {
        if (headers.getLength() > 0 || headers.getHeaderString("Transfer-Encoding") != null) {
            throw ProblemException.invalid("body", "must be empty: this operation takes no input");
        }
    }
}
