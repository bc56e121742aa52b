package dev.liaison.web.scenario;

import dev.liaison.profile.person.ProfileService;
import dev.liaison.scenario.engine.ScenarioEngine;
import dev.liaison.scenario.engine.ScenarioStore;
import dev.liaison.web.problem.ProblemException;
import dev.liaison.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * What scenarios did for one person, and why they did nothing: readable by everyone who looks after that person.
 * A resource of its own because JAX-RS matches the longest root path first, and {@code /api/profiles} belongs to
 * the profile resource.
 */
@Path("/api/profiles/{profileId}/scenarios")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.CRM_ADMIN, Roles.SUPPORT_AGENT, Roles.COMPLIANCE_OFFICER})
public class PersonScenariosResource {

    private final ScenarioEngine engine;
    private final ProfileService profiles;

    @Inject
    public PersonScenariosResource(ScenarioEngine engine, ProfileService profiles) {
        this.engine = engine;
        this.profiles = profiles;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public PersonScenariosResource() {
        this(null, null);
    }

    public record PersonScenarios(String profileId, List<ScenarioStore.Run> runs,
                                  List<ScenarioStore.TraceEntry> trace) {
    }

    @GET
    public PersonScenarios get(@PathParam("profileId") String profileId) {
        if (profiles.find(profileId).isEmpty()) {
            throw ProblemException.notFound("Profile", profileId);
        }
        return new PersonScenarios(profileId, engine.runs(profileId), engine.traces(profileId));
    }
}
