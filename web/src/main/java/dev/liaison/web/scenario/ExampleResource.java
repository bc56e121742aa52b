package dev.liaison.web.scenario;

import dev.liaison.scenario.examples.Example;
import dev.liaison.scenario.examples.ExampleImport;
import dev.liaison.web.problem.ProblemException;
import dev.liaison.web.security.Audited;
import dev.liaison.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The shipped examples for CRM admins: list them, and import one into the caller's workspace without a restart (a
 * scenario as its next version, routing rules as the next rule set), as uploading the file would.
 */
@Path("/api/admin/examples")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CRM_ADMIN)
public class ExampleResource {

    private final ScenarioExamples examples;
    private final ExampleImport importer;

    @Inject
    public ExampleResource(ScenarioExamples examples, ExampleImport importer) {
        this.examples = examples;
        this.importer = importer;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public ExampleResource() {
        this(null, null);
    }

    @GET
    public List<Example> list() {
        return examples.list();
    }

    @POST
    @Path("{name}")
    @Audited("example.import")
    @APIResponse(responseCode = "201", description = "Imported as a new scenario version or rule set",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ExampleImport.Imported.class)))
    @APIResponse(responseCode = "200", description = "The example already is the newest version (enabled): nothing "
            + "added, the answer names that version", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ExampleImport.Imported.class)))
    public Response importExample(@PathParam("name") String name, @Context SecurityContext security) {
        Example example = examples.find(name).orElseThrow(() -> ProblemException.notFound("Example", name));
        ExampleImport.Imported imported = importer.importExample(example, ScenarioResource.caller(security));
        return Response.status(imported.newVersion() ? Response.Status.CREATED : Response.Status.OK)
                .entity(imported).build();
    }
}
